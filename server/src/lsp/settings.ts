/**
 * The `podsight` settings of each resource, as the client resolves them for its scope (VS Code:
 * user, workspace and folder settings, multi-root included), read through the engine's one
 * normaliser. Cached per workspace folder; dropped when the client says the configuration
 * changed. Clients that cannot be asked push their settings with didChangeConfiguration.
 */
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, normalizeSettings, type PodsightSettings } from '../service';
import { CONFIGURATION_SECTION } from '../protocol';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<PodsightSettings>>();
  private readonly last = new Map<string, PodsightSettings>();
  private pushed: PodsightSettings = DEFAULT_SETTINGS;
  private folders: string[] = [];
  private readonly said = new Set<string>();
  /** Settings read from an editor whose user set workspace.isWholeCluster (true or false) there. */
  private readonly wholeClusterSet = new WeakSet<PodsightSettings>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  setFolders(folders: readonly string[]): void {
    // Longest first: a resource belongs to the innermost folder that holds it.
    this.folders = [...folders].map((f) => (f.endsWith('/') ? f : `${f}/`)).sort((a, b) => b.length - a.length);
    this.cache.clear();
  }

  /** The scope whose settings apply to a resource: its workspace folder, or '' (no folder). */
  scopeOf(uri: string): string {
    return this.folders.find((f) => uri.startsWith(f)) ?? '';
  }

  /** The settings of a resource. */
  forUri(uri: string): Promise<PodsightSettings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    const scope = this.scopeOf(uri);
    let p = this.cache.get(scope);
    if (!p) {
      p = this.pull(scope);
      this.cache.set(scope, p);
    }
    return p;
  }

  /** The settings last read for a resource's scope, without waiting (defaults before the first read). */
  known(uri: string): PodsightSettings {
    if (!this.canPull()) return this.pushed;
    return this.last.get(this.scopeOf(uri)) ?? this.last.get('') ?? DEFAULT_SETTINGS;
  }

  /** The settings last read for a resource's own scope, if they were ever read. */
  cached(uri: string): PodsightSettings | undefined {
    return this.canPull() ? this.last.get(this.scopeOf(uri)) : this.pushed;
  }

  /** Settings that are not a resource's: the whole workspace's (the closed-world rule). */
  global(): Promise<PodsightSettings> {
    return this.canPull() ? this.forUri('') : Promise.resolve(this.pushed);
  }

  /** The client's configuration changed; `raw` is what it pushed, if it pushes. */
  changed(raw?: unknown): void {
    this.cache.clear();
    if (!this.canPull() && raw !== undefined) this.pushed = this.normalize(raw);
  }

  private async pull(scope: string): Promise<PodsightSettings> {
    try {
      const raw = await this.connection.workspace.getConfiguration(scope ? { scopeUri: scope, section: CONFIGURATION_SECTION } : { section: CONFIGURATION_SECTION });
      const s = this.normalize(raw);
      this.last.set(scope, s);
      return s;
    } catch (err) {
      this.warn(`could not read settings: ${String(err)}`);
      return this.last.get(scope) ?? DEFAULT_SETTINGS;
    }
  }

  private normalize(raw: unknown): PodsightSettings {
    const { settings, problems } = normalizeSettings(raw);
    for (const p of problems) this.warn(`settings: ${p}`);
    const r = raw as { workspace?: { isWholeCluster?: unknown }; 'workspace.isWholeCluster'?: unknown } | null | undefined;
    if (typeof r?.workspace?.isWholeCluster === 'boolean' || typeof r?.['workspace.isWholeCluster'] === 'boolean') this.wholeClusterSet.add(settings);
    return settings;
  }

  /**
   * Whether the editor's user set workspace.isWholeCluster (the setting defaults to null, unset):
   * then it wins over a configuration file's; otherwise the file decides (lsp/projectConfig.ts).
   */
  setsWholeCluster(s: PodsightSettings): boolean {
    return this.wholeClusterSet.has(s);
  }

  /** Each problem once: settings are read again on every change. */
  private warn(message: string): void {
    if (this.said.has(message) || this.said.size > 200) return;
    this.said.add(message);
    this.connection.console.warn(`podsight: ${message}`);
  }
}
