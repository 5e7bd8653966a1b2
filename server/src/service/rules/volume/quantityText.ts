/**
 * `resource.Quantity.String()`: the canonical text upstream compares against (downward API
 * divisors must canonicalise to `1m`, `1Ki`, …) and prints in messages. Exact, on the BigInt
 * quantities of util/quantity.ts.
 */
import { parseQuantity, quantityFromNumber, stripTens, type Quantity } from '../../util/quantity';
import type { KNode } from '../../parse/tree';

const DECIMAL_SUFFIXES: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export function canonicalQuantity(q: Quantity): string {
  if (q.num === 0n) return '0';
  const abs = q.num < 0n ? -q.num : q.num;
  const integer = q.num % q.den === 0n;
  // BinarySI prints in powers of 1024 only for exact integers of magnitude >= 1024.
  if (q.format === 'BinarySI' && integer && abs / q.den >= 1024n) {
    let v = q.num / q.den;
    let e = 0;
    while (e < 6 && v % 1024n === 0n) {
      v /= 1024n;
      e++;
    }
    return `${v}${BINARY_SUFFIXES[e]}`;
  }
  const stripped = stripTens(q.num);
  let mantissa = stripped.m;
  let exponent = -(q.den.toString().length - 1) + stripped.zeros;
  // Lower the exponent to a multiple of three (Go's AsCanonicalBytes).
  const r = exponent % 3;
  if (r === 1 || r === -2) {
    mantissa *= 10n;
    exponent -= 1;
  } else if (r === 2 || r === -1) {
    mantissa *= 100n;
    exponent -= 2;
  }
  if (q.format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = DECIMAL_SUFFIXES[exponent];
  return suffix !== undefined ? `${mantissa}${suffix}` : `${mantissa}e${exponent}`;
}

/** A Quantity field's value as the API server decodes it; undefined for a decode error. */
export function quantityOf(n: KNode | undefined): Quantity | undefined {
  if (!n || n.kind !== 'scalar') return undefined;
  const v = n.v;
  const r = v.type === 'int' || v.type === 'float' ? quantityFromNumber(v.value) : v.type === 'string' ? parseQuantity(v.value) : undefined;
  return r && r.ok ? r.q : undefined;
}
