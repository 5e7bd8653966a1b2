import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../../server/src/service';
import { cursor, example, parse, pod, service } from './util';

const nodes = example('nodes.yaml');

function workspace(): WorkspaceIndex {
  const ws = new WorkspaceIndex();
  ws.update(parse(nodes, 'file:///w/nodes.yaml'));
  return ws;
}

function complete(marked: string, ws: WorkspaceIndex | undefined = workspace()) {
  const { text, position } = cursor(marked);
  return service.completion(parse(text), position, ws);
}

function labels(marked: string, ws?: WorkspaceIndex): string[] {
  return (complete(marked, ws)?.items ?? []).map((i) => i.label);
}

/** The text after applying the first item whose label is `label`. */
function accept(marked: string, label: string): string {
  const { text, position } = cursor(marked);
  const list = service.completion(parse(text), position, workspace());
  const item = list?.items.find((i) => i.label === label);
  assert.ok(item?.textEdit && 'range' in item.textEdit, `no item ${label}`);
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, off(item.textEdit.range.start)) + item.textEdit.newText + text.slice(off(item.textEdit.range.end));
}

const WEB_SPEC = `  containers:
  - name: app
    image: a
    ports:
    - name: http
      containerPort: 8080
    - name: metrics
      containerPort: 9090
    - containerPort: 9999
    volumeMounts:
    - name: data
      mountPath: /data
    - name: ¦
  - name: other
    image: o
    ports:
    - name: grpc
      containerPort: 50051
  volumes:
  - name: data
    emptyDir: {}
  - name: conf
    configMap:
      name: c
`;

describe('completion from the manifest', () => {
  it('volumeMounts[].name offers the declared volumes, unmounted ones first', () => {
    const list = complete(pod(WEB_SPEC));
    assert.deepEqual(list?.items.map((i) => i.label), ['data', 'conf']);
    const sorted = [...list!.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
    assert.deepEqual(sorted, ['conf', 'data']);
    assert.match(list!.items[1].detail ?? '', /^configMap c · read-only, updated in place · not mounted yet$/);
    assert.match(accept(pod(WEB_SPEC), 'conf'), /- name: conf\n {2}- name: other/);
  });

  it('a half-typed mount name is replaced, and a value right after the colon gets its space', () => {
    assert.match(accept(pod(WEB_SPEC.replace('- name: ¦', '- name: co¦')), 'conf'), /- name: conf\n/);
    assert.match(accept(pod(WEB_SPEC.replace('- name: ¦', '- name:¦')), 'conf'), /- name: conf\n/);
  });

  it('probe and lifecycle ports offer the container\'s own port names', () => {
    const probe = WEB_SPEC.replace('    - name: ¦\n', '    readinessProbe:\n      httpGet:\n        port: ¦\n');
    assert.deepEqual(labels(pod(probe)), ['http', 'metrics']);
    assert.equal(complete(pod(probe))?.items[0].detail, '8080/TCP of app');
    const hook = WEB_SPEC.replace('    - name: ¦\n', '    lifecycle:\n      preStop:\n        tcpSocket:\n          port: m¦\n');
    assert.deepEqual(labels(pod(hook)), ['http', 'metrics']);
    // Not on other fields.
    assert.deepEqual(labels(pod(WEB_SPEC.replace('    - name: ¦\n', '    workingDir: ¦\n'))), []);
  });

  it('nodeSelector keys and values come from the labels of the workspace Nodes', () => {
    const keys = complete(pod('  nodeSelector:\n    ¦\n  containers:\n  - name: a\n    image: a\n'));
    const names = keys?.items.map((i) => i.label) ?? [];
    assert.ok(names.includes('accelerator') && names.includes('topology.kubernetes.io/zone'), names.join());
    assert.equal(keys?.items.find((i) => i.label === 'accelerator')?.detail, 'on gpu-1');
    assert.match(accept(pod('  nodeSelector:\n    acc¦\n  containers: []\n'), 'accelerator'), /nodeSelector:\n {4}accelerator: \n/);
    // Keys already present are not offered again.
    const more = labels(pod('  nodeSelector:\n    accelerator: nvidia-l4\n    ¦\n  containers: []\n'));
    assert.ok(!more.includes('accelerator') && more.includes('kubernetes.io/os'));
    assert.deepEqual(labels(pod('  nodeSelector:\n    topology.kubernetes.io/zone: ¦\n  containers: []\n')), ['eu-west-1a', 'eu-west-1b']);
    assert.equal(complete(pod('  nodeSelector:\n    topology.kubernetes.io/zone: ¦\n  containers: []\n'))?.items[0].detail, 'topology.kubernetes.io/zone on worker-1, gpu-1');
    // Inside a workload's template too.
    const job = example('gpu-job.yaml').replace('accelerator: nvidia-l4', 'accelerator: ¦');
    assert.deepEqual(labels(job), ['nvidia-l4']);
    // Without any Node in the workspace: nothing.
    assert.deepEqual(labels(job, new WorkspaceIndex()), []);
  });

  it('node affinity expressions get label keys and the values of their key', () => {
    const aff = (rest: string) => pod(`  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
${rest}
  containers: []
`);
    assert.ok(labels(aff('          - key: ¦')).includes('node.kubernetes.io/instance-type'));
    assert.deepEqual(labels(aff('          - key: node.kubernetes.io/instance-type\n            operator: In\n            values:\n            - ¦')), ['m5.large', 'm5.xlarge']);
    assert.deepEqual(labels(aff('          - key: node.kubernetes.io/instance-type\n            operator: In\n            values:\n            - m5.large\n            - ¦')), ['m5.xlarge']);
    const preferred = pod(`  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        preference:
          matchExpressions:
          - key: kubernetes.io/hostname
            operator: In
            values:
            - ¦
  containers: []
`);
    assert.deepEqual(labels(preferred), ['worker-1', 'worker-2', 'gpu-1']);
    assert.deepEqual(labels(aff('          - key: x\n          matchFields:\n          - key: ¦')), ['metadata.name']);
  });

  it('tolerations get the taints of the workspace Nodes', () => {
    const tol = (rest: string) => pod(`  tolerations:\n${rest}\n  containers: []\n`);
    assert.deepEqual(labels(tol('  - key: ¦')), ['nvidia.com/gpu']);
    assert.deepEqual(labels(tol('  - key: nvidia.com/gpu\n    operator: Equal\n    value: ¦')), ['present']);
    const effects = complete(tol('  - key: nvidia.com/gpu\n    effect: ¦'))!.items;
    assert.deepEqual(effects.map((i) => i.label), ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
    assert.equal(effects[0].detail, 'tainted on gpu-1');
    assert.equal(effects[0].sortText! < effects[1].sortText!, true);
  });

  it('quotes values YAML would not read as strings', () => {
    const ws = new WorkspaceIndex();
    ws.update(parse('apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels:\n    spot: "true"\n    rack: "12"\n', 'file:///n.yaml'));
    const { text, position } = cursor(pod('  nodeSelector:\n    spot: ¦\n  containers: []\n'));
    assert.equal((service.completion(parse(text), position, ws)?.items[0].textEdit as { newText: string }).newText, '"true"');
  });

  it('answers nothing outside Kubernetes objects or on broken input', () => {
    assert.equal(complete('foo:\n  bar: ¦\n'), null);
    // (An empty document is offered skeletons: test/unit/completion-schema.test.ts.)
    assert.equal(complete(pod('  containers:\n  - name: a\n    volumeMounts:\n    - {name: ¦}\n')), null);
  });
});

describe('WorkspaceIndex', () => {
  it('updates per file and forgets removed files', () => {
    const ws = new WorkspaceIndex();
    assert.equal(ws.update(parse(nodes, 'file:///w/nodes.yaml')), true);
    assert.deepEqual(ws.nodes().map((n) => n.name), ['worker-1', 'worker-2', 'gpu-1']);
    assert.equal(ws.update(parse(nodes, 'file:///w/nodes.yaml')), false, 'same Nodes: no change');
    const edited = nodes.replace('accelerator: nvidia-l4', 'accelerator: nvidia-h100');
    assert.equal(ws.update(service.parse('file:///w/nodes.yaml', 2, edited)), true);
    assert.deepEqual(ws.labels().get('accelerator')?.map((v) => v.value), ['nvidia-h100']);
    ws.update(parse('apiVersion: v1\nkind: Node\nmetadata:\n  name: extra\n  labels:\n    accelerator: tpu\n', 'file:///w/more.yaml'));
    assert.deepEqual(ws.labels().get('accelerator')?.map((v) => v.value), ['nvidia-h100', 'tpu']);
    ws.remove('file:///w/nodes.yaml');
    assert.deepEqual(ws.nodes().map((n) => n.name), ['extra']);
    assert.equal(ws.update(parse('kind: ConfigMap\n', 'file:///w/more.yaml')), true, 'a file that no longer declares Nodes drops out');
    assert.deepEqual(ws.nodes(), []);
  });
});
