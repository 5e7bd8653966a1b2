/**
 * Diagnostics for references to ConfigMaps, Secrets and PersistentVolumeClaims, in the words of
 * the component that fails on them: the kubelet (`configmap "app-confg" not found`,
 * `couldn't find key lg in ConfigMap default/app`, `MountVolume.SetUp failed for volume …`),
 * the scheduler (`persistentvolumeclaim "data" not found`). Nothing here is an API-server
 * rejection: the object is stored and its Pods fail later, so the level follows the closed-world
 * rule (workspace/model.ts) and the message says which case applied:
 * - whole cluster declared (podsight.workspace.isWholeCluster): an error;
 * - the workspace declares objects of that kind in that namespace, not this one: a warning;
 * - it declares none there: information, "not declared here".
 * A missing key of a declared object is a warning (an error with the whole cluster declared).
 * An image pull Secret that is missing only makes a private pull fail: at most a warning.
 * `optional: true` references are never reported. ServiceAccount, PriorityClass, RuntimeClass
 * and Namespace references are admission's (createPath/admission) and not reported again here.
 */
import type { ManifestDocument } from '../parse/manifests';
import type { DeclaredObject, DeclaredObjects } from '../createPath/admission/types';
import { findingsCap, omittedMessage, type ElsewhereSpan, type Finding, type Fix, type RuleId, type Severity } from '../diagnostics/finding';
import { closestNames, NameIndex } from '../util/closestNames';
import { fieldText, referencesOf, type KeyRef, type Reference } from './collect';
import { cachedKeysOf, providesClaims, resolve } from './targets';
import { scalarEdit } from './edit';

type Case = 'whole' | 'closed' | 'open';

const PLURAL: Record<string, string> = { ConfigMap: 'ConfigMaps', Secret: 'Secrets', PersistentVolumeClaim: 'PersistentVolumeClaims' };
/** The resource the kubelet's and scheduler's NotFound errors name (`configmap "x" not found`). */
const RESOURCE: Record<string, string> = { ConfigMap: 'configmap', Secret: 'secret', PersistentVolumeClaim: 'persistentvolumeclaim' };

const NOT_FOUND_RULE: Record<string, RuleId> = {
  ConfigMap: 'reference-configmap-not-found',
  Secret: 'reference-secret-not-found',
  PersistentVolumeClaim: 'reference-claim-not-found',
};
const KEY_RULE: Record<string, RuleId> = { ConfigMap: 'reference-configmap-key-not-found', Secret: 'reference-secret-key-not-found' };

/** At most this many declared objects are pointed at from a missing reference. */
const MAX_RELATED = 3;

function caseOf(declared: DeclaredObjects, ref: Reference): Case {
  if (declared.complete) return 'whole';
  if (declared.closed(ref.kind, ref.namespace)) return 'closed';
  if (ref.kind === 'PersistentVolumeClaim' && providesClaims(declared, ref.namespace)) return 'closed';
  return 'open';
}

/** What the failing component says, with where it says it. */
function inContext(ref: Reference, words: string): string {
  switch (ref.site) {
    case 'env':
    case 'envFrom':
      return `${words} (the kubelet does not start container "${ref.owner ?? ''}": CreateContainerConfigError)`;
    case 'volume':
    case 'projected':
      return `MountVolume.SetUp failed for volume "${ref.owner ?? ''}" : ${words}`;
    case 'claim':
      return `${words} (the scheduler leaves the Pod Pending)`;
    case 'pullSecret':
      return `Unable to retrieve pull secret, the image pull may not succeed. (${words})`;
    default:
      return words;
  }
}

function capped(site: Reference['site'], s: Severity): Severity {
  // A missing pull secret fails only pulls of private images: the kubelet goes on without it.
  return site === 'pullSecret' && s === 'error' ? 'warning' : s;
}

interface Found {
  finding: Finding;
  /** Did-you-mean: the closest declared names or keys, best first. */
  suggestions: string[];
}

function missingObject(declared: DeclaredObjects, ref: Reference, known: () => NameIndex): Found {
  const what = `${ref.kind} "${ref.name}"`;
  const words = inContext(ref, `${RESOURCE[ref.kind]} "${ref.name}" not found`);
  const where = `in namespace "${ref.namespace}"`;
  const c = caseOf(declared, ref);
  let message: string;
  let severity: Severity;
  if (c === 'whole') {
    message = `${words} (the workspace is declared to be the whole cluster, so ${what} would be missing)`;
    severity = 'error';
  } else if (c === 'closed') {
    message = `${words} (the workspace declares ${PLURAL[ref.kind]} ${where} but not this one; declare it, or set podsight.workspace.isWholeCluster to make this an error)`;
    severity = 'warning';
  } else {
    message = `${what} is not declared here (the workspace declares no ${PLURAL[ref.kind]} ${where}); if the cluster lacks it too: ${words}`;
    severity = 'information';
  }
  const f: Finding = { rule: NOT_FOUND_RULE[ref.kind], message, span: { start: ref.span.start, end: ref.span.end }, field: fieldText(ref.field), severity: capped(ref.site, severity), standalone: true };
  const list = declared.get(ref.kind, ref.namespace);
  let close: string[] = [];
  if (list.length > 0) {
    close = closestNames(ref.name, known(), MAX_RELATED);
    const shown = new Set(close);
    for (const d of list) {
      if (shown.size >= MAX_RELATED) break;
      shown.add(d.name);
    }
    const byName = new Map<string, DeclaredObject>();
    for (const d of list) if (shown.has(d.name) && !byName.has(d.name)) byName.set(d.name, d);
    f.elsewhere = [...shown].flatMap((n): ElsewhereSpan[] => {
      const d = byName.get(n);
      return d ? [{ object: d.value, field: 'metadata.name', message: `${ref.kind} "${n}" is declared ${where}` }] : [];
    });
  }
  return { finding: f, suggestions: close };
}

function missingKey(declared: DeclaredObjects, ref: Reference, k: KeyRef, object: DeclaredObject, keys: Set<string>, inBinary: boolean): Found {
  const id = `${ref.namespace}/${ref.name}`;
  let words: string;
  if (ref.site === 'env') words = inContext(ref, `couldn't find key ${k.key} in ${ref.kind} ${id}`);
  else if (ref.kind === 'ConfigMap') words = inContext(ref, `configmap references non-existent config key: ${k.key}`);
  else words = inContext(ref, `references non-existent secret key: ${k.key}`);
  if (inBinary) words += ' (the key is in binaryData, which environment variables cannot read)';
  const whole = declared.complete;
  const message = whole
    ? `${words} (the workspace is declared to be the whole cluster)`
    : `${words} (${ref.kind} ${id} is declared in the workspace without this key; set podsight.workspace.isWholeCluster to make this an error)`;
  const f: Finding = { rule: KEY_RULE[ref.kind], message, span: { start: k.span.start, end: k.span.end }, field: k.field, severity: whole ? 'error' : 'warning', standalone: true };
  f.elsewhere = [{ object: object.value, field: 'metadata.name', message: `${ref.kind} ${id} declares ${keys.size === 0 ? 'no keys' : `the keys ${[...keys].slice(0, 10).join(', ')}${keys.size > 10 ? ` and ${keys.size - 10} more` : ''}`}` }];
  return { finding: f, suggestions: closestNames(k.key, keys, 2) };
}

/** Did-you-mean quick fixes: the name or key as written, replaced by each suggestion. */
function didYouMean(doc: ManifestDocument, found: Found, written: string): Finding {
  const f = found.finding;
  const fixes: Fix[] = [];
  found.suggestions.forEach((name, i) => {
    const e = scalarEdit(doc.text, f.span, written, name);
    if (e) fixes.push({ title: `Change to "${name}"`, preferred: i === 0, edits: [e] });
  });
  if (fixes.length) f.fixes = fixes;
  return f;
}

const CACHE_KEY = 'references.findings';

interface Cached {
  generation: number;
  declared: DeclaredObjects;
  perObject: Map<number, Finding[]>;
}

/**
 * The reference findings of one object of a document against the declared workspace, cached
 * with the document per declarations generation.
 */
export function referenceFindings(doc: ManifestDocument, index: number, declared: DeclaredObjects, generation: number): Finding[] {
  let cached = doc.cache.get(CACHE_KEY) as Cached | undefined;
  if (!cached || cached.generation !== generation || cached.declared !== declared) {
    cached = { generation, declared, perObject: findingsOf(doc, declared) };
    doc.cache.set(CACHE_KEY, cached);
  }
  return cached.perObject.get(index) ?? [];
}

function findingsOf(doc: ManifestDocument, declared: DeclaredObjects): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  const indexes = new Map<string, NameIndex>();
  const known = (ref: Reference) => (): NameIndex => {
    const key = `${ref.kind}\u0000${ref.namespace}`;
    let i = indexes.get(key);
    if (!i) indexes.set(key, (i = new NameIndex(declared.get(ref.kind, ref.namespace).map((d) => d.name))));
    return i;
  };
  const listOf = (object: number): Finding[] => {
    let list = out.get(object);
    if (!list) out.set(object, (list = []));
    return list;
  };
  const add = (ref: Reference, found: Found, written: string): void => {
    const f = didYouMean(doc, found, written);
    listOf(ref.object).push(f);
    const t = tally.get(`${ref.object}\u0000${f.rule}`);
    if (t && t.severity === undefined) t.severity = f.severity;
  };
  // At most MAX_FINDINGS_PER_RULE of each rule per object, as the rules report theirs: past
  // them a finding is only counted (no message, did-you-mean or fix built for half a million
  // references to one undeclared Secret), and one finding says how many were left out.
  const tally = new Map<string, { n: number; severity?: Severity; rest?: Finding }>();
  const over = (ref: Reference, rule: RuleId, span: { start: number; end: number }): boolean => {
    const key = `${ref.object}\u0000${rule}`;
    let t = tally.get(key);
    if (!t) tally.set(key, (t = { n: 0 }));
    if (++t.n <= findingsCap.perRule) return false;
    if (t.rest) t.rest.omitted!++;
    else {
      t.rest = { rule, span: { start: span.start, end: span.end }, message: '', omitted: 1, standalone: true, ...(t.severity ? { severity: t.severity } : {}) };
      listOf(ref.object).push(t.rest);
    }
    return true;
  };
  for (const ref of referencesOf(doc)) {
    if (!(ref.kind in NOT_FOUND_RULE)) continue;
    const found = resolve(declared, ref.kind, ref.namespace, ref.name);
    if (!found) {
      if (!ref.optional && !over(ref, NOT_FOUND_RULE[ref.kind], ref.span)) add(ref, missingObject(declared, ref, known(ref)), ref.name);
      continue;
    }
    if (ref.optional || ref.keys.length === 0 || !found.object) continue;
    const keys = cachedKeysOf(ref.kind, found.object.value);
    const readable = ref.site === 'env' ? keys.env : keys.all;
    for (const k of ref.keys) {
      if (readable.has(k.key) || over(ref, KEY_RULE[ref.kind], k.span)) continue;
      add(ref, missingKey(declared, ref, k, found.object, readable, ref.site === 'env' && keys.all.has(k.key)), k.key);
    }
  }
  for (const t of tally.values()) if (t.rest) t.rest.message = omittedMessage(t.rest.rule, t.rest.omitted!, 'object');
  return out;
}
