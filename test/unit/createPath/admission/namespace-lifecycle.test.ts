import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namespaceLifecycle } from '../../../../server/src/service/createPath/admission/namespaceLifecycle';
import { ctx, deployment, json, plain, pod, run } from './helpers';

const ns = (name: string, phase?: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, ...(phase ? { status: { phase } } : {}) });

test('a namespace the workspace does not declare, while it declares others: a warning with the API server\'s words', () => {
  const r = run(namespaceLifecycle, pod(), ctx([ns('billing')]));
  assert.deepEqual(r.findings, [
    {
      rule: 'admission-namespace-not-found',
      field: 'metadata.namespace',
      severity: 'warning',
      message: 'namespaces "shop" not found (the workspace declares Namespaces but not this one; declare it, or set podsight.workspace.isWholeCluster to make this an error)',
    },
  ]);
});

test('with no Namespaces declared the missing one is only information, saying it is not declared here', () => {
  const [f] = run(namespaceLifecycle, pod(), ctx([])).findings;
  assert.equal(f.severity, 'information');
  assert.equal(f.errorType, undefined);
  assert.equal(
    f.message,
    'Namespace "shop" is not declared here (the workspace declares no Namespaces); if the cluster lacks it too: namespaces "shop" not found',
  );
});

test('a workspace declared complete makes the missing namespace an error and says so', () => {
  const [f] = run(namespaceLifecycle, pod(), ctx([], { complete: true })).findings;
  assert.equal(f.errorType, 'NotFound');
  assert.equal(f.message, 'namespaces "shop" not found (the workspace is declared to be the whole cluster, so Namespace "shop" would be missing)');
});

test('the built-in namespaces always exist', () => {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    assert.deepEqual(run(namespaceLifecycle, pod({}, { namespace: name }), ctx([ns('billing')], { namespace: name, complete: true })).findings, [], name);
  }
});

test('a declared, active namespace admits the object unchanged', () => {
  const p = pod();
  const r = run(namespaceLifecycle, p, ctx([ns('shop', 'Active')]));
  assert.deepEqual(r.findings, []);
  assert.equal(r.mutated, p);
});

test('a terminating namespace refuses new content, with the upstream words and the Namespace as the other half', () => {
  const r = run(namespaceLifecycle, pod(), ctx([ns('shop', 'Terminating')]));
  assert.deepEqual(json(r.findings), [
    {
      rule: 'admission-namespace-terminating',
      field: 'metadata.namespace',
      errorType: 'Forbidden',
      message: 'pods "web" is forbidden: unable to create new content in namespace shop because it is being terminated',
      related: [{ field: 'status.phase', message: 'Namespace "shop" is being terminated', uri: 'file:///ws/0.yaml' }],
    },
  ]);
  const d = run(namespaceLifecycle, deployment(), ctx([ns('shop', 'Terminating')]));
  assert.equal(d.findings[0].message, 'deployments.apps "web" is forbidden: unable to create new content in namespace shop because it is being terminated');
});

test('an object without metadata.namespace is created in the context namespace; the finding sits on metadata', () => {
  const p = plain({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-' }, spec: {} });
  const r = run(namespaceLifecycle, p, ctx([ns('shop', 'Terminating')]));
  assert.equal(r.findings[0].field, 'metadata');
  assert.equal(r.findings[0].message, 'pods "web-" is forbidden: unable to create new content in namespace shop because it is being terminated');
});

test('cluster-scoped objects and Namespaces themselves are not checked', () => {
  for (const kind of ['Node', 'PriorityClass', 'RuntimeClass', 'StorageClass', 'PersistentVolume', 'Namespace']) {
    const o = plain({ apiVersion: 'v1', kind, metadata: { name: 'x' } });
    assert.deepEqual(run(namespaceLifecycle, o, ctx([ns('billing')], { complete: true })).findings, [], kind);
  }
});
