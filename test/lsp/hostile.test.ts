/**
 * Hostile inputs through the real language server (`dist/server.js --stdio`): each must be
 * answered with published diagnostics within a generous bound that catches hangs (the measured
 * time is printed), with a clear diagnostic where one is due; afterwards the server still
 * answers requests on that document without an internal error, and is still alive. The same
 * inputs go through the CLI in test/cli/hostile.test.ts (where invalid UTF-8 is read as bytes;
 * here the client has already decoded it, so the server receives U+FFFD).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '../helpers/lsp';
import { SERVER_STATS_REQUEST, type ServerStats } from '../../server/src/protocol';
import { MAX_DOCUMENTS } from '../../server/src/service/parse/manifests';
import { HEAD, aliasBomb, binary, deepBlockMap, deepBlockSeq, deepFlowMap, deepFlowSeq, invalidUtf8, longFlowLine, longLine, longScalars, mergeChain, tenMegabytes } from '../helpers/hostile';

/** Generous: catches a hang, not a slow machine. */
const BOUND_MS = 30_000;

const decode = (b: Buffer): string => new TextDecoder('utf-8', { fatal: false }).decode(b);
/** Random bytes as an editor sends them (invalid UTF-8 → U+FFFD). */
const binaryText = (bytes: number, seed: number): string => decode(binary(bytes, seed));
const invalidUtf8Text = (): string => decode(invalidUtf8());

// ---- harness --------------------------------------------------------------------------------

/** Diagnostic messages may be MarkupContent in LSP 3.18; ours are strings. */
const msgOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const field = (d: Diagnostic): string | undefined => (d.data as { field?: string } | undefined)?.field;
const has = (ds: Diagnostic[], re: RegExp): boolean => ds.some((d) => re.test(msgOf(d)));
const show = (ds: Diagnostic[]): string => JSON.stringify(ds.map((d) => `${d.code}: ${msgOf(d).slice(0, 200)}`)).slice(0, 3000);

describe('language server on hostile input', () => {
  let s: TestServer;
  let n = 0;
  let preloadDir = '';
  const timings: string[] = [];
  before(async () => {
    // gc exposed: podsight/serverStats then reports live heap (see soak.test.ts).
    preloadDir = mkdtempSync(join(tmpdir(), 'podsight-hostile-'));
    const preload = join(preloadDir, 'expose-gc.cjs');
    writeFileSync(preload, "require('v8').setFlagsFromString('--expose-gc'); globalThis.gc = require('vm').runInNewContext('gc');\n");
    s = await startServer({ validate: { debounceMs: 0 } }, { require: [preload] });
  });
  after(async () => {
    console.log(`hostile LSP timings: ${timings.join('; ')}`);
    await s.close();
    rmSync(preloadDir, { recursive: true, force: true });
  });

  /** Opens `text`, waits for its diagnostics, then checks the server still answers requests on it. */
  const open10 = (text: string, whileOpen: () => Promise<unknown>) => open('ten-mb', text, s, whileOpen);

  async function open(name: string, text: string, server: TestServer = s, whileOpen?: () => Promise<unknown>): Promise<{ ds: Diagnostic[]; ms: number }> {
    const uri = `file:///hostile/${name}-${++n}.yaml`;
    const t0 = Date.now();
    const wait = server.diagnostics(uri, () => true, BOUND_MS);
    server.open(uri, text);
    const ds = await wait;
    const ms = Date.now() - t0;
    timings.push(`${name} ${ms} ms`);
    const textDocument = { uri };
    const position = { line: 3, character: 4 };
    const errors: string[] = [];
    const requests: Array<[string, object]> = [
      ['textDocument/hover', { textDocument, position }],
      ['textDocument/completion', { textDocument, position }],
      ['textDocument/documentSymbol', { textDocument }],
      ['textDocument/codeLens', { textDocument }],
      ['textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } } }],
      ['textDocument/foldingRange', { textDocument }],
    ];
    await Promise.all(
      requests.map(([method, params]) =>
        server.conn.sendRequest(method, params).catch((e: { code?: number; message?: string }) => {
          errors.push(`${method}: ${e?.code} ${e?.message}`);
        }),
      ),
    );
    assert.deepEqual(errors, [], `${name}: requests failed after open`);
    if (whileOpen) await whileOpen();
    const closed = server.diagnostics(uri, (p) => p.diagnostics.length === 0, BOUND_MS);
    server.conn.sendNotification('textDocument/didClose', { textDocument });
    await closed;
    assert.equal(server.proc.exitCode, null, `${name}: server exited; stderr: ${server.stderr()}`);
    return { ds, ms };
  }

  it('10,000-deep block sequences: "Nesting too deep"', async (t) => {
    const { ds, ms } = await open('deep-block-seq', deepBlockSeq());
    t.diagnostic(`${ms} ms`);
    assert.ok(has(ds, /Nesting too deep/), show(ds));
  });

  it('3,000-deep indented maps (4.5 MB): "Nesting too deep"', async (t) => {
    const { ds, ms } = await open('deep-block-map', deepBlockMap());
    t.diagnostic(`${ms} ms`);
    assert.ok(has(ds, /Nesting too deep/), show(ds));
  });

  it('10,000-deep flow sequences: "Nesting too deep"', async (t) => {
    const { ds, ms } = await open('deep-flow-seq', deepFlowSeq());
    t.diagnostic(`${ms} ms`);
    assert.ok(has(ds, /Nesting too deep/), show(ds));
  });

  it('10,000-deep flow maps: "Nesting too deep"', async (t) => {
    const { ds, ms } = await open('deep-flow-map', deepFlowMap());
    t.diagnostic(`${ms} ms`);
    assert.ok(has(ds, /Nesting too deep/), show(ds));
  });

  it('alias bomb (billion laughs): "Document too complex"', async (t) => {
    const { ds, ms } = await open('alias-bomb', aliasBomb());
    t.diagnostic(`${ms} ms`);
    assert.ok(has(ds, /Document too complex/), show(ds));
  });

  it('merge-key chain of 2,000 maps: "Document too complex"', async (t) => {
    const { ds, ms } = await open('merge-chain', mergeChain());
    t.diagnostic(`${ms} ms`);
    assert.ok(has(ds, /Document too complex/), show(ds));
  });

  it('1 MB of random bytes alone: not a manifest, left alone', async (t) => {
    const { ds, ms } = await open('binary-alone', binaryText(1 << 20, 3));
    t.diagnostic(`${ms} ms`);
    assert.deepEqual(ds, []);
  });

  it('random bytes after a Pod header: syntax errors reported', async (t) => {
    const { ds, ms } = await open('binary-pod', HEAD + binaryText(200_000, 7));
    t.diagnostic(`${ms} ms, ${ds.length} diagnostics`);
    assert.ok(ds.some((d) => d.code === 'yaml-syntax'), show(ds));
  });

  it('random bytes after a Pod header: messages are short and free of control characters', async () => {
    const { ds } = await open('binary-pod-msg', HEAD + binaryText(200_000, 7));
    for (const d of ds) {
      assert.ok(msgOf(d).length <= 2000, `${d.code}: message of ${msgOf(d).length} characters`);
      assert.doesNotMatch(msgOf(d), /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, `${d.code}: control characters in the message`);
    }
  });

  it('invalid UTF-8 (received as U+FFFD): the name reported invalid', async (t) => {
    const { ds, ms } = await open('invalid-utf8', invalidUtf8Text());
    t.diagnostic(`${ms} ms`);
    const name = ds.find((d) => field(d) === 'metadata.name');
    assert.ok(name, show(ds));
    assert.match(msgOf(name), /\ufffd/);
  });

  it('a single 5 MB line (annotation value): "Too long"', async (t) => {
    const { ds, ms } = await open('long-line', longLine());
    t.diagnostic(`${ms} ms`);
    assert.ok(ds.some((d) => field(d) === 'metadata.annotations' && /Too long/.test(msgOf(d))), show(ds));
  });

  it('a single 5 MB line (a whole Pod in flow style): the invalid label found', async (t) => {
    const { ds, ms } = await open('long-flow-line', longFlowLine());
    t.diagnostic(`${ms} ms`);
    assert.ok(ds.some((d) => /metadata\.labels/.test(field(d) ?? '') && d.range.start.line === 0), show(ds));
  });

  it('very long scalar values (300,000 characters): reported', async (t) => {
    const { ds, ms } = await open('long-scalars', longScalars());
    t.diagnostic(`${ms} ms`);
    assert.ok(ds.some((d) => field(d) === 'metadata.name'), show(ds));
    assert.ok(ds.some((d) => field(d) === 'spec.containers[0].name'), show(ds));
  });

  it('very long scalar values: messages stay readable (≤ 2,000 characters)', async () => {
    const { ds } = await open('long-scalars-msg', longScalars());
    for (const d of ds) assert.ok(msgOf(d).length <= 2000, `${d.code}: message of ${msgOf(d).length} characters`);
  });

  it('a file just over podsight.maxFileSize: "File not validated", nothing parsed', async (t) => {
    const small = await startServer({ validate: { debounceMs: 0 }, maxFileSize: 65_536 });
    try {
      const text = `${HEAD}spec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    foo: bar\n`;
      const big = `${text}${'#'.repeat(65_536 - text.length)}\n`; // 65,537 characters
      const { ds, ms } = await open('over-limit', big, small);
      t.diagnostic(`${ms} ms`);
      assert.equal(ds.length, 1, show(ds));
      assert.equal(ds[0].code, 'file-too-large');
      assert.match(msgOf(ds[0]), /65,537 characters is more than podsight\.maxFileSize \(65,536\)/);
      // One character less is validated (the unknown field is found).
      const { ds: under } = await open('at-limit', big.slice(0, 65_536), small);
      assert.ok(under.some((d) => d.code === 'unknown-field'), show(under));
    } finally {
      await small.close();
    }
  });

  it('a 10 MB file of tiny Pods: the first 10,000 validated (every typo among them found), one warning for the rest; its memory released on close', async (t) => {
    const { text, pods } = tenMegabytes();
    const before = (await s.conn.sendRequest(SERVER_STATS_REQUEST)) as ServerStats;
    let open: ServerStats | undefined;
    const { ds, ms } = await open10(text, async () => (open = (await s.conn.sendRequest(SERVER_STATS_REQUEST)) as ServerStats));
    const closed = (await s.conn.sendRequest(SERVER_STATS_REQUEST)) as ServerStats;
    t.diagnostic(
      `${(text.length / 2 ** 20).toFixed(1)} MB, ${pods} Pods: diagnostics after ${ms} ms; live heap ${before.heapUsedMB.toFixed(0)} MB → ${open!.heapUsedMB.toFixed(0)} MB open → ${closed.heapUsedMB.toFixed(0)} MB closed; RSS ${before.rssMB.toFixed(0)} → ${open!.rssMB.toFixed(0)} → ${closed.rssMB.toFixed(0)} MB`,
    );
    // Documents are read up to MAX_DOCUMENTS (every 1000th has a typo); the rest is one warning
    // on the `---` line where the documents not read begin.
    assert.equal(ds.filter((d) => d.code === 'unknown-field').length, MAX_DOCUMENTS / 1000);
    const cut = ds.filter((d) => d.code === 'too-many-documents');
    assert.equal(cut.length, 1);
    let at = -1;
    for (let k = 0; k < MAX_DOCUMENTS; k++) at = text.indexOf('---\n', at + 1);
    assert.equal(cut[0].range.start.line, text.slice(0, at).split('\n').length - 1);
    // The text ends with `---`: one more (empty) document than Pods.
    assert.match(cut[0].message as string, new RegExp(`holds ${(pods + 1).toLocaleString('en-US')} documents and Podsight reads the first 10,000`));
    assert.ok(closed.heapUsedMB - before.heapUsedMB < 50, `live heap after close: ${closed.heapUsedMB.toFixed(0)} MB (before ${before.heapUsedMB.toFixed(0)} MB)`);
  });

  it('the server is still alive and validating after all of it', async () => {
    const { ds } = await open('after', `${HEAD}spec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    foo: bar\n`);
    assert.deepEqual(ds.map((d) => d.code), ['unknown-field']);
  });
});
