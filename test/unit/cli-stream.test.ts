/**
 * The CLI's streamed output: jsonChunks writes exactly JSON.stringify's text (indented and
 * compact) whatever parts are lazy; ChunkSink stops the producer while the stream is full; the
 * progress line fits its terminal and is redrawn at most every 100 ms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { jsonChunks, LazyArray, LazyObject } from '../../server/src/cli/jsonStream';
import { ChunkSink } from '../../server/src/cli/sink';
import { ERASE_LINE, ProgressBar, progressLine } from '../../server/src/cli/progress';

/** Wraps objects and arrays of `v` in lazy parts where `pick` says so (deterministically). */
function lazify(v: unknown, pick: () => boolean): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => lazify(x, pick));
    return pick() ? new LazyArray(function* () {
      yield* items;
    }) : v;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => [k, lazify(x, pick)] as const);
    return pick() ? new LazyObject(entries) : v;
  }
  return v;
}

const text = (chunks: Iterable<string>) => [...chunks].join('');

test('jsonChunks: the text of JSON.stringify, indented or compact, with any part lazy', () => {
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant(undefined)),
    arr: fc.array(tie('node'), { maxLength: 5 }),
    obj: fc.dictionary(fc.string(), tie('node'), { maxKeys: 5 }),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('arr'), tie('obj')),
  })).obj;
  fc.assert(
    fc.property(value, fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), (v, bits) => {
      let i = 0;
      const lazy = lazify(v, () => bits[i++ % bits.length]);
      const top = lazy instanceof LazyObject ? lazy : new LazyObject(Object.entries(v));
      assert.equal(text(jsonChunks(top, true)), JSON.stringify(v, null, 2));
      assert.equal(text(jsonChunks(top, false)), JSON.stringify(v));
    }),
    { numRuns: 500 },
  );
});

test('jsonChunks: empty lazy parts, and members without a JSON form, as JSON.stringify writes them', () => {
  const v = { a: [], b: {}, c: undefined, d: [undefined, () => 1], e: 'line\nbreak \u2028' };
  const lazy = new LazyObject([
    ['a', new LazyArray(() => [])],
    ['b', new LazyObject([])],
    ['c', undefined],
    ['d', new LazyArray(() => [undefined, () => 1])],
    ['e', v.e],
  ]);
  assert.equal(text(jsonChunks(lazy, true)), JSON.stringify(v, null, 2));
  assert.equal(text(jsonChunks(lazy, false)), JSON.stringify(v));
});

test('ChunkSink: the producer waits while the stream is full, and everything arrives in order', async () => {
  const held: Array<() => void> = [];
  const received: string[] = [];
  // A real Writable whose writes complete only when the test says so (a reader that stalls).
  const out = new Writable({
    highWaterMark: 16 * 1024,
    decodeStrings: false,
    write(chunk: string, _enc, done) {
      received.push(chunk);
      held.push(done);
    },
  });
  const sink = new ChunkSink(out);
  const piece = 'x'.repeat(1000);
  let made = 0;
  const producing = (async () => {
    for (let i = 0; i < 2000; i++) {
      made++;
      await sink.write(`${i}:${piece}\n`);
    }
    await sink.flush();
  })();
  // Let the producer run until it blocks on the full stream.
  while (held.length === 0) await new Promise<void>((r) => setImmediate(r));
  for (let k = 0; k < 20; k++) await new Promise<void>((r) => setImmediate(r));
  assert.ok(made < 200, `the producer stopped while nothing drained (${made} pieces made)`);
  // The reader catches up: release every write as it comes until the producer is done.
  let finished = false;
  void producing.then(() => (finished = true));
  while (!finished) {
    const d = held.shift();
    if (d) d();
    await new Promise<void>((r) => setImmediate(r));
  }
  while (held.length) held.shift()!();
  assert.equal(made, 2000);
  const all = received.join('');
  assert.equal(all.length, 2000 * (piece.length + 2) + [...Array(2000).keys()].reduce((n, i) => n + String(i).length, 0));
  assert.ok(all.startsWith(`0:${piece}\n1:`) && all.endsWith(`1999:${piece}\n`));
  assert.ok(received.every((c) => c.length <= 70 * 1024), 'written in chunks of about 64 KiB');
});

test('ChunkSink: an error of the stream ends the wait and is thrown to the writer', async () => {
  const out = new Writable({
    highWaterMark: 1024,
    write(_chunk, _enc, done) {
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  const sink = new ChunkSink(out);
  await assert.rejects(async () => {
    for (let i = 0; i < 1000; i++) await sink.write('y'.repeat(1000));
    await sink.flush();
  }, /EPIPE/);
  assert.equal((sink.error as NodeJS.ErrnoException).code, 'EPIPE');
});

test('progressLine: the bar, counts, rate and time left, cut to the terminal width', () => {
  const line = progressLine('Scheduling', 5000, 20000, 'Pods', 1000, 120);
  assert.equal(line, 'Scheduling [######------------------] 5,000/20,000 Pods  1,000 Pods/s  ETA 0:15');
  assert.equal(progressLine('Scheduling', 0, 20000, 'Pods', undefined, 120), 'Scheduling [------------------------] 0/20,000 Pods');
  assert.match(progressLine('Scheduling', 10, 20000, 'Pods', 0.5, 200), / 0\.5 Pods\/s {2}ETA 11:06:20$/);
  assert.equal(progressLine('Scheduling', 5000, 20000, 'Pods', 1000, 40).length, 39, 'one column short of the width');
});

test('ProgressBar: at most one frame per 100 ms, erased at the end, nothing erased when nothing was drawn', () => {
  let t = 0;
  const written: string[] = [];
  const term = { columns: 100, write: (s: string) => written.push(s) };
  const bar = new ProgressBar(term, () => t);
  bar.clear();
  assert.equal(written.length, 0, 'no frame, nothing to erase');
  for (let i = 0; i <= 1000; i++) {
    t = i; // one millisecond per update
    bar.update('Scheduling', i, 1000, 'Pods');
  }
  assert.equal(written.length, 11, 'frames at 0, 100, … 1000 ms');
  t = 1001;
  bar.update('Writing', 0, 10, 'Pods');
  assert.equal(written.length, 12, 'a new phase is shown at once');
  assert.match(written.at(-1)!, /Writing \[-+\] 0\/10 Pods$/);
  t = 1050;
  bar.update('Writing', 5, 10, 'Pods');
  assert.equal(written.length, 12);
  t = 1301;
  bar.update('Writing', 10, 10, 'Pods');
  assert.ok(written.every((w) => w.startsWith(ERASE_LINE) && !w.includes('\n')));
  assert.match(written[10], /1,000\/1,000 Pods {2}1,000 Pods\/s {2}ETA 0:00$/);
  assert.match(written.at(-1)!, /10\/10 Pods {2}33 Pods\/s {2}ETA 0:00$/);
  bar.clear();
  assert.equal(written.at(-1), ERASE_LINE);
});
