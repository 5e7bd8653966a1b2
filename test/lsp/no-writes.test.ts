/**
 * The server never writes to the user's files: run it with every fs call that could modify a
 * file instrumented (test/helpers/no-write-guard.cjs), on a workspace folder on disk, through
 * open, edits, hover, quick fixes, completion, symbols and the scheduling simulation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp';
import { SIMULATE_REQUEST } from '../../server/src/protocol';

test('no file is opened for writing, created, renamed or removed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsight-nowrite-'));
  cpSync(join(__dirname, '..', '..', 'examples'), dir, { recursive: true });
  const before = new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
  const s = await startServer({}, { require: [join(__dirname, '..', 'helpers', 'no-write-guard.cjs')], rootUri: pathToFileURL(dir).href });
  try {
    const uri = pathToFileURL(join(dir, 'mistakes.yaml')).href;
    const wait = s.diagnostics(uri);
    s.open(uri, before.get('mistakes.yaml')!);
    const ds = await wait;
    assert.ok(ds.length > 0);
    const wait2 = s.diagnostics(uri, (p) => p.version === 2);
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }] });
    await wait2;
    const at = { textDocument: { uri }, position: { line: 11, character: 6 } };
    await s.conn.sendRequest('textDocument/hover', at);
    await s.conn.sendRequest('textDocument/completion', at);
    await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: ds[0].range, context: { diagnostics: ds } });
    const sim = (await s.conn.sendRequest(SIMULATE_REQUEST, {})) as { pods: unknown[] };
    assert.ok(sim.pods.length > 0, 'the simulation read the workspace from disk');
  } finally {
    await s.close();
  }
  assert.doesNotMatch(s.stderr(), /PODSIGHT-WRITE-ATTEMPT/, s.stderr());
  for (const [name, text] of before) assert.equal(readFileSync(join(dir, name), 'utf8'), text, name);
  assert.deepEqual(readdirSync(dir).sort(), [...before.keys()].sort());
  rmSync(dir, { recursive: true, force: true });
});
