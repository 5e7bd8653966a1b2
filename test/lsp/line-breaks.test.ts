/**
 * The real server on the same manifests with LF, CRLF and lone-CR line ends: the same
 * diagnostics at the same lines and characters on open and after the same incremental edit
 * (which the server applies with its own TextDocument, where CR is a line break too), and the
 * same hovers.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const BREAKS: Array<[string, string]> = [
  ['lf', '\n'],
  ['crlf', '\r\n'],
  ['cr', '\r'],
];
const TEXT = `${readFileSync(join(EXAMPLES, 'mistakes.yaml'), 'utf8')}---\n${readFileSync(join(EXAMPLES, 'web-pod.yaml'), 'utf8')}`;

/** Diagnostics with the line breaks inside quick-fix text written back as LF, and no URIs. */
const asLf = (ds: Diagnostic[], eol: string): string =>
  JSON.stringify(ds, (k, v: unknown) => (k === 'newText' && typeof v === 'string' ? v.split(eol).join('\n') : k === 'uri' ? 'URI' : v));

describe('language server with LF, CRLF and CR line ends', () => {
  let s: TestServer;
  const uri = (name: string): string => `file:///eol/${name}.yaml`;
  const opened = new Map<string, Diagnostic[]>();
  before(async () => {
    s = await startServer({ validate: { debounceMs: 0 } });
    await Promise.all(
      BREAKS.map(async ([name, eol]) => {
        const wait = s.diagnostics(uri(name));
        s.open(uri(name), TEXT.replace(/\n/g, eol));
        opened.set(name, await wait);
      }),
    );
  });
  after(async () => {
    await s.close();
  });

  it('the same diagnostics on open', () => {
    const lf = opened.get('lf')!;
    assert.ok(lf.length >= 5, JSON.stringify(lf));
    // The LF result is right: an unknown field is reported where it is.
    const lines = TEXT.split('\n');
    const unknown = lf.find((d) => d.code === 'unknown-field');
    assert.ok(unknown);
    assert.match(lines[unknown.range.start.line].slice(unknown.range.start.character), /^\w+:/);
    for (const [name, eol] of BREAKS.slice(1)) assert.equal(asLf(opened.get(name)!, eol), asLf(lf, '\n'), name);
  });

  it('the same diagnostics after the same incremental edit', async () => {
    // Line 9 onwards, replaced by a line with an unknown field: positions on the server's side
    // are computed by its TextDocument over the text with that document's own line breaks.
    const lines = TEXT.split('\n');
    const line = lines.findIndex((l) => /^\s+image:/.test(l));
    assert.ok(line > 0);
    const indent = /^\s*/.exec(lines[line])![0];
    const results = await Promise.all(
      BREAKS.map(([name]) => {
        const wait = s.diagnostics(uri(name), (p) => p.version === 2);
        s.conn.sendNotification('textDocument/didChange', {
          textDocument: { uri: uri(name), version: 2 },
          contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: lines[line].length } }, text: `${indent}imagePullPolcy: Always` }],
        });
        return wait;
      }),
    );
    const typo = results[0].find((d) => typeof d.message === 'string' && d.message.includes('imagePullPolcy'));
    assert.ok(typo, JSON.stringify(results[0]));
    assert.deepEqual(typo.range.start, { line, character: indent.length });
    BREAKS.slice(1).forEach(([name, eol], i) => assert.equal(asLf(results[i + 1], eol), asLf(results[0], '\n'), name));
  });

  it('the same hovers', async () => {
    const lines = TEXT.split('\n');
    const positions = lines.flatMap((l, line) => (l.trim() ? [{ line, character: l.length - l.trimStart().length + 1 }, { line, character: l.length }] : []));
    for (const position of positions) {
      const [lf, crlf, cr] = await Promise.all(BREAKS.map(([name]) => s.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(name) }, position })));
      assert.deepEqual(crlf, lf, `CRLF ${JSON.stringify(position)}`);
      assert.deepEqual(cr, lf, `CR ${JSON.stringify(position)}`);
    }
  });
});
