/**
 * The one escaper (server/src/service/util/escape.ts) and the engine's human-readable outputs
 * built with it: diagnostic messages (readable()), hover Markdown, inlay hints and code lenses.
 * The terminal outputs are tested through the CLI (test/cli/escape.test.ts), the preview in
 * Chromium (test/webview/escape.test.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { escapeMarkdown, escapeText, markdownCode, needsEscape } from '../../server/src/service/util/escape';
import { readable } from '../../server/src/service';
import { service, validate } from '../helpers/engine';
import { DISPLAY_ATTACK, DISPLAY_ATTACK_SHOWN, DISPLAY_ATTACKS, HIDDEN_CHAR, yamlQuoted } from '../helpers/hostile';

describe('escapeText', () => {
  it('answers for every ASCII and Latin-1 character as the Unicode classes do (the printable-ASCII shortcut changes nothing)', () => {
    // The documented class: C0 but TAB and LF, DEL, C1, format characters (Cf), separators, surrogates.
    const hidden = /[\x00-\x08\x0b-\x1f\x7f-\x9f\p{Cf}\u2028\u2029\p{Cs}]/u;
    for (let c = 0; c < 0x300; c++) {
      const ch = String.fromCharCode(c);
      const shown = hidden.test(ch) || c === 10;
      const one = escapeText(`a${ch}b`);
      assert.equal(one !== `a${ch}b`, shown, `U+${c.toString(16)} on one line`);
      assert.equal(escapeText(`a${ch}b`, { newlines: true }) !== `a${ch}b`, hidden.test(ch), `U+${c.toString(16)} with newlines`);
      assert.equal(needsEscape(`a${ch}b`), shown, `needsEscape U+${c.toString(16)}`);
    }
  });

  it('shows ESC sequences, BEL, NUL and C1 controls as \\xHH', () => {
    assert.equal(escapeText(DISPLAY_ATTACK), DISPLAY_ATTACK_SHOWN);
    assert.equal(escapeText(DISPLAY_ATTACKS.title), '\\x1b]0;pwned\\x07');
    assert.equal(escapeText(DISPLAY_ATTACKS.clear), '\\x1b[2J');
    assert.equal(escapeText('a\x00b\x7fc\x9b31m\rd'), 'a\\x00b\\x7fc\\x9b31m\\x0dd');
  });

  it('shows every bidirectional control and invisible format character as \\uXXXX', () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
    for (const cp of bidi) assert.equal(escapeText(`a${String.fromCodePoint(cp)}b`), `a\\u${cp.toString(16).padStart(4, '0')}b`);
    // Zero-width space and joiner, word joiner, BOM, soft hyphen, line/paragraph separators.
    for (const cp of [0x200b, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x2028, 0x2029]) assert.ok(!HIDDEN_CHAR.test(escapeText(String.fromCodePoint(cp))) && escapeText(String.fromCodePoint(cp)).startsWith('\\'), cp.toString(16));
    // A tag character (astral) and a lone surrogate.
    assert.equal(escapeText('x\u{e0041}y'), 'x\\u{e0041}y');
    assert.equal(escapeText('x\ud800y'), 'x\\ud800y');
  });

  it('keeps ordinary text, TAB, and LF only when asked', () => {
    const plain = 'nginx:1.27 — café 東京 🙂 tab\there';
    assert.equal(escapeText(plain), plain);
    assert.equal(needsEscape(plain), false);
    assert.equal(escapeText('a\nb'), 'a\\x0ab');
    assert.equal(escapeText('a\nb', { newlines: true }), 'a\nb');
    assert.equal(escapeText('a\r\nb', { newlines: true }), 'a\\x0d\nb');
  });

  it('is idempotent: what it writes has nothing left to escape', () => {
    const once = escapeText(`${DISPLAY_ATTACK}\u2066\u200b\n`);
    assert.equal(escapeText(once), once);
    assert.doesNotMatch(once, HIDDEN_CHAR);
  });
});

/** Markdown with its code spans removed: what is left is rendered as Markdown. */
function outsideCode(md: string): string {
  let out = '';
  for (let i = 0; i < md.length; ) {
    if (md[i] === '\\') {
      out += md.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (md[i] !== '`') {
      out += md[i++];
      continue;
    }
    let n = 0;
    while (md[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let j = md.indexOf(fence, i + n);
    while (j !== -1 && md[j + n] === '`') j = md.indexOf(fence, j + n + 1);
    if (j === -1) {
      out += fence;
      i += n;
    } else i = j + n;
  }
  return out;
}

/** No Markdown link, image, autolink or raw HTML in what is rendered as Markdown. */
function assertInert(md: string): void {
  assert.doesNotMatch(md, HIDDEN_CHAR, JSON.stringify(md));
  const rendered = outsideCode(md).replace(/\\[!-/:-@[-`{-~]/g, '');
  assert.doesNotMatch(rendered, /<[a-z!/]/i, `raw HTML outside code: ${rendered}`);
  assert.doesNotMatch(rendered, /\]\(|https?:|evil\.example/i, `a link outside code: ${rendered}`);
}

describe('escapeMarkdown and markdownCode', () => {
  const injection = `[click](https://evil.example/) ![i](x) <img src=x onerror=alert(1)> <https://evil.example> *b* _i_ \`c\` &amp; # h${DISPLAY_ATTACK}`;

  it('escapeMarkdown leaves no markup, and every character readable', () => {
    const md = escapeMarkdown(injection);
    assertInert(md);
    // Unescaped, it reads as the escaped text.
    assert.equal(md.replace(/\\([!-/:-@[-`{-~])/g, '$1'), escapeText(injection));
  });

  it('markdownCode fences any backticks and shows hidden characters', () => {
    assert.equal(markdownCode('a`b'), '`` a`b ``');
    assert.equal(markdownCode('a``b`'), '``` a``b` ```');
    assert.equal(markdownCode(''), '`""`');
    assert.equal(markdownCode(DISPLAY_ATTACKS.title), '`\\x1b]0;pwned\\x07`');
    assertInert(markdownCode(injection));
  });
});

const md = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const before = text.slice(0, at + delta);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

describe('human-readable outputs of the engine', () => {
  const evil = `x](https://evil.example/) <img src=x onerror=alert(1)> \`${DISPLAY_ATTACK}`;
  const q = yamlQuoted;
  const POD = `apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  volumes:
  - name: data
    hostPath: {path: ${q(`/var/${evil}`)}}
  - name: mem
    emptyDir: {medium: Memory, sizeLimit: ${q(evil)}}
  containers:
  - name: ${q(`app${evil}`)}
    image: nginx:1.27
    ${q(`foo${DISPLAY_ATTACK}`)}: 1
    ports:
    - containerPort: 8080
      protocol: ${q(`TCP${evil}`)}
    volumeMounts:
    - {name: data, mountPath: ${q(`/data${evil}`)}, mountPropagation: ${q(evil)}}
    - {name: mem, mountPath: /mem}
  - name: ${q(`s${DISPLAY_ATTACK}`)}
    image: nginx:1.27
`;

  it('diagnostic messages (readable()) show the attack escaped', () => {
    const ds = validate(POD);
    assert.ok(ds.length > 3, JSON.stringify(ds.map((d) => d.message)));
    for (const d of ds) assert.doesNotMatch(d.message, HIDDEN_CHAR, d.message);
    const unknown = ds.find((d) => d.code === 'unknown-field');
    assert.ok(unknown, JSON.stringify(ds.map((d) => d.code)));
    assert.ok(unknown.message.includes(`foo${DISPLAY_ATTACK_SHOWN}`), unknown.message);
    assert.equal(readable(`a\u202eb\nc`), 'a\\u202eb\nc');
  });

  it('hover Markdown keeps every manifest string inert: containers, volumes, mounts, ports', () => {
    const file = service.parse('file:///evil.yaml', 1, POD);
    // The sharing part, above the field documentation (which is the schema's, with its links).
    const at = (needle: string, delta: number) => md(service.hover(file, pos(POD, needle, delta))).split('\n\n---\n\n')[0];
    const hovers = {
      container: at('- name: "app', 9),
      hostPath: at('- name: data', 9),
      emptyDir: at('- name: mem', 9),
      mount: at('{name: data, mountPath', 2),
      port: at('containerPort: 8080', 16),
    };
    for (const [what, text] of Object.entries(hovers)) {
      assert.ok(text.length > 0, `${what}: no hover`);
      assertInert(text);
    }
    // Names as code spans (hidden characters shown), other strings as escaped Markdown.
    assert.ok(hovers.container.startsWith('**container `` appx](https://evil.example/) <img src=x onerror=alert(1)> `\\x1b]0;pwned\\x07'), hovers.container);
    assert.ok(hovers.hostPath.includes('(`` /var/x](https://evil.example/) <img src=x onerror=alert(1)> `\\x1b]0;pwned\\x07'), hovers.hostPath);
    assert.ok(hovers.hostPath.includes('propagation x\\]\\(https\\:\\/\\/evil\\.example'), hovers.hostPath);
    assert.ok(hovers.emptyDir.includes('up to x\\]\\(https\\:\\/\\/evil\\.example'), hovers.emptyDir);
    assert.ok(hovers.port.startsWith('**port 8080/TCPx\\]\\(https\\:'), hovers.port);
    assert.ok(hovers.mount.includes('at `` /datax](https://evil.example/)'), hovers.mount);
  });

  it('inlay hints and code lenses show hidden characters escaped', () => {
    const file = service.parse('file:///evil.yaml', 1, POD);
    const labels = service.inlayHints(file).map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    const lenses = service.codeLenses(file).map((l) => l.command?.title ?? '');
    assert.ok(labels.length > 0 && lenses.length > 0);
    for (const t of [...labels, ...lenses]) assert.doesNotMatch(t, HIDDEN_CHAR, t);
    assert.ok(labels.some((l) => l.includes('reachable by s\\x1b]0;pwned\\x07\\x1b[2J')), JSON.stringify(labels));
    assert.ok(lenses.some((l) => /containers share one Pod IP/.test(l)), JSON.stringify(lenses));
  });
});

it('document symbols show hidden characters escaped', () => {
  const yaml = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${yamlQuoted(`web${DISPLAY_ATTACK}`)}\n  namespace: ${yamlQuoted(`ns${DISPLAY_ATTACK}`)}\nspec:\n  containers:\n  - name: ${yamlQuoted(`app${DISPLAY_ATTACK}`)}\n    image: nginx:1.27\n`;
  const [pod] = service.documentSymbols(service.parse('file:///s.yaml', 1, yaml));
  assert.equal(pod.name, `Pod web${DISPLAY_ATTACK_SHOWN}`);
  assert.equal(pod.detail, `ns${DISPLAY_ATTACK_SHOWN} · v1`);
  assert.equal(pod.children![0].name, `app${DISPLAY_ATTACK_SHOWN}`);
});

it('quick-fix titles and related messages show hidden characters escaped', () => {
  const name = `app${DISPLAY_ATTACK}`;
  const yaml = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: ${yamlQuoted(name)}\n    image: nginx:1.27\n  - name: ${yamlQuoted(name)}\n    image: nginx:1.27\n`;
  const ds = validate(yaml);
  const titles = ds.flatMap((d) => ((d.data as { fixes?: Array<{ title: string }> } | undefined)?.fixes ?? []).map((f) => f.title));
  const related = ds.flatMap((d) => (d.relatedInformation ?? []).map((r) => r.message));
  assert.ok(titles.length > 0 && related.length > 0, JSON.stringify(ds));
  for (const t of [...titles, ...related]) assert.doesNotMatch(t, HIDDEN_CHAR, t);
});
