/**
 * ResourceList arithmetic as the admission plugins do it on `resource.Quantity`: exact sums
 * and maxima (a sum keeps the format of its first term, as `Quantity.Add` does), `Value()` and
 * `MilliValue()` (rounded up), `String()` (canonical text) and Go's `%f`.
 */
import { isObj, quantity, type PlainObject } from '../../model/plain';
import { canonicalQuantity } from '../../rules/volume/quantityText';
import { compareQuantities, milliValue, type Quantity } from '../../util/quantity';

export { canonicalQuantity, compareQuantities, type Quantity };

/** A ResourceList in declaration order; `undefined` marks a value that is present but malformed. */
export type ResourceList = Map<string, Quantity | undefined>;

export function readResourceList(v: unknown): ResourceList {
  const out: ResourceList = new Map();
  if (!isObj(v)) return out;
  for (const k of Object.keys(v)) out.set(k, quantity(v[k]));
  return out;
}

export function hasKey(o: PlainObject | undefined, k: string): boolean {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, k);
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const den = a.den > b.den ? a.den : b.den;
  return { num: a.num * (den / a.den) + b.num * (den / b.den), den, format: a.format };
}

/** `Value()`: the value rounded up to an integer. */
export function valueOf(q: Quantity): bigint {
  const d = q.num / q.den;
  return q.num % q.den !== 0n && q.num > 0n ? d + 1n : d;
}

export { milliValue };

// resource.MaxMilliValue: the largest value whose milli-value fits an int64.
const MAX_MILLI_VALUE = 9223372036854775807n / 1000n;

/**
 * `requestLimitEnforcedValues`: the three values at a common precision, milli-units when all
 * three fit, whole units otherwise. A missing quantity counts as zero.
 */
export function enforcedValues(request: Quantity | undefined, limit: Quantity | undefined, enforced: Quantity): [bigint, bigint, bigint] {
  const zero: Quantity = { num: 0n, den: 1n, format: 'DecimalSI' };
  const r = request ?? zero;
  const l = limit ?? zero;
  if (valueOf(r) <= MAX_MILLI_VALUE && valueOf(l) <= MAX_MILLI_VALUE && valueOf(enforced) <= MAX_MILLI_VALUE) {
    return [milliValue(r), milliValue(l), milliValue(enforced)];
  }
  return [valueOf(r), valueOf(l), valueOf(enforced)];
}

export function fitsMilli(q: Quantity): boolean {
  return valueOf(q) <= MAX_MILLI_VALUE;
}

/** `apiequality.Semantic.DeepEqual` of two ResourceLists: same names, equal quantities. */
export function sameResourceList(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [k, qa] of a) {
    if (!b.has(k)) return false;
    const qb = b.get(k);
    if (!qa || !qb || compareQuantities(qa, qb) !== 0) return false;
  }
  return true;
}

/** Go's `fmt.Sprintf("%f", x)`: six decimals, the exact binary value rounded half to even. */
export function formatFloat6(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const negative = x < 0 || Object.is(x, -0);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent: number;
  if (exponentBits === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = exponentBits - 1075;
  }
  let num = mantissa * 1_000_000n;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  let q = num / den;
  const twice = (num % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(7, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}
