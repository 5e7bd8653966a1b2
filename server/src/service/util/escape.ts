/**
 * The one escaper for text a person reads: terminal reports, diagnostic messages, hovers, the
 * preview. Manifest strings and file names are hostile: an ESC starts a terminal sequence (a
 * window title, a cleared screen, an OSC 8 link), a CR overwrites the line, a bidirectional
 * control reorders what follows so a name reads as something else (Trojan Source), and
 * zero-width characters make two different names look equal. Each such character is shown as
 * a visible escape (`\x1b`, `\u202e`) instead; with its introducer visible, the rest of an
 * ANSI/OSC sequence is plain text.
 *
 * Machine outputs (JSON, SARIF, data posted to the webview) keep the raw strings: their
 * consumers escape by their own rules. Pure: no imports, so the webview bundles it too.
 */

/**
 * C0 controls but TAB and LF, DEL, C1 controls; every Unicode format character (category Cf:
 * the bidi embeddings, overrides, isolates and marks U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C, zero-width spaces and joiners, the BOM, tag characters …); the line and
 * paragraph separators; and lone surrogates (not text at all).
 */
const HIDDEN_SOURCE = '[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\p{Cf}\\u2028\\u2029\\p{Cs}]';
const HIDDEN = new RegExp(HIDDEN_SOURCE, 'u');
const HIDDEN_ALL = new RegExp(HIDDEN_SOURCE, 'gu');
const HIDDEN_OR_LF = new RegExp(`${HIDDEN_SOURCE}|\\n`, 'u');
const HIDDEN_OR_LF_ALL = new RegExp(`${HIDDEN_SOURCE}|\\n`, 'gu');

function visible(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\u{${cp.toString(16)}}`;
}

export interface EscapeOptions {
  /** Keep LF as a line break (multi-line texts such as LSP messages and tooltips). Default: shown as `\x0a`. */
  newlines?: boolean;
}

/**
 * Whether `s` is printable ASCII (with TAB, and LF when `lf`): nothing to escape. Almost every
 * message, name and path is; a loop over its characters answers that without the Unicode-class
 * expressions, whose native code V8 compiles lazily and may drop again, which cost the first
 * diagnostics after a pause several milliseconds per thousand messages.
 */
function plainAscii(s: string, lf: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 ? c >= 0x7f : c !== 9 && !(lf && c === 10)) return false;
  }
  return true;
}

/** `s` with every control, format and bidi character shown as a visible escape; one line unless `newlines`. */
export function escapeText(s: string, options: EscapeOptions = {}): string {
  if (options.newlines) return plainAscii(s, true) || !HIDDEN.test(s) ? s : s.replace(HIDDEN_ALL, visible);
  return plainAscii(s, false) || !HIDDEN_OR_LF.test(s) ? s : s.replace(HIDDEN_OR_LF_ALL, visible);
}

/** Whether `s` holds a character escapeText would show escaped (LF included). */
export function needsEscape(s: string): boolean {
  return !plainAscii(s, false) && HIDDEN_OR_LF.test(s);
}

const MD_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Plain text inside Markdown: escaped as by escapeText, then every ASCII punctuation character
 * backslash-escaped (CommonMark allows it for all of them), so a name can open no link, image,
 * emphasis, code span, HTML tag, entity or autolink (`:` and `.` are escaped too).
 */
export function escapeMarkdown(s: string): string {
  return escapeText(s).replace(MD_PUNCTUATION, '\\$&');
}

/**
 * A Markdown code span showing `s` literally: escaped as by escapeText (inside a code span a
 * backslash is literal, so `\x1b` shows as written), with a fence longer than any run of
 * backticks in it. Nothing inside a code span is Markdown or HTML.
 */
export function markdownCode(s: string): string {
  const t = escapeText(s);
  if (t === '') return '`""`';
  if (!t.includes('`')) return `\`${t}\``;
  let longest = 0;
  for (const run of t.match(/`+/g)!) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${t} ${fence}`;
}
