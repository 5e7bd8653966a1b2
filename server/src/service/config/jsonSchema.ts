/**
 * Checks a YAML (or JSON) node tree against the small part of JSON Schema draft-07 that
 * podsight.schema.json uses (type, properties, additionalProperties, propertyNames.pattern,
 * enum, items, minLength, maxLength, maxItems, minimum), so the schema the editor is given is the one
 * Podsight itself enforces, and every problem points at the node in the file. One pass over
 * the tree: linear in its size.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';

export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'boolean' | 'number' | 'integer';
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: { pattern?: string };
  enum?: unknown[];
  items?: SchemaNode;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  minimum?: number;
  description?: string;
}

export interface SchemaProblem {
  /** The path in the file, dotted (`rules.unknown-field`, `exclude[2]`). */
  path: string;
  message: string;
  /** Offsets of the offending node (or key) in the text. */
  start: number;
  end: number;
}

function typeOf(node: Node | null | undefined): string {
  if (node == null) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
    if (typeof v === 'boolean') return 'boolean';
    if (typeof v === 'string') return 'string';
  }
  return 'unknown';
}

function rangeOf(node: Node | null | undefined, fallback: [number, number]): [number, number] {
  const r = node?.range;
  return r ? [r[0], Math.max(r[0], r[1])] : fallback;
}

const show = (v: unknown): string => JSON.stringify(v);

export function checkSchema(node: Node | null | undefined, schema: SchemaNode, path: string, around: [number, number], out: SchemaProblem[]): void {
  const [start, end] = rangeOf(node, around);
  const problem = (message: string, s = start, e = end, p = path): void => void out.push({ path: p, message, start: s, end: e });
  const actual = typeOf(node);
  if (schema.type) {
    const ok = actual === schema.type || (schema.type === 'number' && actual === 'integer');
    if (!ok) {
      problem(`${path || 'the file'}: expected ${schema.type === 'object' ? 'a mapping' : schema.type === 'array' ? 'a list' : `a ${schema.type}`}, got ${actual === 'object' ? 'a mapping' : actual === 'array' ? 'a list' : actual}`);
      return;
    }
  }
  if (schema.enum && isScalar(node) && !schema.enum.includes(node.value)) {
    problem(`${path}: ${show(node.value)} is not supported; supported: ${schema.enum.map(show).join(', ')}`);
    return;
  }
  if (isScalar(node) && typeof node.value === 'string') {
    if (schema.minLength !== undefined && node.value.length < schema.minLength) problem(`${path}: must not be empty`);
    if (schema.maxLength !== undefined && node.value.length > schema.maxLength) problem(`${path}: longer than ${schema.maxLength} characters`);
  }
  if (schema.minimum !== undefined && isScalar(node) && typeof node.value === 'number' && node.value < schema.minimum) problem(`${path}: must be at least ${schema.minimum}`);
  if (isSeq(node)) {
    if (schema.maxItems !== undefined && node.items.length > schema.maxItems) problem(`${path}: more than ${schema.maxItems} entries`);
    if (schema.items) {
      const items = node.items.slice(0, schema.maxItems ?? node.items.length);
      items.forEach((item, i) => checkSchema(item as Node, schema.items!, `${path}[${i}]`, [start, end], out));
    }
  }
  if (isMap(node)) {
    const pattern = schema.propertyNames?.pattern ? new RegExp(schema.propertyNames.pattern) : undefined;
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const [ks, ke] = rangeOf(keyNode, [start, end]);
      const at = path ? `${path}.${key}` : key;
      if (!isScalar(keyNode)) {
        problem(`${path || 'the file'}: keys must be plain names`, ks, ke);
        continue;
      }
      const sub = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (!sub) {
        if (schema.additionalProperties === false) {
          const known = Object.keys(schema.properties ?? {}).filter((k) => k !== '$schema');
          problem(`${at}: unknown setting${known.length ? ` (known: ${known.join(', ')})` : ''}`, ks, ke, at);
        }
        continue;
      }
      if (!schema.properties?.[key] && pattern && !pattern.test(key)) {
        problem(`${at}: ${show(key)} is not a valid name here`, ks, ke, at);
        continue;
      }
      checkSchema(pair.value as Node | null, sub, at, [ks, ke], out);
    }
  }
}
