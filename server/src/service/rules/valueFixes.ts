/**
 * Quick fixes that rewrite one mistyped value, read from the finding and the text alone:
 * - a NotSupported value → the supported value it most likely meant (the same word in another
 *   case first, then the closest by edit distance), from the supported values the upstream
 *   message lists, so every enum the rules check is covered without a table here;
 * - a quantity written with a unit Kubernetes does not know (`1gb`, `512mb`, `1GB`, `100MiB`,
 *   `2g`, `10 Gi`) → the valid units that mean what the user likely meant, saying which one is
 *   binary (powers of 1024) and which decimal (powers of 1000).
 */
import type { Finding, Fix } from '../diagnostics/finding';
import type { Span } from '../parse/tree';
import { resolvePlain } from '../parse/scalars';
import { editDistance } from '../util/closestNames';
import { replaceSpan } from './fixes';

/** The value a span holds, and the quote it was written with (if any). */
function scalarAt(text: string, span: Span): { value: string; quote: string } | undefined {
  const raw = text.slice(span.start, span.end);
  if (raw.length === 0 || raw.length > 256 || /[\n\r]/.test(raw)) return undefined;
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.length >= 2 && raw[raw.length - 1] === q) return { value: raw.slice(1, -1), quote: q };
  if (/[:#{}[\],]/.test(raw)) return undefined;
  return { value: raw, quote: '' };
}

/** New text for a value, in the quotes it had, quoted when YAML would not read it as a string. */
function written(value: string, quote: string): string {
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"' || resolvePlain(value).type !== 'string' || /^[\s!&*?|>'"%@`{}[\],#-]|[:#]/.test(value)) return JSON.stringify(value);
  return value;
}

/** The values after the last `supported values: ` of an upstream NotSupported message. */
export function supportedValues(message: string): string[] {
  const at = message.lastIndexOf('supported values: ');
  if (at < 0) return [];
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  const list = message.slice(at + 'supported values: '.length);
  for (let m = re.exec(list); m; m = re.exec(list)) {
    try {
      out.push(JSON.parse(`"${m[1]}"`) as string);
    } catch {
      // not a JSON string: not a value we can offer
    }
  }
  return out;
}

/** At most this many alternatives are offered when no supported value is the same word. */
const MAX_ALTERNATIVES = 3;

export function notSupportedFixes(f: Finding, text: string): Fix[] | undefined {
  const at = scalarAt(text, f.span);
  if (!at) return undefined;
  // Only plain words: not the placeholders of URI templates, prefixes (`hugepages-`) or "".
  const supported = supportedValues(f.message).filter((s) => /^[A-Za-z0-9][A-Za-z0-9._/-]*[A-Za-z0-9]$|^[A-Za-z0-9]$/.test(s) && s !== at.value);
  if (supported.length === 0) return undefined;
  const fix = (s: string, preferred: boolean): Fix => replaceSpan(`Change to ${s}`, f.span, written(s, at.quote), preferred);
  const lower = at.value.toLowerCase();
  const same = supported.filter((s) => s.toLowerCase() === lower);
  if (same.length === 1) return [fix(same[0], true)];
  const limit = Math.max(at.value.length, ...supported.map((s) => s.length));
  const ranked = supported
    .map((s, i) => ({ s, i, d: editDistance(lower, s.toLowerCase(), limit) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, MAX_ALTERNATIVES);
  // The closest is preferred only when it is plainly a misspelling (at most a third of it differs).
  const close = ranked[0].d <= Math.max(1, Math.floor(Math.min(lower.length, ranked[0].s.length) / 3));
  return ranked.map((r, i) => fix(r.s, i === 0 && close && (ranked.length === 1 || ranked[1].d > r.d)));
}

const DECIMAL: Record<string, string> = { k: 'k', m: 'M', g: 'G', t: 'T', p: 'P', e: 'E' };
const POWER: Record<string, string> = { k: '', m: '²', g: '³', t: '⁴', p: '⁵', e: '⁶' };

/**
 * Fixes for a malformed quantity whose unit is a byte unit written another way. A CPU quantity
 * never has byte units, so one there gets none.
 */
export function quantityUnitFixes(f: Finding, text: string): Fix[] | undefined {
  if (f.field && /(?:\[cpu\]|\.cpu)$/.test(f.field)) return undefined;
  const at = scalarAt(text, f.span);
  if (!at) return undefined;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))[ \t]*([A-Za-z]+)$/.exec(at.value);
  if (!m) return undefined;
  const [, num, unit] = m;
  const u = unit.toLowerCase();
  const fix = (q: string, why: string, preferred: boolean): Fix => replaceSpan(`Change to ${q} (${why})`, f.span, written(q, at.quote), preferred);
  if (u === 'b' || u === 'byte' || u === 'bytes') return [fix(num, 'bytes', true)];
  const um = /^([kmgtpe])(i?)(b?)$/.exec(u);
  if (!um) return undefined;
  const [, letter, binary, bytes] = um;
  // `1m` and `1M` are valid (milli, mega); `1e` reads as an exponent: neither is a unit mistake.
  if (!binary && !bytes && letter === 'e') return undefined;
  const bin = `${letter === 'k' ? 'K' : letter.toUpperCase()}i`;
  const dec = DECIMAL[letter];
  const binFix = (preferred: boolean) => fix(`${num}${bin}`, `binary: 1 ${bin} = 1024${POWER[letter]} bytes`, preferred);
  const decFix = (preferred: boolean) => fix(`${num}${dec}`, `decimal: 1 ${dec} = 1000${POWER[letter]} bytes`, preferred);
  // `MiB`, `gi`: the user said binary. `GB`, `gb`, `2g`: decimal by the letter of the law, binary by
  // common use for memory; both are offered, binary first, neither applied on its own.
  if (binary) return [binFix(true)];
  return [binFix(false), decFix(false)];
}
