/**
 * The kinds of true rejection the extra real-world corpus holds (test/tools/
 * extra-corpus-rejections.tsv), each reproduced by a small hand-written manifest: what the API
 * server refuses in files published to be edited before use (placeholders), in kustomize bases
 * applied without kustomize, and in plain mistakes. Each must stay an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errors } from '../helpers/engine';

const pairs = (yaml: string) => errors(yaml).map((d) => `${d.code} ${dataOf(d).field}`).sort();

function deployment(podSpec: string, spec = '  selector:\n    matchLabels: {app: web}\n', labels = '    metadata:\n      labels: {app: web}\n'): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${spec}  template:\n${labels}    spec:\n${podSpec}`;
}

test('placeholders left to fill in: names, numbers and quantities the API server cannot read', () => {
  const yaml = deployment(
    '      serviceAccountName: <KSA_NAME>\n      containers:\n      - name: app\n        image: nginx:1.27\n        ports:\n        - containerPort: PORT\n        resources:\n          limits:\n            nvidia.com/gpu: ${GPU_COUNT}\n',
  );
  assert.deepEqual(pairs(yaml), [
    'invalid-quantity spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]',
    'invalid-type spec.template.spec.containers[0].ports[0].containerPort',
    'service-account-name spec.template.spec.serviceAccountName',
  ]);
  const port = errors(yaml).find((d) => d.code === 'invalid-type')!;
  assert.match(port.message, /cannot unmarshal string into Go struct field ContainerPort\.spec\.template\.spec\.containers\.ports\.containerPort of type int32$/);
  const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: cleanup-<node>\nspec:\n  completions: NUM_NODES\n  template:\n    spec:\n      restartPolicy: Never\n      nodeSelector: {kubernetes.io/hostname: <node>}\n      containers: [{name: c, image: "busybox:1.36"}]\n';
  // The Job's name also becomes its Pods' job-name labels (two of them), invalid there too.
  assert.deepEqual(pairs(job), [
    'invalid-type spec.completions',
    'job-generated-labels spec.template.labels',
    'job-generated-labels spec.template.labels',
    'node-selector spec.template.spec.nodeSelector',
    'object-name metadata.name',
  ]);
});

test('a kustomize base applied as it is: no selector (kustomize adds it) and no image (a patch adds it)', () => {
  const base = deployment('      containers:\n      - name: controller\n        args: [--v=2]\n', '', '');
  assert.deepEqual(pairs(base), ['container-image spec.template.spec.containers[0].image', 'selector-template-mismatch spec.template.metadata.labels', 'workload-selector spec.selector']);
  assert.deepEqual(
    errors(base).map((d) => d.message).sort(),
    ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`', 'spec.template.spec.containers[0].image: Required value'],
  );
});

test('plain mistakes: lower-case protocol, an unquoted boolean env value, a mount of a volume that is not there, a misspelt field, a key written twice', () => {
  const yaml = deployment(
    '      containers:\n      - name: app\n        image: nginx:1.27\n        ports: [{containerPort: 80, protocol: tcp}]\n        env: [{name: ALLOW_ALL, value: true}]\n        volumeMounts: [{name: ca-certs, mountPath: /etc/certs}]\n      volumes:\n      - name: ca\n        storageos: {volumeName: v, pool: default}\n',
  );
  assert.deepEqual(pairs(yaml), [
    'invalid-type spec.template.spec.containers[0].env[0].value',
    'port-protocol spec.template.spec.containers[0].ports[0].protocol',
    'unknown-field spec.template.spec.volumes[0].storageos.pool',
    'volume-mount-name spec.template.spec.containers[0].volumeMounts[0].name',
  ]);
  const twice = 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  selector: {app: a}\n  selector: {app: a}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: c, image: "c:1"}]\n';
  assert.deepEqual(pairs(twice), ['duplicate-key spec.selector']);
});

test('kinds 1.35 does not serve where the file says: MutatingAdmissionPolicy in v1 (1.36), PodSecurityPolicy in policy/v1 (never)', () => {
  const map = errors('apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingAdmissionPolicy\nmetadata: {name: p}\nspec: {}\n');
  assert.deepEqual(map.map((d) => d.code), ['unknown-kind']);
  assert.match(map[0].message, /^no matches for kind "MutatingAdmissionPolicy" in version "admissionregistration\.k8s\.io\/v1": Kubernetes 1\.35 serves MutatingAdmissionPolicy only in admissionregistration\.k8s\.io\/v1beta1/);
  const psp = errors('apiVersion: policy/v1\nkind: PodSecurityPolicy\nmetadata: {name: p}\nspec: {}\n');
  assert.deepEqual(psp.map((d) => d.message), ['no matches for kind "PodSecurityPolicy" in version "policy/v1": policy/v1 serves PodDisruptionBudget']);
});
