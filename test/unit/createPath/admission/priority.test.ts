import { test } from 'node:test';
import assert from 'node:assert/strict';
import { priority } from '../../../../server/src/service/createPath/admission/priority';
import { ctx, deployment, json, plain, pod, run, spec } from './helpers';

const pc = (name: string, value: number, extra: Record<string, unknown> = {}) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra });

test('no class and no globalDefault: priority 0 and PreemptLowerPriority', () => {
  const r = run(priority, pod());
  assert.deepEqual(r.findings, []);
  const s = spec(r);
  assert.equal(s.priority, 0);
  assert.equal(s.preemptionPolicy, 'PreemptLowerPriority');
  assert.equal(s.priorityClassName, undefined);
});

test('the globalDefault class applies and its name is written into the Pod; of several, the lowest value', () => {
  const r = run(priority, pod(), ctx([pc('high', 1000, { globalDefault: true }), pc('low', 10, { globalDefault: true, preemptionPolicy: 'Never' }), pc('plain', 5)]));
  const s = spec(r);
  assert.deepEqual([s.priorityClassName, s.priority, s.preemptionPolicy], ['low', 10, 'Never']);
});

test('a named class sets priority and preemptionPolicy (a stored class defaults to PreemptLowerPriority); the system classes are built in', () => {
  const s = spec(run(priority, pod({ priorityClassName: 'batch' }), ctx([pc('batch', 100)])));
  assert.deepEqual([s.priority, s.preemptionPolicy], [100, 'PreemptLowerPriority']);
  const sys = spec(run(priority, pod({ priorityClassName: 'system-cluster-critical' }), ctx([pc('batch', 100)], { complete: true })));
  assert.equal(sys.priority, 2000000000);
  assert.equal(spec(run(priority, pod({ priorityClassName: 'system-node-critical' }))).priority, 2000001000);
});

test('a class that does not exist: the upstream words, under the closed-world rule', () => {
  const closed = run(priority, pod({ priorityClassName: 'urgent' }), ctx([pc('batch', 100)]));
  assert.deepEqual(closed.findings, [
    {
      rule: 'admission-priority-class-not-found',
      field: 'spec.priorityClassName',
      severity: 'warning',
      message: 'pods "web" is forbidden: no PriorityClass with name urgent was found (the workspace declares PriorityClasses but not this one; declare it, or set podsight.workspace.isWholeCluster to make this an error)',
    },
  ]);
  assert.equal(spec(closed).priority, undefined);
  const open = run(priority, pod({ priorityClassName: 'urgent' }), ctx([]));
  assert.equal(open.findings[0].severity, 'information');
  assert.equal(
    open.findings[0].message,
    'PriorityClass "urgent" is not declared here (the workspace declares no PriorityClasses); if the cluster lacks it too: pods "web" is forbidden: no PriorityClass with name urgent was found',
  );
});

test('a Pod that sets priority or preemptionPolicy itself must agree with the class', () => {
  const classes = ctx([pc('batch', 100, { preemptionPolicy: 'Never' })]);
  const r = run(priority, pod({ priorityClassName: 'batch', priority: 5 }), classes);
  assert.deepEqual(json(r.findings), [
    {
      rule: 'admission-priority-mismatch',
      field: 'spec.priority',
      errorType: 'Forbidden',
      message: 'pods "web" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 100 from the given PriorityClass name',
      related: [{ field: 'value', message: 'PriorityClass "batch" has value 100', uri: 'file:///ws/0.yaml' }],
    },
  ]);
  const policy = run(priority, pod({ priorityClassName: 'batch', preemptionPolicy: 'PreemptLowerPriority' }), classes);
  assert.equal(
    policy.findings[0].message,
    'pods "web" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name',
  );
  assert.equal(policy.findings[0].field, 'spec.preemptionPolicy');
  // Without any class the computed policy is PreemptLowerPriority, so Never is refused too.
  assert.equal(
    run(priority, pod({ preemptionPolicy: 'Never' })).findings[0].message,
    'pods "web" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
  );
  assert.deepEqual(run(priority, pod({ priorityClassName: 'batch', priority: 100, preemptionPolicy: 'Never' }), classes).findings, []);
});

test("templates: a missing class or a wrong priority is a warning about the controller's Pods", () => {
  const d = deployment({ priorityClassName: 'batch', priority: 1 });
  const r = run(priority, d, ctx([pc('batch', 100)]));
  assert.equal(r.mutated, d);
  assert.deepEqual(json(r.findings.map((f) => [f.field, f.severity, f.message])), [
    [
      'spec.template.spec.priority',
      'warning',
      'Pods that the Deployment controller creates from this template would be rejected by admission: the integer value of priority (1) must not be provided in pod spec; priority admission controller computed 100 from the given PriorityClass name',
    ],
  ]);
  const cron = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'shop' },
    spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { priorityClassName: 'urgent', containers: [{ name: 'a', image: 'x' }] } } } } },
  };
  const cr = run(priority, plain(cron), ctx([pc('batch', 100)]));
  assert.equal(cr.findings[0].field, 'spec.jobTemplate.spec.template.spec.priorityClassName');
  assert.equal(cr.findings[0].severity, 'warning');
});
