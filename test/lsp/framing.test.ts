/**
 * Framing over stdio against the real `dist/server.js --stdio`: after a valid initialize
 * exchange, each broken or oversized header makes the process exit with a non-zero status and
 * exactly one line on stderr, while its input stays open (so the exit is the server's
 * decision, not the end of its input). Valid framing in unusual but legal shapes (one byte at
 * a time, lower-case names, extra fields, no space after the colon) is answered.
 */
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER } from '../helpers/lsp';
import { MAX_MESSAGE_BYTES } from '../../server/src/lsp/framing';

const frame = (msg: object, header = (n: number) => `Content-Length: ${n}\r\n\r\n`): Buffer => {
  const body = Buffer.from(JSON.stringify(msg), 'utf8');
  return Buffer.concat([Buffer.from(header(body.length), 'ascii'), body]);
};
const initialize = (id: number | string = 1) => ({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

interface Proc {
  proc: ChildProcess;
  stderr: () => string;
  /** Resolves with the next response whose id is `id`. */
  response(id: number | string): Promise<{ id: unknown; result?: unknown; error?: unknown }>;
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];

function start(): Proc {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(proc);
  let err = '';
  // Writes after the server has exited fail with EPIPE; the exit is what the tests look at.
  proc.stdin!.on('error', () => undefined);
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  // A tiny reader of the server's output (which is ours to trust): header, blank line, body.
  let buf = Buffer.alloc(0);
  const waiting = new Map<string, (m: { id: unknown }) => void>();
  const seen = new Map<string, { id: unknown }>();
  proc.stdout!.on('data', (b: Buffer) => {
    buf = Buffer.concat([buf, b]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const n = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, end).toString('ascii'))![1]);
      if (buf.length < end + 4 + n) return;
      const msg = JSON.parse(buf.subarray(end + 4, end + 4 + n).toString('utf8')) as { id?: unknown; method?: string };
      buf = buf.subarray(end + 4 + n);
      if (msg.method !== undefined || msg.id === undefined) continue; // notifications and server requests
      const key = String(msg.id);
      const w = waiting.get(key);
      if (w) waiting.delete(key), w(msg as { id: unknown });
      else seen.set(key, msg as { id: unknown });
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    stderr: () => err,
    exited,
    response(id) {
      const key = String(id);
      const had = seen.get(key);
      if (had) return Promise.resolve(had);
      return new Promise((resolve, reject) => {
        waiting.set(key, resolve);
        void exited.then((code) => reject(new Error(`server exited (${code}) before answering ${key}; stderr: ${err}`)));
      });
    },
  };
}

/** Sends `bytes` after a valid initialize and expects the server to exit on its own. */
async function expectFatal(bytes: Buffer | string): Promise<{ code: number | null; stderr: string }> {
  const p = start();
  p.proc.stdin!.write(frame(initialize()));
  await p.response(1);
  p.proc.stdin!.write(bytes);
  // stdin stays open: only the server can end this wait (the test runner's timeout bounds it).
  const code = await p.exited;
  p.proc.stdin!.destroy();
  return { code, stderr: p.stderr() };
}

const BROKEN: Array<[string, Buffer | string]> = [
  ['LF-only line ends', 'Content-Length: 5\n\n{"a":'],
  ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}'],
  ['an empty header', '\r\n{}'],
  ['a negative Content-Length', 'Content-Length: -5\r\n\r\n'],
  ['a Content-Length that is not a number', 'Content-Length: 12abc\r\n\r\n'],
  ['an empty Content-Length', 'Content-Length:\r\n\r\n'],
  ['two Content-Length fields', 'Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}'],
  ['a CR not followed by LF', 'Content-Length: 2\r\r\n\r\n{}'],
  ['a body sent without a header', JSON.stringify(initialize(2))],
  ['a line without a colon', 'Content-Length 2\r\n\r\n{}'],
  ['a non-ASCII byte in the header', Buffer.from('Content-Length: 2\r\nX-Name: caf\u00e9\r\n\r\n{}', 'utf8')],
  ['a NUL byte in the header', 'Content-Length: 2\u0000\r\n\r\n{}'],
  ['a charset other than utf-8', 'Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{}'],
  ['a header longer than the limit', `X-Pad: ${'a'.repeat(10_000)}\r\nContent-Length: 2\r\n\r\n{}`],
  ['a Content-Length one byte over the limit', `Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n`],
  ['a Content-Length of 10 GB', 'Content-Length: 10000000000\r\n\r\n'],
  ['a Content-Length of 10^30', `Content-Length: 1${'0'.repeat(30)}\r\n\r\n`],
];

/** Bounds each wait for an exit: a deaf server fails the test instead of hanging it. */
const T = { timeout: 30_000 };

describe('LSP framing over stdio', () => {
  // A server that failed a test by staying alive must not outlive it.
  afterEach(() => {
    for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  });

  for (const [name, bytes] of BROKEN) {
    it(`${name}: the server exits non-zero with one line on stderr`, T, async () => {
      const { code, stderr } = await expectFatal(bytes);
      assert.notEqual(code, 0, `exit status for ${name}`);
      assert.notEqual(code, null, `killed rather than exited (${name})`);
      const lines = stderr.split('\n').filter((l, i, all) => !(l === '' && i === all.length - 1));
      assert.equal(lines.length, 1, `stderr for ${name}: ${JSON.stringify(stderr)}`);
      assert.match(lines[0], /^podsight-language-server: .+; exiting$/);
    });
  }

  it('a message over the limit is refused before its body is read', T, async () => {
    const p = start();
    p.proc.stdin!.write(frame(initialize()));
    await p.response(1);
    // Header of an over-limit message followed by the start of its body: the server must not
    // wait for the rest.
    p.proc.stdin!.write(`Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n`);
    p.proc.stdin!.write(Buffer.alloc(1024 * 1024, 0x61));
    const code = await p.exited;
    p.proc.stdin!.destroy();
    assert.equal(code, 1);
    assert.match(p.stderr(), /over the limit of 67108864 bytes/);
  });

  it('legal framing in unusual shapes is read: byte by byte, lower case, extra fields, no space', T, async () => {
    const p = start();
    const headers: Array<(n: number) => string> = [
      (n) => `content-length: ${n}\r\n\r\n`,
      (n) => `Content-Length:${n}\r\n\r\n`,
      (n) => `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${n}\r\n\r\n`,
      (n) => `Content-Length: \t${n} \t\r\nX-Other: anything at all\r\n\r\n`,
      (n) => `Content-Length: 00${n}\r\nContent-Type: application/vscode-jsonrpc; charset=utf8\r\n\r\n`,
    ];
    const bytes = Buffer.concat([frame(initialize(0)), ...headers.map((h, i) => frame({ jsonrpc: '2.0', id: i + 1, method: 'shutdown-probe/none', params: { text: 'é中😀' } }, h))]);
    // One byte per write, so every boundary falls inside a header, a body or a multi-byte character.
    for (let i = 0; i < bytes.length; i++) p.proc.stdin!.write(bytes.subarray(i, i + 1));
    await p.response(0);
    for (let i = 1; i <= headers.length; i++) {
      const r = await p.response(i);
      // An unknown method: answered (MethodNotFound), which proves the message was read.
      assert.equal((r.error as { code: number }).code, -32601, JSON.stringify(r));
    }
    p.proc.stdin!.write(frame({ jsonrpc: '2.0', id: 'bye', method: 'shutdown' }));
    await p.response('bye');
    p.proc.stdin!.write(frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.equal(await p.exited, 0);
    assert.equal(p.stderr(), '');
  });

  it('a body that is not JSON is skipped (framing is intact) and later messages are answered', T, async () => {
    const p = start();
    p.proc.stdin!.write(frame(initialize()));
    await p.response(1);
    p.proc.stdin!.write('Content-Length: 5\r\n\r\n{"a":');
    p.proc.stdin!.write('Content-Length: 2\r\n\r\n[]');
    p.proc.stdin!.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    await p.response(2);
    p.proc.stdin!.write(frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.equal(await p.exited, 0);
    assert.equal(p.stderr(), '');
  });

  it('the end of its input ends the server (status 1 without shutdown)', T, async () => {
    const p = start();
    p.proc.stdin!.write(frame(initialize()));
    await p.response(1);
    p.proc.stdin!.end();
    assert.equal(await p.exited, 1);
  });
});
