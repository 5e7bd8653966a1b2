/**
 * Requests racing with edits, closes and cancellations, against the real server process.
 *
 * - About 520 mixed requests on four documents (some without `context`, which the
 *   protocol requires but nothing needs to answer), a third of them cancelled (at once, after the
 *   request was written, or when the next answer arrives), while the documents are edited,
 *   closed and reopened: every answer is a result or RequestCancelled, never InternalError;
 *   a request sent while its document is closed answers null; nothing is logged as an error.
 * - A request whose document is closed (or closed and reopened with other text) while the
 *   server awaits the client's settings answers null, or works on the reopened text: never
 *   an error, never the old text.
 * - A document opened again under the same version with other text is not answered from the
 *   old parse.
 * - Malformed requests answer InvalidParams, not InternalError.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp';
import { manifestOfLines } from '../bench/generate';

const example = (name: string): string => readFileSync(join(__dirname, '..', '..', 'examples', name), 'utf8');
const REQUEST_CANCELLED = -32800;
const INVALID_PARAMS = -32602;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Pos {
  line: number;
  character: number;
}
const lineStarts = (text: string): number[] => {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
};
const endOf = (text: string): Pos => {
  const s = lineStarts(text);
  return { line: s.length - 1, character: text.length - s[s.length - 1] };
};

/** Errors the server logs (window/logMessage of type Error). */
function errorLog(s: TestServer): string[] {
  const logged: string[] = [];
  s.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type === 1) logged.push(p.message);
  });
  return logged;
}

describe('requests racing with edits, closes and cancellation', () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.close();
  });
  const start = async (): Promise<TestServer> => {
    const s = await startServer({ validate: { debounceMs: 0 } });
    servers.push(s);
    return s;
  };

  it('520 mixed requests, a third cancelled, during edits, closes and reopens: a result or RequestCancelled, never an error', { timeout: 120_000 }, async (t) => {
    const s = await start();
    const logged = errorLog(s);
    const r = rng(12);
    const int = (n: number): number => Math.floor(r() * n);
    const docs = [
      { uri: 'file:///race/web-pod.yaml', text: example('web-pod.yaml') },
      { uri: 'file:///race/deployment.yaml', text: `${example('api-deployment.yaml')}---\n${example('nodes.yaml')}` },
      { uri: 'file:///race/mistakes.yaml', text: example('mistakes.yaml') },
      { uri: 'file:///race/generated.yaml', text: manifestOfLines(1500, 3) },
    ].map((d) => ({ ...d, version: 1, open: true }));
    await Promise.all(
      docs.map((d) => {
        const wait = s.diagnostics(d.uri);
        s.open(d.uri, d.text);
        return wait;
      }),
    );
    // The latest diagnostics per document, for code actions as an editor sends them back.
    const latest = new Map<string, Diagnostic[]>();
    s.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => void latest.set(p.uri, p.diagnostics));

    const failures: string[] = [];
    const counts = { result: 0, cancelled: 0, nullWhileClosed: 0 };
    const pending: Array<Promise<void>> = [];
    const afterNextAnswer: Array<() => void> = [];
    const TOTAL = 520;
    for (let i = 0; i < TOTAL; i++) {
      const d = docs[int(docs.length)];
      // Edit, close or reopen now and then, between requests.
      const roll = r();
      if (!d.open && roll < 0.5) {
        // Reopened, sometimes under the same version number with other text.
        if (r() < 0.5) d.version++;
        d.text = r() < 0.5 ? d.text : manifestOfLines(200 + int(400), int(100));
        s.open(d.uri, d.text, d.version);
        d.open = true;
      } else if (d.open && roll < 0.03) {
        s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: d.uri } });
        d.open = false;
      } else if (d.open && roll < 0.35) {
        const starts = lineStarts(d.text);
        const line = int(starts.length);
        const del = r() < 0.5 && line + 1 < starts.length;
        const change = del
          ? { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }
          : { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ['  x: 1\n', '- a\n', '    image: busybox\n', '---\n', 'kind: Pod\n'][int(5)] };
        d.text = d.text.slice(0, starts[line]) + change.text + d.text.slice(del ? starts[line + 1] : starts[line]);
        d.version++;
        s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: d.version }, contentChanges: [change] });
      }

      const starts = lineStarts(d.text);
      const line = int(starts.length);
      const lineEnd = line + 1 < starts.length ? starts[line + 1] - 1 : d.text.length;
      const position = { line, character: int(lineEnd - starts[line] + 1) };
      const textDocument = { uri: d.uri };
      const whole = { start: { line: 0, character: 0 }, end: endOf(d.text) };
      const requests: Array<[string, object]> = [
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/inlayHint', { textDocument, range: whole }],
        ['textDocument/codeLens', { textDocument }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/foldingRange', { textDocument }],
        ['textDocument/prepareRename', { textDocument, position }],
        ['textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: latest.get(d.uri) ?? [] } }],
        // Without `context` (required by the protocol, needed by nothing here): answered, not failed.
        ['textDocument/references', { textDocument, position }],
        ['textDocument/codeAction', { textDocument, range: { start: position, end: position } }],
      ];
      const [method, params] = requests[int(requests.length)];
      const cts = new CancellationTokenSource();
      const cancel = i % 3 === 0;
      const closed = !d.open;
      pending.push(
        s.conn.sendRequest(method, params, cts.token).then(
          (result) => {
            counts.result++;
            if (closed) {
              if (result !== null) failures.push(`${method} on closed ${d.uri}: ${JSON.stringify(result).slice(0, 200)}`);
              else counts.nullWhileClosed++;
            }
            afterNextAnswer.splice(0).forEach((f) => f());
          },
          (err: { code?: number; message?: string }) => {
            if (err?.code === REQUEST_CANCELLED && cancel) counts.cancelled++;
            else failures.push(`${method} ${JSON.stringify(position)} v${d.version}${cancel ? ' (cancelled)' : ''}: ${err?.code} ${err?.message}`);
            afterNextAnswer.splice(0).forEach((f) => f());
          },
        ),
      );
      if (cancel) {
        const when = int(3);
        if (when === 0) cts.cancel();
        else if (when === 1) setImmediate(() => cts.cancel());
        else afterNextAnswer.push(() => cts.cancel());
      }
      // Let some answers come back while more requests go out.
      if (i % 40 === 39) await pending[pending.length - 20];
    }
    await Promise.all(pending);
    afterNextAnswer.splice(0).forEach((f) => f());
    t.diagnostic(`${counts.result} results (${counts.nullWhileClosed} null on closed documents), ${counts.cancelled} cancelled`);
    assert.deepEqual(failures, []);
    assert.deepEqual(logged, []);
    assert.equal(counts.result + counts.cancelled, TOTAL);
    assert.ok(counts.cancelled > 0 && counts.result > TOTAL / 2, JSON.stringify(counts));
    assert.equal(s.proc.exitCode, null);
  });

  /**
   * A server whose answers to workspace/configuration wait until released. The server keeps the
   * settings it read until the configuration changes, so a change is announced: the next
   * request that needs settings (validation, inlay hints, lenses) waits for the held answer.
   */
  async function heldSettings(s: TestServer): Promise<{ asked: Promise<void>; release: () => void }> {
    let release!: () => void;
    const released = new Promise<void>((res) => (release = res));
    let asked!: () => void;
    const askedP = new Promise<void>((res) => (asked = res));
    s.conn.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
      asked();
      await released;
      return p.items.map(() => ({}));
    });
    s.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    return { asked: askedP, release };
  }

  const POD_A = example('web-pod.yaml');
  const POD_B = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: other\nspec:\n  containers:\n  - name: one\n    image: busybox\n    ports:\n    - containerPort: 80\n';

  it('a request whose document is closed while it waits answers null', async () => {
    const s = await start();
    const logged = errorLog(s);
    const uri = 'file:///race/closed.yaml';
    const opened = s.diagnostics(uri);
    s.open(uri, POD_A);
    await opened;
    const hold = await heldSettings(s);
    const textDocument = { uri };
    const hints = s.conn.sendRequest('textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: endOf(POD_A) } });
    const lenses = s.conn.sendRequest('textDocument/codeLens', { textDocument });
    await hold.asked;
    const cleared = s.diagnostics(uri, (p) => p.diagnostics.length === 0);
    s.conn.sendNotification('textDocument/didClose', { textDocument });
    await cleared; // the close has been handled
    hold.release();
    assert.equal(await hints, null);
    assert.equal(await lenses, null);
    assert.deepEqual(logged, []);
  });

  it('a request whose document is closed and reopened (same version, other text) while it waits works on the new text', async () => {
    const s = await start();
    const uri = 'file:///race/reopened.yaml';
    const opened = s.diagnostics(uri);
    s.open(uri, POD_A, 1);
    await opened;
    const hold = await heldSettings(s);
    const textDocument = { uri };
    const hints = s.conn.sendRequest('textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } }) as Promise<Array<{ position: Pos; label: unknown }> | null>;
    await hold.asked;
    const reopened = s.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 0);
    s.conn.sendNotification('textDocument/didClose', { textDocument });
    s.open(uri, POD_B, 1);
    await reopened;
    hold.release();
    const got = await hints;
    // POD_B has one port on line 9; every hint must lie in POD_B's text.
    const lines = POD_B.split('\n');
    assert.ok(got === null || got.every((h) => h.position.line < lines.length && h.position.character <= lines[h.position.line].length), JSON.stringify(got));
    const hover = (await s.conn.sendRequest('textDocument/hover', { textDocument, position: { line: 7, character: 6 } })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /Container image name/, 'hover reads the reopened text');
  });

  it('a document opened again under the same version with other text is not answered from the old parse', async () => {
    const s = await start();
    const uri = 'file:///race/twice.yaml';
    const first = s.diagnostics(uri);
    s.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    foo: bar\n', 1);
    assert.ok((await first).some((d) => d.code === 'unknown-field'));
    // Same URI, same version, no close in between (a confused client): the new text counts.
    const second = s.diagnostics(uri);
    s.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    bar: foo\n', 1);
    const ds = await second;
    assert.deepEqual(
      ds.map((d) => (d.data as { field?: string } | undefined)?.field),
      ['spec.containers[0].bar'],
    );
  });

  it('malformed requests answer InvalidParams, never InternalError', async () => {
    const s = await start();
    const logged = errorLog(s);
    const uri = 'file:///race/malformed.yaml';
    const opened = s.diagnostics(uri);
    s.open(uri, POD_A);
    await opened;
    const textDocument = { uri };
    const cases: Array<[string, unknown]> = [
      ['textDocument/hover', { textDocument }],
      ['textDocument/hover', { textDocument, position: { line: -1, character: 0 } }],
      ['textDocument/hover', { textDocument, position: { line: 1.5, character: 0 } }],
      ['textDocument/hover', { textDocument, position: { line: '3', character: 0 } }],
      ['textDocument/hover', { position: { line: 1, character: 0 } }],
      ['textDocument/completion', { textDocument: { uri: 42 }, position: { line: 1, character: 0 } }],
      ['textDocument/inlayHint', { textDocument, range: null }],
      ['textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 } } }],
      ['textDocument/definition', { textDocument, position: null }],
      ['textDocument/rename', { textDocument, position: { line: 17, character: 12 }, newName: 5 }],
      ['textDocument/documentSymbol', null],
    ];
    for (const [method, params] of cases) {
      const code = await s.conn.sendRequest(method, params).then(
        () => 'result',
        (e: { code?: number }) => e.code,
      );
      assert.equal(code, INVALID_PARAMS, `${method} ${JSON.stringify(params)}`);
    }
    // Read leniently: a code action without a context (no diagnostics), references without a
    // context (declaration included), inlay hints without a range (the whole document).
    assert.deepEqual(await s.conn.sendRequest('textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }), []);
    // Line 17 is `    - name: html` (a volume mount): its references include the volume.
    const refs = (await s.conn.sendRequest('textDocument/references', { textDocument, position: { line: 17, character: 14 } })) as unknown[];
    assert.ok(refs.length >= 2, JSON.stringify(refs));
    const hints = (await s.conn.sendRequest('textDocument/inlayHint', { textDocument })) as unknown[];
    assert.ok(hints.length > 0);
    assert.deepEqual(logged, []);
  });
});
