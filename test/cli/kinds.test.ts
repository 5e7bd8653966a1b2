import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function check(...paths: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...paths], { encoding: 'utf8' });
  return { code: r.status, report: JSON.parse(r.stdout) as { files: Array<{ file: string; diagnostics: Array<Record<string, unknown>> }> }, err: r.stderr };
}

const LOWER_POD = 'apiVersion: v1\nkind: pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';
const OLD_DEPLOYMENT = [
  'apiVersion: apps/v1beta1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    metadata:',
  '      labels: {app: web}',
  '    spec:',
  '      containers:',
  '      - name: app',
  '        image: nginx:1.27',
  '',
].join('\n');
const CUSTOM = 'apiVersion: example.com/v1\nkind: widget\nmetadata:\n  name: w\n---\napiVersion: v1\nkind: Config\nclusters: []\n';

describe('podsight check: kinds and versions the API server does not serve', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-kinds-'));
    writeFileSync(join(dir, 'pod.yaml'), LOWER_POD);
    writeFileSync(join(dir, 'deploy.yaml'), OLD_DEPLOYMENT);
    writeFileSync(join(dir, 'fixed.yaml'), OLD_DEPLOYMENT.replace('apps/v1beta1', 'apps/v1'));
    writeFileSync(join(dir, 'custom.yaml'), CUSTOM);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('kind: pod is the API server\'s rejection, on the kind', () => {
    const r = check(join(dir, 'pod.yaml'));
    assert.equal(r.code, 1, r.err);
    const [d, ...rest] = r.report.files[0].diagnostics;
    assert.deepEqual(rest, []);
    assert.deepEqual(
      { severity: d.severity, code: d.code, message: d.message, field: d.field, range: d.range, errorType: d.errorType },
      {
        severity: 'error',
        code: 'unknown-kind',
        message: 'pod in version "v1" cannot be handled as a Pod: no kind "pod" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
        field: 'kind',
        range: { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } },
        errorType: undefined,
      },
    );
  });

  it('apps/v1beta1 is kubectl\'s "no matches", with the release that removed it and the replacement', () => {
    const r = check(join(dir, 'deploy.yaml'));
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(
      r.report.files[0].diagnostics.map((d) => [d.severity, d.code, d.field, d.message, d.range]),
      [['error', 'removed-api-version', 'apiVersion', 'no matches for kind "Deployment" in version "apps/v1beta1": apps/v1beta1 was removed in Kubernetes 1.16; use apps/v1', { start: { line: 0, character: 12 }, end: { line: 0, character: 24 } }]],
    );
  });

  it('the same Deployment in apps/v1 is validated as apps/v1', () => {
    const r = check(join(dir, 'fixed.yaml'));
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(r.report.files[0].diagnostics.map((d) => `${d.field} ${d.errorType}`).sort(), ['spec.selector Required', 'spec.template.metadata.labels Invalid']);
  });

  it('custom resources and other tools\' files stay untouched', () => {
    const r = check(join(dir, 'custom.yaml'));
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.report.files.flatMap((f) => f.diagnostics), []);
  });
});
