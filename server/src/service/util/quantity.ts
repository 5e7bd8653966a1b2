/**
 * resource.Quantity with the exact upstream grammar (k8s.io/apimachinery ParseQuantity), kept
 * exact with BigInt so that `1k` ≤ `1Ki`, `1.0009` and `1.0001` both round up to `1001m`, and
 * requests/limits/allocatable compare the way the API server and the scheduler compare them.
 * Validation and the scheduler share this module.
 */

export const QUANTITY_FORMAT_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_MESSAGE = "unable to parse quantity's suffix";

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value = num / den exactly, den a power of ten. */
  num: bigint;
  den: bigint;
  format: QuantityFormat;
}

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';

/**
 * Quantities with more digits than this are not evaluated: exact arithmetic on them costs more
 * than linear time (a 20 MB number would take seconds to read), and no resource needs it.
 */
export const MAX_QUANTITY_DIGITS = 1000;

/** `tooLong`: a well-formed quantity with more than MAX_QUANTITY_DIGITS digits, left unevaluated. */
export type QuantityResult = { ok: true; q: Quantity } | { ok: false; message: string; tooLong?: true };

// The same few quantities (`128Mi`, `250m`) are parsed by several rules for every container of
// every manifest: results (never mutated) are remembered, in a bounded table.
const parsed = new Map<string, QuantityResult>();
const PARSED_LIMIT = 4096;

/** Parses a quantity string; never throws. */
export function parseQuantity(input: string): QuantityResult {
  let r = parsed.get(input);
  if (r) return r;
  r = parseQuantityText(input);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(input, r);
  return r;
}

function parseQuantityText(input: string): QuantityResult {
  const s = input.trim();
  if (s.length === 0) return { ok: false, message: QUANTITY_FORMAT_MESSAGE };
  let i = 0;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  const intStart = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  const intPart = s.slice(intStart, i);
  let fracPart = '';
  if (s[i] === '.') {
    i++;
    const fracStart = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    fracPart = s.slice(fracStart, i);
  }
  if (intPart.length === 0 && fracPart.length === 0) return { ok: false, message: QUANTITY_FORMAT_MESSAGE };
  const suffixStart = i;
  while (i < s.length && SUFFIX_CHARS.includes(s[i])) i++;
  if (s[i] === '+' || s[i] === '-') i++;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (i !== s.length) return { ok: false, message: QUANTITY_FORMAT_MESSAGE };
  const suffix = s.slice(suffixStart);

  let format: QuantityFormat;
  let exp10 = 0;
  let exp2 = 0;
  if (Object.prototype.hasOwnProperty.call(DECIMAL_SUFFIX, suffix)) {
    format = 'DecimalSI';
    exp10 = DECIMAL_SUFFIX[suffix];
  } else if (Object.prototype.hasOwnProperty.call(BINARY_SUFFIX, suffix)) {
    format = 'BinarySI';
    exp2 = BINARY_SUFFIX[suffix];
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    exp10 = Number(suffix.slice(1));
    if (!Number.isFinite(exp10) || Math.abs(exp10) > 1000) return { ok: false, message: QUANTITY_SUFFIX_MESSAGE };
  } else {
    return { ok: false, message: QUANTITY_SUFFIX_MESSAGE };
  }
  const digits = intPart.length + fracPart.length;
  if (digits > MAX_QUANTITY_DIGITS) {
    return { ok: false, tooLong: true, message: `a quantity of ${digits.toLocaleString('en-US')} digits is more than Podsight evaluates (${MAX_QUANTITY_DIGITS.toLocaleString('en-US')}): its value is not checked` };
  }
  let num = BigInt((intPart || '0') + fracPart);
  let den = 10n ** BigInt(fracPart.length);
  if (exp10 > 0) num *= 10n ** BigInt(exp10);
  else if (exp10 < 0) den *= 10n ** BigInt(-exp10);
  if (exp2 > 0) num *= 1n << BigInt(exp2);
  if (negative) num = -num;
  // Upstream rounds up to nano precision at parse time.
  const q = roundUp({ num, den, format }, 9);
  return { ok: true, q };
}

/** Parses a JSON number the way a Quantity unmarshals one (through its decimal text). */
export function quantityFromNumber(n: number): QuantityResult {
  if (!Number.isFinite(n)) return { ok: false, message: QUANTITY_FORMAT_MESSAGE };
  // JSON numbers reach the API server as text; Go prints floats in their shortest form.
  const text = Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n).replace('e+', 'e');
  return parseQuantity(text);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** Rounds up (towards +∞) to 10^-digits precision. */
const NANO = 10n ** 9n;

export function roundUp(q: Quantity, digits: number): Quantity {
  const target = digits === 9 ? NANO : 10n ** BigInt(digits);
  if (q.den <= target) return q;
  const num = ceilDiv(q.num * target, q.den);
  return { num, den: target, format: q.format };
}

/** The value in thousandths, rounded up (what ResourceList defaulting does). */
export function milliValue(q: Quantity): bigint {
  return ceilDiv(q.num * 1000n, q.den);
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function isNegative(q: Quantity): boolean {
  return q.num < 0n;
}

export function isInteger(q: Quantity): boolean {
  return q.num % q.den === 0n;
}

/** `m` without its trailing decimal zeros, and how many there were (one division, not one per zero). */
export function stripTens(m: bigint): { m: bigint; zeros: number } {
  if (m === 0n || m % 10n !== 0n) return { m, zeros: 0 };
  const s = (m < 0n ? -m : m).toString();
  let zeros = 0;
  while (s.charCodeAt(s.length - 1 - zeros) === 48) zeros++;
  return { m: m / 10n ** BigInt(zeros), zeros };
}

export function toNumber(q: Quantity): number {
  return Number(q.num) / Number(q.den);
}
