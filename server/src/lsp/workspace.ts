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
 *   by one file watcher (a deleted folder takes what was read under it along). A client that
 *   cannot watch files for us gets a fresh walk before each whole-workspace request instead
 *   (unchanged files are not read again). Changed folders or maxFileSize: a new walk reads
 *   everything again, and what it no longer finds leaves the model. The watcher and closed
 *   documents never bring in a file the walk would not read (outside the folders, under
 *   node_modules or a dot-directory).
 * - Only files that may hold what a feature reads are parsed (Pods, Nodes, workloads, and the
 *   cluster objects admission and references read); other YAML is listed, never parsed.
 */
import { DidChangeWatchedFilesNotification, FileChangeType, WatchKind, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isAbsolute, relative, sep } from 'node:path';
import type { DeclarationChanges, ManifestFile, PodsightService, PodsightSettings } from '../service';
import { walkFiles, type FoundFile } from '../io/walk';
import { readTextFile } from '../io/read';
import { isSkippedDir, YAML_FILE } from '../io/limits';
import { logSkipped } from './diskNotes';
import type { SettingsStore } from './settings';

/** A cheap test before parsing a file from disk: may it hold anything a feature reads? */
const RELEVANT =
  /^[ \t-]*["']?kind["']?[ \t]*:[ \t]*["']?(Pod|Node|NodeList|List|PodList|PodTemplate|Deployment|ReplicaSet|ReplicationController|StatefulSet|DaemonSet|Job|CronJob|Namespace|ServiceAccount|LimitRange|PriorityClass|RuntimeClass|StorageClass|ResourceQuota|ConfigMap|Secret|PersistentVolumeClaim|PersistentVolume|Service|NetworkPolicy)["']?[ \t]*(#.*)?\r?$/m;

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
  /** Set by settingsChanged(): the next walk reads every file again, whatever its mtime. */
  private rereadAll = false;
  /** The tail of the disk work queue (see onDisk). */
  private diskWork: Promise<void> = Promise.resolve();
  /** The model's generations the open documents were last validated against (declarations, Pod facts). */
  private generation = -1;
  private podGeneration = -1;
  private readonly listeners: Array<(changes: DeclarationChanges) => void> = [];

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
    this.checkDeclarations();
    // The file may have changed on disk while it was open (or been created by saving it):
    // what the read finds can change the declarations again.
    void this.onDisk(async () => {
      await this.refresh(uri);
      this.checkDeclarations();
    });
  }

  /** Every open YAML document brought up to date in the model (parses only what changed). */
  syncOpen(): void {
    for (const doc of this.deps.documents.all()) if (isYamlDocument(doc)) this.fileFor(doc);
  }

  /**
   * For requests that read other files: the first scan done, the disk changes received before
   * the request applied, open documents current.
   */
  async current(): Promise<void> {
    await this.ready();
    await this.diskWork;
    this.syncOpen();
  }

  /** The whole workspace: the disk scan done (or refreshed), disk changes applied, open documents current. */
  async files(): Promise<ManifestFile[]> {
    await this.ready();
    if (!this.watching) await this.walk();
    await this.diskWork;
    this.syncOpen();
    return this.model.files();
  }

  /** Changes when the Services and NetworkPolicies, or what they read of the Pods, change. */
  get reachGeneration(): string {
    return this.model.reachGeneration;
  }

  /** Who selects each Pod of the workspace (the scheduling report's Pod entries). */
  reachLookup() {
    return this.deps.service().reachLookup();
  }

  /** Resolves when the first scan of the workspace folders is done (starting it if needed). */
  ready(): Promise<void> {
    if (!this.scan) {
      this.scan = (async () => {
        // One registration for the server's life: a rescan (settings, folders) keeps it.
        if (!this.watching) {
          try {
            // Deleting or moving a folder is reported for the folder alone, not for the files in
            // it: deletions of anything are watched too.
            await this.deps.connection.client.register(DidChangeWatchedFilesNotification.type, {
              watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/.podsight.json' }, { globPattern: '**/*', kind: WatchKind.Delete }],
            });
            this.watching = true;
          } catch {
            // The client cannot watch files for us: whole-workspace requests walk again first.
          }
        }
        await this.walk();
      })().catch((err) => this.deps.connection.console.warn(`podsight: workspace scan failed: ${String(err)}`));
    }
    return this.scan;
  }

  /**
   * Files changed on disk (the watcher's events). Queued at once, so that a request that comes
   * after the notification sees its changes (current(), files()).
   */
  changedOnDisk(changes: ReadonlyArray<{ uri: string; type: number }>): Promise<void> {
    return this.onDisk(() => this.applyDiskChanges(Array.isArray(changes) ? changes : []));
  }

  private async applyDiskChanges(changes: ReadonlyArray<{ uri: string; type: number }>): Promise<void> {
    const goneFolders = new Set<string>();
    for (const c of changes) {
      if (typeof c?.uri !== 'string' || !c.uri.startsWith('file:')) continue;
      if (!YAML_FILE.test(c.uri)) {
        // Perhaps a folder: what was read under it is gone with it.
        if (c.type === FileChangeType.Deleted) goneFolders.add(c.uri.replace(/\/+$/, ''));
        continue;
      }
      if (c.type === FileChangeType.Deleted) this.forget(c.uri);
      else await this.refresh(c.uri);
    }
    if (goneFolders.size > 0) {
      // One pass over what was read, each file's parent folders looked up: linear in files.
      for (const uri of [...this.disk.keys()]) {
        for (let at = uri.lastIndexOf('/'); at > 0; at = uri.lastIndexOf('/', at - 1)) {
          if (goneFolders.has(uri.slice(0, at))) {
            this.forget(uri);
            break;
          }
        }
      }
    }
    this.checkDeclarations();
  }

  /** A file gone from disk: the model forgets it unless it is open (the open document wins). */
  private forget(uri: string): void {
    this.disk.delete(uri);
    if (!this.deps.documents.get(uri)) this.model.remove(uri);
  }

  /**
   * The workspace's own settings (the closed-world rule). The caller validates the open
   * documents again itself (all settings changed), so the listeners are not told.
   */
  setOptions(options: { isWholeCluster: boolean }): void {
    this.model.setOptions(options);
    if (this.generation !== -1) {
      this.generation = this.model.generation;
      this.podGeneration = this.model.podGeneration;
      this.model.takeChanges();
    }
  }

  /**
   * Called when declarations (Namespaces, LimitRanges, ConfigMaps …) change, with what changed:
   * the open documents that depend on it need validating again.
   */
  onDeclarationsChanged(listener: (changes: DeclarationChanges) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Settings that change what is read (maxFileSize), or the workspace folders, changed: parse
   * open documents again and walk the folders again now, reading every file; files the new walk
   * does not find (a removed folder, a file now over the size limit) leave the model.
   */
  settingsChanged(): void {
    this.parsed.clear();
    this.rereadAll = true;
    this.scan = undefined;
    void this.ready();
  }

  /**
   * Disk work runs one job at a time, in the order it came: walks, the watcher's events and the
   * read after a close. A walk for new folders must not interleave with one still reading under
   * the old ones, and a file deleted after it changed must end up deleted. Never rejects.
   */
  private onDisk(job: () => Promise<void>): Promise<void> {
    this.diskWork = this.diskWork.then(job).catch((err) => this.deps.connection.console.warn(`podsight: reading the workspace failed: ${String(err)}`));
    return this.diskWork;
  }

  private walk(): Promise<void> {
    return this.onDisk(() => this.walkOnce());
  }

  private async walkOnce(): Promise<void> {
    const reread = this.rereadAll;
    this.rereadAll = false;
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
    if (roots.length === 0) {
      this.forgetDiskExcept(new Set());
      this.checkDeclarations();
      return;
    }
    const found = await walkFiles(roots, { maxFileSize: settings.maxFileSize });
    for (const n of found.notes) logSkipped(this.deps.connection, n);
    const seen = new Set<string>();
    for (const f of found.files) {
      const uri = pathToFileURL(f.path).href;
      seen.add(uri);
      await this.read(uri, settings, f, reread);
    }
    // Files gone since the last walk (no watcher told us, or no longer in a folder).
    this.forgetDiskExcept(seen);
    this.checkDeclarations();
  }

  private forgetDiskExcept(seen: ReadonlySet<string>): void {
    for (const uri of [...this.disk.keys()]) if (!seen.has(uri)) this.forget(uri);
  }

  /** Reads a file the watcher or a close names, if the walk would read it too. */
  private async refresh(uri: string): Promise<void> {
    if (!uri.startsWith('file:') || !YAML_FILE.test(uri) || !this.inWalkedTree(uri)) return;
    await this.read(uri, await this.deps.settings.forUri(uri));
  }

  /**
   * Whether a file is where the walk looks: under a workspace folder, not inside node_modules or
   * a dot-directory. Watchers report changes anywhere below a folder, and a closed document may
   * be any file: neither may bring in what the walk leaves out.
   */
  private inWalkedTree(uri: string): boolean {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return false;
    }
    for (const f of this.deps.folders()) {
      let root: string;
      try {
        root = fileURLToPath(f);
      } catch {
        continue;
      }
      const rel = relative(root, path);
      if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
      if (!rel.split(sep).slice(0, -1).some(isSkippedDir)) return true;
    }
    return false;
  }

  /** Reads one file from disk when its size or modification time changed, and feeds the model. */
  private async read(uri: string, settings: PodsightSettings, found?: FoundFile, reread = false): Promise<void> {
    const cached = reread ? undefined : this.disk.get(uri);
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
      this.forget(uri);
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
    const pods = this.model.podGeneration;
    if (g === this.generation && pods === this.podGeneration) return;
    const first = this.generation === -1;
    const declared = g !== this.generation;
    this.generation = g;
    this.podGeneration = pods;
    const changes = declared ? this.model.takeChanges() : { all: false, admission: false, names: new Set<string>(), populations: new Set<string>() };
    // What Services and NetworkPolicies read changed (a Pod's labels or ports, or one of them):
    // their findings and lenses live in other files than the change, so every open one is looked at.
    if (!declared || [...changes.names].some((n) => n.startsWith('Service\u0000') || n.startsWith('NetworkPolicy\u0000'))) changes.all = true;
    if (!first) for (const l of this.listeners) l(changes);
  }

}
