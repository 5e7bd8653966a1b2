/**
 * `resource.Quantity.String()`: the canonical text upstream prints for a quantity inside
 * error messages (`status.capacity.pods: Invalid value: "1500m": must be an integer`).
 * Decimal values print as mantissa × 10^(3k) with an SI suffix, binary values that are whole
 * multiples of 1024^k with a binary suffix, anything else falls back to decimal.
 */
import { stripTens, type Quantity } from '../../util/quantity';

const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** Mantissa and power-of-ten exponent of `q`, the exponent floored to a multiple of 3. */
function decimalParts(q: Quantity): { m: bigint; e: number } {
  const stripped = stripTens(q.num);
  let m = stripped.m;
  let e = -(q.den.toString().length - 1) + stripped.zeros; // den is a power of ten
  // Go's `%` keeps the sign: 1 / -2 need one more digit, 2 / -1 two more.
  const r = e % 3;
  if (r === 1 || r === -2) {
    m *= 10n;
    e -= 1;
  } else if (r === 2 || r === -1) {
    m *= 100n;
    e -= 2;
  }
  return { m, e };
}

export function canonicalQuantity(q: Quantity): string {
  if (q.num === 0n) return '0';
  if (q.format === 'BinarySI') {
    const whole = q.num % q.den === 0n;
    // |value| < 1024 prints as decimal "to avoid confusion", fractions to keep precision.
    if (whole && abs(q.num / q.den) >= 1024n) {
      let v = q.num / q.den;
      let k = 0;
      while (k < BINARY_SUFFIX.length - 1 && v % 1024n === 0n) {
        v /= 1024n;
        k++;
      }
      return `${v}${BINARY_SUFFIX[k]}`;
    }
  }
  const { m, e } = decimalParts(q);
  if (q.format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  const suffix = DECIMAL_SUFFIX[e];
  return suffix !== undefined ? `${m}${suffix}` : `${m}e${e}`;
}
