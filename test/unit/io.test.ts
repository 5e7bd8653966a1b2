/**
 * The input layer (server/src/io) called directly, on trees generated in a temp directory:
 * the bounds of a walk, cancellation, many links to one directory, and the reader's defences
 * (identity checked after open, O_NOFOLLOW, O_NONBLOCK, never more than limit + 1 bytes).
 * The CLI and the server over the same layer: test/cli/input.test.ts, test/lsp/disk-scan.test.ts.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { walkFiles } from '../../server/src/io/walk';
import { readStreamText, readTextFile } from '../../server/src/io/read';
import { noteLine } from '../../server/src/io/notes';

const canMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

describe('walkFiles', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-io-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function tree(name: string, files: number): string {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    for (let i = 0; i < files; i++) writeFileSync(join(d, `f${String(i).padStart(3, '0')}.yaml`), 'a: 1\n');
    return d;
  }

  it('lists regular *.yaml/*.yml files in name order with their size and identity', async () => {
    const d = tree('plain', 0);
    writeFileSync(join(d, 'b.yml'), 'b: 2\n');
    writeFileSync(join(d, 'a.YAML'), 'a: 1\n');
    writeFileSync(join(d, 'c.json'), '{}');
    const r = await walkFiles([d]);
    assert.deepEqual(r.files.map((f) => f.path), [join(d, 'a.YAML'), join(d, 'b.yml')]);
    const st = statSync(join(d, 'b.yml'));
    assert.deepEqual({ size: r.files[1].size, dev: r.files[1].dev, ino: r.files[1].ino, explicit: r.files[1].explicit }, { size: 5, dev: st.dev, ino: st.ino, explicit: false });
    assert.equal(r.complete, true);
    assert.deepEqual(r.notes, []);
  });

  it('stops at maxEntries and maxFiles with one note each', async () => {
    const d = tree('wide', 30);
    const byEntries = await walkFiles([d], { maxEntries: 10 });
    assert.equal(byEntries.complete, false);
    assert.ok(byEntries.files.length <= 10);
    assert.deepEqual(byEntries.notes.map((n) => [n.reason, n.message]), [['limit', 'more than 10 directory entries; the rest is not searched']]);
    const byFiles = await walkFiles([d], { maxFiles: 5 });
    assert.equal(byFiles.files.length, 5);
    assert.equal(byFiles.complete, false);
    assert.deepEqual(byFiles.notes.map((n) => noteLine(n, 'x')), ['stopped searching x: more than 5 files; the rest is not read']);
  });

  it('stops when the files listed add up to maxTotalBytes', async () => {
    const d = tree('total', 10); // 5 bytes each
    const r = await walkFiles([d], { maxTotalBytes: 22 });
    assert.equal(r.files.length, 4);
    assert.deepEqual(r.notes.map((n) => [n.path, n.message]), [[join(d, 'f004.yaml'), 'more than 22 bytes in all; the rest is not read']]);
  });

  it('a cancelled walk returns what it found so far', async () => {
    const d = tree('cancel', 20);
    let asked = 0;
    const r = await walkFiles([d], { isCancelled: () => ++asked > 5 });
    assert.equal(r.complete, false);
    assert.ok(r.files.length < 20, `${r.files.length} files`);
  });

  it('a hundred links to . cost a hundred notes, not a hundred to the power of the depth', async () => {
    const d = tree('many-links', 1);
    for (let i = 0; i < 100; i++) symlinkSync('.', join(d, `l${i}`));
    const r = await walkFiles([d]);
    assert.deepEqual(r.files.map((f) => f.path), [join(d, 'f000.yaml')]);
    assert.equal(r.notes.length, 100);
    assert.ok(r.notes.every((n) => n.reason === 'loop'));
  });

  it('a cycle of links and a root that is missing or a FIFO', async () => {
    const d = tree('cycle', 0);
    symlinkSync('b.yaml', join(d, 'a.yaml'));
    symlinkSync('a.yaml', join(d, 'b.yaml'));
    const r = await walkFiles([d, join(d, 'missing')]);
    assert.deepEqual(r.notes.map((n) => [n.reason, n.message]), [
      ['loop', 'a cycle of symbolic links'],
      ['loop', 'a cycle of symbolic links'],
    ]);
    assert.deepEqual(r.failed.map((f) => [f.root, f.reason]), [[1, 'missing']]);
    if (canMkfifo) {
      assert.equal(spawnSync('mkfifo', [join(d, 'fifo')]).status, 0);
      const f = await walkFiles([join(d, 'fifo')]);
      assert.deepEqual(f.failed.map((x) => x.message), ['not a regular file (a FIFO)']);
    }
  });
});

describe('readTextFile', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-read-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads UTF-8 text, replacing invalid bytes and dropping a BOM', async () => {
    const p = join(dir, 'text.yaml');
    writeFileSync(p, Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0xff, 0x0a]));
    const r = await readTextFile(p, { maxBytes: 100 });
    assert.ok(r.ok);
    assert.equal(r.text, 'a: \ufffd\n');
    assert.equal(r.bytes, 8);
  });

  it('refuses another file than the one found (identity checked)', async () => {
    const p = join(dir, 'one.yaml');
    writeFileSync(p, 'a: 1\n');
    const st = statSync(p);
    const r = await readTextFile(p, { maxBytes: 100, expect: { dev: st.dev, ino: st.ino + 1 } });
    assert.deepEqual(r.ok ? 'read' : [r.reason, r.message], ['changed', 'replaced while being read']);
  });

  it('never opens through a link at the last step (O_NOFOLLOW)', async () => {
    const p = join(dir, 'target.yaml');
    writeFileSync(p, 'a: 1\n');
    const link = join(dir, 'swapped-link.yaml');
    symlinkSync(p, link);
    // As if `realPath` had become a link after it was resolved.
    const r = await readTextFile(p, { maxBytes: 100, realPath: link });
    assert.deepEqual(r.ok ? 'read' : r.reason, 'changed');
  });

  it('a FIFO slipped in between stat and open neither blocks nor is read (O_NONBLOCK, fstat)', { skip: !canMkfifo && 'no mkfifo here' }, async () => {
    const p = join(dir, 'regular.yaml');
    writeFileSync(p, 'a: 1\n');
    const fifo = join(dir, 'slipped');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const r = await readTextFile(p, { maxBytes: 100, realPath: fifo });
    assert.deepEqual(r.ok ? 'read' : [r.reason, r.message], ['not-regular', 'not a regular file (a FIFO)']);
    assert.deepEqual((await readTextFile(fifo, { maxBytes: 100 })).ok, false);
  });

  it('reads a file whose size lies (/proc) to its end, but never past limit + 1 bytes', { skip: !existsSync('/proc/self/maps') && 'no /proc here' }, async () => {
    assert.equal(statSync('/proc/self/maps').size, 0);
    const whole = await readTextFile('/proc/self/maps', { maxBytes: 1 << 24 });
    assert.ok(whole.ok && whole.bytes > 1000, 'read past the size fstat gave');
    const capped = await readTextFile('/proc/self/maps', { maxBytes: 1000 });
    assert.deepEqual(capped.ok ? 'read' : [capped.reason, capped.message], ['too-large', 'more than 1,000 bytes (the size limit)']);
  });
});

describe('readStreamText', () => {
  it('stops an endless stream past the limit', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 16_384;
        this.push(Buffer.alloc(16_384, 0x61));
      },
    });
    const r = await readStreamText(endless, '-', 100_000);
    assert.deepEqual(r.ok ? 'read' : r.reason, 'too-large');
    assert.ok(produced < 100_000 + 4 * 16_384 + 65_536, `${produced} bytes produced`);
  });

  it('reads a stream to its end within the limit', async () => {
    const r = await readStreamText(Readable.from([Buffer.from('a: 1\n'), Buffer.from('b: 2\n')]), '-', 10);
    assert.deepEqual(r.ok ? r.text : r.reason, 'a: 1\nb: 2\n');
  });
});
