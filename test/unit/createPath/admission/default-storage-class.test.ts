import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultStorageClass } from '../../../../server/src/service/createPath/admission/defaultStorageClass';
import { ctx, json, plain, run } from './helpers';

const sc = (name: string, isDefault: boolean, created?: string) => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, ...(created ? { creationTimestamp: created } : {}), ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
  provisioner: 'example.com/disk',
});
const pvc = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>) =>
  plain({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop', ...(annotations ? { annotations } : {}) }, spec: { accessModes: ['ReadWriteOnce'], ...spec } });

test('a claim that names no class gets the default StorageClass', () => {
  const r = run(defaultStorageClass, pvc(), ctx([sc('fast', false), sc('standard', true)]));
  assert.equal((json(r.mutated.spec) as Record<string, unknown>).storageClassName, 'standard');
  assert.deepEqual(json(r.findings), [
    {
      rule: 'admission-default-storage-class',
      field: 'spec',
      severity: 'information',
      message: 'DefaultStorageClass sets storageClassName: standard (the default StorageClass).',
      related: [{ field: 'metadata.annotations', message: 'StorageClass "standard" is the default', uri: 'file:///ws/1.yaml' }],
    },
  ]);
});

test('storageClassName "" or the beta annotation name a class already: nothing changes; no default declared: nothing', () => {
  const classes = ctx([sc('standard', true)]);
  for (const claim of [pvc({ storageClassName: '' }), pvc({ storageClassName: 'fast' }), pvc({}, { 'volume.beta.kubernetes.io/storage-class': 'fast' })]) {
    const r = run(defaultStorageClass, claim, classes);
    assert.equal(r.mutated, claim);
    assert.deepEqual(r.findings, []);
  }
  const none = pvc();
  assert.equal(run(defaultStorageClass, none, ctx([sc('fast', false)])).mutated, none);
});

test('several defaults: the newest by creationTimestamp, then the first by name, and the note says so', () => {
  const r = run(defaultStorageClass, pvc(), ctx([sc('old', true, '2024-01-01T00:00:00Z'), sc('new', true, '2025-06-01T00:00:00Z'), sc('undated', true)]));
  assert.equal((json(r.mutated.spec) as Record<string, unknown>).storageClassName, 'new');
  assert.equal(
    r.findings[0].message,
    'DefaultStorageClass sets storageClassName: new (the default StorageClass). 3 StorageClasses are marked default (new, old, undated); DefaultStorageClass picks the newest by creationTimestamp, then the first by name.',
  );
  const sameTime = run(defaultStorageClass, pvc(), ctx([sc('zeta', true), sc('alpha', true)]));
  assert.equal((json(sameTime.mutated.spec) as Record<string, unknown>).storageClassName, 'alpha');
});

test('claims created later (StatefulSet claim templates, ephemeral volumes) get a note on the template; the object is unchanged', () => {
  const sts = plain({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'shop' },
    spec: {
      template: { spec: { containers: [{ name: 'db', image: 'x' }], volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }, { metadata: { name: 'logs' }, spec: { storageClassName: 'slow' } }],
    },
  });
  const r = run(defaultStorageClass, sts, ctx([sc('standard', true)]));
  assert.equal(r.mutated, sts);
  assert.deepEqual(
    r.findings.map((f) => [f.field, f.message]),
    [
      ['spec.volumeClaimTemplates[0].spec', 'PersistentVolumeClaims that the StatefulSet controller creates from this claim template get storageClassName: standard (the default StorageClass).'],
      ['spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate.spec', 'PersistentVolumeClaims that the ephemeral volume controller creates for this volume get storageClassName: standard (the default StorageClass).'],
    ],
  );
});
