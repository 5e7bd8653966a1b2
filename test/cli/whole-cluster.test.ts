/**
 * `podsight check --whole-cluster` (and `workspace.isWholeCluster` in --config): the closed-world
 * rule on the command line. The same manifests give information about what they reference but
 * do not declare without it, and errors (exit 1) with it, on one thread and on several.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

interface Report {
  files: Array<{ file: string; diagnostics: Array<{ severity: string; code: string; message: string; errorType?: string }> }>;
}

function check(args: string[]): { code: number | null; report: Report | undefined; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  let report: Report | undefined;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    report = undefined;
  }
  return { code: r.status, report, out: r.stdout, err: r.stderr };
}

/** [code, severity] of every diagnostic of the report, per file name. */
function levels(report: Report | undefined): Record<string, Array<[string, string]>> {
  assert.ok(report, 'no JSON report');
  const out: Record<string, Array<[string, string]>> = {};
  for (const f of report.files) out[f.file.replace(/^.*[\\/]/, '')] = f.diagnostics.map((d) => [d.code, d.severity]);
  return out;
}

const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
  serviceAccountName: robot
  containers:
  - name: app
    image: nginx:1.27
`;
const BUILDER = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n  namespace: shop\n';
const NS = 'admission-namespace-not-found';
const SA = 'admission-service-account-not-found';

describe('podsight check --whole-cluster', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-whole-'));
    writeFileSync(join(dir, 'pod.yaml'), pod('web'));
    writeFileSync(join(dir, 'sa.yaml'), BUILDER);
    writeFileSync(join(dir, 'whole.json'), JSON.stringify({ workspace: { isWholeCluster: true } }));
    writeFileSync(join(dir, 'vscode.json'), JSON.stringify({ 'podsight.workspace.isWholeCluster': true, 'podsight.rules': { [NS]: 'off' } }));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ workspace: { isWholeCluster: 'yes' } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('without it: information for what is declared nowhere, exit 0', () => {
    const r = check([join(dir, 'pod.yaml')]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(levels(r.report), { 'pod.yaml': [[NS, 'information'], [SA, 'information']] });
    const [ns, sa] = r.report!.files[0].diagnostics;
    assert.equal(ns.message, 'Namespace "shop" is not declared here (the workspace declares no Namespaces); if the cluster lacks it too: namespaces "shop" not found');
    assert.equal(sa.errorType, undefined);
  });

  it('with it: the API server’s rejections, errors with their error type, exit 1', () => {
    const r = check(['--whole-cluster', join(dir, 'pod.yaml')]);
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(levels(r.report), { 'pod.yaml': [[NS, 'error'], [SA, 'error']] });
    const [ns, sa] = r.report!.files[0].diagnostics;
    assert.equal(ns.message, 'namespaces "shop" not found (the workspace is declared to be the whole cluster, so Namespace "shop" would be missing)');
    assert.equal(ns.errorType, 'NotFound');
    assert.equal(sa.message, 'pods "web" is forbidden: error looking up service account shop/robot: serviceaccount "robot" not found (the workspace is declared to be the whole cluster, so ServiceAccount "robot" would be missing)');
    assert.equal(sa.errorType, 'Forbidden');
  });

  it('the middle case stays a warning without it: ServiceAccounts declared in the namespace, not this one', () => {
    const without = check([dir]);
    assert.equal(without.code, 0, without.err);
    // sa.yaml only declares (a ServiceAccount is not validated itself).
    assert.deepEqual(levels(without.report), { 'pod.yaml': [[NS, 'information'], [SA, 'warning']], 'sa.yaml': [] });
    const withIt = check(['--whole-cluster', dir]);
    assert.equal(withIt.code, 1, withIt.err);
    assert.deepEqual(levels(withIt.report), { 'pod.yaml': [[NS, 'error'], [SA, 'error']], 'sa.yaml': [] });
  });

  it('is also the config file’s workspace.isWholeCluster, in either shape; a wrong value is bad usage', () => {
    const plain = check(['--config', join(dir, 'whole.json'), join(dir, 'pod.yaml')]);
    assert.equal(plain.code, 1, plain.err);
    assert.deepEqual(levels(plain.report), { 'pod.yaml': [[NS, 'error'], [SA, 'error']] });
    // VS Code's keys: podsight.rules and podsight.workspace.isWholeCluster both honoured.
    const vscode = check(['--config', join(dir, 'vscode.json'), join(dir, 'pod.yaml')]);
    assert.equal(vscode.code, 1, vscode.err);
    assert.deepEqual(levels(vscode.report), { 'pod.yaml': [[SA, 'error']] });
    const bad = check(['--config', join(dir, 'bad.json'), join(dir, 'pod.yaml')]);
    assert.equal(bad.code, 2);
    // The configuration file's own problem, at its position in the file.
    assert.match(bad.err, /^podsight: invalid configuration:\npodsight: .*bad\.json:1:\d+: error workspace\.isWholeCluster: expected a boolean, got string\n$/);
  });

  it('reaches every thread of a large check', () => {
    const big = mkdtempSync(join(tmpdir(), 'podsight-whole-big-'));
    try {
      // Over a million characters: shared between two threads with --jobs 2.
      const docs: string[] = [];
      for (let length = 0; length < 1_100_000; ) {
        docs.push(pod(`web-${docs.length}`));
        length += docs[docs.length - 1].length + 4;
      }
      writeFileSync(join(big, 'pods.yaml'), docs.join('---\n'));
      const without = check(['--jobs', '2', big]);
      assert.equal(without.code, 0, without.err);
      const withIt = check(['--jobs', '2', '--whole-cluster', big]);
      assert.equal(withIt.code, 1, withIt.err);
      const count = (r: Report | undefined, severity: string) => r!.files[0].diagnostics.filter((d) => d.severity === severity).length;
      assert.equal(count(without.report, 'information'), docs.length * 2);
      assert.equal(count(withIt.report, 'error'), docs.length * 2);
      assert.equal(count(withIt.report, 'information'), 0);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('is listed in the usage', () => {
    const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.match(r.stdout, /--whole-cluster {3}the PATHs declare the whole cluster/);
  });
});
