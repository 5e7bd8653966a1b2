/**
 * `podsight schedule --format html`: the scheduling preview as ONE self-contained HTML file (a
 * CI artifact). It is the very webview bundle of the VS Code panel (dist/webview/webview.{js,css}),
 * inlined, with a stand-in for `acquireVsCodeApi` that answers the webview's `ready` with the
 * same `result` message the panel host would post. No second renderer, no external resource.
 *
 * Safety: manifest strings are hostile. The simulation travels as JSON in a
 * `<script type="application/json">` block (never executed) with `<`, `>`, `&`, U+2028 and U+2029
 * escaped, so no string can close the block; the webview builds its DOM from text nodes only.
 * The CSP allows nothing but the two nonce'd inline scripts and the nonce'd styles.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostToWebviewMessage } from '../protocol';

export interface WebviewBundle {
  js: string;
  css: string;
}

/**
 * Reads the preview bundle from `dir` (dist/webview beside dist/cli.js). Throws an Error whose
 * message is one line for the user when it is missing.
 */
export function readWebviewBundle(dir: string): WebviewBundle {
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      throw new Error(`the scheduling preview bundle is missing (${join(dir, name)}); rebuild with npm run build`);
    }
  };
  return { js: read('webview.js'), css: read('webview.css') };
}

/** A nonce from a cryptographic source (128 bits, base64), new for every file written. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * JSON safe inside a `<script type="application/json">` element: `<` and `>` (no `</script>`,
 * no `<!--`), `&`, and the line separators U+2028/U+2029 become \uXXXX escapes. So do DEL, the
 * C1 controls and the format characters (bidi controls …) JSON.stringify leaves raw, so the
 * file shows nothing hidden in a terminal or an editor either. They can only occur inside JSON
 * strings, where the escape means the same character to JSON.parse.
 */
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029\x7f-\x9f\p{Cf}]/gu;

export function jsonForScriptElement(value: unknown): string {
  return scriptElementEscape(JSON.stringify(value));
}

/** The escaping of jsonForScriptElement on JSON text (any piece of it: it works per character). */
export function scriptElementEscape(json: string): string {
  return json.replace(UNSAFE_IN_SCRIPT, (c) => {
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

/** The bundle's source-map comment names a file beside it, which the artifact does not carry. */
function stripSourceMap(text: string): string {
  return text.replace(/\n?(?:\/\/|\/\*)# sourceMappingURL=[^\n]*\s*$/, '\n');
}

/**
 * Our own bundle, inlined: it holds neither sequence today, but an inline `<script>` ends at the
 * first `</script` and `<!--` changes how the rest is tokenised, so both are written with an
 * escape that means the same in JS strings, templates and regular expressions.
 */
function inlineScript(js: string): string {
  return stripSourceMap(js).replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\x21--');
}

/** Likewise for CSS: a `<style>` element ends at the first `</style` (`\/` is `/` in CSS). */
function inlineStyle(css: string): string {
  return stripSourceMap(css).replace(/<\/(style)/gi, '<\\/$1');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * VS Code injects --vscode-* variables into every webview; a browser does not. These are the
 * Light Modern / Dark Modern values of the variables webview.css reads (the high-contrast ones
 * it uses only with a fallback are left out).
 */
const LIGHT: Record<string, string> = {
  'font-family': '-apple-system, BlinkMacSystemFont, "Segoe UI", system-ui, Ubuntu, "Droid Sans", sans-serif',
  'font-size': '13px',
  'editor-font-family': 'Menlo, Monaco, Consolas, "Droid Sans Mono", "Courier New", monospace',
  foreground: '#3b3b3b',
  descriptionForeground: '#717171',
  errorForeground: '#a1260d',
  focusBorder: '#005fb8',
  'editor-background': '#ffffff',
  'sideBar-background': '#f8f8f8',
  'panel-border': '#e5e5e5',
  'editorWarning-foreground': '#bf8803',
  'editorError-foreground': '#e51400',
  'button-background': '#005fb8',
  'button-foreground': '#ffffff',
  'button-hoverBackground': '#0258a8',
  'button-border': '#0000001a',
  'button-secondaryBackground': '#e5e5e5',
  'button-secondaryForeground': '#3b3b3b',
  'button-secondaryHoverBackground': '#cccccc',
  'textLink-foreground': '#005fb8',
  'list-hoverBackground': '#f2f2f2',
  'list-activeSelectionBackground': '#e8e8e8',
  'list-activeSelectionForeground': '#000000',
  'list-inactiveSelectionBackground': '#e4e6f1',
  'badge-background': '#cccccc',
  'badge-foreground': '#3b3b3b',
  'inputValidation-warningBackground': '#f6f5d2',
  'inputValidation-errorBackground': '#f2dede',
  'testing-iconPassed': '#388a34',
  'progressBar-background': '#005fb8',
  'input-background': '#ffffff',
  'textBlockQuote-background': '#f8f8f8',
};
const DARK: Record<string, string> = {
  foreground: '#cccccc',
  descriptionForeground: '#9d9d9d',
  errorForeground: '#f85149',
  focusBorder: '#0078d4',
  'editor-background': '#1f1f1f',
  'sideBar-background': '#181818',
  'panel-border': '#2b2b2b',
  'editorWarning-foreground': '#cca700',
  'editorError-foreground': '#f14c4c',
  'button-background': '#0078d4',
  'button-foreground': '#ffffff',
  'button-hoverBackground': '#026ec1',
  'button-border': '#ffffff12',
  'button-secondaryBackground': '#313131',
  'button-secondaryForeground': '#cccccc',
  'button-secondaryHoverBackground': '#3c3c3c',
  'textLink-foreground': '#4daafc',
  'list-hoverBackground': '#2a2d2e',
  'list-activeSelectionBackground': '#04395e',
  'list-activeSelectionForeground': '#ffffff',
  'list-inactiveSelectionBackground': '#37373d',
  'badge-background': '#616161',
  'badge-foreground': '#f8f8f8',
  'inputValidation-warningBackground': '#352a05',
  'inputValidation-errorBackground': '#5a1d1d',
  'testing-iconPassed': '#73c991',
  'progressBar-background': '#0078d4',
  'input-background': '#313131',
  'textBlockQuote-background': '#2b2b2b',
};

const vars = (set: Record<string, string>) => Object.entries(set).map(([k, v]) => `  --vscode-${k}: ${v};`).join('\n');

export const THEME_CSS = `:root {\n  color-scheme: light dark;\n${vars(LIGHT)}\n}\n@media (prefers-color-scheme: dark) {\n:root {\n${vars(DARK)}\n}\n}`;

/**
 * What needs the editor is hidden: what-if (cordon, remove, replicas) and Refresh ask the host to
 * simulate again, and the sample-Nodes button opens an editor. Matched by the webview's own
 * data-focus keys and ids. Selecting a Pod (its filter and score detail) works as in the panel.
 */
const STANDALONE_CSS = `[data-focus^="cordon:"], [data-focus^="remove:"], [data-focus="refresh"], [data-focus="reset"],
[data-focus="sample"], .card .actions, #workloads { display: none !important; }`;

/**
 * The stand-in for VS Code's webview API, run before the bundle: state in memory, and every
 * request to simulate (ready, refresh, what-if) answered with the embedded result, on a later
 * task as the host would. Reveal and open-sample have nothing to act on and are ignored.
 */
const STAND_IN = `(() => {
  "use strict";
  const block = document.getElementById("podsight-message");
  let state;
  const deliver = () => setTimeout(() => window.dispatchEvent(new MessageEvent("message", { data: JSON.parse(block.textContent) })), 0);
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => { if (m && (m.type === "ready" || m.type === "refresh" || m.type === "whatIf")) deliver(); },
    getState: () => state,
    setState: (s) => { state = s; },
  });
})();`;

export interface StandaloneOptions {
  /** The message the panel host would post (a `result` with an empty what-if). */
  message: HostToWebviewMessage;
  bundle: WebviewBundle;
  nonce: string;
  title?: string;
}

export function standaloneHtml(o: StandaloneOptions): string {
  const [before, after] = htmlAroundData(o);
  return `${before}${jsonForScriptElement(o.message)}${after}`;
}

/**
 * The page before and after the data block's content, for a writer that streams the message
 * into it (escaped with scriptElementEscape).
 */
export function htmlAroundData(o: Omit<StandaloneOptions, 'message'>): [string, string] {
  const csp = ["default-src 'none'", `style-src 'nonce-${o.nonce}'`, `script-src 'nonce-${o.nonce}'`, "base-uri 'none'", "form-action 'none'"].join('; ');
  const n = attr(o.nonce);
  const before = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="podsight schedule --format html">
<title>${attr(o.title ?? 'Scheduling Preview')}</title>
<style nonce="${n}">
${THEME_CSS}
${inlineStyle(o.bundle.css)}
${STANDALONE_CSS}
</style>
</head>
<body data-standalone="true">
<main id="app" aria-busy="true"><p class="muted">Simulating…</p></main>
<script type="application/json" id="podsight-message">`;
  const after = `</script>
<script nonce="${n}">
${STAND_IN}
</script>
<script nonce="${n}">
${inlineScript(o.bundle.js)}
</script>
</body>
</html>
`;
  return [before, after];
}
