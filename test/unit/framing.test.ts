/**
 * The strict LSP frame decoder (server/src/lsp/framing.ts) fed bytes directly: every split of
 * a stream into chunks gives the same bodies, limits hold at their exact boundary, broken
 * headers fail at once, and the work is linear in the input.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDecoder, FramingError, type FrameLimits } from '../../server/src/lsp/framing';

const enc = new TextEncoder();
const dec = new TextDecoder();
const frame = (body: string, header = (n: number) => `Content-Length: ${n}\r\n\r\n`): Uint8Array => {
  const b = enc.encode(body);
  const h = enc.encode(header(b.length));
  const out = new Uint8Array(h.length + b.length);
  out.set(h);
  out.set(b, h.length);
  return out;
};
const join = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
};

function decodeAll(bytes: Uint8Array, cuts: number[], limits?: FrameLimits): string[] {
  const d = new FrameDecoder(limits);
  const out: string[] = [];
  let from = 0;
  for (const c of [...cuts, bytes.length]) {
    d.push(bytes.subarray(from, c), (b) => out.push(dec.decode(b)));
    from = c;
  }
  return out;
}

function failure(bytes: Uint8Array | string, limits?: FrameLimits): string {
  const d = new FrameDecoder(limits);
  try {
    d.push(typeof bytes === 'string' ? enc.encode(bytes) : bytes, () => undefined);
  } catch (err) {
    assert.ok(err instanceof FramingError, String(err));
    assert.ok(!err.message.includes('\n'), 'one line');
    return err.message;
  }
  return 'no failure';
}

describe('LSP frame decoder', () => {
  const bodies = ['{"jsonrpc":"2.0","id":1,"method":"a"}', '', '{"text":"é中😀\\r\\n"}', '{}'];
  const stream = join([
    frame(bodies[0]),
    frame(bodies[1]),
    frame(bodies[2], (n) => `content-type: application/vscode-jsonrpc; charset=UTF-8\r\ncontent-length:${n}\r\n\r\n`),
    frame(bodies[3], (n) => `X-Custom: a:b:c\r\nContent-Length: \t0${n}\t \r\n\r\n`),
  ]);

  it('reads the same bodies however the stream is cut (every single and double cut)', () => {
    assert.deepEqual(decodeAll(stream, []), bodies);
    for (let i = 0; i <= stream.length; i++) {
      assert.deepEqual(decodeAll(stream, [i]), bodies, `cut at ${i}`);
      for (let j = i; j <= stream.length; j += 7) assert.deepEqual(decodeAll(stream, [i, j]), bodies, `cuts at ${i}, ${j}`);
    }
    assert.deepEqual(decodeAll(stream, Array.from({ length: stream.length }, (_, i) => i)), bodies, 'byte by byte');
  });

  it('accepts a body of exactly the limit and refuses one byte more, from the header alone', () => {
    const limits = { maxMessageBytes: 100, maxHeaderBytes: 64 };
    assert.deepEqual(decodeAll(frame('x'.repeat(100)), [], limits), ['x'.repeat(100)]);
    assert.match(failure('Content-Length: 101\r\n\r\n', limits), /101 bytes is over the limit of 100/);
  });

  it('accepts a header of exactly the limit and refuses one byte more', () => {
    const header = 'Content-Length: 2\r\n\r\n';
    const limits = { maxMessageBytes: 100, maxHeaderBytes: header.length };
    assert.deepEqual(decodeAll(frame('{}'), [], limits), ['{}']);
    assert.match(failure(frame('{}'), { ...limits, maxHeaderBytes: header.length - 1 }), /header longer than/);
    // Without an end of line, the limit still ends the wait.
    assert.match(failure('X-Pad: ' + 'a'.repeat(200), { ...limits, maxHeaderBytes: 100 }), /header longer than 100 bytes/);
  });

  it('fails on broken headers with a one-line reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['Content-Length: 5\n\n{}', /LF without CR/],
      ['Content-Length: 5\r\r\n', /CR not followed by LF/],
      ['\r\n', /without Content-Length/],
      ['Content-Type: application/vscode-jsonrpc\r\n\r\n', /without Content-Length/],
      ['Content-Length: -1\r\n\r\n', /not a non-negative decimal/],
      ['Content-Length: 1e3\r\n\r\n', /not a non-negative decimal/],
      ['Content-Length: 0x10\r\n\r\n', /not a non-negative decimal/],
      ['Content-Length: \r\n\r\n', /not a non-negative decimal/],
      ['Content-Length: 1 2\r\n\r\n', /not a non-negative decimal/],
      ['Content-Length: 2\r\nContent-Length: 2\r\n\r\n', /two Content-Length/],
      ['{"jsonrpc":"2.0"}', /not "Name: value"/],
      [': 2\r\n\r\n', /not "Name: value"/],
      ['Content Length: 2\r\n\r\n', /not "Name: value"/],
      ['Content-Length: 2\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n', /charset other than utf-8/],
      ['Content-Length: 2\u0007\r\n\r\n', /byte 0x07/],
    ];
    for (const [input, re] of cases) assert.match(failure(input), re, JSON.stringify(input));
    assert.match(failure(enc.encode('X-Name: \u00e9\r\n')), /byte 0xc3/);
  });

  it('stays failed after a framing error and ignores further input', () => {
    const d = new FrameDecoder();
    assert.throws(() => d.push(enc.encode('Content-Length: 5\n'), () => undefined), FramingError);
    const seen: Uint8Array[] = [];
    d.push(frame('{}'), (b) => seen.push(b));
    assert.equal(seen.length, 0);
  });

  it('does work linear in the input: time per byte does not grow with the stream (1 MB vs 8 MB)', () => {
    // Many small messages in small chunks, and a body split over many chunks: a decoder that
    // rescans its buffer on each chunk (as vscode-jsonrpc's does for headers) grows
    // quadratically here. Best of several runs, compared as a ratio with generous slack.
    const msg = frame(JSON.stringify({ jsonrpc: '2.0', method: 'x', params: { pad: 'p'.repeat(60) } }));
    const build = (bytes: number): Uint8Array => join(Array.from({ length: Math.ceil(bytes / msg.length) }, () => msg));
    const perByte = (bytes: Uint8Array): number => {
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const d = new FrameDecoder();
        let n = 0;
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < bytes.length; i += 13) d.push(bytes.subarray(i, i + 13), () => n++);
        best = Math.min(best, Number(process.hrtime.bigint() - t0));
        assert.ok(n > 0);
      }
      return best / bytes.length;
    };
    const small = perByte(build(1_000_000));
    const large = perByte(build(8_000_000));
    assert.ok(large / small < 3, `time per byte grew ${(large / small).toFixed(2)}× from 1 MB to 8 MB`);
    // One large body in small chunks.
    const big = (n: number): Uint8Array => frame(JSON.stringify({ t: 'b'.repeat(n) }));
    const bodySmall = perByte(big(1_000_000));
    const bodyLarge = perByte(big(8_000_000));
    assert.ok(bodyLarge / bodySmall < 3, `time per body byte grew ${(bodyLarge / bodySmall).toFixed(2)}× from 1 MB to 8 MB`);
  });
});
