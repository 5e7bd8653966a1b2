/**
 * The engine's façade. Pure: no VS Code, no LSP connection, no file system, no clock. The
 * LSP server and the CLI both call these functions with text and settings they obtained.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Hover, type Position, type TextEdit } from 'vscode-languageserver-types';
import type { CodeLens, CompletionList, DocumentSymbol, FoldingRange, InlayHint, Location, Range } from 'vscode-languageserver-types';
import * as features from './features';
import { documentAt, parseManifestFile, type K8sObject, type ManifestFile } from './parse/manifests';
import { isRejection, schedulingAdmission } from './validate/schedulingAdmission';
import type { SimulateOptions } from './scheduler/types';
import { WorkspaceModel, type DeclarationChanges } from './workspace/model';
import * as refs from './references';
import { createPathOf } from './validate/createPath';
import { serviceFindingsOf } from './validate/reach';
import { portReachAt, reachLenses } from './workspace/reachFeatures';
import { podEntriesOf, ReachIndex, type IndexedPod } from './reach';
import { podReach } from './reach/explain';
import { declarationsOf } from './workspace/declarations';
import type { PodReachLookup } from './scheduler';
import { renderStoredYaml } from './createPath/defaults';
import { objectLimit, validateDocument } from './validate';
import type { Finding, Severity } from './diagnostics/finding';
import type { PlainObject } from './model/plain';
import { annotationSuppressions, commentSuppressions, isSilenced, mapSuppressions } from './validate/suppress';
import { ruleInfo } from './diagnostics/catalog';
import { fieldHover } from './hover/fieldHover';
import { clipMessage } from './util/text';
import { DEFAULT_SETTINGS, type PodsightSettings } from './settings';
import { escapeText } from './util/escape';
import { besideOnNode, nodeFactsOf, nodeHover, nodeInlayHints, nodeLabelCompletion, nodeLenses } from './nodeFacts';
import type { SimulationResult } from './scheduler';

export type { ManifestFile } from './parse/manifests';
export { DEFAULT_SETTINGS, normalizeSettings, type PodsightSettings } from './settings';
export { RULES, ruleInfo } from './diagnostics/catalog';
export {
  CONFIG_FILE_NAMES,
  CONFIG_SCHEMA,
  EMPTY_CONFIG,
  KUBERNETES_VERSIONS,
  MAX_CONFIG_BYTES,
  compileGlob,
  globMatches,
  isConfigFileName,
  isExcluded,
  mergeConfig,
  parseConfig,
  type ConfigProblem,
  type Glob,
  type PodsightConfig,
} from './config/configFile';
export { SCHEMA_KUBERNETES_VERSION, SCHEMA_SOURCE } from './schema';
export { WorkspaceIndex, normalizeSharingSettings, DEFAULT_SHARING_SETTINGS, type SharingSettings, type RenameResult } from './features';
export { escapeText, escapeMarkdown, markdownCode, needsEscape } from './util/escape';
// What the hosts use beyond the façade class: the simulation (the CLI streams its report, the
// server runs it in slices), and the document split and context documents of a check run on
// several threads. lsp/ and cli/ import the engine through this file only.
export * from './scheduler';
export { splitDocuments } from './parse/manifests';
export { contextDocuments, mayDeclareContext } from './workspace/declarations';
export type { IndexedPod, PodReach } from './reach';
export type { DeclarationChanges } from './workspace/model';

/** A quick fix as it travels with a diagnostic: edits with absolute ranges. */
export interface DiagnosticFix {
  title: string;
  preferred?: boolean;
  edits: TextEdit[];
}

/** What travels in `Diagnostic.data`: the upstream path and error type, and quick fixes. */
export interface DiagnosticData {
  field?: string;
  errorType?: string;
  /** The step of the API server's create path that reports it, past field validation: `create` (defaulting, PrepareForCreate) or `admission`. */
  stage?: 'create' | 'admission';
  fixes?: DiagnosticFix[];
  /**
   * The object the finding is about, as `apiVersion/kind namespace/name` (the path inside a
   * List appended): stable while lines move, so reports can fingerprint findings (SARIF).
   */
  object?: string;
}

/** Marks out[from…] with the identity of the object they were found in. */
function tagObject(out: Diagnostic[], from: number, object: K8sObject): void {
  const id = `${object.apiVersion}/${object.kind} ${object.namespace ?? ''}/${object.name ?? ''}${object.path ? ` ${object.path}` : ''}`;
  for (let i = from; i < out.length; i++) {
    const d = out[i];
    d.data = { ...((d.data as DiagnosticData | undefined) ?? {}), object: id };
  }
}

export interface ValidateOptions {
  /** Line of the whole file where this (partial) file's text begins. */
  firstLine?: number;
  /**
   * Whether to include the findings of the Services the file declares (on by default). They
   * read every Pod of the workspace: a host that validates parts of files before it knows
   * them all (the CLI's threads) asks for them afterwards with `serviceDiagnostics`.
   */
  services?: boolean;
}

/** Ranges of a part of a file, in the whole file's lines. */
function shiftedLines(lines: ManifestFile['lines'], by: number): Pick<ManifestFile['lines'], 'range'> {
  return {
    range(start: number, end: number): Range {
      const r = lines.range(start, end);
      return { start: { line: r.start.line + by, character: r.start.character }, end: { line: r.end.line + by, character: r.end.character } };
    },
  };
}

export interface EngineOptions {
  /** Base URL of the rule documentation; `#rule-id` is appended. */
  rulesDocUrl?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Documents that look like one of our kinds even when they failed to parse into one. */
const KIND_LINE = /^kind:[ \t]*["']?(Pod|Node|NodeList|List|PodTemplate|ReplicationController|Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob)["']?[ \t]*(#.*)?$/m;


/**
 * Messages quote the user's values, which may be binary garbage or hundreds of kilobytes
 * long: control, bidi and other invisible characters are shown escaped (util/escape.ts) and very
 * long messages are shortened in the middle, so every problem stays one readable line.
 */
export function readable(message: string): string {
  return clipMessage(escapeText(message, { newlines: true }));
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** The object at a position as stored on create ("Preview as stored"). */
export interface StoredObject {
  yaml: string;
  kind: string;
  name: string;
  /** Why the API server would refuse to create it (absent when it would store it). */
  rejected?: string[];
}

/** At most this many reasons are listed; the rest are counted (a hostile file may hold thousands). */
const MAX_REJECTIONS_SHOWN = 20;

/**
 * Whether a finding is a reason the API server refuses the object: it carries the upstream error
 * type, or it is a syntax problem of an upstream rule that kubectl cannot get past (the
 * document does not parse).
 */

/** The messages of the findings that are rejections, each once. */
function rejections(findings: readonly Finding[]): { shown: string[]; more: number } {
  const seen = new Set<string>();
  const shown: string[] = [];
  let more = 0;
  for (const f of findings) {
    const m = readable(f.field && !f.standalone && !f.message.includes(f.field) ? `${f.field}: ${f.message}` : f.message);
    if (seen.has(m)) continue;
    seen.add(m);
    if (shown.length < MAX_REJECTIONS_SHOWN) shown.push(m);
    else more++;
  }
  return { shown, more };
}

/** YAML comment lines above a rejected object's preview (messages are one line each: readable()). */
function rejectionHeader(kind: string, r: { shown: string[]; more: number }): string {
  const lines = [`# kube-apiserver would reject this ${kind}: it is not stored.`];
  for (const m of r.shown) lines.push(`#   ${m}`);
  if (r.more > 0) lines.push(`#   … and ${r.more.toLocaleString('en-US')} more`);
  lines.push('# Below: what it would store once that is fixed.', '');
  return lines.join('\n');
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The one finding on the chunk of documents past the limit (on its `---` line), after `read` documents. */
function unreadFinding(read: number, unread: number): Finding {
  return {
    rule: 'too-many-documents',
    span: { start: 0, end: 3 },
    message: `Not read: this file holds ${count(read + unread)} documents and Podsight reads the first ${count(read)} of a file; the ${count(unread)} documents from here to the end of the file are not validated and get no hover or other features`,
  };
}

/** The one finding on the first object past the limit (`index`: how many objects come before it in the file). */
function unvalidatedFinding(file: ManifestFile, first: K8sObject, index: number): Finding {
  let total = 0;
  for (const p of file.documents) total += p.doc.objects.length;
  const rest = total - index;
  const what = first.path ? `${first.kind} ${first.path}` : `${first.kind}`;
  const span = first.node.entries[0]?.keySpan ?? first.node;
  return {
    rule: 'too-many-objects',
    span: { start: span.start, end: span.end },
    message: `Not validated: this file holds ${count(total)} Pods, Nodes and workloads and Podsight validates the first ${count(index)} of a file; ${rest === 1 ? `this ${what} is` : `this ${what} and the ${count(rest - 1)} after it are`} not validated`,
  };
}

/** Whether `offset` is on a space or tab with only spaces and tabs before it on its line. */
function inIndentation(text: string, lineStart: number, offset: number): boolean {
  for (let i = lineStart; i <= offset; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

export class PodsightService {
  /** The declared cluster: every file the host feeds it (open documents, files on disk, CLI paths). */
  readonly workspace = new WorkspaceModel();
  /** The documentation link of each rule, built once (a file may hold many thousand diagnostics). */
  private readonly links = new Map<string, string>();

  constructor(private readonly options: EngineOptions = {}) {}

  parse(uri: string, version: number, text: string, previous?: ManifestFile, settings: PodsightSettings = DEFAULT_SETTINGS): ManifestFile {
    return parseManifestFile(uri, version, text, previous, { maxFileSize: settings.maxFileSize });
  }

  /** Whether the file holds anything Podsight validates. */
  isManifest(file: ManifestFile): boolean {
    return file.documents.some((d) => d.doc.objects.length > 0 || d.doc.kindProblems.length > 0);
  }

  /**
   * Diagnostics of a file. `options.firstLine`: the file is a part of a larger one that starts
   * at that line (the CLI validates big files in parts); its positions are shifted to match.
   */
  validate(file: ManifestFile, settings: PodsightSettings = DEFAULT_SETTINGS, options: ValidateOptions = {}): Diagnostic[] {
    if (!settings.validate.enable) return [];
    const lines = options.firstLine ? shiftedLines(file.lines, options.firstLine) : file.lines;
    const out: Diagnostic[] = [];
    if (file.tooLarge) {
      if (KIND_LINE.test(file.text.slice(0, 1_000_000))) {
        this.push(out, file, lines, 0, { rule: 'file-too-large', span: { start: 0, end: 0 }, message: `File not validated: ${file.tooLarge.size.toLocaleString('en-US')} characters is more than podsight.maxFileSize (${file.tooLarge.limit.toLocaleString('en-US')})` }, settings);
      }
      return out;
    }
    const comments = commentSuppressions(file.text, (o) => file.lines.positionAt(o).line);
    const none = new Set<string>();
    // Objects validated per file are capped (MAX_OBJECTS): past the cap, one finding says so.
    let left = objectLimit.max;
    let objectsBefore = 0;
    let cut = false;
    for (const placed of file.documents) {
      const doc = placed.doc;
      if (doc.unread !== undefined) {
        if (this.isManifest(file) || KIND_LINE.test(doc.text.slice(0, 1_000_000))) this.push(out, file, lines, placed.offset, unreadFinding(doc.index, doc.unread), settings, comments, none);
        continue;
      }
      if (doc.templated) continue;
      const take = Math.min(doc.objects.length, left);
      const result = validateDocument(doc, take);
      if (result.syntax.length > 0 && (doc.objects.length > 0 || doc.kindProblems.length > 0 || KIND_LINE.test(doc.text))) {
        for (const f of result.syntax) this.push(out, file, lines, placed.offset, f, settings, comments, none);
      }
      result.kinds.forEach((f, i) => this.push(out, file, lines, placed.offset, f, settings, comments, mapSuppressions(doc.kindProblems[i].node)));
      const declared = this.workspace.declared();
      for (let i = 0; i < take; i++) {
        const o = result.objects[i];
        const created = createPathOf(doc, i, this.workspace)?.findings ?? NO_FINDINGS;
        const referenced = refs.referenceFindings(doc, i, declared, this.workspace.generation);
        const silenced = o.findings.length || created.length || referenced.length ? annotationSuppressions(o.object) : none;
        const first = out.length;
        for (const f of o.findings) this.push(out, file, lines, placed.offset, f, settings, comments, silenced);
        for (const f of created) if (!result.lost?.(f)) this.push(out, file, lines, placed.offset, f, settings, comments, silenced);
        for (const f of referenced) if (!result.lost?.(f)) this.push(out, file, lines, placed.offset, f, settings, comments, silenced);
        if (out.length > first) tagObject(out, first, o.object);
      }
      if (take < doc.objects.length && !cut) {
        cut = true;
        this.push(out, file, lines, placed.offset, unvalidatedFinding(file, doc.objects[take], objectsBefore + take), settings, comments, none);
      }
      left -= take;
      objectsBefore += doc.objects.length;
      if (options.services !== false) this.pushServiceFindings(out, file, lines, placed, settings, comments);
    }
    return out;
  }

  /**
   * The diagnostics of the Services a file declares (a Service selecting nothing, a selector's
   * near miss, target ports no selected container declares), against every Pod the workspace
   * holds. `validate` includes them; this is for hosts that validate in parts first.
   */
  serviceDiagnostics(file: ManifestFile, settings: PodsightSettings = DEFAULT_SETTINGS, options: ValidateOptions = {}): Diagnostic[] {
    if (!settings.validate.enable || file.tooLarge) return [];
    const lines = options.firstLine ? shiftedLines(file.lines, options.firstLine) : file.lines;
    const comments = commentSuppressions(file.text, (o) => file.lines.positionAt(o).line);
    const out: Diagnostic[] = [];
    for (const placed of file.documents) if (!placed.doc.templated) this.pushServiceFindings(out, file, lines, placed, settings, comments);
    return out;
  }

  /**
   * The Pods and Pod templates of a file as Services see them, placed in the file (shifted by
   * `firstLine` for a part of a larger file): what the CLI's threads hand to the thread that
   * judges the Services (`workspace.setExternalPods`).
   */
  podsOf(file: ManifestFile, options: ValidateOptions = {}): IndexedPod[] {
    const lines = options.firstLine ? shiftedLines(file.lines, options.firstLine) : file.lines;
    const out: IndexedPod[] = [];
    for (const placed of file.documents) {
      for (const e of podEntriesOf(placed.doc)) out.push({ facts: e.facts, uri: file.uri, location: { uri: file.uri, range: lines.range(placed.offset + e.span.start, placed.offset + e.span.end) } });
    }
    return out;
  }

  /**
   * For the scheduling report: who selects a Pod (Services, NetworkPolicies), from the
   * declarations of the given files, or of the workspace model without them. Undefined when
   * they declare no Service and no NetworkPolicy.
   */
  reachLookup(files?: readonly ManifestFile[]): PodReachLookup | undefined {
    let reach: ReachIndex;
    if (files) {
      const declared: Array<{ kind: string; value: PlainObject; uri: string }> = [];
      for (const f of files) {
        for (const placed of f.documents) for (const d of declarationsOf(placed.doc)) if (d.kind === 'Service' || d.kind === 'NetworkPolicy') declared.push({ kind: d.kind, value: d.value, uri: f.uri });
      }
      reach = new ReachIndex([], declared);
    } else reach = this.workspace.reach();
    if (!reach.declaresAny()) return undefined;
    return (namespace, labels) => podReach(namespace, labels, reach);
  }

  private pushServiceFindings(out: Diagnostic[], file: ManifestFile, lines: Pick<ManifestFile['lines'], 'range'>, placed: ManifestFile['documents'][number], settings: PodsightSettings, comments: Map<number, Set<string>>): void {
    for (const s of serviceFindingsOf(placed.doc, this.workspace)) {
      const silenced = annotationSuppressions(s.object);
      for (const f of s.findings) this.push(out, file, lines, placed.offset, f, settings, comments, silenced);
    }
  }

  /**
   * The object at a position as the API server would store it on create (defaults, admission
   * against the declared workspace, PrepareForCreate), as YAML; undefined outside an object.
   * When the API server would refuse it (the document does not parse, decoding, field
   * validation or admission rejects it), `rejected` holds the reasons in the API server's words
   * and the YAML opens with them: what follows is what it would store once they are fixed.
   */
  storedObject(file: ManifestFile, position: Position): StoredObject | undefined {
    const offset = file.lines.offsetAt(position);
    const placed = documentAt(file, offset);
    if (!placed) return undefined;
    const rel = offset - placed.offset;
    const doc = placed.doc;
    let index = doc.objects.findIndex((o) => rel >= o.node.start && rel <= o.node.end);
    if (index === -1 && doc.objects.length === 1) index = 0;
    if (index === -1) return undefined;
    const created = createPathOf(doc, index, this.workspace);
    if (!created) return undefined;
    const o = doc.objects[index];
    const found = validateDocument(doc);
    const reasons = rejections([
      ...found.syntax.filter(isRejection),
      ...(found.objects[index]?.findings ?? NO_FINDINGS).filter((f) => f.errorType !== undefined),
      ...created.findings.filter((f) => f.errorType !== undefined),
    ]);
    const body = renderStoredYaml(created.result.stored, { serverAssigned: created.result.serverAssigned });
    const out: StoredObject = { yaml: body, kind: o.kind, name: o.name ?? '' };
    if (reasons.shown.length > 0) {
      out.rejected = reasons.shown;
      out.yaml = rejectionHeader(o.kind, reasons) + body;
    }
    return out;
  }

  /**
   * The API server in front of a scheduling simulation over `files` (SimulateOptions.admit):
   * each Pod scheduled as the create path stores it against the declared workspace, and the
   * Pods it would refuse shown as rejected. The hosts feed the workspace first.
   */
  schedulingAdmission(files: readonly ManifestFile[]): NonNullable<SimulateOptions['admit']> {
    return schedulingAdmission(files, this.workspace);
  }

  /**
   * Quick fixes for the given diagnostics (as the editor sends them back): the fixes computed
   * at validation time, as WorkspaceEdits on this document.
   */
  codeActions(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
    const actions: CodeAction[] = [];
    for (const d of diagnostics) {
      if (typeof d !== 'object' || d === null || d.source !== 'podsight') continue;
      const fixes = (d.data as DiagnosticData | undefined)?.fixes;
      if (!Array.isArray(fixes)) continue;
      for (const fix of fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.preferred === true,
          edit: { changes: { [uri]: fix.edits } },
        });
      }
    }
    return actions;
  }

  /**
   * Field documentation, with what the containers share on top where that applies. With the
   * last simulation (`simulation`): on a Node, what its labels, taints and resources do; on a
   * Pod's host port, hostPath or host namespace flag, who shares it on the same Node.
   */
  hover(file: ManifestFile, position: Position, workspace: features.WorkspaceIndex = this.workspace.nodes, simulation?: SimulationResult): Hover | null {
    const offset = file.lines.offsetAt(position);
    // On the indentation before a key nothing is hovered: not the enclosing field, not the
    // port or volume whose item spans these lines.
    if (inIndentation(file.text, offset - file.lines.positionAt(offset).character, offset)) return null;
    const onNode = simulation ? nodeHover(file, offset, nodeFactsOf(simulation)) : undefined;
    if (onNode) return features.combineHover(file, onNode, fieldHover(file, offset));
    const referenced = refs.referenceHover(this.workspace, file, offset);
    let sharing = features.sharingHover(file, offset, workspace);
    const beside = sharing && simulation ? besideOnNode(file, offset, nodeFactsOf(simulation)) : undefined;
    if (sharing && beside) sharing = { ...sharing, markdown: `${sharing.markdown}\n\n${beside}` };
    // On a container port: who reaches it from outside the Pod (Services, NetworkPolicies).
    const reach = sharing ? portReachAt(file, offset, this.workspace) : undefined;
    if (sharing && reach) sharing = { ...sharing, markdown: `${sharing.markdown}\n\n${reach}` };
    const part = referenced && sharing ? { ...referenced, markdown: `${referenced.markdown}\n\n---\n\n${sharing.markdown}` } : (referenced ?? sharing);
    return features.combineHover(file, part, fieldHover(file, offset));
  }

  /**
   * Whether a file's diagnostics may change with these declaration changes (the server
   * validates again only the open documents for which this is true).
   */
  affectedBy(file: ManifestFile, changes: DeclarationChanges): boolean {
    return refs.affectedBy(file, this.workspace.declared(), changes);
  }

  // What a Pod's containers share: see features/ and sharing/.
  inlayHints(file: ManifestFile, range?: Range, settings?: features.SharingSettings, simulation?: SimulationResult): InlayHint[] {
    const hints = features.inlayHints(file, range, settings);
    // After each Node's name: Pods placed, pending Pods turned away (from the last simulation).
    if (simulation && settings?.inlayHints.nodes !== false) hints.push(...nodeInlayHints(file, nodeFactsOf(simulation), range));
    return hints;
  }

  /**
   * The sharing summary above each Pod spec; with the client's commands, "Preview scheduling"
   * beside it and "Preview as stored" above each Pod, Node and workload.
   */
  codeLenses(file: ManifestFile, settings?: features.SharingSettings, previewCommand?: string, storedCommand?: string, simulation?: SimulationResult): CodeLens[] {
    if (settings?.codeLens.enable === false) return [];
    const lenses = features.codeLenses(file, previewCommand);
    // Above each Node: its Pods and its use against allocatable, from the last simulation.
    if (simulation) lenses.push(...nodeLenses(file, nodeFactsOf(simulation), previewCommand));
    // Both sides of a Service: what it selects, and who selects each Pod or template.
    lenses.push(...reachLenses(file, this.workspace));
    if (storedCommand) {
      for (const placed of file.documents) {
        for (const o of placed.doc.objects) {
          const first = o.node.entries[0]?.keySpan ?? o.node;
          const range = file.lines.range(placed.offset + first.start, placed.offset + first.end);
          lenses.push({ range, command: { title: 'Preview as stored', command: storedCommand, arguments: [file.uri, range.start] } });
        }
      }
    }
    return lenses;
  }

  // Navigation: names inside one Pod (volumes, ports: features/) first, then references to
  // other objects of the workspace (references/), across files.
  definition(file: ManifestFile, position: Position): Location[] {
    const offset = file.lines.offsetAt(position);
    const local = features.definition(file, offset);
    return local.length ? local : refs.definition(this.workspace, file, offset);
  }

  references(file: ManifestFile, position: Position, includeDeclaration = true): Location[] {
    const offset = file.lines.offsetAt(position);
    const local = features.references(file, offset, includeDeclaration);
    return local.length ? local : refs.references(this.workspace, file, offset, includeDeclaration);
  }

  prepareRename(file: ManifestFile, position: Position): { range: Range; placeholder: string } | null {
    const offset = file.lines.offsetAt(position);
    return features.prepareRename(file, offset) ?? refs.prepareRename(file, offset);
  }

  rename(file: ManifestFile, position: Position, newName: string): features.RenameResult {
    const offset = file.lines.offsetAt(position);
    return features.rename(file, offset, newName) ?? refs.rename(this.workspace, file, offset, newName);
  }

  /**
   * `options.snippets`: the client takes snippet syntax (its completionItem.snippetSupport).
   * At a reference (a ConfigMap's name, a Secret's key …) the declared names come first. With
   * the last simulation (`simulation`), in a Node's `metadata.labels`: the label keys and values
   * its Pods use, before what the schema knows.
   */
  completion(file: ManifestFile, position: Position, workspace: features.WorkspaceIndex = this.workspace.nodes, options?: features.SchemaCompletionOptions, simulation?: SimulationResult): CompletionList | null {
    const referenced = refs.referenceCompletion(this.workspace, file, position);
    if (referenced) return referenced;
    const general = features.completion(file, position, workspace, options);
    const onNode = simulation ? nodeLabelCompletion(file, position, nodeFactsOf(simulation)) : null;
    if (!onNode) return general;
    const have = new Set(onNode.items.map((i) => i.label));
    return { isIncomplete: false, items: [...onNode.items, ...(general?.items ?? []).filter((i) => !have.has(i.label))] };
  }

  documentSymbols(file: ManifestFile): DocumentSymbol[] {
    return features.documentSymbols(file);
  }

  foldingRanges(file: ManifestFile): FoldingRange[] {
    return features.foldingRanges(file);
  }

  private push(
    out: Diagnostic[],
    file: ManifestFile,
    lines: Pick<ManifestFile['lines'], 'range'>,
    base: number,
    f: Finding,
    settings: PodsightSettings,
    comments?: Map<number, Set<string>>,
    annotation?: Set<string>,
  ): void {
    const info = ruleInfo(f.rule);
    const level = settings.rules[f.rule] ?? f.severity ?? info?.severity ?? 'error';
    if (level === 'off') return;
    const range = lines.range(base + f.span.start, base + f.span.end);
    if (comments && annotation && isSilenced(f.rule, range.start.line, comments, annotation)) return;
    const d: Diagnostic = {
      range,
      severity: SEVERITY[level],
      code: f.rule,
      source: 'podsight',
      message: readable(f.field && !f.standalone && !f.message.includes(f.field) ? `${f.field}: ${f.message}` : f.message),
    };
    if (this.options.rulesDocUrl) {
      let href = this.links.get(f.rule);
      if (href === undefined) this.links.set(f.rule, (href = `${this.options.rulesDocUrl}#${f.rule}`));
      d.codeDescription = { href };
    }
    if (f.field || f.errorType || f.fixes || f.stage) {
      const data: DiagnosticData = { field: f.field, errorType: f.errorType };
      if (f.stage) data.stage = f.stage;
      if (f.fixes) {
        data.fixes = f.fixes.map((x) => ({
          title: readable(x.title), // titles quote values too
          preferred: x.preferred,
          // Fixes write lines with LF; the file keeps its own line break.
          edits: x.edits.map((e) => ({ range: lines.range(base + e.span.start, base + e.span.end), newText: file.lineBreak === '\n' ? e.newText : e.newText.replace(/\n/g, file.lineBreak) })),
        }));
      }
      d.data = data;
    }
    if (f.related?.length || f.elsewhere?.length) {
      const related = (f.related ?? []).map((r) => ({
        location: { uri: file.uri, range: lines.range(base + r.span.start, base + r.span.end) },
        message: readable(r.message),
      }));
      for (const e of f.elsewhere ?? []) {
        const location = 'location' in e ? e.location : this.workspace.locate(e.object, e.field);
        if (location) related.push({ location, message: readable(e.message) });
      }
      if (related.length) d.relatedInformation = related;
    }
    out.push(d);
  }
}
