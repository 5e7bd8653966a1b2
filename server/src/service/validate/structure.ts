/**
 * Structural validation: what the API server's strict decoding rejects before any field rule
 * runs. Unknown fields and duplicate keys (kubectl's default `--validate=strict`), values of
 * the wrong JSON type, malformed quantities, and the fields the OpenAPI marks as required.
 * Driven entirely by the generated schema.
 */
import type { KMap, KNode, Span } from '../parse/tree';
import { describeType, fieldOf, isModel, modelDisplayName, typeSchema, type FieldType } from '../schema';
import { parseQuantity, quantityFromNumber } from '../util/quantity';
import { childPath, indexPath, keyPath, type Finding } from './finding';
import { closestNames, quoteScalar, replaceSpan } from '../rules/fixes';

/** OpenAPI-required fields whose absence upstream reports through its own rule, or fills in by
 * defaulting, so a structural "Required" would be a duplicate or a false alarm. */
const REQUIRED_HANDLED_ELSEWHERE = new Set<string>([
  // Defaulted by the API server before validation.
  'V1ContainerPort.protocol',
  // podSpec / scheduling families (rules/podSpec.ts, rules/scheduling.ts): absent = zero value,
  // which upstream reports with its own type and detail (or accepts, e.g. preference).
  'V1PodSpec.containers',
  'V1PodOS.name',
  'V1PodReadinessGate.conditionType',
  'V1PodSchedulingGate.name',
  'V1HostAlias.ip',
  'V1NodeSelector.nodeSelectorTerms',
  'V1NodeSelectorRequirement.key',
  'V1NodeSelectorRequirement.operator',
  'V1PreferredSchedulingTerm.preference',
  'V1PreferredSchedulingTerm.weight',
  'V1PodAffinityTerm.topologyKey',
  'V1WeightedPodAffinityTerm.podAffinityTerm',
  'V1WeightedPodAffinityTerm.weight',
  'V1LabelSelectorRequirement.key',
  'V1LabelSelectorRequirement.operator',
  'V1TopologySpreadConstraint.maxSkew',
  'V1TopologySpreadConstraint.topologyKey',
  'V1TopologySpreadConstraint.whenUnsatisfiable',
  // resizePolicy: an empty name/policy is Required on `…resizePolicy` (no index) upstream.
  'V1ContainerResizePolicy.resourceName',
  'V1ContainerResizePolicy.restartPolicy',
]);

interface Walk {
  findings: Finding[];
}

function jsonKind(n: KNode): string {
  if (n.kind === 'map') return 'object';
  if (n.kind === 'seq') return 'array';
  switch (n.v.type) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'null':
      return 'null';
    default:
      return 'number';
  }
}

function goType(t: FieldType, format?: string): string {
  if (typeof t === 'object') return 'array' in t ? `[]${goType(t.array)}` : `map[string]${goType(t.map)}`;
  switch (t) {
    case 'string':
      return 'string';
    case 'integer':
      return format ?? 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'any':
      return 'interface {}';
    default:
      return `v1.${modelDisplayName(t)}`;
  }
}

/** The dotted path Go's encoding/json prints: no indexes or map keys. */
function goPath(path: string): string {
  return path.replace(/\[[^\]]*\]/g, '');
}

function typeMismatch(w: Walk, n: KNode, path: string, owner: string, t: FieldType, format?: string): void {
  const note = n.kind === 'scalar' && n.yaml12 ? ` (${n.yaml12})` : '';
  const finding: Finding = {
    rule: 'invalid-type',
    errorType: 'Invalid',
    field: path,
    span: n.kind === 'scalar' ? { start: n.start, end: n.end } : { start: n.start, end: Math.min(n.end, n.start + 1) },
    message: `cannot unmarshal ${jsonKind(n)} into Go struct field ${modelDisplayName(owner)}.${goPath(path)} of type ${goType(t, format)}${note}`,
  };
  // A plain scalar read as a bool or number where a string belongs: quoting keeps the text.
  if (t === 'string' && n.kind === 'scalar' && n.plain && n.end > n.start) finding.fixes = [quoteScalar(n)];
  w.findings.push(finding);
}

function checkValue(w: Walk, n: KNode, t: FieldType, path: string, owner: string, format?: string): void {
  if (n.kind === 'scalar' && n.v.type === 'null') return; // JSON null leaves the zero value
  if (typeof t === 'object') {
    if ('array' in t) {
      if (n.kind !== 'seq') return typeMismatch(w, n, path, owner, t);
      for (let i = 0; i < n.items.length; i++) checkValue(w, n.items[i], t.array, indexPath(path, i), owner);
      return;
    }
    if (n.kind !== 'map') return typeMismatch(w, n, path, owner, t);
    checkDuplicates(w, n, path);
    for (const e of n.entries) checkValue(w, e.value, t.map, keyPath(path, e.key), owner);
    return;
  }
  switch (t) {
    case 'any':
      return;
    case 'string':
      if (n.kind !== 'scalar' || n.v.type !== 'string') typeMismatch(w, n, path, owner, t);
      return;
    case 'boolean':
      if (n.kind !== 'scalar' || n.v.type !== 'bool') typeMismatch(w, n, path, owner, t);
      return;
    case 'number':
      if (n.kind !== 'scalar' || (n.v.type !== 'int' && n.v.type !== 'float')) typeMismatch(w, n, path, owner, t);
      return;
    case 'integer':
      if (n.kind !== 'scalar' || !isWholeNumber(n)) return typeMismatch(w, n, path, owner, t, format);
      if (format === 'int32' && n.kind === 'scalar' && typeof n.v.value === 'number' && (n.v.value > 2147483647 || n.v.value < -2147483648)) {
        w.findings.push({
          rule: 'invalid-type',
          errorType: 'Invalid',
          field: path,
          span: { start: n.start, end: n.end },
          message: `cannot unmarshal number ${n.text} into Go struct field ${modelDisplayName(owner)}.${goPath(path)} of type int32`,
        });
      }
      return;
    case 'int-or-string':
      if (n.kind !== 'scalar' || (n.v.type !== 'string' && !isWholeNumber(n))) typeMismatch(w, n, path, owner, t);
      return;
    case 'quantity':
      return checkQuantity(w, n, path, owner);
  }
  if (isModel(t)) {
    if (n.kind !== 'map') return typeMismatch(w, n, path, owner, t);
    checkObject(w, n, t, path, n.start);
  }
}

function isWholeNumber(n: KNode): boolean {
  return n.kind === 'scalar' && (n.v.type === 'int' || (n.v.type === 'float' && Number.isInteger(n.v.value)));
}

function checkQuantity(w: Walk, n: KNode, path: string, owner: string): void {
  if (n.kind !== 'scalar') return typeMismatch(w, n, path, owner, 'quantity');
  const v = n.v;
  const r = v.type === 'int' || v.type === 'float' ? quantityFromNumber(v.value) : parseQuantity(v.type === 'string' ? v.value : n.text);
  if (!r.ok) {
    w.findings.push({
      rule: 'invalid-quantity',
      errorType: 'Invalid',
      field: path,
      span: { start: n.start, end: n.end },
      message: n.yaml12 ? `${r.message} (${n.yaml12})` : r.message,
    });
  }
}

function checkObject(w: Walk, map: KMap, model: string, path: string, ownerKeyStart: number, ownerKey?: Span): void {
  const schema = typeSchema(model);
  if (!schema) return;
  checkDuplicates(w, map, path);
  for (const e of map.entries) {
    const f = fieldOf(model, e.key);
    const p = childPath(path, e.key);
    if (!f) {
      const finding: Finding = { rule: 'unknown-field', errorType: 'UnknownField', field: p, span: e.keySpan, message: `unknown field "${p}"` };
      if (!e.merged) {
        const near = closestNames(e.key, Object.keys(schema.f).filter((k) => !map.entries.some((x) => x.key === k)));
        if (near.length) finding.fixes = near.map((k, i) => replaceSpan(`Change to "${k}"`, e.keySpan, k, i === 0));
      }
      w.findings.push(finding);
      continue;
    }
    if (isModel(f.t) && e.value.kind === 'map') checkObject(w, e.value, f.t, p, e.keySpan.start, e.keySpan);
    else checkValue(w, e.value, f.t, p, model, f.f);
  }
  for (const key in schema.f) {
    const f = schema.f[key];
    if (!f.r || REQUIRED_HANDLED_ELSEWHERE.has(`${model}.${key}`)) continue;
    if (map.entries.some((e) => e.key === key)) continue;
    const anchor = ownerKey ?? (map.entries[0]?.keySpan ?? { start: ownerKeyStart, end: ownerKeyStart + 1 });
    w.findings.push({
      rule: 'required-field',
      errorType: 'Required',
      field: childPath(path, key),
      span: anchor,
      message: `Required value: ${key} (${describeType(f.t)}) must be set`,
    });
  }
}

function checkDuplicates(w: Walk, map: KMap, path: string): void {
  const es = map.entries;
  if (es.length < 2) return;
  const seen = new Map<string, Span>();
  for (const e of es) {
    if (e.merged) continue;
    const first = seen.get(e.key);
    if (!first) {
      seen.set(e.key, e.keySpan);
      continue;
    }
    w.findings.push({
      rule: 'duplicate-key',
      errorType: 'DuplicateKey',
      field: childPath(path, e.key),
      span: e.keySpan,
      message: `key "${e.key}" already set in map`,
      related: [{ span: first, message: `first "${e.key}" is here` }],
    });
  }
}

/** Structural findings for one object whose root model is `model`. */
export function validateStructure(node: KMap, model: string): Finding[] {
  const w: Walk = { findings: [] };
  checkObject(w, node, model, '', node.start);
  return w.findings;
}
