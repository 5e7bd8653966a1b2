/**
 * Soak test through the real server process (`dist/server.js --stdio`): several files of Pods,
 * Nodes and Deployments receive a few thousand random incremental edits from a seeded PRNG
 * (characters and lines inserted and deleted, garbage pasted, whole `---` documents deleted,
 * `---` typed, files emptied, closed and reopened), interleaved with hover, completion, code
 * lens, inlay hint, document symbol, folding, definition and references requests.
 *
 * Asserted: the server never dies; no request is answered with an internal error and no
 * error is logged; each file's final diagnostics equal those of a fresh server that opens the
 * same final text (incremental = fresh); memory after the soak stays within a stated bound of
 * memory before it (heap after a GC: the server collects before answering podsight/serverStats
 * when started with gc exposed, which the preload below does).
 *
 * Waiting is on events only: every publishDiagnostics awaited is the one of the final version.
 * SOAK_SEED and SOAK_EDITS override the seed and the number of edits.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp';
import { manifestOfLines, podYaml, nodeYaml } from '../bench/generate';
import { SERVER_STATS_REQUEST, type ServerStats } from '../../server/src/protocol';

const SEED = Number(process.env.SOAK_SEED ?? 20240611);
const EDITS = Number(process.env.SOAK_EDITS ?? 3000);
/** Live heap may grow by at most this much over the soak (after a GC on both sides). */
const HEAP_GROWTH_MB = 48;
/** Resident memory may grow by at most this much (RSS is not returned to the OS eagerly). */
const RSS_GROWTH_MB = 160;

function rng(seed: number): () => number {
  // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const example = (name: string): string => readFileSync(join(EXAMPLES, name), 'utf8');

interface Pos {
  line: number;
  character: number;
}

/** Position of a UTF-16 offset; the texts here only ever contain `\n` line breaks. */
function positionAt(text: string, offset: number): Pos {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

// Garbage: YAML indicators, quotes, tabs, NUL, non-ASCII of the BMP (never a lone surrogate,
// never `\r`, so that offsets and LSP positions agree trivially).
const GARBAGE = ['{', '}', '[', ']', '&a', '*a', '!!str ', '|', '>', '%', '@', '`', '"', "'", ': ', '- ', '#', '\t', '\u0000', '\n', '\n  ', 'é', '中', '\ufffd', '<<: ', '{{ ', ' }}', '0o17', '1e3', 'yes', '~', ',', '?', 'apiVersion: v1', 'kind: Pod', '\u00a0', '\ufeff'];
const LINES = ['  foo: bar', '- name: x', '    image: nginx', 'kind: Node', 'kind: Pod', 'apiVersion: v1', 'spec:', '  containers:', '  - name: app', '    ports:', '    - containerPort: 80', '      hostPort: 80', '  volumes: []', 'metadata: {name: x}', '  labels: {a: b}', '# a comment', '', '...', '   ', '    resources: {requests: {cpu: 1}}'];

type Change = { range?: { start: Pos; end: Pos }; text: string };

interface SoakFile {
  uri: string;
  text: string;
  version: number;
  open: boolean;
}

describe('soak: random incremental edits through the real server', () => {
  const preloadDir = mkdtempSync(join(tmpdir(), 'podsight-soak-'));
  const preload = join(preloadDir, 'expose-gc.cjs');
  writeFileSync(preload, "require('v8').setFlagsFromString('--expose-gc'); globalThis.gc = require('vm').runInNewContext('gc');\n");
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.close();
    rmSync(preloadDir, { recursive: true, force: true });
  });

  it(`survives ${EDITS} edits (seed ${SEED}); incremental diagnostics = fresh; memory bounded`, { timeout: 120_000 }, async (t) => {
    const started = Date.now();
    const r = rng(SEED);
    const int = (n: number): number => Math.floor(r() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

    const s = await startServer({ validate: { debounceMs: 0 } }, { require: [preload] });
    servers.push(s);
    let exited: string | undefined;
    s.proc.once('exit', (code, signal) => (exited = `server exited (code ${code}, signal ${signal}); stderr: ${s.stderr()}`));
    const errorsLogged: string[] = [];
    // Replaces the helper's no-op handler: errors the server logs (a failed validation is
    // logged, not answered) fail the soak.
    s.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) errorsLogged.push(p.message);
    });

    const files: SoakFile[] = [
      { uri: 'file:///soak/pods-nodes-a.yaml', text: manifestOfLines(500, 11), version: 1, open: true },
      { uri: 'file:///soak/pods-nodes-b.yaml', text: manifestOfLines(300, 12), version: 1, open: true },
      { uri: 'file:///soak/deployment.yaml', text: `${example('api-deployment.yaml')}---\n${example('gpu-job.yaml')}`, version: 1, open: true },
      { uri: 'file:///soak/nodes.yaml', text: example('nodes.yaml'), version: 1, open: true },
      { uri: 'file:///soak/web-pod.yaml', text: `${example('web-pod.yaml')}---\n${example('mistakes.yaml')}`, version: 1, open: true },
    ];
    const opened = files.map((f) => s.diagnostics(f.uri, (p) => p.version === 1, 30_000));
    for (const f of files) s.open(f.uri, f.text, 1);
    await Promise.all(opened);
    const before = (await s.conn.sendRequest(SERVER_STATS_REQUEST)) as ServerStats;

    // Random edits. Each returns the LSP change and applies it to our own copy of the text.
    const edits: Array<(text: string) => Change[] | 'full'> = [
      // type a few characters
      (text) => {
        const at = int(text.length + 1);
        return [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: Array.from({ length: 1 + int(4) }, () => pick('abcxyz019 :-_."'.split(''))).join('') }];
      },
      // delete a few characters
      (text) => {
        const at = int(text.length + 1);
        const end = Math.min(text.length, at + 1 + int(20));
        return [{ range: { start: positionAt(text, at), end: positionAt(text, end) }, text: '' }];
      },
      // insert a line
      (text) => {
        const starts = lineStarts(text);
        const line = int(starts.length);
        return [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${pick(LINES)}\n` }];
      },
      // delete one to three whole lines
      (text) => {
        const starts = lineStarts(text);
        const line = int(starts.length);
        const endLine = Math.min(starts.length, line + 1 + int(3));
        const end = endLine < starts.length ? { line: endLine, character: 0 } : positionAt(text, text.length);
        return [{ range: { start: { line, character: 0 }, end }, text: '' }];
      },
      // paste garbage
      (text) => {
        const at = int(text.length + 1);
        const g = Array.from({ length: 3 + int(60) }, () => pick(GARBAGE)).join('');
        return [{ range: { start: positionAt(text, at), end: positionAt(text, at) }, text: g }];
      },
      // type `---` on a line of its own
      (text) => {
        const line = int(lineStarts(text).length);
        return [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '---\n' }];
      },
      // delete a whole `---` document
      (text) => {
        const cuts = [0, ...[...text.matchAll(/^---/gm)].map((m) => m.index!).filter((i) => i > 0), text.length];
        const k = int(cuts.length - 1);
        return [{ range: { start: positionAt(text, cuts[k]), end: positionAt(text, cuts[k + 1]) }, text: '' }];
      },
      // paste a whole Pod or Node at a line start
      (text) => {
        const line = int(lineStarts(text).length);
        const doc = r() < 0.7 ? podYaml(int(1000), r) : nodeYaml(int(1000), r);
        return [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `---\n${doc}` }];
      },
      // replace a selection with a few characters (e.g. a value re-typed)
      (text) => {
        const at = int(text.length + 1);
        const end = Math.min(text.length, at + int(40));
        return [{ range: { start: positionAt(text, at), end: positionAt(text, end) }, text: pick(['x', '80', '"80"', 'true', '- ', '{}', '[]', '\n', '  ']) }];
      },
    ];

    function apply(text: string, change: Change): string {
      if (!change.range) return change.text;
      const starts = lineStarts(text);
      const off = (p: Pos): number => Math.min(text.length, starts[p.line] + p.character);
      return text.slice(0, off(change.range.start)) + change.text + text.slice(off(change.range.end));
    }

    const responses: Array<Promise<unknown>> = [];
    const failures: string[] = [];
    let requests = 0;
    function request(f: SoakFile): void {
      const starts = lineStarts(f.text);
      const line = int(starts.length);
      const lineLen = (line + 1 < starts.length ? starts[line + 1] - 1 : f.text.length) - starts[line];
      const position = { line, character: int(lineLen + 1) };
      const textDocument = { uri: f.uri };
      const end = positionAt(f.text, f.text.length);
      const [method, params] = pick<[string, object]>([
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/codeLens', { textDocument }],
        ['textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end } }],
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/foldingRange', { textDocument }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
      ]);
      requests++;
      responses.push(
        s.conn.sendRequest(method, params).then(
          () => undefined,
          (err: { code?: number; message?: string }) => {
            // Only a cancellation or a content-modified answer is acceptable; we cancel nothing.
            if (err?.code !== -32800 && err?.code !== -32801) failures.push(`${method} at v${f.version} ${JSON.stringify(position)}: ${err?.code} ${err?.message}`);
          },
        ),
      );
    }

    let reopened = 0;
    for (let n = 0; n < EDITS; n++) {
      if (exited) break;
      const f = pick(files);
      const roll = r();
      if (!f.open) {
        f.version++;
        s.open(f.uri, f.text, f.version);
        f.open = true;
        reopened++;
      } else if (roll < 0.004) {
        s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: f.uri } });
        f.open = false;
        continue;
      } else if (roll < 0.01) {
        // the whole file replaced: emptied, or back to a generated text
        f.version++;
        f.text = r() < 0.5 ? '' : manifestOfLines(100 + int(300), int(1000));
        s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: f.uri, version: f.version }, contentChanges: [{ text: f.text }] });
      } else {
        // one to three changes in one notification, each relative to the text left by the previous
        const changes: Change[] = [];
        const count = r() < 0.85 ? 1 : 2 + int(2);
        let text = f.text;
        for (let k = 0; k < count; k++) {
          const [c] = pick(edits)(text) as Change[];
          changes.push(c);
          text = apply(text, c);
        }
        f.text = text;
        f.version++;
        s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: f.uri, version: f.version }, contentChanges: changes });
      }
      if (r() < 0.2) request(f);
      // Keep the files from collapsing or growing without bound.
      if (f.text.length > 120_000 || f.text.length < 200) {
        f.version++;
        f.text = manifestOfLines(200 + int(300), int(1000));
        s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: f.uri, version: f.version }, contentChanges: [{ text: f.text }] });
      }
      // Let responses drain now and then, so requests are answered during the soak, not after.
      if (n % 200 === 199) await Promise.all(responses.splice(0));
    }
    assert.equal(exited, undefined);

    // The final version of each file: one more edit, with its diagnostics awaited.
    const finals = new Map<string, Diagnostic[]>();
    await Promise.all(
      files.map(async (f) => {
        if (!f.open) {
          f.version++;
          const wait = s.diagnostics(f.uri, (p) => p.version === f.version, 30_000);
          s.open(f.uri, f.text, f.version);
          f.open = true;
          finals.set(f.uri, await wait);
          return;
        }
        f.version++;
        const change: Change = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# soak end\n' };
        f.text = apply(f.text, change);
        const wait = s.diagnostics(f.uri, (p) => p.version === f.version, 30_000);
        s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: f.uri, version: f.version }, contentChanges: [change] });
        finals.set(f.uri, await wait);
      }),
    );
    await Promise.all(responses.splice(0));
    const afterStats = (await s.conn.sendRequest(SERVER_STATS_REQUEST)) as ServerStats;
    assert.equal(exited, undefined);
    assert.deepEqual(failures, [], `requests answered with an error:\n${failures.join('\n')}`);
    assert.deepEqual(errorsLogged, [], `errors logged by the server:\n${errorsLogged.join('\n')}`);

    // Incremental = fresh: a new server opens the final texts.
    const fresh = await startServer({ validate: { debounceMs: 0 } });
    servers.push(fresh);
    const freshDiags = await Promise.all(
      files.map((f) => {
        const wait = fresh.diagnostics(f.uri, () => true, 30_000);
        fresh.open(f.uri, f.text, 1);
        return wait;
      }),
    );
    files.forEach((f, i) => {
      assert.deepEqual(finals.get(f.uri), freshDiags[i], `${f.uri}: diagnostics after ${EDITS} incremental edits differ from a fresh open of the same text:\n${f.text}`);
    });

    const heapGrowth = afterStats.heapUsedMB - before.heapUsedMB;
    const rssGrowth = afterStats.rssMB - before.rssMB;
    t.diagnostic(
      `${EDITS} edits, ${requests} requests, ${reopened} reopens in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `heap ${before.heapUsedMB.toFixed(1)} → ${afterStats.heapUsedMB.toFixed(1)} MB (bound +${HEAP_GROWTH_MB}), ` +
        `RSS ${before.rssMB.toFixed(0)} → ${afterStats.rssMB.toFixed(0)} MB (bound +${RSS_GROWTH_MB}); ` +
        `final diagnostics per file: ${files.map((_, i) => freshDiags[i].length).join(', ')}`,
    );
    assert.ok(heapGrowth <= HEAP_GROWTH_MB, `live heap grew by ${heapGrowth.toFixed(1)} MB (bound ${HEAP_GROWTH_MB} MB)`);
    assert.ok(rssGrowth <= RSS_GROWTH_MB, `RSS grew by ${rssGrowth.toFixed(0)} MB (bound ${RSS_GROWTH_MB} MB)`);
  });
});
