/**
 * Completion in a Node manifest's `metadata.labels`: the label keys the Pods and templates of
 * the simulation use (nodeSelector, required and preferred node affinity, topology keys of
 * spread constraints and pod (anti-)affinity), and for a key, the values their nodeSelector and
 * node affinity (`In`) ask for. The other half of nodeSelector completion (features/completion.ts
 * offers the Nodes' labels to Pods): here the Pods' wishes are offered to the Node.
 *
 * The index is built once per simulation view, in one pass over the Pod groups (a workload's
 * replicas share one template: one representative speaks for them).
 */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { ManifestFile } from '../parse/manifests';
import { documentAt } from '../parse/manifests';
import type { KNode } from '../parse/tree';
import type { NodeSelectorTerm } from '../scheduler/labels';
import type { SimPod } from '../scheduler/types';
import { completionContext, pathAfter, type Seg } from '../features/cursor';
import { needsQuotes } from '../features/completion';
import type { NodeFactsView } from './view';

/** Who uses one label key, and which values they ask for. */
interface KeyUse {
  /** Group label → how it uses the key (`nodeSelector`, `topology spread` …), in first-seen order. */
  users: Map<string, Set<string>>;
  /** Value → the groups that ask for it (nodeSelector, or node affinity `In`). */
  values: Map<string, Set<string>>;
}

type LabelIndex = Map<string, KeyUse>;

const indexes = new WeakMap<NodeFactsView, LabelIndex>();

/** How many users a detail names before "+N". */
const NAMED = 3;

function use(index: LabelIndex, key: string, who: string, how: string, values?: readonly string[]): void {
  let k = index.get(key);
  if (!k) index.set(key, (k = { users: new Map(), values: new Map() }));
  let hows = k.users.get(who);
  if (!hows) k.users.set(who, (hows = new Set()));
  hows.add(how);
  for (const v of values ?? []) {
    let set = k.values.get(v);
    if (!set) k.values.set(v, (set = new Set()));
    set.add(who);
  }
}

function terms(index: LabelIndex, who: string, how: string, list: readonly NodeSelectorTerm[]): void {
  for (const t of list) {
    if (t.invalid) continue;
    // Only `In` names values a Node should carry; NotIn, Exists, DoesNotExist, Gt and Lt use the key.
    for (const r of t.labels?.reqs ?? []) use(index, r.key, who, how, r.op === 'In' ? r.values : undefined);
  }
}

function indexPod(index: LabelIndex, who: string, p: SimPod): void {
  for (const [k, v] of Object.entries(p.nodeSelector ?? {})) use(index, k, who, 'nodeSelector', [v]);
  terms(index, who, 'required node affinity', p.requiredNodeAffinity?.terms ?? []);
  terms(index, who, 'preferred node affinity', p.preferredNodeTerms.map((t) => t.term));
  for (const c of p.spreadConstraints ?? []) use(index, c.topologyKey, who, 'topology spread');
  for (const t of p.requiredAffinity) use(index, t.topologyKey, who, 'pod affinity topology');
  for (const t of p.preferredAffinity) use(index, t.topologyKey, who, 'pod affinity topology');
  for (const t of p.requiredAntiAffinity) use(index, t.topologyKey, who, 'pod anti-affinity topology');
  for (const t of p.preferredAntiAffinity) use(index, t.topologyKey, who, 'pod anti-affinity topology');
}

/** The label keys and values the simulation's Pods use, built once per view. */
export function labelIndex(view: NodeFactsView): LabelIndex {
  let index = indexes.get(view);
  if (index) return index;
  index = new Map();
  for (const g of view.groups) indexPod(index, g.label, g.rep);
  indexes.set(view, index);
  return index;
}

function named(users: Iterable<string>, count: number): string {
  const first: string[] = [];
  for (const u of users) {
    if (first.length === NAMED) break;
    first.push(u);
  }
  return count > NAMED ? `${first.join(', ')} +${count - NAMED}` : first.join(', ');
}

function usersMarkdown(k: KeyUse, only?: Set<string>): string {
  const lines: string[] = [];
  for (const [who, hows] of k.users) {
    if (only && !only.has(who)) continue;
    if (lines.length === 20) {
      lines.push(`- … ${(only?.size ?? k.users.size) - 20} more`);
      break;
    }
    lines.push(`- ${who.replace(/[`\\]/g, "'")}: ${[...hows].join(', ')}`);
  }
  return lines.join('\n');
}

function keyItems(index: LabelIndex, have: Set<string>): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const [key, k] of index) {
    if (have.has(key)) continue;
    out.push({
      label: key,
      kind: CompletionItemKind.Field,
      detail: `used by ${named(k.users.keys(), k.users.size)}`,
      documentation: { kind: 'markdown', value: `Label used by ${k.users.size} template${k.users.size === 1 ? '' : 's'} or Pod${k.users.size === 1 ? '' : 's'} of the scheduling simulation:\n${usersMarkdown(k)}` },
      // The keys most Pods use first.
      sortText: String(1e6 - Math.min(k.users.size, 999_999)).padStart(7, '0') + key,
      insertText: `${key}: `,
      command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' },
    });
  }
  return out;
}

function valueItems(index: LabelIndex, key: string): CompletionItem[] {
  const k = index.get(key);
  if (!k) return [];
  const out: CompletionItem[] = [];
  for (const [value, who] of k.values) {
    out.push({
      label: value,
      kind: CompletionItemKind.Value,
      detail: `${key}=${value} asked for by ${named(who, who.size)}`,
      documentation: { kind: 'markdown', value: `Asked for by ${who.size} template${who.size === 1 ? '' : 's'} or Pod${who.size === 1 ? '' : 's'}:\n${usersMarkdown(k, who)}` },
      sortText: String(1e6 - Math.min(who.size, 999_999)).padStart(7, '0') + value,
    });
  }
  return out;
}

/** The path of a chain below an object's root node (the document's root or a List item). */
function pathBelow(segs: Seg[], root: KNode, docRoot: KNode | undefined): Array<string | number> | undefined {
  if (root === docRoot) return segs.map((s) => ('key' in s ? s.key : s.index));
  return pathAfter(segs, root);
}

/**
 * Completion in a Node's `metadata.labels` (a new key, or the value of a key), from the Pods
 * of the simulation. Null elsewhere, or when no Pod uses a label there.
 */
export function nodeLabelCompletion(file: ManifestFile, position: Position, view: NodeFactsView): CompletionList | null {
  const offset = file.lines.offsetAt(position);
  const placed = documentAt(file, offset);
  if (!placed || placed.doc.templated) return null;
  const rel = offset - placed.offset;
  const ctx = completionContext(placed.doc, rel);
  if (!ctx || ctx.mode === 'item') return null;
  let path: Array<string | number> | undefined;
  let labels: KNode | undefined;
  for (const o of placed.doc.objects) {
    if (o.kind !== 'Node') continue;
    path = pathBelow(ctx.chain.segs, o.node, placed.doc.root);
    if (path) {
      const seg = ctx.chain.segs[ctx.chain.segs.length - path.length + 1];
      labels = seg && 'key' in seg ? seg.entry.value : undefined;
      break;
    }
  }
  if (!path || path[0] !== 'metadata' || path[1] !== 'labels') return null;
  const index = labelIndex(view);
  let items: CompletionItem[];
  if (ctx.mode === 'value' && path.length === 3) items = valueItems(index, String(path[2]));
  else if (ctx.mode === 'key' && path.length === 2) {
    const have = new Set<string>();
    if (labels?.kind === 'map') for (const e of labels.entries) if (e.key !== ctx.typed) have.add(e.key);
    items = keyItems(index, have);
  } else return null;
  if (items.length === 0) return null;
  const range = file.lines.range(placed.offset + ctx.replace.start, placed.offset + ctx.replace.end);
  const quoted = /["']$/.test(placed.doc.text.slice(0, ctx.replace.start));
  for (const it of items) {
    let text = it.insertText ?? it.label;
    // A label value is a string: `true`, `1` or `on` unquoted would be read as another type.
    if (!quoted && ctx.mode === 'value' && needsQuotes(text)) text = JSON.stringify(text);
    if (ctx.needsSpace) text = ` ${text}`;
    it.textEdit = { range, newText: text };
    it.filterText = ctx.needsSpace ? ` ${it.label}` : it.label;
    it.sortText = `0${it.sortText ?? ''}`;
    delete it.insertText;
  }
  return { isIncomplete: false, items };
}
