/**
 * The input layer through the bundled CLI: a repository is untrusted. Symlink loops, links to
 * /dev/zero, FIFOs, files over the size limit, hostile file names, all generated in a temp
 * directory by the test. Every run is bounded (a hang is killed and fails the test), notes go
 * to stderr only, and explicit PATHs that cannot be read are exit 2.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
/** Generous: catches a hang, not a slow machine. */
const BOUND_MS = 30_000;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the CLI without blocking the test runner (a FIFO must not hang it), killed at the bound. */
function run(args: string[], options: { cwd?: string; stdin?: number | 'ignore' } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), BOUND_MS);
    p.on('close', (code) => {
      clearTimeout(timer);
      assert.notEqual(code, null, `podsight ${args.join(' ')}: no answer within ${BOUND_MS} ms (killed); stderr: ${err}`);
      resolve({ code, out, err });
    });
  });
}

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n`;
const NODE = (name: string) =>
  `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n  capacity: {cpu: "4", memory: 8Gi, pods: "110"}\n`;

const files = (r: Run): string[] => (JSON.parse(r.out) as { files: Array<{ file: string }> }).files.map((f) => f.file);
const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
const canMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

describe('podsight check: the input layer on an untrusted tree', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-input-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function tree(name: string): string {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    return d;
  }

  it('two links to . finish, and list each file once', async () => {
    const d = tree('two-links');
    writeFileSync(join(d, 'pod.yaml'), POD('a'));
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'sub', 'other.yml'), POD('b'));
    symlinkSync('.', join(d, 'a'));
    symlinkSync('.', join(d, 'b'));
    const r = await run(['check', '--format', 'json', '.'], { cwd: d });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(files(r), ['pod.yaml', 'sub/other.yml']);
    assert.deepEqual(lines(r.err), ['podsight: skipped a: a symbolic link loop (leads back to .)', 'podsight: skipped b: a symbolic link loop (leads back to .)']);
  });

  it('a loop deeper in the tree is reported once, and its files listed once', async () => {
    const d = tree('deep-loop');
    mkdirSync(join(d, 'x', 'y'), { recursive: true });
    writeFileSync(join(d, 'x', 'y', 'pod.yaml'), POD('a'));
    symlinkSync('../..', join(d, 'x', 'y', 'up'));
    const r = await run(['check', '--format', 'json', d]);
    assert.equal(r.code, 0, r.err);
    assert.equal(files(r).length, 1);
    assert.match(files(r)[0], /x\/y\/pod\.yaml$/);
    const loops = lines(r.err).filter((l) => /loop/.test(l));
    assert.equal(loops.length, 1, r.err);
    assert.match(loops[0], /^podsight: skipped .*x\/y\/up: a symbolic link loop \(leads back to /);
  });

  it('a link to a directory outside is followed once; a second link to it is a note', async () => {
    const outside = tree('outside-target');
    writeFileSync(join(outside, 'node.yaml'), NODE('n1'));
    const d = tree('links-out');
    symlinkSync(outside, join(d, 'first'));
    symlinkSync(outside, join(d, 'second'));
    symlinkSync(join(outside, 'node.yaml'), join(d, 'z-node.yaml'));
    const r = await run(['check', '--format', 'json', '.'], { cwd: d });
    assert.deepEqual(files(r), ['first/node.yaml']);
    assert.deepEqual(lines(r.err), [
      'podsight: skipped second: the same directory as first, searched once',
      'podsight: skipped z-node.yaml: the same file as first/node.yaml, read once',
    ]);
  });

  it('a link to /dev/zero and a FIFO named *.yaml are skipped with a note, without blocking', { skip: !canMkfifo && 'no mkfifo here' }, async () => {
    const d = tree('specials');
    writeFileSync(join(d, 'pod.yaml'), POD('a'));
    symlinkSync('/dev/zero', join(d, 'zero.yaml'));
    assert.equal(spawnSync('mkfifo', [join(d, 'x.yaml')]).status, 0);
    for (const format of ['json', 'sarif', 'text']) {
      const r = await run(['check', '--format', format, d]);
      assert.equal(r.code, 0, r.err);
      if (format === 'json') assert.equal(files(r).length, 1);
      else if (format === 'sarif') JSON.parse(r.out); // notes never reach stdout
      else assert.match(r.out, /in 1 file$/m);
      const notes = lines(r.err);
      assert.equal(notes.length, 2, r.err);
      assert.match(notes[0], /^podsight: skipped .*specials\/x\.yaml: not a regular file \(a FIFO\)$/);
      assert.match(notes[1], /^podsight: skipped .*specials\/zero\.yaml: not a regular file \(links to a character device\)$/);
    }
  });

  it('a FIFO or device given explicitly is exit 2 in one line, never opened', { skip: !canMkfifo && 'no mkfifo here' }, async () => {
    const d = tree('explicit-specials');
    const fifo = join(d, 'explicit.yaml');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    symlinkSync('/dev/zero', join(d, 'zero.yaml'));
    for (const [args, re] of [
      [['check', fifo], /^podsight: cannot read .*explicit\.yaml: not a regular file \(a FIFO\) \(use - to read a pipe\)$/],
      [['check', join(d, 'zero.yaml')], /^podsight: cannot read .*zero\.yaml: not a regular file \(a character device\)$/],
      [['schedule', fifo], /^podsight: cannot read .*explicit\.yaml: not a regular file \(a FIFO\)/],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
      assert.equal(lines(r.err).length, 1, r.err);
      assert.match(lines(r.err)[0], re);
      assert.equal(r.out, '');
    }
  });

  it('a symlink given explicitly is followed', async () => {
    const d = tree('explicit-link');
    writeFileSync(join(d, 'real.yaml'), POD('Bad_Name'));
    symlinkSync('real.yaml', join(d, 'link.txt'));
    const r = await run(['check', '--format', 'json', 'link.txt'], { cwd: d });
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(files(r), ['link.txt']);
    assert.equal(r.err, '');
  });

  it('an oversized file inside a tree is skipped with a note; --max-file-size sets the limit', async () => {
    const d = tree('sizes');
    writeFileSync(join(d, 'small.yaml'), POD('small'));
    const big = `${POD('Bad_Big')}${'#'.repeat(4000)}\n`;
    writeFileSync(join(d, 'big.yaml'), big);
    const all = await run(['check', '--format', 'json', '.'], { cwd: d });
    assert.equal(all.code, 1, 'the big file is read under the default limit');
    assert.deepEqual(files(all), ['big.yaml', 'small.yaml']);
    const limited = await run(['check', '--format', 'json', '--max-file-size', '1000', '.'], { cwd: d });
    assert.equal(limited.code, 0, limited.err);
    assert.deepEqual(files(limited), ['small.yaml']);
    assert.deepEqual(lines(limited.err), [`podsight: skipped big.yaml: ${big.length.toLocaleString('en-US')} bytes is more than the size limit (1,000 bytes)`]);
    // Named explicitly: skipped with the same note, not an error.
    const named = await run(['check', '--max-file-size=1000', 'big.yaml'], { cwd: d });
    assert.equal(named.code, 0);
    assert.match(named.out, /0 errors, 0 other findings in 0 files/);
    assert.match(named.err, /^podsight: skipped big\.yaml: .* bytes is more than the size limit \(1,000 bytes\)\n$/);
    // Exactly at the limit: read.
    const exact = await run(['check', '--format', 'json', '--max-file-size', String(big.length), 'big.yaml'], { cwd: d });
    assert.equal(exact.code, 1);
    assert.equal(exact.err, '');
  });

  it('--max-file-size is checked as a usage error', async () => {
    for (const v of ['0', '-1', 'lots', '1e9', '999999999999']) {
      const r = await run(['check', '--max-file-size', v, '.']);
      assert.equal(r.code, 2, v);
      assert.match(r.err, /^podsight: --max-file-size must be a number of bytes from 1 to 524288000 \(got "/);
    }
  });

  it('schedule takes --max-file-size and skips the same way', async () => {
    const d = tree('schedule-sizes');
    writeFileSync(join(d, 'node.yaml'), NODE('small-node'));
    writeFileSync(join(d, 'pod.yaml'), POD('p'));
    const big = `${NODE('big-node')}${'#'.repeat(5000)}\n`;
    writeFileSync(join(d, 'big-node.yaml'), big);
    symlinkSync('.', join(d, 'loop'));
    const nodesOf = (r: Run) => (JSON.parse(r.out) as { nodes: Array<{ name: string }> }).nodes.map((n) => n.name).sort();
    const all = await run(['schedule', '--format', 'json', '.'], { cwd: d });
    assert.equal(all.code, 0, all.err);
    assert.deepEqual(nodesOf(all), ['big-node', 'small-node']);
    const limited = await run(['schedule', '--format', 'json', '--max-file-size', '2000', '.'], { cwd: d });
    assert.equal(limited.code, 0, limited.err);
    assert.deepEqual(nodesOf(limited), ['small-node']);
    assert.deepEqual(lines(limited.err), [`podsight: skipped big-node.yaml: ${big.length.toLocaleString('en-US')} bytes is more than the size limit (2,000 bytes)`, 'podsight: skipped loop: a symbolic link loop (leads back to .)']);
  });

  it('stdin is read up to the limit, never to its end', async () => {
    if (!existsSync('/dev/zero')) return;
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = await run(['check', '--max-file-size', '65536', '-'], { stdin: zero });
      assert.equal(r.code, 0);
      assert.equal(r.err, 'podsight: skipped standard input: more than 65,536 bytes (the size limit)\n');
    } finally {
      closeSync(zero);
    }
  });

  it('node_modules and dot-directories are not searched; broken links are a note', async () => {
    const d = tree('skips');
    for (const sub of ['node_modules/pkg', '.git', '.hidden', 'k8s']) mkdirSync(join(d, sub), { recursive: true });
    for (const sub of ['node_modules/pkg', '.git', '.hidden', 'k8s']) writeFileSync(join(d, sub, 'pod.yaml'), POD('a'));
    symlinkSync('missing.yaml', join(d, 'k8s', 'dangling.yaml'));
    symlinkSync('missing-dir', join(d, 'k8s', 'dangling-dir'));
    const r = await run(['check', '--format', 'json', '.'], { cwd: d });
    assert.deepEqual(files(r), ['k8s/pod.yaml']);
    assert.deepEqual(lines(r.err), ['podsight: skipped k8s/dangling.yaml: a symbolic link to nothing']);
    // Named as a root, a dot-directory is searched.
    assert.deepEqual(files(await run(['check', '--format', 'json', '.hidden'], { cwd: d })), ['.hidden/pod.yaml']);
  });

  it('trees deeper than the depth limit are cut with a note', async () => {
    const d = tree('deep');
    let p = d;
    for (let i = 0; i < 40; i++) p = join(p, 'd');
    mkdirSync(p, { recursive: true });
    writeFileSync(join(p, 'pod.yaml'), POD('a'));
    writeFileSync(join(d, 'top.yaml'), POD('b'));
    const r = await run(['check', '--format', 'json', '.'], { cwd: d });
    assert.deepEqual(files(r), ['top.yaml']);
    assert.deepEqual(lines(r.err), [`podsight: skipped ${Array(33).fill('d').join('/')}: deeper than 32 levels; not searched`]);
  });

  it('escape sequences in file names are shown escaped in notes and the text report', { skip: !canMkfifo && 'no mkfifo here' }, async () => {
    const d = tree('names');
    // ESC ]0;…BEL sets the window title, ESC [2J clears the screen, ESC ]8;;URL BEL opens a link.
    const evil = 'x\x1b]0;pwned\x07\x1b[2J\u202eevil\x1b]8;;https:evil.example\x07link\x1b]8;;\x07.yaml';
    writeFileSync(join(d, evil), POD('Bad_Name'));
    assert.equal(spawnSync('mkfifo', [join(d, `fifo-${evil}`)]).status, 0);
    const r = await run(['check', '.'], { cwd: d });
    assert.equal(r.code, 1);
    for (const text of [r.out, r.err]) {
      assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/, JSON.stringify(text));
      assert.ok(text.includes('x\\x1b]0;pwned\\x07\\x1b[2J\\u202eevil\\x1b]8;;https:evil.example\\x07link\\x1b]8;;\\x07.yaml'), JSON.stringify(text));
    }
    assert.match(r.err, /^podsight: skipped fifo-x\\x1b.*: not a regular file \(a FIFO\)\n$/);
    // JSON keeps the name as it is (JSON escapes it).
    const j = await run(['check', '--format', 'json', '.'], { cwd: d });
    assert.deepEqual(files(j), [evil]);
  });
});
