/**
 * The declared cluster: every manifest file the host knows (open documents and files on disk
 * in the server; the given paths in the CLI), and what they declare. Pure: the host feeds it
 * parsed files and tells it when one goes away; it never reads anything itself.
 *
 * Cross-object features read it: admission (Namespaces, ServiceAccounts, LimitRanges,
 * PriorityClasses, RuntimeClasses …), the Node labels and taints that completion and hover
 * know, the scheduling simulation. `generation` changes only when a declaration changes, so
 * results computed against the declarations stay valid while the user edits a Pod.
 *
 * Closed-world rule (one rule for every cross-object check): a reference to an object the
 * workspace does not declare is an error or a warning only when the workspace declares objects
 * of that kind in that namespace (cluster-scoped kinds: anywhere), or when the user said the
 * workspace is the whole cluster (`podsight.workspace.isWholeCluster`). Otherwise it is at most
 * information, "not declared here". Messages say which case applied.
 */
import type { Location } from 'vscode-languageserver-types';
import type { ManifestFile } from '../parse/manifests';
import type { PlainObject } from '../model/plain';
import { locateFieldPath } from '../model/fieldPath';
import { declaredObjects, type DeclaredObjects } from '../createPath/admission';
import { WorkspaceIndex } from '../features/workspaceIndex';
import { declarationsOf, type Declaration } from './declarations';
import type { ManifestDocument } from '../parse/manifests';
import { factsSignature, podEntriesOf, ReachIndex, type IndexedPod, type PodEntry } from '../reach';
import { isClusterScoped } from '../createPath/admission/declared';

/**
 * What changed in the declarations since the host last asked (`takeChanges`): lets a host
 * validate again only the documents that depend on it. `names` holds `kind\0namespace\0name`
 * of every declaration added, removed or edited; `populations` holds `kind\0namespace` where a
 * name came or went (what did-you-mean and the closed-world rule read); `admission` is set when
 * a kind the admission plugins read changed (every object may be concerned); `all` when the
 * whole-cluster setting changed or too much changed to list.
 */
export interface DeclarationChanges {
  all: boolean;
  admission: boolean;
  names: Set<string>;
  populations: Set<string>;
}

/** Kinds the admission plugins of the create path read (createPath/admission). */
const ADMISSION_KINDS: ReadonlySet<string> = new Set(['Namespace', 'ServiceAccount', 'LimitRange', 'PriorityClass', 'RuntimeClass', 'StorageClass', 'ResourceQuota', 'Node']);
/** Past this many changed names a host is told to redo everything (memory stays bounded when nobody asks). */
const MAX_LISTED_CHANGES = 10_000;

export function declarationKey(kind: string, namespace: string, name?: string): string {
  return name === undefined ? `${kind}\u0000${namespace}` : `${kind}\u0000${namespace}\u0000${name}`;
}

/** The namespace a declaration is looked up in (cluster-scoped kinds: ''), as declaredObjects files it. */
export function declarationNamespace(d: { kind: string; namespace: string }): string {
  return isClusterScoped(d.kind) ? '' : d.namespace || 'default';
}

function noChanges(): DeclarationChanges {
  return { all: false, admission: false, names: new Set(), populations: new Set() };
}

export interface WorkspaceOptions {
  /** The workspace declares the whole cluster: missing references are errors everywhere. */
  isWholeCluster?: boolean;
}

const NO_DECLARATIONS: readonly Declaration[] = Object.freeze([]);

/** The kinds whose declarations make the Pods' labels and ports matter (reach/). */
const REACH_KINDS = new Set(['Service', 'NetworkPolicy']);

/** How the model finds a Pod of one of its files again (IndexedPod.ref). */
interface PodRef {
  entry: PodEntry;
  doc: ManifestDocument;
}

export class WorkspaceModel {
  private readonly byUri = new Map<string, ManifestFile>();
  private readonly decls = new Map<string, readonly Declaration[]>();
  private gen = 0;
  private admissionGen = 0;
  private pending: DeclarationChanges = noChanges();
  private declaredCache: { generation: number; complete: boolean; value: DeclaredObjects } | undefined;
  /** The URIs of `decls` in order, kept while no file gains or loses all its declarations (an edit re-sorts nothing). */
  private sortedDeclUris: string[] | undefined;
  private located = new Map<PlainObject, { uri: string; decl: Declaration }>();
  private isWholeCluster: boolean;
  /**
   * What Services and NetworkPolicies read of each file's Pods (labels, ports), as text, kept
   * only while the workspace declares some: `podGen` changes when it changes, so the findings
   * and lenses that depend on it are redone then and only then.
   */
  private readonly podSigs = new Map<string, string>();
  private podGen = 0;
  private readonly reachDecls = new Map<string, number>();
  private external: IndexedPod[] = [];
  /** The external Pods are all of them (the CLI: its model holds only parts of the files). */
  private externalOnly = false;
  private reachCache: { key: string; value: ReachIndex } | undefined;
  /** Labels and taints of the declared Nodes (completion and hover of scheduling fields). */
  readonly nodes = new WorkspaceIndex();

  constructor(options: WorkspaceOptions = {}) {
    this.isWholeCluster = options.isWholeCluster === true;
  }

  /** Changes when a declaration (or the whole-cluster setting) changes; not on other edits. */
  get generation(): number {
    return this.gen;
  }

  /** Changes when what Services and NetworkPolicies read of the Pods changes (labels, ports). */
  get podGeneration(): number {
    return this.podGen;
  }

  /** Changes when what Services and NetworkPolicies read of the workspace changes. */
  get reachGeneration(): string {
    return `${this.gen}:${this.podGen}`;
  }

  /**
   * Changes when a declaration the admission plugins read changes (or the whole-cluster
   * setting): the create path's results stay valid across edits of ConfigMaps, Secrets, claims.
   */
  get admissionGeneration(): number {
    return this.admissionGen;
  }

  setOptions(options: WorkspaceOptions): void {
    const whole = options.isWholeCluster === true;
    if (whole !== this.isWholeCluster) {
      this.isWholeCluster = whole;
      this.gen++;
      this.admissionGen++;
      this.pending.all = true;
    }
  }

  /** The declaration changes since the last call (and forgets them). */
  takeChanges(): DeclarationChanges {
    const c = this.pending;
    this.pending = noChanges();
    return c;
  }

  private noteChanges(prev: readonly Declaration[], next: readonly Declaration[]): void {
    const c = this.pending;
    if (c.all) return;
    const before = new Set(prev);
    const after = new Set(next);
    const prevNames = new Set(prev.map((d) => declarationKey(d.kind, declarationNamespace(d), d.name)));
    const nextNames = new Set(next.map((d) => declarationKey(d.kind, declarationNamespace(d), d.name)));
    const note = (d: Declaration): void => {
      const ns = declarationNamespace(d);
      const key = declarationKey(d.kind, ns, d.name);
      c.names.add(key);
      if (ADMISSION_KINDS.has(d.kind)) c.admission = true;
      if (prevNames.has(key) !== nextNames.has(key)) c.populations.add(declarationKey(d.kind, ns));
      // A StatefulSet's claim templates provide claims: its changes concern claim references.
      if (d.kind === 'StatefulSet') c.populations.add(declarationKey('PersistentVolumeClaim', ns));
    };
    for (const d of prev) if (!after.has(d)) note(d);
    for (const d of next) if (!before.has(d)) note(d);
    if (c.names.size > MAX_LISTED_CHANGES) this.pending = { all: true, admission: true, names: new Set(), populations: new Set() };
  }

  /** Adds a file or replaces what is known of it. */
  update(file: ManifestFile): void {
    this.byUri.set(file.uri, file);
    this.nodes.update(file);
    const next = collect(file);
    const prev = this.decls.get(file.uri) ?? NO_DECLARATIONS;
    if (!sameDeclarations(prev, next)) {
      this.gen++;
      const admissionBefore = this.pending.admission;
      this.pending.admission = false;
      this.noteChanges(prev, next);
      if (this.pending.admission) this.admissionGen++;
      this.pending.admission ||= admissionBefore;
    }
    if (next.length !== 0 && !this.decls.has(file.uri)) this.sortedDeclUris = undefined;
    if (next.length) this.decls.set(file.uri, next);
    else if (this.decls.delete(file.uri)) this.sortedDeclUris = undefined;
    const reachCount = next.filter((d) => REACH_KINDS.has(d.kind)).length;
    if (reachCount) this.reachDecls.set(file.uri, reachCount);
    else this.reachDecls.delete(file.uri);
    this.updatePods(file.uri, file);
  }

  remove(uri: string): void {
    this.byUri.delete(uri);
    this.nodes.remove(uri);
    const prev = this.decls.get(uri);
    if (prev && this.decls.delete(uri)) {
      this.sortedDeclUris = undefined;
      this.gen++;
      const admissionBefore = this.pending.admission;
      this.pending.admission = false;
      this.noteChanges(prev, NO_DECLARATIONS);
      if (this.pending.admission) this.admissionGen++;
      this.pending.admission ||= admissionBefore;
    }
    this.reachDecls.delete(uri);
    this.updatePods(uri, undefined);
  }

  /**
   * Pods the host knows without their files (the CLI shares the facts of every file between
   * threads): they join the Pods of the model's own files.
   */
  setExternalPods(pods: IndexedPod[], options: { only?: boolean } = {}): void {
    this.external = pods;
    this.externalOnly = options.only === true;
    this.podGen++;
  }

  /** The Services and NetworkPolicies of the workspace and the Pods they reach (built once per reachGeneration). */
  reach(): ReachIndex {
    const key = this.reachGeneration;
    if (this.reachCache?.key === key) return this.reachCache.value;
    const pods: IndexedPod[] = [];
    const declared: Array<{ kind: string; value: PlainObject; uri: string }> = [];
    if (this.reachDecls.size > 0) {
      for (const uri of this.externalOnly ? [] : [...this.byUri.keys()].sort()) {
        for (const placed of this.byUri.get(uri)!.documents) {
          for (const entry of podEntriesOf(placed.doc)) pods.push({ facts: entry.facts, uri, ref: { entry, doc: placed.doc } satisfies PodRef });
        }
      }
      pods.push(...this.external);
      for (const uri of [...this.reachDecls.keys()].sort()) {
        for (const d of this.decls.get(uri) ?? []) if (REACH_KINDS.has(d.kind)) declared.push({ kind: d.kind, value: d.value, uri });
      }
    }
    const value = new ReachIndex(pods, declared, this.isWholeCluster);
    this.reachCache = { key, value };
    return value;
  }

  /** Where a Pod or template of the reach index is written. */
  locatePod(p: IndexedPod): Location | undefined {
    if (p.location) return p.location;
    const ref = p.ref as PodRef | undefined;
    const file = ref && this.byUri.get(p.uri);
    if (!ref || !file) return undefined;
    const placed = file.documents.find((d) => d.doc === ref.doc);
    if (!placed) return undefined;
    return { uri: p.uri, range: file.lines.range(placed.offset + ref.entry.span.start, placed.offset + ref.entry.span.end) };
  }

  private updatePods(uri: string, file: ManifestFile | undefined): void {
    // Without Services or NetworkPolicies nothing reads the Pods' labels: no work per edit.
    if (this.reachDecls.size === 0) {
      this.podSigs.clear();
      return;
    }
    const sig = file ? podSignature(file) : '';
    if (sig === (this.podSigs.get(uri) ?? '')) return;
    this.podGen++;
    if (sig) this.podSigs.set(uri, sig);
    else this.podSigs.delete(uri);
  }

  get(uri: string): ManifestFile | undefined {
    return this.byUri.get(uri);
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  /** Every file, in URI order (the simulation's workspace order). */
  files(): ManifestFile[] {
    return [...this.byUri.keys()].sort().map((u) => this.byUri.get(u)!);
  }

  get size(): number {
    return this.byUri.size;
  }

  /** What admission and reference checks look objects up in (built once per generation). */
  declared(): DeclaredObjects {
    const c = this.declaredCache;
    if (c && c.generation === this.gen) return c.value;
    const inputs: Array<{ value: PlainObject; uri: string }> = [];
    this.located = new Map();
    for (const uri of (this.sortedDeclUris ??= [...this.decls.keys()].sort())) {
      for (const d of this.decls.get(uri)!) {
        inputs.push({ value: d.value, uri });
        this.located.set(d.value, { uri, decl: d });
      }
    }
    const value = declaredObjects(inputs, { complete: this.isWholeCluster });
    this.declaredCache = { generation: this.gen, complete: this.isWholeCluster, value };
    return value;
  }

  /** The declaration a declared object came from, with its file (undefined for objects the model does not hold). */
  declarationOf(object: PlainObject): { uri: string; decl: Declaration } | undefined {
    this.declared();
    return this.located.get(object);
  }

  /** Every declaration of a file (in document order). */
  declarationsIn(uri: string): readonly Declaration[] {
    return this.decls.get(uri) ?? NO_DECLARATIONS;
  }

  /** Where a span of a declaration's document is in its file. */
  spanLocation(uri: string, decl: Declaration, start: number, end: number): Location | undefined {
    const file = this.byUri.get(uri);
    const placed = file?.documents.find((p) => p.doc === decl.doc);
    if (!file || !placed) return undefined;
    return { uri, range: file.lines.range(placed.offset + start, placed.offset + end) };
  }

  /**
   * Where a field of a declared object is written (for related information pointing at the
   * LimitRange or Namespace a finding comes from). Undefined for objects the model does not hold.
   */
  locate(object: PlainObject, field: string): Location | undefined {
    this.declared();
    const at = this.located.get(object);
    if (!at) return undefined;
    const file = this.byUri.get(at.uri);
    if (!file) return undefined;
    const placed = file.documents.find((p) => p.doc === at.decl.doc);
    if (!placed) return undefined;
    const span = locateFieldPath(at.decl.node, field).span;
    return { uri: at.uri, range: file.lines.range(placed.offset + span.start, placed.offset + span.end) };
  }
}

const SIG_KEY = 'reach.signature';

/** What reach/ reads of a file's Pods, as text (each document's part cached with it). */
function podSignature(file: ManifestFile): string {
  let out = '';
  for (const placed of file.documents) {
    let sig = placed.doc.cache.get(SIG_KEY) as string | undefined;
    if (sig === undefined) placed.doc.cache.set(SIG_KEY, (sig = factsSignature(podEntriesOf(placed.doc))));
    if (sig) out += `${placed.doc.index}:${sig}\n`;
  }
  return out;
}

function collect(file: ManifestFile): readonly Declaration[] {
  let out: Declaration[] | undefined;
  for (const placed of file.documents) {
    const ds = declarationsOf(placed.doc);
    if (ds.length === 0) continue;
    (out ??= []).push(...ds);
  }
  return out ?? NO_DECLARATIONS;
}

/** Declarations come from the per-document cache: an unchanged document gives the same objects. */
function sameDeclarations(a: readonly Declaration[], b: readonly Declaration[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
