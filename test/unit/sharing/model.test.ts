import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sharingOfDocument, concurrent, CACHE_KEY } from '../../../server/src/service/sharing';
import type { PodSharing } from '../../../server/src/service/sharing/types';
import { example, parse, pod, service } from './util';

function pods(text: string): PodSharing[] {
  return parse(text).documents.flatMap((d) => sharingOfDocument(d.doc));
}

function only(text: string): PodSharing {
  const ps = pods(text);
  assert.equal(ps.length, 1);
  return ps[0];
}

const byName = (p: PodSharing, n: string) => {
  const c = p.containers.find((x) => x.name === n);
  assert.ok(c, `container ${n}`);
  return c;
};

describe('sharing model: network', () => {
  const p = only(pod(`  initContainers:
  - name: setup
    image: busybox
    ports:
    - containerPort: 9090
  - name: proxy
    image: envoy
    restartPolicy: Always
    ports:
    - name: admin
      containerPort: 9901
  containers:
  - name: app
    image: app
    ports:
    - name: http
      containerPort: 8080
      hostPort: 80
      hostIP: 10.0.0.1
    - name: metrics
      containerPort: 9090
  - name: metrics
    image: exporter
    ports:
    - containerPort: 9090
    - containerPort: 9090
      protocol: UDP
`));

  it('lists every port with container, name, number, protocol, hostPort and hostIP', () => {
    const rows = p.ports.map((x) => [x.container.label, x.name ?? '', x.number, x.protocol, x.hostPort ?? 0, x.hostIP ?? '']);
    assert.deepEqual(rows, [
      ['setup', '', 9090, 'TCP', 0, ''],
      ['proxy', 'admin', 9901, 'TCP', 0, ''],
      ['app', 'http', 8080, 'TCP', 80, '10.0.0.1'],
      ['app', 'metrics', 9090, 'TCP', 0, ''],
      ['metrics', '', 9090, 'TCP', 0, ''],
      ['metrics', '', 9090, 'UDP', 0, ''],
    ]);
  });

  it('finds collisions only among containers that run at the same time, per protocol', () => {
    const [setup, , , appMetrics, exporter, udp] = p.ports;
    assert.deepEqual(appMetrics.collisions.map((x) => x.container.label), ['metrics']);
    assert.deepEqual(exporter.collisions.map((x) => x.container.label), ['app']);
    // The init container has finished before app and metrics start: no collision.
    assert.deepEqual(setup.collisions, []);
    assert.deepEqual(udp.collisions, []);
  });

  it('knows who runs beside whom (sidecars, init containers, app containers)', () => {
    const setup = byName(p, 'setup');
    const proxy = byName(p, 'proxy');
    const app = byName(p, 'app');
    assert.equal(setup.role, 'init');
    assert.equal(proxy.role, 'sidecar');
    assert.ok(concurrent(app, proxy));
    assert.ok(concurrent(app, byName(p, 'metrics')));
    assert.ok(!concurrent(app, setup));
    // proxy is declared after setup: it starts once setup has completed.
    assert.ok(!concurrent(setup, proxy));
    const early = only(pod(`  initContainers:
  - name: mesh
    image: m
    restartPolicy: Always
  - name: migrate
    image: m
  containers:
  - name: app
    image: a
`));
    assert.ok(concurrent(byName(early, 'migrate'), byName(early, 'mesh')), 'a sidecar declared before an init container runs beside it');
  });

  it('reads hostNetwork, hostIPC, hostPID, shareProcessNamespace, hostname and subdomain', () => {
    const q = only(pod(`  hostNetwork: true
  hostIPC: true
  hostPID: false
  shareProcessNamespace: true
  hostname: db-0
  subdomain: db
  containers:
  - name: a
    image: a
`));
    assert.equal(q.hostNetwork.value, true);
    assert.equal(q.hostIPC.value, true);
    assert.equal(q.hostPID.value, false);
    assert.ok(q.hostPID.entry, 'the written false is kept with its entry');
    assert.equal(q.shareProcessNamespace.value, true);
    assert.equal(q.hostname?.value, 'db-0');
    assert.equal(q.subdomain?.value, 'db');
    assert.equal(p.hostNetwork.value, false);
    assert.equal(p.hostNetwork.entry, undefined);
  });

  it('resolves named probe ports within the container and numbered ones across the Pod', () => {
    const q = only(pod(`  containers:
  - name: web
    image: w
    ports:
    - name: http
      containerPort: 8080
    readinessProbe:
      httpGet:
        port: http
    livenessProbe:
      tcpSocket:
        port: 9113
    lifecycle:
      preStop:
        httpGet:
          port: metrics
  - name: exporter
    image: e
    ports:
    - name: metrics
      containerPort: 9113
`));
    const web = byName(q, 'web');
    assert.deepEqual(web.portRefs.map((r) => [r.where, r.target?.container.label ?? null, r.target?.number ?? null]), [
      ['readinessProbe.httpGet', 'web', 8080],
      ['livenessProbe.tcpSocket', 'exporter', 9113],
      // Named ports never resolve in another container (the kubelet looks in the container's own).
      ['lifecycle.preStop.httpGet', null, null],
    ]);
    assert.equal(q.ports[0].refs.length, 1);
  });
});

describe('sharing model: volumes', () => {
  const p = only(pod(`  containers:
  - name: app
    image: a
    volumeMounts:
    - name: cache
      mountPath: /cache
    - name: conf
      mountPath: /etc/app/app.yaml
      subPath: app.yaml
    - name: host
      mountPath: /host
      mountPropagation: HostToContainer
    - name: missing
      mountPath: /x
    volumeDevices:
    - name: raw
      devicePath: /dev/xvda
    env:
    - name: TOKEN
      valueFrom:
        fileKeyRef:
          volumeName: cache
          path: token.env
          key: TOKEN
  - name: web
    image: w
    volumeMounts:
    - name: cache
      mountPath: /usr/share/nginx/html
      readOnly: true
    - name: conf
      mountPath: /etc/conf
      readOnly: false
  volumes:
  - name: cache
    emptyDir:
      medium: Memory
  - name: conf
    configMap:
      name: app-config
  - name: host
    hostPath:
      path: /var/log
  - name: data
    persistentVolumeClaim:
      claimName: data-0
  - name: scratch
    ephemeral:
      volumeClaimTemplate:
        spec: {}
  - name: raw
    persistentVolumeClaim:
      claimName: block
  - name: tokens
    projected:
      sources: []
  - name: model
    image:
      reference: ghcr.io/x/model:1
  - name: nosource
`));

  it('gives each volume its kind and lifetime', () => {
    assert.deepEqual(p.volumes.map((v) => [v.name, v.source ?? null, v.lifetime]), [
      ['cache', 'emptyDir', 'pod'],
      ['conf', 'configMap', 'view'],
      ['host', 'hostPath', 'node'],
      ['data', 'persistentVolumeClaim', 'claim'],
      ['scratch', 'ephemeral', 'pod-claim'],
      ['raw', 'persistentVolumeClaim', 'claim'],
      ['tokens', 'projected', 'view'],
      ['model', 'image', 'image'],
      ['nosource', null, 'unknown'],
    ]);
  });

  it('links mounts to volumes with path, read-only, subPath and propagation', () => {
    const rows = p.mounts.map((m) => [m.container.label, m.list, m.volumeName, m.mountPath, m.readOnly, m.subPath ?? '', m.propagation ?? '', m.volume?.name ?? null]);
    assert.deepEqual(rows, [
      ['app', 'volumeMounts', 'cache', '/cache', false, '', '', 'cache'],
      ['app', 'volumeMounts', 'conf', '/etc/app/app.yaml', true, 'app.yaml', '', 'conf'],
      ['app', 'volumeMounts', 'host', '/host', false, '', 'HostToContainer', 'host'],
      ['app', 'volumeMounts', 'missing', '/x', false, '', '', null],
      ['app', 'volumeDevices', 'raw', '/dev/xvda', false, '', '', 'raw'],
      ['web', 'volumeMounts', 'cache', '/usr/share/nginx/html', true, '', '', 'cache'],
      // configMap volumes are mounted read-only whatever readOnly says.
      ['web', 'volumeMounts', 'conf', '/etc/conf', true, '', '', 'conf'],
    ]);
    assert.deepEqual(p.volumes[0].mounts.map((m) => m.container.label), ['app', 'web']);
    assert.deepEqual(p.volumes.find((v) => v.name === 'data')!.mounts, []);
  });

  it('records env fileKeyRef volume references', () => {
    assert.deepEqual(p.volumeRefs.map((r) => [r.container.label, r.name, r.volume?.name]), [['app', 'cache', 'cache']]);
    assert.equal(p.volumes[0].nameRefs.length, 1);
  });
});

describe('sharing model: templates and documents', () => {
  it('finds the Pod template of workloads, CronJobs and List items', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
      - name: api
        image: a
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: job
            image: j
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: one
  spec:
    containers:
    - name: c
      image: c
`;
    const ps = pods(text);
    assert.deepEqual(ps.map((p) => [p.title, p.site.path, p.containers.map((c) => c.label).join()]), [
      ['Deployment api', 'spec.template.spec', 'api'],
      ['CronJob nightly', 'spec.jobTemplate.spec.template.spec', 'job'],
      ['Pod one', 'spec', 'c'],
    ]);
    // The lens anchor is the PodSpec's own `spec:` key.
    const f = parse(text);
    const lines = ps.map((p, i) => f.lines.positionAt(f.documents[i].offset + p.specKeySpan.start));
    assert.deepEqual(lines.map((l) => [l.line, l.character]), [[6, 4], [20, 8], [32, 2]]);
  });

  it('is computed once per document and reused across edits of other documents', () => {
    const web = example('web-pod.yaml');
    const node = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n';
    const f1 = service.parse('file:///w/a.yaml', 1, `${web}---\n${node}`);
    const first = sharingOfDocument(f1.documents[0].doc);
    assert.equal(f1.documents[0].doc.cache.get(CACHE_KEY) !== undefined, true);
    assert.equal(sharingOfDocument(f1.documents[0].doc), first, 'cached');
    const f2 = service.parse('file:///w/a.yaml', 2, `${web}---\n${node}  labels:\n    a: b\n`, f1);
    assert.equal(sharingOfDocument(f2.documents[0].doc), first, 'unchanged document keeps its model');
  });

  it('never throws on wrong types and half-typed specs', () => {
    const odd = [
      pod('  containers: 3\n  volumes: {a: 1}\n'),
      pod('  containers:\n  - 7\n  - name: [x]\n    ports: "80"\n    volumeMounts: [1, {name: 2}]\n  volumes:\n  - emptyDir\n  - name: v\n    emptyDir: 5\n'),
      pod('  containers:\n  - name: a\n    ports:\n    - containerPort: eighty\n      hostPort: -1\n    readinessProbe:\n      httpGet: 5\n  hostNetwork: "yes please"\n'),
      pod('  <<: {hostNetwork: true}\n  containers:\n  - &c {name: a, ports: [{containerPort: 1}]}\n  - *c\n'),
      'apiVersion: v1\nkind: Pod\nspec: 42\n',
    ];
    for (const t of odd) assert.doesNotThrow(() => pods(t), t);
    const dup = pods(odd[3])[0];
    assert.equal(dup.hostNetwork.value, true, 'merge keys are read');
    assert.equal(dup.ports[0].collisions.length, 1, 'the aliased container collides with itself');
  });
});
