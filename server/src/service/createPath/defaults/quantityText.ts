/**
 * A resource.Quantity as the API server writes it back: ParseQuantity's value (rounded up to
 * nano precision, BinarySI capped at 2^63-1), optionally SetDefaults_ResourceList's round-up to
 * milli precision, then the canonical text of Quantity.MarshalJSON (`1000m` → `1`, `1024Mi` →
 * `1Gi`, `0.5` → `500m`, `1e3` kept in exponent form). ParseQuantity keeps the text as written
 * when it is already canonical-looking (its fast path), which is why `+1` and `007` come back
 * unchanged; that is reproduced too. Exact arithmetic with BigInt; never throws.
 */
import { parseQuantity } from '../../util/quantity';
import { memoByText } from './memo';

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

interface Parsed {
  /** |value| = mag / 10^scale exactly (scale ≥ 0 after rounding to nano precision). */
  negative: boolean;
  mag: bigint;
  scale: number;
  format: Format;
  /** The text MarshalJSON writes verbatim, when ParseQuantity kept it. */
  cached?: string;
  /** Scale of the fast path's int64 amount (10^scale units), when it took that path. */
  fastScale?: number;
}

const DECIMAL: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const INT64_MAX = (1n << 63n) - 1n;
const NANO = 9;
/** Past this length a value is left as written rather than spending quadratic BigInt work on it. */
const MAX_TEXT = 256;

/** JSON number text as Go's encoding/json writes a float64 (what kubectl sends for `cpu: 0.5`). */
export function goNumberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

function parse(input: string): Parsed | undefined {
  const str = input.trim();
  if (!parseQuantity(str).ok) return undefined;
  if (str === '0') return { negative: false, mag: 0n, scale: 0, format: 'DecimalSI', cached: str, fastScale: 0 };
  let i = 0;
  let negative = false;
  if (str[i] === '+' || str[i] === '-') negative = str[i++] === '-';
  while (str[i] === '0') i++;
  let j = i;
  while (j < str.length && str[j] >= '0' && str[j] <= '9') j++;
  const num = str.slice(i, j) || '0';
  let denom = '';
  if (str[j] === '.') {
    let k = j + 1;
    while (k < str.length && str[k] >= '0' && str[k] <= '9') k++;
    denom = str.slice(j + 1, k);
    j = k;
  }
  const suffix = str.slice(j);
  let format: Format;
  let exp10 = 0;
  let exp2 = 0;
  const binary = Object.prototype.hasOwnProperty.call(BINARY, suffix);
  if (Object.prototype.hasOwnProperty.call(DECIMAL, suffix)) {
    format = 'DecimalSI';
    exp10 = DECIMAL[suffix];
  } else if (binary) {
    format = 'BinarySI';
    exp2 = BINARY[suffix];
  } else {
    format = 'DecimalExponent';
    exp10 = Number(suffix.slice(1));
  }

  // The value, exactly: (num.denom) × 10^exp10 × 2^exp2.
  let mag = BigInt(num + denom) * (1n << BigInt(exp2));
  let scale = denom.length - exp10;
  if (scale < 0) {
    mag *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (scale > NANO) {
    const div = 10n ** BigInt(scale - NANO);
    mag = mag / div + (mag % div === 0n ? 0n : 1n); // rounds away from zero
    scale = NANO;
  }
  if (format === 'BinarySI' && mag > INT64_MAX * 10n ** BigInt(scale)) {
    mag = INT64_MAX;
    scale = 0;
  }
  if (format === 'BinarySI' && mag > 0n && mag < 10n ** BigInt(scale)) format = 'DecimalSI';

  const out: Parsed = { negative: negative && mag !== 0n, mag, scale, format };
  // ParseQuantity's int64 fast path, and whether it keeps the text.
  if (binary) {
    if (denom.length === 0) {
      const precision = 15 - num.length - Math.trunc((exp2 * 3) / 10) - 1;
      const value = BigInt(num);
      if (precision >= 0 && value * (1n << BigInt(exp2)) <= INT64_MAX) {
        out.fastScale = 0;
        if (exp2 % 10 === 0 && (value & 7n) !== 0n) out.cached = str;
      }
    }
  } else {
    const precision = 18 - num.length - denom.length;
    const fastScale = exp10 - denom.length;
    const shifted = num + denom;
    if (precision >= 0 && fastScale >= -NANO) {
      out.fastScale = fastScale;
      if (fastScale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') out.cached = str;
    }
  }
  return out;
}

/** Quantity.RoundUp(-3): away from zero to milli precision; the kept text survives only when nothing changes. */
function roundToMilli(q: Parsed): Parsed {
  if (q.fastScale !== undefined && q.fastScale >= -3) return q;
  if (q.scale <= 3) return { ...q, cached: undefined, fastScale: undefined };
  const div = 10n ** BigInt(q.scale - 3);
  const mag = q.mag / div + (q.mag % div === 0n ? 0n : 1n);
  return { negative: q.negative, mag, scale: 3, format: q.format };
}

function canonical(q: Parsed): string {
  if (q.cached !== undefined) return q.cached;
  if (q.mag === 0n) return '0';
  const sign = q.negative ? '-' : '';
  const one = 10n ** BigInt(q.scale);
  if (q.format === 'BinarySI' && q.mag >= 1024n * one && q.mag % one === 0n) {
    let m = q.mag / one;
    let e = 0;
    while (m % 1024n === 0n && e < BINARY_SUFFIX.length - 1) {
      m /= 1024n;
      e++;
    }
    return `${sign}${m}${BINARY_SUFFIX[e]}`;
  }
  let m = q.mag;
  let e = -q.scale;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  while (e % 3 !== 0) {
    m *= 10n;
    e--;
  }
  if (q.format === 'DecimalExponent') return `${sign}${m}${e === 0 ? '' : `e${e}`}`;
  // Upstream has no suffix past E (10^18) and then writes none at all.
  return `${sign}${m}${DECIMAL_SUFFIX[e] ?? ''}`;
}

/**
 * The stored text of a quantity given as a string or JSON number; undefined when it is not a
 * quantity (decoding rejects it, and the value is left as written). `milli` applies the
 * ResourceList round-up.
 */
export function storedQuantity(v: unknown, milli: boolean): string | undefined {
  const text = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? goNumberText(v) : undefined;
  if (text === undefined || text.length > MAX_TEXT) return undefined;
  return milli ? storedMilli(text) : stored(text);
}

function storedText(text: string, milli: boolean): string | undefined {
  const q = parse(text);
  if (!q) return undefined;
  return canonical(milli ? roundToMilli(q) : q);
}

const stored = memoByText((text) => storedText(text, false));
const storedMilli = memoByText((text) => storedText(text, true));

/** Canonical text of an exact value (a sum of quantities, which keeps no written text). */
export function formatQuantity(q: { num: bigint; den: bigint; format: Format }): string {
  const negative = q.num < 0n;
  return canonical({ negative, mag: negative ? -q.num : q.num, scale: q.den.toString().length - 1, format: q.format });
}
