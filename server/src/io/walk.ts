/**
 * Finding the manifest files under the paths given (the CLI's arguments, the server's
 * workspace folders). A repository is untrusted: links may loop or point anywhere, entries may
 * be devices, FIFOs or sockets, trees may be deep and wide. So:
 *
 * - regular files only, found by `lstat`/`stat`, never by opening anything;
 * - a symbolic link is followed, but each real path is searched or listed once: a link back
 *   to a directory above it is a loop, reported once and not followed; a second way to the
 *   same directory or file is noted and skipped;
 * - the roots are always searched (a link named as a root is followed); inside them,
 *   node_modules and dot-directories are not;
 * - depth, directory entries, files and their bytes in all are bounded (limits.ts), and files
 *   over the size limit are not listed;
 * - what is skipped is said in a note (notes.ts); a root that cannot be used is a failure.
 *
 * Directories are read one at a time with a bounded buffer (opendir), in name order, so the
 * result is the same from run to run.
 */
import type { Dirent, Stats } from 'node:fs';
import { lstat, opendir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_WALK_LIMITS, YAML_FILE, formatBytes, isSkippedDir, kindOf, type WalkLimits } from './limits';
import { errorNote, type SkipNote } from './notes';
import { byteLimit, notRegularNote, tooLargeNote } from './read';

export interface FoundFile {
  /** The path as reached from its root (for display and URIs). */
  path: string;
  /** The path with every link resolved (what readTextFile opens). */
  realPath: string;
  size: number;
  mtimeMs: number;
  dev: number;
  ino: number;
  /** Index of the root it was found under. */
  root: number;
  /** The root itself: a file named explicitly. */
  explicit: boolean;
}

export interface WalkOptions extends Partial<WalkLimits> {
  /** Files larger than this many bytes are noted and not listed (default 20 MiB). */
  maxFileSize?: number;
  /** Names of files listed inside directories (default *.yaml, *.yml). */
  match?: (name: string) => boolean;
  /** Asked between entries; a cancelled walk returns what it found so far. */
  isCancelled?: () => boolean;
}

export interface WalkResult {
  /** In root order, then depth-first in name order; each real path once. */
  files: FoundFile[];
  /** What was skipped inside the roots, and why (at most MAX_NOTES). */
  notes: SkipNote[];
  /** Notes beyond MAX_NOTES, counted only. */
  omittedNotes: number;
  /** Roots that could not be used (missing, unreadable, not a file or directory), with their index. */
  failed: Array<SkipNote & { root: number }>;
  /** False when cancelled or stopped at a limit. */
  complete: boolean;
}

const MAX_NOTES = 1000;

function isKnownType(e: Dirent): boolean {
  return e.isFile() || e.isDirectory() || e.isSymbolicLink() || e.isFIFO() || e.isSocket() || e.isCharacterDevice() || e.isBlockDevice();
}

/** Whether `dir` is `ancestor` or below it (both real paths). */
function within(dir: string, ancestor: string): boolean {
  return dir === ancestor || dir.startsWith(ancestor.endsWith(sep) ? ancestor : ancestor + sep);
}

class Walk {
  readonly result: WalkResult = { files: [], notes: [], omittedNotes: 0, failed: [], complete: true };
  /** Real path → the path it was first reached by. */
  private readonly dirs = new Map<string, string>();
  private readonly files = new Map<string, string>();
  private entries = 0;
  private bytes = 0;
  private stopped = false;
  private readonly limits: WalkLimits;
  private readonly maxBytes: number;
  private readonly match: (name: string) => boolean;

  constructor(private readonly options: WalkOptions) {
    this.limits = {
      maxDepth: options.maxDepth ?? DEFAULT_WALK_LIMITS.maxDepth,
      maxEntries: options.maxEntries ?? DEFAULT_WALK_LIMITS.maxEntries,
      maxFiles: options.maxFiles ?? DEFAULT_WALK_LIMITS.maxFiles,
      maxTotalBytes: options.maxTotalBytes ?? DEFAULT_WALK_LIMITS.maxTotalBytes,
    };
    this.maxBytes = byteLimit(options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    this.match = options.match ?? ((name) => YAML_FILE.test(name));
  }

  private note(n: SkipNote): void {
    if (this.result.notes.length < MAX_NOTES) this.result.notes.push(n);
    else this.result.omittedNotes++;
  }

  private stop(path: string, message: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.result.complete = false;
    this.note({ path, reason: 'limit', message });
  }

  private get done(): boolean {
    if (!this.stopped && this.options.isCancelled?.()) {
      this.stopped = true;
      this.result.complete = false;
    }
    return this.stopped;
  }

  async root(path: string, index: number): Promise<void> {
    if (this.done) return;
    let st: Stats;
    let real: string;
    try {
      st = await stat(path); // a link named as a root is followed
      real = await realpath(path);
    } catch (err) {
      this.result.failed.push({ ...errorNote(path, err), root: index });
      return;
    }
    if (st.isDirectory()) {
      // A root inside one already searched (or given twice) adds nothing.
      if (this.dirs.has(real)) return;
      this.dirs.set(real, path);
      await this.directory(path, real, 0, index);
    } else if (st.isFile()) {
      if (this.files.has(real)) return;
      if (st.size > this.maxBytes) return this.note(tooLargeNote(path, st.size, this.maxBytes));
      this.list(path, real, st, index, true);
    } else this.result.failed.push({ ...notRegularNote(path, st), root: index });
  }

  private list(path: string, real: string, st: Stats, root: number, explicit: boolean): void {
    if (this.result.files.length >= this.limits.maxFiles) return this.stop(path, `more than ${this.limits.maxFiles.toLocaleString('en-US')} files; the rest is not read`);
    if (this.bytes + st.size > this.limits.maxTotalBytes) return this.stop(path, `more than ${formatBytes(this.limits.maxTotalBytes)} in all; the rest is not read`);
    this.bytes += st.size;
    this.files.set(real, path);
    this.result.files.push({ path, realPath: real, size: st.size, mtimeMs: st.mtimeMs, dev: st.dev, ino: st.ino, root, explicit });
  }

  private async directory(path: string, real: string, depth: number, root: number): Promise<void> {
    const entries: Dirent[] = [];
    try {
      const dir = await opendir(path, { bufferSize: 64 });
      for await (const e of dir) {
        if (++this.entries > this.limits.maxEntries) {
          this.stop(path, `more than ${this.limits.maxEntries.toLocaleString('en-US')} directory entries; the rest is not searched`);
          break; // closes the directory
        }
        entries.push(e);
      }
    } catch (err) {
      this.note(errorNote(path, err));
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (this.done) return;
      await this.entry(e, join(path, e.name), join(real, e.name), real, depth, root);
    }
  }

  private async entry(e: Dirent, path: string, lexicalReal: string, parentReal: string, depth: number, root: number): Promise<void> {
    const name = e.name;
    if (e.isDirectory()) {
      if (!isSkippedDir(name)) await this.subdirectory(path, lexicalReal, parentReal, depth + 1, root, false);
      return;
    }
    if (e.isFile()) {
      if (this.match(name)) await this.file(path, lexicalReal, undefined, root);
      return;
    }
    if (e.isSymbolicLink() || !isKnownType(e)) return this.other(path, name, parentReal, depth, root);
    if (this.match(name)) this.note({ path, reason: 'not-regular', message: `not a regular file (${kindOf(e)})` });
  }

  /** A symbolic link, or an entry whose type the directory listing did not give. */
  private async other(path: string, name: string, parentReal: string, depth: number, root: number): Promise<void> {
    let own: Stats;
    let st: Stats;
    try {
      own = await lstat(path);
    } catch (err) {
      if (this.match(name)) this.note(errorNote(path, err));
      return;
    }
    const isLink = own.isSymbolicLink();
    try {
      st = isLink ? await stat(path) : own;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') this.note({ path, reason: 'loop', message: 'a cycle of symbolic links' });
      else if (this.match(name)) this.note(code === 'ENOENT' ? { path, reason: 'broken-link', message: 'a symbolic link to nothing' } : errorNote(path, err));
      return;
    }
    if (st.isDirectory()) {
      if (isSkippedDir(name)) return;
      let real: string;
      try {
        real = await realpath(path);
      } catch (err) {
        return this.note(errorNote(path, err));
      }
      return this.subdirectory(path, real, parentReal, depth + 1, root, isLink);
    }
    if (!this.match(name)) return;
    if (!st.isFile()) return this.note({ path, reason: 'not-regular', message: `not a regular file (${isLink ? 'links to ' : ''}${kindOf(st)})` });
    let real: string;
    try {
      real = await realpath(path);
    } catch (err) {
      return this.note(errorNote(path, err));
    }
    await this.file(path, real, st, root);
  }

  private async subdirectory(path: string, real: string, parentReal: string, depth: number, root: number, viaLink: boolean): Promise<void> {
    const first = this.dirs.get(real);
    if (first !== undefined) {
      if (viaLink && within(parentReal, real)) this.note({ path, reason: 'loop', message: `a symbolic link loop (leads back to ${first})` });
      else this.note({ path, reason: 'duplicate', message: `the same directory as ${first}, searched once` });
      return;
    }
    if (depth > this.limits.maxDepth) return this.note({ path, reason: 'too-deep', message: `deeper than ${this.limits.maxDepth} levels; not searched` });
    this.dirs.set(real, path);
    await this.directory(path, real, depth, root);
  }

  private async file(path: string, real: string, known: Stats | undefined, root: number): Promise<void> {
    const first = this.files.get(real);
    if (first !== undefined) return this.note({ path, reason: 'duplicate', message: `the same file as ${first}, read once` });
    let st = known;
    if (!st) {
      try {
        st = await lstat(path);
      } catch (err) {
        return this.note(errorNote(path, err));
      }
      if (!st.isFile()) return this.note(notRegularNote(path, st)); // replaced since it was listed
    }
    if (st.size > this.maxBytes) return this.note(tooLargeNote(path, st.size, this.maxBytes));
    this.list(path, real, st, root, false);
  }
}

/** The files under `roots`, with notes on what was skipped. Never throws for what it finds on disk. */
export async function walkFiles(roots: readonly string[], options: WalkOptions = {}): Promise<WalkResult> {
  const walk = new Walk(options);
  for (let i = 0; i < roots.length; i++) await walk.root(roots[i], i);
  return walk.result;
}
