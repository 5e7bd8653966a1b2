/**
 * `podsight check` judges Services against every Pod and template of the given paths (also
 * when the input is shared between threads), in JSON and SARIF; `podsight schedule --format
 * json` names the Services and NetworkPolicies that select each Pod.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const pod = (name: string, app: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${app}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: 10m
    ports:
    - name: http
      containerPort: 8080
`;

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: wbe
  ports:
  - port: 80
    targetPort: http
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: htpp
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
spec:
  podSelector:
    matchLabels:
      app: api
`;

const NODE = `apiVersion: v1
kind: Node
metadata:
  name: n1
status:
  allocatable:
    cpu: "4"
    memory: 8Gi
    pods: "110"
`;

describe('Services in podsight check and schedule', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-svc-cli-'));
    writeFileSync(join(dir, 'pods.yaml'), `${pod('web-1', 'web')}---\n${pod('api-1', 'api')}`);
    writeFileSync(join(dir, 'services.yaml'), SERVICES);
    writeFileSync(join(dir, 'node.yaml'), NODE);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('JSON: the Service findings sit in the Service file, with their fields; SARIF carries the same results', () => {
    const r = run(['check', '--format', 'json', dir]);
    assert.equal(r.code, 0, r.err);
    const files = JSON.parse(r.out).files as Array<{ file: string; diagnostics: Array<{ code: string; severity: string; field?: string; message: string; range: { start: { line: number } } }> }>;
    const svc = files.find((f) => f.file.endsWith('services.yaml'))!;
    const got = svc.diagnostics.filter((d) => d.code.startsWith('service-')).map((d) => [d.code, d.severity, d.field, d.range.start.line]);
    const lines = SERVICES.split('\n');
    assert.deepEqual(got, [
      ['service-selects-nothing', 'warning', 'spec.selector', lines.indexOf('  selector:')],
      ['service-selector-near-miss', 'information', 'spec.selector[app]', lines.indexOf('    app: wbe')],
      ['service-target-port-not-found', 'warning', 'spec.ports[0].targetPort', lines.indexOf('    targetPort: htpp')],
    ]);
    assert.ok(files.find((f) => f.file.endsWith('pods.yaml'))!.diagnostics.every((d) => !d.code.startsWith('service-')));
    const sarif = JSON.parse(run(['check', '--format', 'sarif', dir]).out);
    const ids = sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId).filter((id: string) => id.startsWith('service-'));
    assert.deepEqual(ids, ['service-selects-nothing', 'service-selector-near-miss', 'service-target-port-not-found']);
    assert.ok(sarif.runs[0].tool.driver.rules.some((rule: { id: string }) => rule.id === 'service-selector-near-miss'));
  });

  it('on several threads the Services still see every Pod (a Pod deep in a large file is selected)', () => {
    const big = mkdtempSync(join(tmpdir(), 'podsight-svc-big-'));
    try {
      const many: string[] = [];
      for (let i = 0; i < 2500; i++) many.push(pod(`filler-${i}`, `filler-${i}`));
      many.push(pod('last', 'last'));
      writeFileSync(join(big, 'a-pods.yaml'), many.join('---\n'));
      writeFileSync(join(big, 'b-svc.yaml'), `apiVersion: v1\nkind: Service\nmetadata:\n  name: last\nspec:\n  selector:\n    app: last\n  ports:\n  - port: 80\n    targetPort: http\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: none\nspec:\n  selector:\n    app: nobody-at-all\n  ports:\n  - port: 80\n`);
      const one = run(['check', '--jobs', '1', '--format', 'json', big]);
      const two = run(['check', '--jobs', '2', '--format', 'json', big]);
      assert.equal(two.out, one.out);
      const svc = (JSON.parse(two.out).files as Array<{ file: string; diagnostics: Array<{ code: string; message: string }> }>).find((f) => f.file.endsWith('b-svc.yaml'))!;
      assert.deepEqual(svc.diagnostics.map((d) => d.code), ['service-selects-nothing']);
      assert.match(svc.diagnostics[0].message, /Service "none" selects no Pod: .*the workspace declares 2501 Pods and Pod templates in namespace "default"/);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('schedule --format json: each Pod entry names the Services and NetworkPolicies that select it', () => {
    const r = run(['schedule', '--format', 'json', dir]);
    assert.equal(r.code, 0, r.err);
    const pods = JSON.parse(r.out).pods as Array<{ name: string; services?: unknown; networkPolicies?: unknown }>;
    const api = pods.find((p) => p.name === 'default/api-1')!;
    assert.deepEqual(api.services, [{ name: 'api', type: 'ClusterIP', ports: ['80→htpp'] }]);
    assert.deepEqual(api.networkPolicies, [{ name: 'deny', policyTypes: ['Ingress'] }]);
    const web = pods.find((p) => p.name === 'default/web-1')!;
    assert.deepEqual(web.services, []);
    assert.deepEqual(web.networkPolicies, []);
    // Without Services or NetworkPolicies the fields are left out.
    const plain = JSON.parse(run(['schedule', '--format', 'json', join(dir, 'pods.yaml'), join(dir, 'node.yaml')]).out);
    assert.ok(plain.pods.every((p: object) => !('services' in p) && !('networkPolicies' in p)));
  });
});
