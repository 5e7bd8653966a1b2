/**
 * The CLI and the project configuration file: found by walking up from each file (stopping at
 * the repository root), rules per file, excludes (the file's and --exclude), kubernetesVersion
 * and other problems reported at their position (exit 2), and the CI gates --fail-on and
 * --max-warnings, and --format junit.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// image-latest-tag (information by default) and an unknown field (error).
const LATEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: latest\nspec:\n  containers:\n  - name: app\n    image: nginx\n';
const UNKNOWN = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: unknown\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    foo: bar\n';

describe('podsight check and .podsight.yaml', () => {
  let root: string;
  let repo: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'podsight-config-'));
    // A config above the repository: never read (the search stops at the repository root).
    writeFileSync(join(root, '.podsight.yaml'), 'rules:\n  unknown-field: off\n');
    repo = join(root, 'repo');
    for (const d of ['.git', 'apps/web', 'apps/legacy', 'vendor/chart', 'generated']) mkdirSync(join(repo, d), { recursive: true });
    writeFileSync(join(repo, '.podsight.yaml'), '# project settings\nrules:\n  image-latest-tag: warning\nexclude:\n  - vendor\n  - "**/*.generated.yaml"\n');
    // A nested config: the nearest one wins for files below it.
    writeFileSync(join(repo, 'apps/legacy/.podsight.json'), JSON.stringify({ rules: { 'image-latest-tag': 'off', 'unknown-field': 'warning' } }));
    writeFileSync(join(repo, 'apps/web/pod.yaml'), LATEST);
    writeFileSync(join(repo, 'apps/legacy/pod.yaml'), LATEST + '---\n' + UNKNOWN);
    writeFileSync(join(repo, 'vendor/chart/pod.yaml'), UNKNOWN);
    writeFileSync(join(repo, 'generated/x.generated.yaml'), UNKNOWN);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('applies the nearest configuration file to each file, up to the repository root', () => {
    const r = run(repo, '--format', 'json', '.');
    const files = JSON.parse(r.out).files as Array<{ file: string; diagnostics: Array<{ code: string; severity: string }> }>;
    const by = new Map(files.map((f) => [f.file, f.diagnostics.map((d) => `${d.code}:${d.severity}`)]));
    assert.deepEqual(by.get('apps/web/pod.yaml'), ['image-latest-tag:warning']);
    assert.deepEqual(by.get('apps/legacy/pod.yaml'), ['unknown-field:warning']);
    assert.equal(r.code, 0, r.err);
    // Excluded by name at any depth and by a ** pattern; the configuration files themselves are no input.
    assert.deepEqual([...by.keys()].sort(), ['apps/legacy/pod.yaml', 'apps/web/pod.yaml']);
  });

  it('excludes files given by name too (pre-commit passes them), and with --exclude', () => {
    const r = run(repo, 'vendor/chart/pod.yaml', 'apps/web/pod.yaml');
    assert.equal(r.code, 0, r.out);
    assert.doesNotMatch(r.out, /vendor/);
    const e = run(repo, '--exclude', 'apps/web/*.yaml', '--exclude', 'apps/legacy', '--format', 'json', '.');
    assert.deepEqual(JSON.parse(e.out).files, []);
  });

  it('--config FILE overrides the files found', () => {
    writeFileSync(join(root, 'strict.yaml'), 'rules:\n  image-latest-tag: error\n');
    const r = run(repo, '--config', join(root, 'strict.yaml'), 'apps/web/pod.yaml');
    assert.equal(r.code, 1);
    assert.match(r.out, /error \[image-latest-tag\]/);
  });

  it('gates on warnings: --fail-on warning, --max-warnings N', () => {
    assert.equal(run(repo, 'apps/web/pod.yaml').code, 0);
    const failOn = run(repo, '--fail-on', 'warning', 'apps/web/pod.yaml');
    assert.equal(failOn.code, 1);
    assert.match(failOn.err, /^podsight: 1 warning with --fail-on warning$/m);
    assert.equal(run(repo, '--max-warnings', '1', 'apps/web/pod.yaml').code, 0);
    assert.equal(run(repo, '--max-warnings=0', 'apps/web/pod.yaml').code, 1);
    // Information never fails the gate (the legacy folder turns the rule off; web's root makes it a warning).
    assert.equal(run(repo, '--fail-on', 'warning', 'apps/legacy/pod.yaml').code, 1, 'unknown-field is a warning there');
  });

  it('reports an invalid configuration at its positions and stops (exit 2)', () => {
    const bad = join(root, 'bad');
    mkdirSync(join(bad, '.git'), { recursive: true });
    writeFileSync(join(bad, '.podsight.yml'), 'kubernetesVersion: "1.34"\nrules:\n  unknown-field: loud\n  no-such-rule: off\nworkspace:\n  isWholeCluster: "yes"\n');
    writeFileSync(join(bad, 'pod.yaml'), LATEST);
    const r = run(bad, 'pod.yaml');
    assert.equal(r.code, 2, r.out);
    assert.equal(r.out, '');
    const lines = r.err.trim().split('\n');
    assert.deepEqual(lines, [
      'podsight: .podsight.yml:4:3: warning rules.no-such-rule: no rule has this id (see docs/rules.md); the setting is ignored',
      'podsight: invalid configuration:',
      'podsight: .podsight.yml:1:20: error kubernetesVersion: "1.34" is not supported; supported: "1.35"',
      'podsight: .podsight.yml:3:18: error rules.unknown-field: "loud" is not supported; supported: "error", "warning", "information", "hint", "off"',
      'podsight: .podsight.yml:6:19: error workspace.isWholeCluster: expected a boolean, got string',
    ]);
    writeFileSync(join(bad, '.podsight.yml'), 'rules: [unclosed\n');
    const y = run(bad, 'pod.yaml');
    assert.equal(y.code, 2);
    assert.match(y.err, /^podsight: \.podsight\.yml:\d+:\d+: error not valid YAML: /m);
  });

  it('takes the closed-world rule from the configuration file', () => {
    const cw = join(root, 'closed');
    mkdirSync(join(cw, '.git'), { recursive: true });
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  serviceAccountName: robot\n  containers:\n  - name: app\n    image: nginx:1.27\n';
    writeFileSync(join(cw, 'pod.yaml'), pod);
    const open = JSON.parse(run(cw, '--format', 'json', 'pod.yaml').out).files[0].diagnostics as Array<{ severity: string; message: string }>;
    writeFileSync(join(cw, '.podsight.yaml'), 'workspace:\n  isWholeCluster: true\n');
    const closed = JSON.parse(run(cw, '--format', 'json', 'pod.yaml').out).files[0].diagnostics as Array<{ severity: string; message: string }>;
    assert.ok(open.every((d) => d.severity !== 'error'), JSON.stringify(open));
    assert.ok(closed.some((d) => d.severity === 'error' && /not found|NotFound|declare/i.test(d.message)), JSON.stringify(closed));
  });

  it('writes JUnit XML: a testsuite per file, a failing testcase per error or warning', () => {
    const r = run(repo, '--format', 'junit', 'apps/web/pod.yaml', 'apps/legacy/pod.yaml');
    const suites = [...r.out.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
    assert.deepEqual(suites, [
      ['apps/web/pod.yaml', 1, 1],
      ['apps/legacy/pod.yaml', 1, 1],
    ]);
    assert.match(r.out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="podsight check" tests="2" failures="2" errors="0">/);
    assert.match(r.out, /<testcase classname="apps\/web\/pod\.yaml" name="image-latest-tag at 8:12" file="apps\/web\/pod\.yaml" line="8">\n\s+<failure type="warning" message="spec\.containers\[0\]\.image: image &quot;nginx&quot;/);
    const clean = join(root, 'clean.yaml');
    writeFileSync(clean, LATEST.replace('image: nginx', 'image: nginx:1.27'));
    assert.match(run(root, '--format', 'junit', clean).out, /<testsuite name="[^"]*clean\.yaml" tests="1" failures="0" errors="0" skipped="0">\n\s+<testcase classname="[^"]*" name="valid"\/>/);
  });
});
