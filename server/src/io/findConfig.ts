/**
 * Finding the configuration file that governs a path: the nearest of the given names in its
 * folder or a folder above, stopping after the first folder that is a boundary (the workspace
 * folder, a repository root — it holds `.git` — or the file system root) and after MAX_LEVELS
 * folders whatever happens. Each folder is looked at once per finder (answers are cached), so
 * a check of thousands of files costs a few stats per folder of the tree.
 */
import { lstat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Folders climbed at most (deeper trees are not real repositories). */
const MAX_LEVELS = 64;

export class ConfigFinder {
  private readonly found = new Map<string, Promise<string | undefined>>();

  /**
   * @param names file names looked for in each folder, in this order
   * @param boundaries folders the search never climbs above (workspace folders)
   */
  constructor(
    private readonly names: readonly string[],
    private readonly boundaries: readonly string[] = [],
  ) {}

  /** The configuration file for a file in `dir` (absolute or relative to the working folder). */
  forDirectory(dir: string): Promise<string | undefined> {
    return this.lookup(resolve(dir), MAX_LEVELS);
  }

  /** Forgets every answer (a configuration file was created, changed or deleted). */
  clear(): void {
    this.found.clear();
  }

  private lookup(dir: string, levels: number): Promise<string | undefined> {
    let p = this.found.get(dir);
    if (!p) {
      p = this.search(dir, levels);
      this.found.set(dir, p);
    }
    return p;
  }

  private async search(dir: string, levels: number): Promise<string | undefined> {
    for (const name of this.names) {
      const path = join(dir, name);
      // A regular file only (not followed if a link: a link to /dev/zero is not a config file).
      if (await isFile(path)) return path;
    }
    const parent = dirname(dir);
    if (parent === dir || levels <= 1 || this.boundaries.includes(dir) || (await exists(join(dir, '.git')))) return undefined;
    return this.lookup(parent, levels - 1);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
