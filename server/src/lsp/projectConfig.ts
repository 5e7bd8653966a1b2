/**
 * The project configuration files (.podsight.yaml, .podsight.yml, .podsight.json) in the server:
 * for each document, the nearest one above it up to its workspace folder (or the repository
 * root, or 64 folders), read from disk and merged under the editor's settings (engine
 * config/configFile.ts mergeConfig: the editor wins key by key; the file fills what the editor
 * leaves unset). A file its `exclude` matches is not validated. Answers are cached until a
 * configuration file changes on disk.
 */
import { fileURLToPath } from 'node:url';
import { basename, dirname, relative, sep } from 'node:path';
import { ConfigFinder } from '../io/findConfig';
import { readTextFile } from '../io/read';
import { CONFIG_FILE_NAMES, EMPTY_CONFIG, MAX_CONFIG_BYTES, isConfigFileName, isExcluded, mergeConfig, parseConfig, type PodsightConfig, type PodsightSettings } from '../service';

export class ProjectConfigs {
  private finder = new ConfigFinder(CONFIG_FILE_NAMES);
  private readonly files = new Map<string, Promise<PodsightConfig>>();

  constructor(private readonly warn: (message: string) => void) {}

  /** Workspace folders (file URIs): the search never climbs above one. */
  setFolders(folders: readonly string[]): void {
    const paths = folders.flatMap((f) => (f.startsWith('file:') ? [fileURLToPath(f).replace(/[\\/]$/, '')] : []));
    this.finder = new ConfigFinder(CONFIG_FILE_NAMES, paths);
    this.files.clear();
  }

  /** Whether a URI names a configuration file (a change to it changes every answer). */
  static isConfigUri(uri: string): boolean {
    return uri.startsWith('file:') && isConfigFileName(basename(fileURLToPath(uri)));
  }

  clear(): void {
    this.finder.clear();
    this.files.clear();
  }

  /** The configuration governing a folder (a file path's dirname). */
  async forDirectory(dir: string): Promise<{ path?: string; config: PodsightConfig }> {
    const path = await this.finder.forDirectory(dir);
    if (!path) return { config: EMPTY_CONFIG };
    let p = this.files.get(path);
    if (!p) {
      p = this.read(path);
      this.files.set(path, p);
    }
    return { path, config: await p };
  }

  /**
   * A document's settings with its configuration file merged in; validation off when the file
   * excludes it. Documents that are not files (untitled) keep the editor's settings.
   */
  async apply(uri: string, editor: PodsightSettings, editorSetWholeCluster: boolean): Promise<PodsightSettings> {
    if (!uri.startsWith('file:')) return editor;
    const file = fileURLToPath(uri);
    const { path, config } = await this.forDirectory(dirname(file));
    if (!path) return editor;
    const merged = mergeConfig(editor, config, editorSetWholeCluster);
    const rel = relative(dirname(path), file);
    if (config.exclude.length && isExcluded(config.exclude, sep === '/' ? rel : rel.split(sep).join('/'))) return { ...merged, validate: { ...merged.validate, enable: false } };
    return merged;
  }

  private async read(path: string): Promise<PodsightConfig> {
    const r = await readTextFile(path, { maxBytes: MAX_CONFIG_BYTES });
    if (!r.ok) {
      this.warn(`${path}: ${r.message}`);
      return EMPTY_CONFIG;
    }
    const { config, problems } = parseConfig(r.text);
    // The file's own diagnostics say the details where it is open; the log says it once.
    if (problems.length) this.warn(`${path}: ${problems.length} problem${problems.length === 1 ? '' : 's'} (${problems[0].message}); open the file to see them`);
    return config;
  }
}
