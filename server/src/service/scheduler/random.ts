/**
 * Deterministic stand-ins for the randomness of a real cluster: generated name suffixes and
 * tie-breaking. Everything is derived from text (names, a seed), never from a clock.
 */

/** 32-bit FNV-1a over the UTF-16 code units of a string. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The alphabet of apimachinery's rand.String / SafeEncodeString (no vowels, no 0/1/3). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** SafeEncodeString: every character mapped into the alphabet (as pod-template-hash is). */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** A 5-character suffix like the ones controllers generate, derived from `seed`. */
export function nameSuffix(seed: string): string {
  let h = fnv32a(seed);
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += ALPHANUMS[h % ALPHANUMS.length];
    h = Math.floor(h / ALPHANUMS.length);
    if (h === 0) h = fnv32a(`${seed}#${i}`);
  }
  return out;
}

/** A pod-template-hash-like label value for a template's text. */
export function templateHash(templateText: string): string {
  return safeEncode(String(fnv32a(templateText)));
}

/** An index in [0, n) chosen by `seed` and `key` (uniform enough for tie-breaking). */
export function pick(n: number, seed: number, key: string): number {
  if (n <= 1) return 0;
  // mulberry32 step over the FNV hash of the key mixed with the seed.
  let t = (fnv32a(key) ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  t = (t + 0x6d2b79f5) >>> 0;
  let r = Math.imul(t ^ (t >>> 15), t | 1);
  r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
  r = (r ^ (r >>> 14)) >>> 0;
  return r % n;
}
