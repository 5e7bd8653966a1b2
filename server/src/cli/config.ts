/**
 * The CLI's configuration: `--config FILE` for every input, or else, per input file, the nearest
 * `.podsight.yaml` / `.podsight.yml` / `.podsight.json` above it (up to the repository root).
 * Errors in a configuration file stop the check (exit 2) with one `file:line:column: message`
 * line per problem; warnings (an unknown rule id) are notes on stderr. `exclude` patterns are
 * relative to the folder of the file that declares them, `--exclude` patterns to the working
 * folder.
 */
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { readTextFile } from '../io/read';
import { ConfigFinder } from '../io/findConfig';
import {
  CONFIG_FILE_NAMES,
  DEFAULT_SETTINGS,
  EMPTY_CONFIG,
  MAX_CONFIG_BYTES,
  compileGlob,
  escapeText,
  isConfigFileName,
  isExcluded,
  mergeConfig,
  parseConfig,
  type Glob,
  type PodsightConfig,
  type PodsightSettings,
} from '../service';

/** A configuration file that cannot be used: the message is the whole report (exit 2). */
export class ConfigError extends Error {}

export interface LoadedConfig {
  /** The file's path, absent for the defaults. */
  path?: string;
  config: PodsightConfig;
  settings: PodsightSettings;
}

const DEFAULTS: LoadedConfig = { config: EMPTY_CONFIG, settings: DEFAULT_SETTINGS };

/**
 * The VS Code settings shape ({"podsight.rules": …}) that --config took before the
 * configuration file existed, in the file's own shape.
 */
function fromEditorShape(text: string): string {
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    if (!raw || typeof raw !== 'object' || !Object.keys(raw).some((k) => k.startsWith('podsight.'))) return text;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k === 'podsight.rules') out.rules = v;
      else if (k === 'podsight.maxFileSize') out.maxFileSize = v;
      else if (k === 'podsight.workspace.isWholeCluster') out.workspace = { isWholeCluster: v };
      else if (!k.startsWith('podsight.')) out[k] = v;
    }
    return JSON.stringify(out);
  } catch {
    return text;
  }
}

export async function loadConfigFile(path: string, shown: string, note: (line: string) => void): Promise<LoadedConfig> {
  const read = await readTextFile(path, { maxBytes: MAX_CONFIG_BYTES });
  if (!read.ok) throw new ConfigError(`cannot use ${shown}: ${read.message}`);
  const { config, problems } = parseConfig(fromEditorShape(read.text));
  const line = (p: (typeof problems)[number]) => `${shown}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity} ${p.message}`;
  const errors = problems.filter((p) => p.severity === 'error');
  for (const p of problems) if (p.severity !== 'error') note(`podsight: ${escapeText(line(p))}`);
  if (errors.length) throw new ConfigError(`invalid configuration:\n${errors.map(line).join('\n')}`);
  const settings = mergeConfig(DEFAULT_SETTINGS, config, false);
  if (config.maxFileSize) settings.maxFileSize = config.maxFileSize;
  return { path, config, settings };
}

/** Paths relative to a folder, slash-separated, as exclude patterns see them. */
function relativeTo(base: string, path: string): string {
  const rel = relative(base, resolve(path));
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export class CliConfig {
  private readonly finder = new ConfigFinder(CONFIG_FILE_NAMES);
  private readonly loaded = new Map<string, Promise<LoadedConfig>>();
  private readonly cli: Glob[] = [];

  constructor(
    private readonly explicit: string | undefined,
    excludes: readonly string[],
    private readonly note: (line: string) => void,
  ) {
    for (const e of excludes) {
      const g = compileGlob(e);
      if (typeof g === 'string') throw new ConfigError(`--exclude ${e}: ${g}`);
      this.cli.push(g);
    }
  }

  /** The configuration of a file (`-`: of the working folder). */
  async forFile(path: string): Promise<LoadedConfig> {
    if (this.explicit) return this.load(resolve(this.explicit), this.explicit);
    const found = await this.finder.forDirectory(path === '-' ? '.' : dirname(path));
    if (!found) return DEFAULTS;
    return this.load(found, isAbsolute(found) ? relative(process.cwd(), found) || found : found);
  }

  /** Whether a file is excluded, by --exclude or by its configuration file. */
  async excluded(path: string): Promise<boolean> {
    if (path === '-') return false;
    // The configuration files are YAML (or JSON) but never manifests.
    if (isConfigFileName(basename(path))) return true;
    if (isExcluded(this.cli, relativeTo(process.cwd(), path))) return true;
    const c = await this.forFile(path);
    return !!c.path && c.config.exclude.length > 0 && isExcluded(c.config.exclude, relativeTo(dirname(c.path), path));
  }

  private load(path: string, shown: string): Promise<LoadedConfig> {
    let p = this.loaded.get(path);
    if (!p) {
      p = loadConfigFile(path, shown, this.note);
      this.loaded.set(path, p);
    }
    return p;
  }
}
