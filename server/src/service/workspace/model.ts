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

export interface WorkspaceOptions {
  /** The workspace declares the whole cluster: missing references are errors everywhere. */
  isWholeCluster?: boolean;
}

const NO_DECLARATIONS: readonly Declaration[] = Object.freeze([]);

export class WorkspaceModel {
  private readonly byUri = new Map<string, ManifestFile>();
  private readonly decls = new Map<string, readonly Declaration[]>();
  private gen = 0;
  private declaredCache: { generation: number; complete: boolean; value: DeclaredObjects } | undefined;
  private located = new Map<PlainObject, { uri: string; decl: Declaration }>();
  private isWholeCluster: boolean;
  /** Labels and taints of the declared Nodes (completion and hover of scheduling fields). */
  readonly nodes = new WorkspaceIndex();

  constructor(options: WorkspaceOptions = {}) {
    this.isWholeCluster = options.isWholeCluster === true;
  }

  /** Changes when a declaration (or the whole-cluster setting) changes; not on other edits. */
  get generation(): number {
    return this.gen;
  }

  setOptions(options: WorkspaceOptions): void {
    const whole = options.isWholeCluster === true;
    if (whole !== this.isWholeCluster) {
      this.isWholeCluster = whole;
      this.gen++;
    }
  }

  /** Adds a file or replaces what is known of it. */
  update(file: ManifestFile): void {
    this.byUri.set(file.uri, file);
    this.nodes.update(file);
    const next = collect(file);
    const prev = this.decls.get(file.uri) ?? NO_DECLARATIONS;
    if (!sameDeclarations(prev, next)) this.gen++;
    if (next.length) this.decls.set(file.uri, next);
    else this.decls.delete(file.uri);
  }

  remove(uri: string): void {
    this.byUri.delete(uri);
    this.nodes.remove(uri);
    if (this.decls.delete(uri)) this.gen++;
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
    for (const uri of [...this.decls.keys()].sort()) {
      for (const d of this.decls.get(uri)!) {
        inputs.push({ value: d.value, uri });
        this.located.set(d.value, { uri, decl: d });
      }
    }
    const value = declaredObjects(inputs, { complete: this.isWholeCluster });
    this.declaredCache = { generation: this.gen, complete: this.isWholeCluster, value };
    return value;
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
