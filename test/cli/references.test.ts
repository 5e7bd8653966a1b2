/**
 * `podsight check` on a folder: the given paths are the workspace, so a Pod's reference to a
 * ConfigMap in another file is checked, with the declaration as a related location in JSON and
 * SARIF, and the config file's isWholeCluster turning the missing Secret into an error.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  level: debug\n';
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    env:
    - name: LEVEL
      valueFrom:
        configMapKeyRef:
          name: app
          key: lvel
    envFrom:
    - secretRef:
        name: db
`;

function check(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', cwd });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

it('check: references across the given files, related locations in JSON and SARIF, the whole-cluster setting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsight-cli-refs-'));
  try {
    writeFileSync(join(dir, 'cm.yaml'), CM);
    writeFileSync(join(dir, 'pod.yaml'), POD);
    const json = check(dir, '--format', 'json', 'cm.yaml', 'pod.yaml');
    assert.equal(json.status, 0, json.err);
    const files = JSON.parse(json.out).files as Array<{ file: string; diagnostics: Array<Record<string, unknown>> }>;
    const refs = files[1].diagnostics.filter((d) => String(d.code).startsWith('reference-'));
    assert.deepEqual(refs.map((d) => `${d.severity} ${d.code} ${d.field}`), [
      'warning reference-configmap-key-not-found spec.containers[0].env[0].valueFrom.configMapKeyRef.key',
      'information reference-secret-not-found spec.containers[0].envFrom[0].secretRef.name',
    ]);
    assert.match(String(refs[0].message), /^couldn't find key lvel in ConfigMap default\/app/);
    assert.deepEqual(refs[0].related, [{ file: 'cm.yaml', range: { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } }, message: 'ConfigMap default/app declares the keys level' }]);

    const sarif = JSON.parse(check(dir, '--format', 'sarif', 'cm.yaml', 'pod.yaml').out);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'reference-configmap-key-not-found');
    assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'cm.yaml');
    assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, 4);

    // Without the ConfigMap's file the workspace declares no ConfigMaps: information only.
    const alone = JSON.parse(check(dir, '--format', 'json', 'pod.yaml').out).files[0].diagnostics.filter((d: { code: string }) => d.code.startsWith('reference-'));
    assert.deepEqual(alone.map((d: { severity: string; code: string }) => `${d.severity} ${d.code}`), ['information reference-configmap-not-found', 'information reference-secret-not-found']);

    // The whole cluster declared: the missing Secret is an error, and check fails.
    writeFileSync(join(dir, 'podsight.json'), JSON.stringify({ workspace: { isWholeCluster: true } }));
    const whole = check(dir, '--format', 'json', '--config', 'podsight.json', 'cm.yaml', 'pod.yaml');
    assert.equal(whole.status, 1);
    const errs = JSON.parse(whole.out).files[1].diagnostics.filter((d: { severity: string; code: string }) => d.severity === 'error' && d.code.startsWith('reference-'));
    assert.deepEqual(errs.map((d: { code: string }) => d.code), ['reference-configmap-key-not-found', 'reference-secret-not-found']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
