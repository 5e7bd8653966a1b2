import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runtimeClass } from '../../../../server/src/service/createPath/admission/runtimeClass';
import { ctx, deployment, json, pod, run, spec } from './helpers';

const rc = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler: 'runsc', ...extra });

test('a RuntimeClass that does not exist: the upstream words, under the closed-world rule', () => {
  const closed = run(runtimeClass, pod({ runtimeClassName: 'gvisor' }), ctx([rc('kata')]));
  assert.deepEqual(closed.findings, [
    {
      rule: 'admission-runtime-class-not-found',
      field: 'spec.runtimeClassName',
      severity: 'warning',
      message: 'pods "web" is forbidden: pod rejected: RuntimeClass "gvisor" not found (the workspace declares RuntimeClasses but not this one; declare it, or set podsight.workspace.isWholeCluster to make this an error)',
    },
  ]);
  const open = run(runtimeClass, pod({ runtimeClassName: 'gvisor' }));
  assert.equal(open.findings[0].severity, 'information');
  assert.equal(
    open.findings[0].message,
    'RuntimeClass "gvisor" is not declared here (the workspace declares no RuntimeClasses); if the cluster lacks it too: pods "web" is forbidden: pod rejected: RuntimeClass "gvisor" not found',
  );
});

test("the RuntimeClass's overhead becomes the Pod's (canonical); an equal overhead is accepted, a different one rejected", () => {
  const classes = ctx([rc('gvisor', { overhead: { podFixed: { cpu: '0.25', memory: '120Mi' } } })]);
  assert.deepEqual(spec(run(runtimeClass, pod({ runtimeClassName: 'gvisor' }), classes)).overhead, { cpu: '250m', memory: '120Mi' });
  assert.deepEqual(run(runtimeClass, pod({ runtimeClassName: 'gvisor', overhead: { cpu: '250m', memory: '120Mi' } }), classes).findings, []);
  const r = run(runtimeClass, pod({ runtimeClassName: 'gvisor', overhead: { cpu: '250m' } }), classes);
  assert.deepEqual(r.findings, [
    {
      rule: 'admission-runtime-class-overhead',
      field: 'spec.overhead',
      errorType: 'Forbidden',
      message: "pods \"web\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
      related: [{ field: 'overhead.podFixed', message: 'RuntimeClass "gvisor" defines the overhead', uri: 'file:///ws/0.yaml' }],
    },
  ]);
});

test('an overhead without a RuntimeClass that defines one is rejected', () => {
  const message = 'pods "web" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead';
  assert.equal(run(runtimeClass, pod({ overhead: { cpu: '1' } })).findings[0].message, message);
  assert.equal(run(runtimeClass, pod({ runtimeClassName: 'plain', overhead: { cpu: '1' } }), ctx([rc('plain')])).findings[0].message, message);
});

test("scheduling: the class's nodeSelector is merged (a different value is a conflict) and its tolerations appended", () => {
  const classes = ctx([rc('gvisor', { scheduling: { nodeSelector: { sandbox: 'gvisor', zone: 'a' }, tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] } })]);
  const fresh = spec(run(runtimeClass, pod({ runtimeClassName: 'gvisor' }), classes));
  assert.deepEqual(fresh.nodeSelector, { sandbox: 'gvisor', zone: 'a' });
  assert.deepEqual(fresh.tolerations, [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }]);
  const merged = spec(run(runtimeClass, pod({ runtimeClassName: 'gvisor', nodeSelector: { disk: 'ssd', zone: 'a' }, tolerations: [{ key: 'x', operator: 'Exists' }] }), classes));
  assert.deepEqual(merged.nodeSelector, { disk: 'ssd', zone: 'a', sandbox: 'gvisor' });
  assert.deepEqual(merged.tolerations, [{ key: 'x', operator: 'Exists' }, { key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }]);
  const conflict = run(runtimeClass, pod({ runtimeClassName: 'gvisor', nodeSelector: { zone: 'b' } }), classes);
  assert.deepEqual(conflict.findings.map((f) => [f.rule, f.field, f.message]), [
    ['admission-runtime-class-node-selector-conflict', 'spec.nodeSelector[zone]', 'pods "web" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[zone] = a; pod.spec.nodeSelector[zone] = b'],
  ]);
});

test('merged tolerations keep only the supersets: a wider RuntimeClass toleration replaces the Pod\'s narrower one', () => {
  const classes = ctx([rc('gvisor', { scheduling: { tolerations: [{ key: 'sandbox', operator: 'Exists' }] } })]);
  const s = spec(run(runtimeClass, pod({ runtimeClassName: 'gvisor', tolerations: [{ key: 'sandbox', operator: 'Equal', value: 'on', effect: 'NoSchedule' }, { key: 'other', operator: 'Exists' }] }), classes));
  assert.deepEqual(s.tolerations, [{ key: 'other', operator: 'Exists' }, { key: 'sandbox', operator: 'Exists' }]);
});

test("templates: the workload is unchanged; a conflict is a warning about the controller's Pods", () => {
  const d = deployment({ runtimeClassName: 'gvisor', nodeSelector: { zone: 'b' } });
  const r = run(runtimeClass, d, ctx([rc('gvisor', { scheduling: { nodeSelector: { zone: 'a' } } })]));
  assert.equal(r.mutated, d);
  assert.deepEqual(json(r.findings.map((f) => [f.field, f.severity, f.message])), [
    [
      'spec.template.spec.nodeSelector[zone]',
      'warning',
      'Pods that the Deployment controller creates from this template would be rejected by admission: conflict: runtimeClass.scheduling.nodeSelector[zone] = a; pod.spec.nodeSelector[zone] = b',
    ],
  ]);
});
