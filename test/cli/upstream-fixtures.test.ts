/**
 * The shared upstream cases (test/fixtures/validation.jsonl): each case's manifest goes through
 * the real CLI's JSON output, and the multiset of (field, errorType) among error diagnostics
 * must equal what kube-apiserver 1.35 produces. Cases listed in
 * test/fixtures/validation.pending.txt are rules not implemented yet: they run as `todo`, so
 * they are visible in every run without failing it.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Case {
  id: string;
  yaml: string;
  errors: Array<{ path: string; type: string }>;
}
interface Report {
  files: Array<{ file: string; diagnostics: Array<{ severity: string; code: string; field?: string; errorType?: string; stage?: string; message: string }> }>;
}

const cases: Case[] = readFileSync(join(ROOT, 'test', 'fixtures', 'validation.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);
const pendingFile = join(ROOT, 'test', 'fixtures', 'validation.pending.txt');
const pending = new Set(
  existsSync(pendingFile)
    ? readFileSync(pendingFile, 'utf8')
        .split('\n')
        .map((l) => l.replace(/#.*/, '').trim())
        .filter(Boolean)
    : [],
);

function checkDir(dir: string): Report {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, `podsight exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

describe('upstream validation fixtures through the CLI', () => {
  let dir: string;
  const byCase = new Map<string, Report['files'][number]['diagnostics']>();
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-fixtures-'));
    for (const c of cases) writeFileSync(join(dir, `${c.id}.yaml`), c.yaml);
    for (const f of checkDir(dir).files) byCase.set(f.file.replace(/^.*[\\/]/, '').replace(/\.yaml$/, ''), f.diagnostics);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of cases) {
    it(c.id, { todo: pending.has(c.id) ? 'rule not implemented yet' : undefined }, () => {
      const diags = byCase.get(c.id) ?? [];
      // The fixtures are upstream's field validation: what admission adds after it (stage) is not theirs.
      const got = diags.filter((d) => d.severity === 'error' && d.stage === undefined).map((d) => `${d.field} ${d.errorType}`).sort();
      const want = c.errors.map((e) => `${e.path} ${e.type}`).sort();
      assert.deepEqual(got, want, diags.map((d) => d.message).join('\n'));
    });
  }
});

const CORPUS = join(ROOT, '..', 'shared', 'corpus');

/**
 * The corpus's README lists the files the API server rejects on create although field validation
 * passes them: `kubectl get node -o yaml` dumps carry metadata.resourceVersion, which the create
 * path refuses ("resourceVersion should not be set on objects to be created"). These errors are
 * true; every other file must have none.
 */
const TRUE_REJECTIONS = [
  'kubernetes-sigs__structured-merge-diff__internal__testdata__node.yaml create-resource-version',
  'kubernetes__apimachinery__pkg__util__managedfields__node.yaml create-resource-version',
];

describe('real-world corpus: no errors on manifests the API server accepts', { skip: existsSync(CORPUS) ? undefined : 'corpus absent (../shared/corpus)' }, () => {
  it('reports no error diagnostics but the true rejections its README lists', () => {
    const files = readdirSync(CORPUS).filter((n) => /\.ya?ml$/.test(n));
    assert.ok(files.length > 100);
    const report = checkDir(CORPUS);
    const errors = report.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.file.replace(/^.*[\\/]/, '')} ${d.code}`));
    assert.deepEqual(errors.sort(), [...TRUE_REJECTIONS].sort());
  });
});
