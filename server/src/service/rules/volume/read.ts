/**
 * Small readers shared by the volume, mount and security-context rules, on top of
 * ../spec/values.ts: Go zero values for absent/null fields, silence on wrong JSON types
 * (strict decoding reports those, and upstream field validation never sees the object).
 */
import type { KEntry, KMap, KNode, KScalar, Span } from '../../parse/tree';
import { entry, msg, report, type RuleContext } from '../context';
import { replaceSpan } from '../fixes';
import { intField, itemMap, missingAt, nodeAt, valueAt } from '../spec/values';
import type { RuleId } from '../../diagnostics/catalog';

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/** A bool field: undefined when absent/null (nil pointer or false), or of the wrong type. */
export function boolValue(map: KMap | undefined, key: string): boolean | undefined {
  const v = entry(map, key)?.value;
  return v?.kind === 'scalar' && v.v.type === 'bool' ? v.v.value : undefined;
}

/** True when a Go pointer/slice/struct field decodes non-nil: written and not `null`. */
export function isSet(map: KMap | undefined, key: string): boolean {
  const v = entry(map, key)?.value;
  return !!v && !(v.kind === 'scalar' && v.v.type === 'null');
}

/** The field's entry when it is written and not null. */
export function setEntry(map: KMap | undefined, key: string): KEntry | undefined {
  const e = entry(map, key);
  return e && !(e.value.kind === 'scalar' && e.value.v.type === 'null') ? e : undefined;
}

/** An int32 field within range (out-of-range values fail decoding and are reported there). */
export function int32Value(map: KMap, key: string): { value: number; e: KEntry } | undefined {
  const f = intField(map, key);
  if (!f?.e || f.value === undefined || f.value < INT32_MIN || f.value > INT32_MAX) return undefined;
  return { value: f.value, e: f.e };
}

/** An int64 field's value (JSON numbers beyond 2^53 lose precision, which no range check here notices). */
export function int64Value(map: KMap, key: string): { value: number; e: KEntry } | undefined {
  const f = intField(map, key);
  if (!f?.e || f.value === undefined) return undefined;
  return { value: f.value, e: f.e };
}

/** Span for field `e` of a struct, or `fallback` (the owner's key) when it is missing. */
export function at(e: KEntry | undefined, fallback: Span): Span {
  return e ? valueAt(e) : fallback;
}

/** Where to point for something missing in a list item: its first key, or the item itself. */
export function itemAnchor(item: KNode): Span {
  const m = itemMap(item);
  return m ? missingAt(m, nodeAt(item)) : nodeAt(item);
}

export const FILE_MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';

/**
 * `defaultMode` / `mode`: 0–0777 after YAML 1.1 resolution (an unquoted `0644` is 420). When a
 * YAML 1.2 reader would see another number, the message says so; a decimal number whose
 * digits read as a valid octal mode gets a quick fix adding the leading 0.
 */
export function checkFileMode(ctx: RuleContext, rule: RuleId, map: KMap, key: string, path: string): boolean {
  const f = int32Value(map, key);
  if (!f || (f.value >= 0 && f.value <= 0o777)) return false;
  const s = f.e.value as KScalar;
  let message = msg.invalid(f.value, FILE_MODE_MESSAGE);
  if (s.yaml12) message += ` (${s.yaml12})`;
  const fixes = [];
  if (s.plain && /^[1-7][0-7]{2,3}$/.test(s.text) && parseInt(s.text, 8) <= 0o777) {
    fixes.push(replaceSpan(`Write the mode in octal: 0${s.text}`, { start: s.start, end: s.end }, `0${s.text}`, true));
  }
  report(ctx, rule, 'Invalid', path, valueAt(f.e), message, undefined, fixes);
  return true;
}
