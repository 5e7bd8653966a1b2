/**
 * `podsight check --jobs N` shares large inputs between threads: the report must be exactly
 * the single-threaded one — same diagnostics, same order, ranges and quick-fix edits on the
 * right lines of the right files, including problems deep inside a file that was split.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestOfLines } from '../bench/generate';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function check(dir: string, jobs: number, format: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--jobs', String(jobs), '--format', format, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Plants problems at known documents: an unknown field, a bad port, a duplicate container. */
function withProblems(text: string, every: number): string {
  return text
    .split('\n---\n')
    .map((doc, i) => {
      if (i % every !== every - 1 || !doc.includes('kind: Pod')) return doc;
      if (i % 3 === 0) return doc.replace('    image: ', '    imagePullPolicy: Sometimes\n    image: ');
      if (i % 3 === 1) return doc.replace(/containerPort: \d+/, 'containerPort: 70000');
      return doc.replace('  - name: sidecar', '  - name: app');
    })
    .join('\n---\n');
}

describe('podsight check on several threads', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-parallel-'));
    // One file big enough to be split, a few medium ones, a tiny one and a broken one.
    writeFileSync(join(dir, 'a-big.yaml'), withProblems(manifestOfLines(50_000, 3), 7));
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `b-${i}.yaml`), withProblems(manifestOfLines(8_000, 10 + i), 5));
    writeFileSync(join(dir, 'c-small.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: []\n');
    writeFileSync(join(dir, 'd-broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: [\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['json', 'sarif', 'text']) {
    it(`gives the same ${format} report on 1, 2 and 3 threads`, () => {
      const one = check(dir, 1, format);
      assert.equal(one.code, 1, one.err);
      for (const jobs of [2, 3]) {
        const many = check(dir, jobs, format);
        assert.equal(many.err, '');
        assert.equal(many.code, one.code);
        assert.equal(many.out, one.out, `--jobs ${jobs} differs from --jobs 1`);
      }
    });
  }

  it('finds the planted problems deep in the split file, on their lines', () => {
    const report = JSON.parse(check(dir, 2, 'json').out) as { files: Array<{ file: string; diagnostics: Array<{ code: string; range: { start: { line: number } } }> }> };
    const big = report.files.find((f) => f.file.endsWith('a-big.yaml'))!;
    const lines = withProblems(manifestOfLines(50_000, 3), 7).split('\n');
    const late = big.diagnostics.filter((d) => d.range.start.line > 30_000);
    assert.ok(late.length > 10, `expected problems past line 30,000, got ${late.length}`);
    for (const d of late) {
      const line = lines[d.range.start.line];
      // Besides the planted problems: the namespaces the file uses are not declared here (information).
      if (d.code === 'admission-namespace-not-found') assert.match(line, /^  namespace: team-[0-9]$/, `${d.code} points at: ${line}`);
      else assert.match(line, /imagePullPolicy|containerPort|name: app/, `${d.code} points at: ${line}`);
    }
  });

  it('rejects a bad --jobs value in one line', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', '--jobs', '0', dir], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^podsight: --jobs must be a whole number/);
  });
});
