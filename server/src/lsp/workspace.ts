/**
 * The server's one workspace: every manifest it knows, open documents and files on disk, fed to
 * the engine's model (service.workspace) that every cross-object feature reads (admission
 * against declared Namespaces and LimitRanges, Node labels for completion and hover, the
 * scheduling simulation).
 *
 * - One parse per version: an open document is parsed once per version (uri + version), a file
 *   on disk once per modification time and size. An open document wins over its disk copy;
 *   closing it goes back to the disk copy.
 * - One walker: the workspace folders are searched once, through the input layer (io/: regular
 *   files only, each real path once, bounded, what is skipped logged once), then kept up to date
 *   by one file watcher. A client that cannot watch files for us gets a fresh walk before each
 *   whole-workspace request instead (unchanged files are not read again).
 * - Only files that may hold what a feature reads are parsed (Pods, Nodes, workloads, and the
 *   cluster objects admission and references read); other YAML is listed, never parsed.
 */
import { DidChangeWatchedFilesNotification, FileChangeType, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ManifestFile, PodsightService, PodsightSettings } from '../service';
import { walkFiles, type FoundFile } from '../io/walk';
import { readTextFile } from '../io/read';
import { YAML_FILE } from '../io/limits';
import { logSkipped } from './diskNotes';
import type { SettingsStore } from './settings';

/** A cheap test before parsing a file from disk: may it hold anything a feature reads? */
const RELEVANT =
  /^[ \t-]*["']?kind["']?[ \t]*:[ \t]*["']?(Pod|Node|NodeList|List|PodList|PodTemplate|Deployment|ReplicaSet|ReplicationController|StatefulSet|DaemonSet|Job|CronJob|Namespace|ServiceAccount|LimitRange|PriorityClass|RuntimeClass|StorageClass|ResourceQuota|ConfigMap|Secret|PersistentVolumeClaim|PersistentVolume|Service)["']?[ \t]*(#.*)?\r?$/m;

interface DiskEntry {
  mtimeMs: number;
  size: number;
  /** Undefined when the file holds nothing relevant (not parsed). */
  file?: ManifestFile;
}

export interface WorkspaceDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: () => PodsightService;
  settings: SettingsStore;
  /** Workspace folder URIs (from initialize, kept up to date by the server). */
  folders: () => readonly string[];
}

export function isYamlDocument(doc: TextDocument): boolean {
  return doc.languageId === 'yaml' || YAML_FILE.test(doc.uri);
}

export class ServerWorkspace {
  private readonly parsed = new Map<string, ManifestFile>();
  private readonly disk = new Map<string, DiskEntry>();
  private scan: Promise<void> | undefined;
  private watching = false;
  private generation = -1;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly deps: WorkspaceDeps) {}

  private get model() {
    return this.deps.service().workspace;
  }

  /**
   * The parse of an open document's current version (one per version), which the model then
   * holds in place of the file's disk copy.
   */
  fileFor(doc: TextDocument): ManifestFile {
    const prev = this.parsed.get(doc.uri);
    if (prev && prev.version === doc.version) return prev;
    const settings = this.deps.settings.known(doc.uri);
    const file = this.deps.service().parse(doc.uri, doc.version, doc.getText(), prev, settings);
    // Only the open document's parse is kept: a closed one must not leave an entry behind.
    if (this.deps.documents.get(doc.uri) === doc) {
      this.parsed.set(doc.uri, file);
      this.model.update(file);
      this.checkDeclarations();
    }
    return file;
  }

  /** A document was opened: any earlier parse of its URI is stale, whatever its version. */
  opened(uri: string): void {
    this.parsed.delete(uri);
  }

  /** A document was closed: the model goes back to the file on disk (or forgets it). */
  closed(uri: string): void {
    this.parsed.delete(uri);
    const entry = this.disk.get(uri);
    if (entry?.file) this.model.update(entry.file);
    else this.model.remove(uri);
    void this.refresh(uri);
    this.checkDeclarations();
  }

  /** Every open YAML document brought up to date in the model (parses only what changed). */
  syncOpen(): void {
    for (const doc of this.deps.documents.all()) if (isYamlDocument(doc)) this.fileFor(doc);
  }

  /** For requests that read other files: the first scan done, open documents current. */
  async current(): Promise<void> {
    await this.ready();
    this.syncOpen();
  }

  /** The whole workspace: the disk scan done (or refreshed), open documents current. */
  async files(): Promise<ManifestFile[]> {
    await this.ready();
    if (!this.watching) await this.walk();
    this.syncOpen();
    return this.model.files();
  }

  /** Resolves when the first scan of the workspace folders is done (starting it if needed). */
  ready(): Promise<void> {
    if (!this.scan) {
      this.scan = (async () => {
        try {
          await this.deps.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/.podsight.json' }] });
          this.watching = true;
        } catch {
          // The client cannot watch files for us: whole-workspace requests walk again first.
        }
        await this.walk();
      })().catch((err) => this.deps.connection.console.warn(`podsight: workspace scan failed: ${String(err)}`));
    }
    return this.scan;
  }

  /** Files changed on disk (the watcher's events). */
  async changedOnDisk(changes: ReadonlyArray<{ uri: string; type: number }>): Promise<void> {
    for (const c of changes) {
      if (!c.uri.startsWith('file:') || !YAML_FILE.test(c.uri)) continue;
      if (c.type === FileChangeType.Deleted) {
        this.disk.delete(c.uri);
        if (!this.deps.documents.get(c.uri)) this.model.remove(c.uri);
      } else await this.refresh(c.uri);
    }
    this.checkDeclarations();
  }

  /** Called when declarations (Namespaces, LimitRanges …) change: open documents need re-validation. */
  onDeclarationsChanged(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Settings that change what is read (maxFileSize): parse everything again. */
  settingsChanged(): void {
    this.parsed.clear();
    this.disk.clear();
    this.scan = undefined;
  }

  private async walk(): Promise<void> {
    const settings = await this.deps.settings.global();
    const roots: string[] = [];
    for (const f of this.deps.folders()) {
      if (!f.startsWith('file:')) continue;
      try {
        roots.push(fileURLToPath(f));
      } catch {
        // a folder URI that is not a path on this machine
      }
    }
    if (roots.length === 0) return;
    const found = await walkFiles(roots, { maxFileSize: settings.maxFileSize });
    for (const n of found.notes) logSkipped(this.deps.connection, n);
    const seen = new Set<string>();
    for (const f of found.files) {
      const uri = pathToFileURL(f.path).href;
      seen.add(uri);
      await this.read(uri, settings, f);
    }
    // Files gone since the last walk (no watcher told us).
    for (const uri of [...this.disk.keys()]) {
      if (seen.has(uri)) continue;
      this.disk.delete(uri);
      if (!this.deps.documents.get(uri)) this.model.remove(uri);
    }
    this.checkDeclarations();
  }

  private async refresh(uri: string): Promise<void> {
    if (!uri.startsWith('file:') || !YAML_FILE.test(uri)) return;
    await this.read(uri, await this.deps.settings.forUri(uri));
  }

  /** Reads one file from disk when its size or modification time changed, and feeds the model. */
  private async read(uri: string, settings: PodsightSettings, found?: FoundFile): Promise<void> {
    const cached = this.disk.get(uri);
    if (found && cached && cached.mtimeMs === found.mtimeMs && cached.size === found.size) return;
    let path: string;
    try {
      path = found?.path ?? fileURLToPath(uri);
    } catch {
      return;
    }
    const read = await readTextFile(path, { maxBytes: settings.maxFileSize, realPath: found?.realPath, expect: found });
    if (!read.ok) {
      if (read.reason !== 'missing') logSkipped(this.deps.connection, read);
      this.disk.delete(uri);
      if (!this.deps.documents.get(uri)) this.model.remove(uri);
      return;
    }
    const entry: DiskEntry = { mtimeMs: found?.mtimeMs ?? read.mtimeMs, size: found?.size ?? read.bytes };
    if (RELEVANT.test(read.text)) entry.file = this.deps.service().parse(uri, -1, read.text, cached?.file, settings);
    this.disk.set(uri, entry);
    if (this.deps.documents.get(uri)) return; // the open document wins
    if (entry.file) this.model.update(entry.file);
    else this.model.remove(uri);
  }

  private checkDeclarations(): void {
    const g = this.model.generation;
    if (g === this.generation) return;
    const first = this.generation === -1;
    this.generation = g;
    if (!first) for (const l of this.listeners) l();
  }
}
