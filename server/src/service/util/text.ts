/**
 * Bounded text in messages. Messages quote the user's values, which may be hundreds of
 * kilobytes long: `readable()` (service/index.ts) cuts every message past MAX_MESSAGE, and
 * rules that render a value of unbounded size into many findings (a list of every claim, a
 * whole security context) clip it once with `clipValue`, so the work and memory per finding
 * stay bounded and the message says how much was left out.
 */

/** Past this length a message keeps its start and end. */
export const MAX_MESSAGE = 1000;

/** `s` with its middle replaced by a note of how many characters were left out. */
function cut(s: string, keepHead: number, keepTail: number): string {
  let head = keepHead;
  let tail = s.length - keepTail;
  // Never cut a surrogate pair in two.
  if (/[\ud800-\udbff]/.test(s[head - 1])) head--;
  if (/[\udc00-\udfff]/.test(s[tail])) tail++;
  return `${s.slice(0, head)} … (${(tail - head).toLocaleString('en-US')} characters omitted) … ${s.slice(tail)}`;
}

/** A message past MAX_MESSAGE characters: its first 600 and last 300 characters. */
export function clipMessage(m: string): string {
  return m.length <= MAX_MESSAGE ? m : cut(m, 600, 300);
}

/**
 * A rendered value longer than a whole message: its first 300 and last 200 characters, so the
 * message around it stays under MAX_MESSAGE (a value that fits is returned unchanged, and any
 * message it would have made longer than MAX_MESSAGE was cut anyway).
 */
export function clipValue(v: string): string {
  return v.length <= MAX_MESSAGE ? v : cut(v, 300, 200);
}

/**
 * JavaScript's `\s` on a character code. Loops over large texts compare codes: indexing
 * `text[i]` makes a one-character string per step, and after non-ASCII input V8 can fall back
 * to a path that made a 5 MB scan take 40 seconds.
 */
export function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Bytes of a string in UTF-8: Go's `len` of the string the API server decodes. Pure (no Buffer):
 * the engine runs wherever JavaScript does. A lone surrogate counts as the 3 bytes of U+FFFD,
 * which is what it becomes on the wire.
 */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
