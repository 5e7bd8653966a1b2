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
import { join, relative, resolve, sep } from 'node:path';

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

function checkDir(...paths: string[]): Report {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
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

/**
 * The extra corpus: the manifests test/tools/extract-corpus.mjs copies out of public repositories
 * (never committed; test/tools/README.md lists the sources and how to rebuild it), one folder per
 * repository. Each folder is one workspace, one CLI run: the CLI takes its paths as one cluster,
 * and one repository's LimitRange or Namespace must not judge another's Pods. The errors must be
 * exactly the true rejections test/tools/extra-corpus-rejections.tsv lists for the files present.
 */
const EXTRA = process.env.PODSIGHT_EXTRA_CORPUS;

function listedRejections(): Array<{ file: string; rule: string }> {
  return readFileSync(join(ROOT, 'test', 'tools', 'extra-corpus-rejections.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [file, rule] = l.split('\t');
      return { file, rule };
    });
}

describe('extra real-world corpus: no errors but the listed true rejections', { skip: EXTRA ? undefined : 'PODSIGHT_EXTRA_CORPUS not set (test/tools/README.md says how to build the corpus)' }, () => {
  it('reports no error diagnostics but those test/tools/extra-corpus-rejections.tsv lists', (t) => {
    const root = resolve(EXTRA!);
    assert.ok(existsSync(root), `PODSIGHT_EXTRA_CORPUS=${EXTRA} does not exist`);
    const isYaml = (n: string) => /\.ya?ml$/.test(n);
    const entries = readdirSync(root, { withFileTypes: true });
    const folders = entries.filter((e) => e.isDirectory()).map((e) => join(root, e.name));
    const loose = entries.filter((e) => e.isFile() && isYaml(e.name)).map((e) => join(root, e.name));
    // One workspace per folder; loose files at the top form one more.
    const workspaces = [...folders.map((d) => [d]), ...(loose.length > 0 ? [loose] : [])];
    const name = (p: string) => relative(root, resolve(p)).split(sep).join('/');
    const present = new Set([...loose, ...folders.flatMap((d) => readdirSync(d).filter(isYaml).map((n) => join(d, n)))].map(name));
    const errors = workspaces.flatMap((paths) =>
      checkDir(...paths).files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${name(f.file)} ${d.code}`)),
    );
    assert.ok(present.size > 0, `no *.yaml or *.yml files in ${root}`);
    const expected = listedRejections().filter((r) => present.has(r.file)).map((r) => `${r.file} ${r.rule}`);
    t.diagnostic(`${present.size} files in ${workspaces.length} workspaces, ${errors.length} errors (${expected.length} listed as true)`);
    assert.deepEqual(errors.sort(), expected.sort());
  });
});
