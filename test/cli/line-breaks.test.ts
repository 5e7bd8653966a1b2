/**
 * `podsight check --format json` (the bundled CLI) on the same manifests written with LF, CRLF
 * and lone-CR line ends: the same diagnostics on the same lines and characters. One of the
 * files is large enough to be cut into units (cli/parallel.ts), whose line offsets are counted
 * by the CLI itself, and shared between two threads.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestOfLines } from '../bench/generate';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const EXAMPLES = join(__dirname, '..', '..', 'examples');
const BREAKS: Array<[string, string]> = [
  ['lf', '\n'],
  ['crlf', '\r\n'],
  ['cr', '\r'],
];

interface Report {
  files: Array<{ file: string; diagnostics: Array<{ code: string; range: unknown; message: string; field?: string }> }>;
}

function check(args: string[], cwd: string): Report {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { encoding: 'utf8', cwd, maxBuffer: 256 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

describe('podsight check with LF, CRLF and CR line ends', () => {
  let dir: string;
  // Errors spread through a file of about 60,000 lines (over 1 MB: cut into units, and shared between threads with --jobs 2): an unknown field
  // every 40 Pods and a bad port in the last one.
  const large = (() => {
    const docs = manifestOfLines(60_000, 5).split(/^---\n/m);
    return docs
      .map((d, i) => (i % 40 === 7 ? d.replace(/^(\s+)image: /m, '$1imagePullPolcy: Always\n$1image: ') : d))
      .join('---\n')
      .concat('---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: last\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: 99999\n');
  })();
  const small = ['mistakes.yaml', 'web-pod.yaml', 'api-deployment.yaml'].map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-eol-'));
    for (const [name, eol] of BREAKS) {
      small.forEach((text, i) => writeFileSync(join(dir, `small-${i}-${name}.yaml`), text.replace(/\n/g, eol)));
      writeFileSync(join(dir, `large-${name}.yaml`), large.replace(/\n/g, eol));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Related locations name their file, whose name says its line break: compared without it.
  const diagnosticsOf = (r: Report): string => JSON.stringify(r.files.map((f) => f.diagnostics)).replace(/-(lf|crlf|cr)\.yaml/g, '.yaml');

  it('the examples: the same diagnostics, lines and characters', () => {
    const [lf, crlf, cr] = BREAKS.map(([name]) => check(small.map((_, i) => `small-${i}-${name}.yaml`), dir));
    assert.ok(lf.files.some((f) => f.diagnostics.length > 0));
    assert.equal(diagnosticsOf(crlf), diagnosticsOf(lf));
    assert.equal(diagnosticsOf(cr), diagnosticsOf(lf));
  });

  {
    const jobs = '2';
    it(`a large file cut into units (--jobs ${jobs}): the same diagnostics, lines and characters`, () => {
      assert.ok(large.length > 1_000_000, `large enough for threads: ${large.length}`);
      const [lf, crlf, cr] = BREAKS.map(([name]) => check(['--jobs', jobs, `large-${name}.yaml`], dir));
      const lines = large.split('\n');
      const ds = lf.files[0].diagnostics;
      assert.ok(ds.filter((d) => d.code === 'unknown-field').length >= 5, diagnosticsOf(lf).slice(0, 500));
      // The LF result is right: each unknown field is reported on its own line.
      for (const d of ds.filter((x) => x.code === 'unknown-field')) {
        const start = (d.range as { start: { line: number; character: number } }).start;
        assert.equal(lines[start.line].slice(start.character, start.character + 15), 'imagePullPolcy:');
      }
      assert.equal(diagnosticsOf(crlf), diagnosticsOf(lf));
      assert.equal(diagnosticsOf(cr), diagnosticsOf(lf));
    });
  }
});
