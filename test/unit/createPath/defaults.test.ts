import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocumentChunk, splitDocuments } from '../../../server/src/service/parse/manifests';
import { toPlain, type Plain, type PlainObject } from '../../../server/src/service/model/plain';
import {
  decodeAndDefault,
  PLACEHOLDER_UID,
  prepareForCreate,
  renderStoredYaml,
  storedObject,
  type CreateFinding,
  type StoredObject,
} from '../../../server/src/service/createPath/defaults';
import { storedQuantity } from '../../../server/src/service/createPath/defaults/quantityText';
import { imageTag } from '../../../server/src/service/createPath/defaults/imageRef';
import { goYamlSortKeys } from '../../../server/src/service/createPath/defaults/yaml';
import { RULES } from '../../../server/src/service/diagnostics/catalog';

const ROOT = join(__dirname, '..', '..', '..');

function plain(yaml: string): PlainObject {
  const v = toPlain(parseDocumentChunk(yaml, 0).root);
  assert.ok(v && typeof v === 'object' && !Array.isArray(v), 'a mapping');
  return v as PlainObject;
}

function stored(yaml: string): StoredObject {
  return storedObject(plain(yaml));
}

/** `spec.containers[0].resources.requests[cpu]` read from a plain value. */
function get(o: Plain | undefined, path: string): Plain | undefined {
  let cur: Plain | undefined = o;
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const m of path.matchAll(re)) {
    const key = m[1] ?? m[2];
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) cur = /^[0-9]+$/.test(key) ? cur[Number(key)] : undefined;
    else cur = Object.prototype.hasOwnProperty.call(cur, key) ? cur[key] : undefined;
  }
  return cur;
}

function has(o: Plain | undefined, path: string): boolean {
  return get(o, path) !== undefined;
}

/** Plain JSON (null-prototype objects compare equal to literals this way). */
function json(v: Plain | undefined): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

function expectValues(o: PlainObject, table: Array<[string, unknown]>): void {
  for (const [path, want] of table) assert.deepEqual(json(get(o, path)), want, path);
}

function rules(findings: CreateFinding[]): string[] {
  return findings.map((f) => `${f.rule} ${f.field}`);
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    resources:
      limits: {memory: 64Mi}
  containers:
  - name: app
    image: nginx
    ports:
    - containerPort: 8080
    env:
    - name: POD
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    - name: TOKEN
      valueFrom: {fileKeyRef: {volumeName: cfg, path: env, key: TOKEN}}
    resources:
      limits: {cpu: 500m, memory: 128Mi}
    livenessProbe:
      httpGet: {port: 8080}
    readinessProbe:
      grpc: {port: 9000}
    startupProbe:
      exec: {command: [true]}
    lifecycle:
      preStop:
        httpGet: {port: 8080}
  ephemeralContainers:
  - name: debug
    image: busybox:latest
  volumes:
  - name: scratch
  - name: secret
    secret: {secretName: s}
  - name: cfg
    configMap: {name: c}
  - name: info
    downwardAPI:
      items: [{path: name, fieldRef: {fieldPath: metadata.name}}]
  - name: all
    projected:
      sources:
      - serviceAccountToken: {path: token}
      - downwardAPI:
          items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]
  - name: host
    hostPath: {path: /var/log}
  - name: iscsi
    iscsi: {targetPortal: 10.0.0.1:3260, iqn: iqn.2001-04.com.example:storage, lun: 0}
  - name: rbd
    rbd: {monitors: [10.0.0.2], image: foo}
  - name: disk
    azureDisk: {diskName: d, diskURI: uri}
  - name: sio
    scaleIO: {gateway: g, system: s, secretRef: {name: n}}
  - name: eph
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
  - name: img
    image: {reference: quay.io/org/artifact:v1}
`;

const TEMPLATE = `    metadata: {labels: {app: w}}
    spec:
      restartPolicy: OnFailure
      containers:
      - name: c
        image: "nginx:1.27"
        resources: {limits: {cpu: 0.5, memory: 1024Mi}}
        livenessProbe: {httpGet: {port: 80}}
      volumes: [{name: v}, {name: s, secret: {secretName: s}}]`;

/** One manifest of every kind, for the whole-manifest properties. */
const SAMPLES: Record<string, string> = {
  pod: POD,
  node: 'apiVersion: v1\nkind: Node\nmetadata: {name: n}\nspec: {podCIDR: 10.0.0.0/24}\nstatus: {capacity: {cpu: "4", memory: 16Gi}}\n',
  podTemplate: `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n${TEMPLATE.replace(/^ {2}/gm, '')}\n`,
  rc: `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r}\nspec:\n  template:\n${TEMPLATE}\n`,
  deployment: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: w}}\n  template:\n${TEMPLATE}\n`,
  statefulSet: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  serviceName: s\n  selector: {matchLabels: {app: w}}\n  template:\n${TEMPLATE}\n  volumeClaimTemplates: [{metadata: {name: d}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]\n`,
  daemonSet: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: w}}\n  template:\n${TEMPLATE}\n`,
  replicaSet: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  selector: {matchLabels: {app: w}}\n  template:\n${TEMPLATE}\n`,
  job: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, labels: {team: a}}\nspec:\n  template:\n${TEMPLATE}\n`,
  cronJob: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n${TEMPLATE.replace(/^/gm, '    ')}\n`,
};

describe('Pod defaults (core/v1 SetDefaults_* and the generated defaulter)', () => {
  const r = stored(POD);
  const s = r.stored;

  test('every default with its upstream value', () => {
    expectValues(s, [
      ['spec.dnsPolicy', 'ClusterFirst'],
      ['spec.restartPolicy', 'Always'],
      ['spec.securityContext', {}],
      ['spec.terminationGracePeriodSeconds', 30],
      ['spec.schedulerName', 'default-scheduler'],
      ['spec.enableServiceLinks', true],
      ['spec.containers[0].imagePullPolicy', 'Always'],
      ['spec.containers[0].terminationMessagePath', '/dev/termination-log'],
      ['spec.containers[0].terminationMessagePolicy', 'File'],
      ['spec.containers[0].ports[0].protocol', 'TCP'],
      ['spec.containers[0].env[0].valueFrom.fieldRef.apiVersion', 'v1'],
      ['spec.containers[0].env[1].valueFrom.fileKeyRef.optional', false],
      ['spec.containers[0].resources.requests', { cpu: '500m', memory: '128Mi' }],
      ['spec.containers[0].livenessProbe.timeoutSeconds', 1],
      ['spec.containers[0].livenessProbe.periodSeconds', 10],
      ['spec.containers[0].livenessProbe.successThreshold', 1],
      ['spec.containers[0].livenessProbe.failureThreshold', 3],
      ['spec.containers[0].livenessProbe.httpGet.path', '/'],
      ['spec.containers[0].livenessProbe.httpGet.scheme', 'HTTP'],
      ['spec.containers[0].readinessProbe.grpc.service', ''],
      ['spec.containers[0].readinessProbe.timeoutSeconds', 1],
      ['spec.containers[0].startupProbe.failureThreshold', 3],
      ['spec.containers[0].lifecycle.preStop.httpGet.path', '/'],
      ['spec.containers[0].lifecycle.preStop.httpGet.scheme', 'HTTP'],
      ['spec.initContainers[0].imagePullPolicy', 'IfNotPresent'],
      ['spec.initContainers[0].terminationMessagePolicy', 'File'],
      ['spec.initContainers[0].resources.requests', { memory: '64Mi' }],
      ['spec.ephemeralContainers[0].imagePullPolicy', 'Always'],
      ['spec.ephemeralContainers[0].terminationMessagePath', '/dev/termination-log'],
      ['spec.volumes[0].emptyDir', {}],
      ['spec.volumes[1].secret.defaultMode', 420],
      ['spec.volumes[2].configMap.defaultMode', 420],
      ['spec.volumes[3].downwardAPI.defaultMode', 420],
      ['spec.volumes[3].downwardAPI.items[0].fieldRef.apiVersion', 'v1'],
      ['spec.volumes[4].projected.defaultMode', 420],
      ['spec.volumes[4].projected.sources[0].serviceAccountToken.expirationSeconds', 3600],
      ['spec.volumes[4].projected.sources[1].downwardAPI.items[0].fieldRef.apiVersion', 'v1'],
      ['spec.volumes[5].hostPath.type', ''],
      ['spec.volumes[6].iscsi.iscsiInterface', 'default'],
      ['spec.volumes[7].rbd.pool', 'rbd'],
      ['spec.volumes[7].rbd.user', 'admin'],
      ['spec.volumes[7].rbd.keyring', '/etc/ceph/keyring'],
      ['spec.volumes[8].azureDisk.cachingMode', 'ReadWrite'],
      ['spec.volumes[8].azureDisk.fsType', 'ext4'],
      ['spec.volumes[8].azureDisk.readOnly', false],
      ['spec.volumes[8].azureDisk.kind', 'Shared'],
      ['spec.volumes[9].scaleIO.storageMode', 'ThinProvisioned'],
      ['spec.volumes[9].scaleIO.fsType', 'xfs'],
      ['spec.volumes[10].ephemeral.volumeClaimTemplate.spec.volumeMode', 'Filesystem'],
      ['spec.volumes[11].image.pullPolicy', 'IfNotPresent'],
    ]);
  });

  test('each default is listed with its path, value and reason', () => {
    const byPath = new Map(r.defaulted.map((c) => [c.path, c]));
    for (const [path, value] of [
      ['spec.dnsPolicy', 'ClusterFirst'],
      ['spec.containers[0].imagePullPolicy', 'Always'],
      ['spec.containers[0].resources.requests[cpu]', '500m'],
      ['spec.volumes[0].emptyDir', {}],
      ['spec.volumes[4].projected.sources[0].serviceAccountToken.expirationSeconds', 3600],
    ] as Array<[string, unknown]>) {
      const c = byPath.get(path);
      assert.ok(c, `${path} listed`);
      assert.equal(c.by, 'default', path);
      assert.deepEqual(json(c.value), value, path);
    }
    assert.equal(byPath.get('status')?.by, 'create');
    assert.equal(byPath.get('spec.containers[0].resources')?.by, undefined, 'resources were written');
  });

  test('fields Go always serializes appear with their zero value', () => {
    // The init container's resources were written; the ephemeral container has none.
    assert.deepEqual(json(get(s, 'spec.ephemeralContainers[0].resources')), {});
    const zero = r.defaulted.find((c) => c.path === 'spec.ephemeralContainers[0].resources');
    assert.equal(zero?.by, 'zero');
  });

  test('limits are copied into missing requests only in a Pod, not a template', () => {
    const dep = stored(`apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      hostNetwork: true
      containers:
      - name: c
        image: nginx:1.27
        ports: [{containerPort: 80}]
        resources: {limits: {cpu: "1"}}
`).stored;
    assert.equal(has(dep, 'spec.template.spec.containers[0].resources.requests'), false);
    assert.equal(has(dep, 'spec.template.spec.enableServiceLinks'), false);
    assert.equal(has(dep, 'spec.template.spec.containers[0].ports[0].hostPort'), false);
    assert.equal(get(dep, 'spec.template.spec.dnsPolicy'), 'ClusterFirst');
  });

  test('with hostNetwork a Pod\'s container ports get hostPort = containerPort', () => {
    const p = stored(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  initContainers: [{name: i, image: x:1, ports: [{containerPort: 53, protocol: UDP}]}]
  containers: [{name: c, image: x:1, ports: [{containerPort: 80}, {containerPort: 81, hostPort: 9000}]}]
`).stored;
    expectValues(p, [
      ['spec.containers[0].ports[0].hostPort', 80],
      ['spec.containers[0].ports[1].hostPort', 9000],
      ['spec.initContainers[0].ports[0].hostPort', 53],
      ['spec.initContainers[0].ports[0].protocol', 'UDP'],
    ]);
  });

  test('values the user set are kept', () => {
    const p = stored(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  dnsPolicy: None
  restartPolicy: Never
  schedulerName: mine
  terminationGracePeriodSeconds: 0
  enableServiceLinks: false
  securityContext: {runAsNonRoot: true}
  containers:
  - name: c
    image: nginx
    imagePullPolicy: Never
    livenessProbe: {tcpSocket: {port: 1}, periodSeconds: 3, failureThreshold: 7}
  volumes:
  - {name: s, secret: {secretName: x, defaultMode: 256}}
`).stored;
    expectValues(p, [
      ['spec.dnsPolicy', 'None'],
      ['spec.restartPolicy', 'Never'],
      ['spec.schedulerName', 'mine'],
      ['spec.terminationGracePeriodSeconds', 0],
      ['spec.enableServiceLinks', false],
      ['spec.securityContext', { runAsNonRoot: true }],
      ['spec.containers[0].imagePullPolicy', 'Never'],
      ['spec.containers[0].livenessProbe.periodSeconds', 3],
      ['spec.containers[0].livenessProbe.failureThreshold', 7],
      ['spec.containers[0].livenessProbe.timeoutSeconds', 1],
      ['spec.volumes[0].secret.defaultMode', 256],
    ]);
  });

  test('zero values of non-pointer fields are unset, as the Go defaulters see them', () => {
    const p = stored(`apiVersion: v1
kind: Pod
metadata: {name: p, labels: {}}
spec:
  restartPolicy: ""
  hostNetwork: false
  securityContext: null
  nodeSelector: {}
  containers:
  - name: c
    image: nginx:1
    args: []
    livenessProbe: {exec: {command: [x]}, timeoutSeconds: 0, periodSeconds: 0}
    env: [{name: A, valueFrom: {fieldRef: {fieldPath: spec.nodeName, apiVersion: ""}}}]
`).stored;
    expectValues(p, [
      ['spec.restartPolicy', 'Always'],
      ['spec.securityContext', {}],
      ['spec.containers[0].livenessProbe.timeoutSeconds', 1],
      ['spec.containers[0].livenessProbe.periodSeconds', 10],
      ['spec.containers[0].env[0].valueFrom.fieldRef.apiVersion', 'v1'],
    ]);
    for (const gone of ['metadata.labels', 'spec.hostNetwork', 'spec.nodeSelector', 'spec.containers[0].args']) assert.equal(has(p, gone), false, gone);
  });
});

describe('imagePullPolicy follows the tag as ParseImageName reads it', () => {
  for (const [image, policy] of [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['docker.io/library/nginx', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.example.com:5000/team/app', 'Always'],
    ['registry.example.com:5000/team/app:v2', 'IfNotPresent'],
    ['localhost/app', 'Always'],
    ['[::1]:5000/app:latest', 'Always'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`nginx:latest@sha256:${'b'.repeat(64)}`, 'Always'],
    [`nginx@sha256:${'a'.repeat(63)}`, 'IfNotPresent'],
    ['NGINX', 'IfNotPresent'],
    ['nginx:', 'IfNotPresent'],
    ['', 'IfNotPresent'],
    [`${'a'.repeat(300)}`, 'IfNotPresent'],
    ['a'.repeat(64).replace(/a/g, 'f'), 'IfNotPresent'],
  ] as const) {
    test(`${image.slice(0, 60) || '(empty)'} → ${policy}`, () => {
      const p = stored(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: ${JSON.stringify(image)}}]\n`).stored;
      assert.equal(get(p, 'spec.containers[0].imagePullPolicy'), policy);
    });
  }

  test('tags and invalid references', () => {
    assert.equal(imageTag('gcr.io/proj/img:v1.2.3-rc_1'), 'v1.2.3-rc_1');
    assert.equal(imageTag('img:Latest'), 'Latest');
    assert.equal(imageTag('Foo.com/img'), 'latest');
    assert.equal(imageTag('foo_bar/img'), 'latest');
    assert.equal(imageTag('a__b/c---d/e.f'), 'latest');
    assert.equal(imageTag('a___b'), '');
    assert.equal(imageTag('-a'), '');
    assert.equal(imageTag('host:port/img'), '');
    assert.equal(imageTag(`img:${'t'.repeat(129)}`), '');
  });
});

describe('workload defaults (apps/v1, batch/v1, core/v1)', () => {
  const template = `  template:
    metadata: {labels: {app: w}}
    spec:
      containers: [{name: c, image: "nginx:1.27"}]`;

  test('Deployment', () => {
    const d = stored(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  selector: {matchLabels: {app: w}}\n${template}\n`).stored;
    expectValues(d, [
      ['spec.replicas', 1],
      ['spec.strategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }],
      ['spec.revisionHistoryLimit', 10],
      ['spec.progressDeadlineSeconds', 600],
      ['spec.template.spec.restartPolicy', 'Always'],
      ['spec.template.spec.containers[0].imagePullPolicy', 'IfNotPresent'],
      ['status', {}],
    ]);
    const recreate = stored(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  strategy: {type: Recreate}\n  replicas: 0\n${template}\n`).stored;
    assert.deepEqual(json(get(recreate, 'spec.strategy')), { type: 'Recreate' });
    assert.equal(get(recreate, 'spec.replicas'), 0);
  });

  test('StatefulSet, its PVC templates and the retention policy', () => {
    const s = stored(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: w}
spec:
  serviceName: w
  selector: {matchLabels: {app: w}}
${template}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`).stored;
    expectValues(s, [
      ['spec.podManagementPolicy', 'OrderedReady'],
      ['spec.updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }],
      ['spec.persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' }],
      ['spec.replicas', 1],
      ['spec.revisionHistoryLimit', 10],
      ['spec.volumeClaimTemplates[0].apiVersion', 'v1'],
      ['spec.volumeClaimTemplates[0].kind', 'PersistentVolumeClaim'],
      ['spec.volumeClaimTemplates[0].spec.volumeMode', 'Filesystem'],
      ['spec.volumeClaimTemplates[0].status', { phase: 'Pending' }],
      ['status', { replicas: 0, availableReplicas: 0 }],
    ]);
    const onDelete = stored(`apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: w}\nspec:\n  updateStrategy: {type: OnDelete}\n${template}\n`).stored;
    assert.deepEqual(json(get(onDelete, 'spec.updateStrategy')), { type: 'OnDelete' });
    // A type given without rollingUpdate gets no partition (RollingUpdate is only created with the type).
    const typed = stored(`apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: w}\nspec:\n  updateStrategy: {type: RollingUpdate}\n${template}\n`).stored;
    assert.deepEqual(json(get(typed, 'spec.updateStrategy')), { type: 'RollingUpdate' });
  });

  test('DaemonSet, with its template generation annotation', () => {
    const d = stored(`apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: w}\nspec:\n  selector: {matchLabels: {app: w}}\n${template}\n`).stored;
    expectValues(d, [
      ['spec.updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }],
      ['spec.revisionHistoryLimit', 10],
      ['metadata.annotations[deprecated.daemonset.template.generation]', '1'],
      ['status', { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }],
    ]);
    const kept = stored(`apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: w, annotations: {deprecated.daemonset.template.generation: "+007"}}\nspec:\n${template}\n`).stored;
    assert.equal(get(kept, 'metadata.annotations[deprecated.daemonset.template.generation]'), '7');
    const bad = stored(`apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: w, annotations: {deprecated.daemonset.template.generation: one}}\nspec:\n${template}\n`);
    assert.deepEqual(bad.dropped.map((f) => [f.rule, f.errorType, f.message]), [['create-conversion-error', 'Invalid', 'strconv.ParseInt: parsing "one": invalid syntax']]);
  });

  test('ReplicaSet and ReplicationController', () => {
    const rs = stored(`apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: w}\nspec:\n  selector: {matchLabels: {app: w}}\n${template}\n`).stored;
    expectValues(rs, [
      ['spec.replicas', 1],
      ['status', { replicas: 0 }],
    ]);
    const rc = stored(`apiVersion: v1\nkind: ReplicationController\nmetadata: {name: w}\nspec:\n${template}\n`).stored;
    expectValues(rc, [
      ['spec.replicas', 1],
      ['spec.selector', { app: 'w' }],
      ['metadata.labels', { app: 'w' }],
      ['spec.template.spec.dnsPolicy', 'ClusterFirst'],
      ['status', { replicas: 0 }],
    ]);
    const own = stored(`apiVersion: v1\nkind: ReplicationController\nmetadata: {name: w, labels: {tier: x}}\nspec:\n  selector: {app: w, v: "1"}\n${template}\n`).stored;
    assert.deepEqual(json(get(own, 'metadata.labels')), { tier: 'x' });
    assert.deepEqual(json(get(own, 'spec.selector')), { app: 'w', v: '1' });
    const noTemplate = stored(`apiVersion: v1\nkind: ReplicationController\nmetadata: {name: w}\nspec: {}\n`).stored;
    assert.equal(has(noTemplate, 'spec.template'), false, 'the template is a pointer: not created');
  });

  test('Job', () => {
    const j = stored(`apiVersion: batch/v1\nkind: Job\nmetadata: {name: w}\nspec:\n${template.replace('spec:\n      containers', 'spec:\n      restartPolicy: Never\n      containers')}\n`).stored;
    expectValues(j, [
      ['spec.completions', 1],
      ['spec.parallelism', 1],
      ['spec.backoffLimit', 6],
      ['spec.completionMode', 'NonIndexed'],
      ['spec.suspend', false],
      ['spec.podReplacementPolicy', 'TerminatingOrFailed'],
      ['spec.manualSelector', false],
      ['metadata.labels', { app: 'w' }],
      ['spec.template.spec.restartPolicy', 'Never'],
      ['status', {}],
    ]);
    const parallel = stored(`apiVersion: batch/v1
kind: Job
metadata: {name: w}
spec:
  parallelism: 3
  backoffLimitPerIndex: 1
  completionMode: Indexed
  podFailurePolicy:
    rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}, {type: Ready, status: "False"}]}]
  template: {spec: {restartPolicy: Never, containers: [{name: c, image: "x:1"}]}}
`).stored;
    expectValues(parallel, [
      ['spec.completions', undefined],
      ['spec.parallelism', 3],
      ['spec.backoffLimit', 2147483647],
      ['spec.podReplacementPolicy', 'Failed'],
      ['spec.podFailurePolicy.rules[0].onPodConditions[0].status', 'True'],
      ['spec.podFailurePolicy.rules[0].onPodConditions[1].status', 'False'],
    ]);
  });

  test('CronJob: its own defaults, not a Job\'s, on the job template', () => {
    const c = stored(`apiVersion: batch/v1
kind: CronJob
metadata: {name: w}
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      podFailurePolicy: {rules: [{action: FailJob, onPodConditions: [{type: X}]}]}
      template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: "x:1"}]}}
`).stored;
    expectValues(c, [
      ['spec.concurrencyPolicy', 'Allow'],
      ['spec.suspend', false],
      ['spec.successfulJobsHistoryLimit', 3],
      ['spec.failedJobsHistoryLimit', 1],
      ['spec.jobTemplate.spec.podFailurePolicy.rules[0].onPodConditions[0].status', 'True'],
      ['spec.jobTemplate.spec.template.spec.dnsPolicy', 'ClusterFirst'],
      ['spec.jobTemplate.spec.template.spec.containers[0].terminationMessagePolicy', 'File'],
      ['spec.jobTemplate.spec.completions', undefined],
      ['spec.jobTemplate.spec.backoffLimit', undefined],
      ['spec.jobTemplate.metadata', {}],
      ['status', {}],
    ]);
  });

  test('PodTemplate', () => {
    const t = stored(`apiVersion: v1\nkind: PodTemplate\nmetadata: {name: w}\ntemplate:\n  spec:\n    containers: [{name: c, image: "x:1", resources: {limits: {cpu: 1}}}]\n`).stored;
    expectValues(t, [
      ['template.spec.schedulerName', 'default-scheduler'],
      ['template.spec.containers[0].resources', { limits: { cpu: '1' } }],
      ['metadata.generation', 1],
    ]);
    assert.equal(has(t, 'status'), false);
  });
});

describe('Node', () => {
  test('allocatable defaults to capacity; status is kept on create', () => {
    const n = stored(`apiVersion: v1
kind: Node
metadata: {name: n1}
spec: {podCIDR: 10.0.0.0/24, taints: [{key: k, effect: NoSchedule}]}
status:
  capacity: {cpu: "4", memory: 16384Mi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
`).stored;
    expectValues(n, [
      ['status.allocatable', { cpu: '4', memory: '16Gi', pods: '110' }],
      ['status.capacity[memory]', '16Gi'],
      ['status.conditions[0]', { type: 'Ready', status: 'True', lastHeartbeatTime: null, lastTransitionTime: null }],
      ['status.daemonEndpoints', { kubeletEndpoint: { Port: 0 } }],
      ['status.nodeInfo.kubeletVersion', ''],
      ['spec.podCIDRs', ['10.0.0.0/24']],
      ['metadata.generation', undefined],
      ['metadata.namespace', undefined],
    ]);
    const own = stored(`apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {capacity: {cpu: "4"}, allocatable: {cpu: 3500m}}\n`).stored;
    assert.deepEqual(json(get(own, 'status.allocatable')), { cpu: '3500m' });
  });
});

describe('quantities are stored in canonical form', () => {
  // Cases from upstream's TestQuantityString / TestQuantityParseEmit (apimachinery 0.35).
  for (const [input, want] of [
    ['1024Mi', '1Gi'],
    ['307200Ki', '300Mi'],
    ['1025024Mi', '1001Gi'],
    ['5000m', '5'],
    ['0.5', '500m'],
    ['1000M', '1G'],
    ['0.001T', '1G'],
    ['1.08', '1080m'],
    ['1080000000n', '1080m'],
    ['.001e12', '1e9'],
    ['0.001e0', '1e-3'],
    ['00', '0'],
    ['.001Ki', '1024m'],
    ['.000000000001Ki', '2n'],
    ['-1024Mi', '-1Gi'],
    ['9Ei', '9223372036854775807'],
    ['1.5Gi', '1536Mi'],
    ['12e2', '1200'],
    // Already canonical, or kept as written by ParseQuantity's fast path.
    ['1Gi', '1Gi'],
    ['1025', '1025'],
    ['80e-3', '80e-3'],
    ['1080u', '1080u'],
    ['+1', '+1'],
    ['007', '007'],
    // No DecimalSI suffix past E in 1.35: the magnitude is lost (fixed upstream later).
    ['1000E', '1'],
  ] as const) {
    test(`${input} → ${want}`, () => assert.equal(storedQuantity(input, false), want));
  }

  test('ResourceLists are rounded up to milli precision', () => {
    for (const [input, want] of [
      ['0.0001', '1m'],
      ['1500u', '2m'],
      ['1.0001', '1001m'],
      ['1n', '1m'],
      ['100m', '100m'],
      ['9.01', '9010m'],
    ]) assert.equal(storedQuantity(input, true), want, input);
  });

  test('JSON numbers become quantity strings; malformed quantities are left as written', () => {
    assert.equal(storedQuantity(0.5, false), '500m');
    assert.equal(storedQuantity(2, false), '2');
    assert.equal(storedQuantity(1000, false), '1k');
    assert.equal(storedQuantity(1e9, false), '1G');
    assert.equal(storedQuantity('1 Gi', false), undefined);
    const p = stored(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: x:1
    resources: {requests: {cpu: 0.25, memory: 1e9, ephemeral-storage: 2Gb}}
  volumes: [{name: v, emptyDir: {sizeLimit: 0.5Gi}}]
`).stored;
    expectValues(p, [
      ['spec.containers[0].resources.requests', { cpu: '250m', memory: '1G', 'ephemeral-storage': '2Gb' }],
      ['spec.volumes[0].emptyDir.sizeLimit', '512Mi'],
    ]);
  });
});

describe('PrepareForCreate', () => {
  test('a Pod starts Pending with its QoS class, generation 1, in the default namespace', () => {
    const r = stored(`apiVersion: v1\nkind: Pod\nmetadata: {name: p, generation: 7}\nspec: {containers: [{name: c, image: "x:1"}]}\nstatus: {phase: Running, podIP: 10.0.0.9}\n`);
    expectValues(r.stored, [
      ['status', { phase: 'Pending', qosClass: 'BestEffort' }],
      ['metadata.generation', 1],
      ['metadata.namespace', 'default'],
    ]);
    assert.deepEqual(rules(r.dropped), ['create-ignored-field status']);
    assert.equal(r.dropped[0].severity, 'information');
    const other = storedObject(plain(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: "x:1"}]}\n`), { namespace: 'team-a' });
    assert.equal(get(other.stored, 'metadata.namespace'), 'team-a');
  });

  for (const [name, resources, qos] of [
    ['limits only (copied to requests)', 'containers: [{name: c, image: "x:1", resources: {limits: {cpu: 1, memory: 1Gi}}}]', 'Guaranteed'],
    ['requests equal limits', 'containers: [{name: c, image: "x:1", resources: {requests: {cpu: 1, memory: 1Gi}, limits: {cpu: 1000m, memory: 1024Mi}}}]', 'Guaranteed'],
    ['requests only', 'containers: [{name: c, image: "x:1", resources: {requests: {cpu: 1}}}]', 'Burstable'],
    ['limits without memory', 'containers: [{name: c, image: "x:1", resources: {limits: {cpu: 1}}}]', 'Burstable'],
    ['an init container without limits', 'initContainers: [{name: i, image: "x:1", resources: {requests: {cpu: 1}}}]\n  containers: [{name: c, image: "x:1", resources: {limits: {cpu: 1, memory: 1Gi}}}]', 'Burstable'],
    ['only extended resources', 'containers: [{name: c, image: "x:1", resources: {limits: {example.com/gpu: 1}}}]', 'BestEffort'],
    ['zero requests', 'containers: [{name: c, image: "x:1", resources: {requests: {cpu: 0}}}]', 'BestEffort'],
    ['pod-level resources decide', 'resources: {limits: {cpu: 1, memory: 1Gi}}\n  containers: [{name: c, image: "x:1", resources: {requests: {cpu: 100m}}}]', 'Burstable'],
    ['pod-level resources: {} hides the containers\'', 'resources: {}\n  containers: [{name: c, image: "x:1", resources: {limits: {cpu: 1, memory: 1Gi}}}]', 'BestEffort'],
  ] as const) {
    test(`QoS: ${name} → ${qos}`, () => {
      const p = stored(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  ${resources}\n`).stored;
      assert.equal(get(p, 'status.qosClass'), qos);
    });
  }

  test('PodLevelResources: pod requests default from the containers, hugepage limits from theirs', () => {
    const p = stored(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources:
    limits: {cpu: "2", memory: 2Gi}
  initContainers:
  - {name: side, image: "x:1", restartPolicy: Always, resources: {requests: {cpu: 250m}}}
  - {name: init, image: "x:1", resources: {requests: {cpu: "1"}, limits: {hugepages-2Mi: 4Mi}}}
  containers:
  - {name: a, image: "x:1", resources: {requests: {cpu: 500m, memory: 256Mi}, limits: {hugepages-2Mi: 2Mi}}}
  - {name: b, image: "x:1", resources: {requests: {cpu: 500m, memory: 256Mi}}}
`).stored;
    // cpu: max(500m + 500m + 250m sidecar, 1 + 250m init) = 1250m; memory from the containers.
    expectValues(p, [
      // hugepages are never overcommitted: the request comes from the (defaulted) pod limit.
      ['spec.resources.requests', { cpu: '1250m', memory: '512Mi', 'hugepages-2Mi': '4Mi' }],
      ['spec.resources.limits', { cpu: '2', memory: '2Gi', 'hugepages-2Mi': '4Mi' }],
      ['status.qosClass', 'Burstable'],
    ]);
    const limitsOnly = stored(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  resources: {limits: {cpu: "2", memory: 2Gi}}\n  containers: [{name: a, image: "x:1"}]\n`).stored;
    expectValues(limitsOnly, [
      ['spec.resources.requests', { cpu: '2', memory: '2Gi' }],
      ['status.qosClass', 'Guaranteed'],
    ]);
  });

  test('workloads: status cleared, generation 1, placeholders never invented', () => {
    const r = stored(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  uid: 9f3c2d8e-1111-2222-3333-444455556666
  creationTimestamp: "2024-01-01T00:00:00Z"
  deletionTimestamp: "2024-01-02T00:00:00Z"
  deletionGracePeriodSeconds: 30
  selfLink: /apis/apps/v1/namespaces/default/deployments/d
  resourceVersion: "abc"
spec:
  template: {spec: {containers: [{name: c, image: "x:1"}]}}
status: {replicas: 3, readyReplicas: 3}
`);
    expectValues(r.stored, [
      ['status', {}],
      ['metadata.generation', 1],
    ]);
    for (const gone of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink', 'resourceVersion']) {
      assert.equal(has(r.stored, `metadata.${gone}`), false, gone);
      assert.ok(r.dropped.some((f) => f.field === `metadata.${gone}` && f.severity === 'information'), gone);
    }
    assert.ok(r.dropped.some((f) => f.field === 'status'));
    assert.deepEqual(r.serverAssigned, []);
  });

  test('a numeric resourceVersion is rejected', () => {
    const r = stored(`apiVersion: v1\nkind: Pod\nmetadata: {name: p, resourceVersion: "4821"}\nspec: {containers: [{name: c, image: "x:1"}]}\n`);
    const f = r.dropped.find((x) => x.rule === 'create-resource-version');
    assert.equal(f?.message, 'resourceVersion should not be set on objects to be created');
    assert.equal(f?.severity, 'error');
  });

  test('generateName: a name with a placeholder suffix', () => {
    const r = stored(`apiVersion: v1\nkind: Pod\nmetadata: {generateName: ${'w'.repeat(70)}}\nspec: {containers: [{name: c, image: "x:1"}]}\n`);
    assert.equal(get(r.stored, 'metadata.name'), `${'w'.repeat(58)}xxxxx`);
    assert.deepEqual(r.serverAssigned, ['metadata.name']);
  });

  test('cluster-scoped Node: its namespace is cleared', () => {
    const r = stored(`apiVersion: v1\nkind: Node\nmetadata: {name: n, namespace: default}\n`);
    assert.equal(has(r.stored, 'metadata.namespace'), false);
    assert.deepEqual(rules(r.dropped), ['create-ignored-field metadata.namespace']);
  });

  test('duplicate owner references are dropped, with the API server\'s warning', () => {
    const r = stored(`apiVersion: v1
kind: Pod
metadata:
  name: p
  ownerReferences:
  - {apiVersion: apps/v1, kind: ReplicaSet, name: a, uid: u-1}
  - {apiVersion: apps/v1, kind: ReplicaSet, name: b, uid: u-1}
  - {apiVersion: apps/v1, kind: ReplicaSet, name: a, uid: u-1}
spec: {containers: [{name: c, image: "x:1"}]}
`);
    assert.deepEqual(json(get(r.stored, 'metadata.ownerReferences')), [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: 'u-1' },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: 'u-1' },
    ]);
    const f = r.dropped.find((x) => x.rule === 'duplicate-owner-reference');
    assert.match(f?.message ?? '', /^\.metadata\.ownerReferences contains duplicate entries; .*duplicate UID\(s\) observed: u-1$/);
  });

  test('Job: generated selector and labels, with the uid as a marked placeholder', () => {
    const r = stored(`apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template: {spec: {restartPolicy: Never, containers: [{name: c, image: "perl:5"}]}}\n`);
    expectValues(r.stored, [
      ['spec.selector', { matchLabels: { 'batch.kubernetes.io/controller-uid': PLACEHOLDER_UID } }],
      [
        'spec.template.metadata.labels',
        { 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': PLACEHOLDER_UID, 'batch.kubernetes.io/controller-uid': PLACEHOLDER_UID },
      ],
    ]);
    assert.deepEqual(r.serverAssigned.sort(), [
      'spec.selector.matchLabels[batch.kubernetes.io/controller-uid]',
      'spec.template.metadata.labels[batch.kubernetes.io/controller-uid]',
      'spec.template.metadata.labels[controller-uid]',
    ]);
    const manual = stored(`apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  manualSelector: true\n  selector: {matchLabels: {app: pi}}\n  template: {metadata: {labels: {app: pi}}, spec: {restartPolicy: Never, containers: [{name: c, image: "perl:5"}]}}\n`);
    assert.deepEqual(json(get(manual.stored, 'spec.template.metadata.labels')), { app: 'pi' });
    assert.deepEqual(manual.serverAssigned, []);
  });

  test('a gated Pod starts with PodScheduled=False (SchedulingGated)', () => {
    const r = stored(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  schedulingGates: [{name: example.com/quota}]\n  containers: [{name: c, image: "x:1"}]\n`);
    expectValues(r.stored, [
      [
        'status.conditions',
        [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: null }],
      ],
    ]);
    assert.deepEqual(r.serverAssigned, ['status.conditions[0].lastTransitionTime']);
  });

  test('matchLabelKeys and mismatchLabelKeys merge into the selectors of a Pod, not of a template', () => {
    const spec = `
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector: {matchLabels: {app: w}}
        matchLabelKeys: [version, missing]
        mismatchLabelKeys: [tenant]
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        podAffinityTerm: {topologyKey: zone, matchLabelKeys: [version]}
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: w}}, matchLabelKeys: [version]}
  containers: [{name: c, image: "x:1"}]`;
    const labels = '{app: w, version: v2, tenant: t1}';
    const pod = stored(`apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: ${labels}}\nspec:${spec}\n`).stored;
    expectValues(pod, [
      [
        'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions',
        [
          { key: 'version', operator: 'In', values: ['v2'] },
          { key: 'tenant', operator: 'NotIn', values: ['t1'] },
        ],
      ],
      // No labelSelector: nothing to merge into.
      ['spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector', undefined],
      ['spec.topologySpreadConstraints[0].labelSelector.matchExpressions', [{ key: 'version', operator: 'In', values: ['v2'] }]],
    ]);
    const dep = stored(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: ${labels}}\n    spec:${spec.replace(/\n/g, '\n    ')}\n`).stored;
    assert.equal(has(dep, 'spec.template.spec.topologySpreadConstraints[0].labelSelector.matchExpressions'), false);
  });

  test('the deprecated AppArmor annotation becomes the container field, with the API server\'s warning', () => {
    const r = stored(`apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    container.apparmor.security.beta.kubernetes.io/a: localhost/k8s-apparmor
    container.apparmor.security.beta.kubernetes.io/b: runtime/default
    container.apparmor.security.beta.kubernetes.io/c: bogus
    container.apparmor.security.beta.kubernetes.io/d: unconfined
spec:
  securityContext: {appArmorProfile: {type: RuntimeDefault}}
  containers:
  - {name: a, image: "x:1"}
  - {name: b, image: "x:1"}
  - {name: c, image: "x:1"}
  - {name: d, image: "x:1", securityContext: {appArmorProfile: {type: Unconfined}}}
`);
    expectValues(r.stored, [
      ['spec.containers[0].securityContext.appArmorProfile', { type: 'Localhost', localhostProfile: 'k8s-apparmor' }],
      ['spec.containers[1].securityContext', undefined], // same as the Pod's profile: not copied, no warning
      ['spec.containers[2].securityContext', undefined],
    ]);
    assert.deepEqual(rules(r.dropped), [
      'deprecated-apparmor-annotation metadata.annotations[container.apparmor.security.beta.kubernetes.io/a]',
      'deprecated-apparmor-annotation metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]',
    ]);
    assert.equal(r.dropped[0].message, 'metadata.annotations[container.apparmor.security.beta.kubernetes.io/a]: deprecated since v1.30; use the "appArmorProfile" field instead');
  });

  test('conversion: serviceAccount aliases, init-container annotations, negative grace period', () => {
    const r = stored(`apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {pod.beta.kubernetes.io/init-containers: "[]", keep: "yes"}
spec:
  serviceAccount: builder
  terminationGracePeriodSeconds: -5
  containers: [{name: c, image: "x:1"}]
`);
    expectValues(r.stored, [
      ['spec.serviceAccountName', 'builder'],
      ['spec.serviceAccount', 'builder'],
      ['spec.terminationGracePeriodSeconds', 1],
      ['metadata.annotations', { keep: 'yes' }],
    ]);
    assert.deepEqual(rules(r.dropped), ['create-ignored-field metadata.annotations[pod.beta.kubernetes.io/init-containers]']);
    const both = stored(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec: {serviceAccount: old, serviceAccountName: new, terminationGracePeriodSeconds: -5, containers: [{name: c, image: "x:1"}]}\n`).stored;
    expectValues(both, [
      ['spec.template.spec.serviceAccountName', 'new'],
      ['spec.template.spec.serviceAccount', 'new'],
      ['spec.template.spec.terminationGracePeriodSeconds', -5],
    ]);
  });

  test('Deployment rollback annotation is parsed as an integer', () => {
    const ok = stored(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, annotations: {deprecated.deployment.rollback.to: "003"}}\nspec: {template: {spec: {containers: [{name: c, image: "x:1"}]}}}\n`);
    assert.equal(get(ok.stored, 'metadata.annotations[deprecated.deployment.rollback.to]'), '3');
    const bad = stored(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, annotations: {deprecated.deployment.rollback.to: "1.5"}}\nspec: {template: {spec: {containers: [{name: c, image: "x:1"}]}}}\n`);
    assert.equal(
      bad.dropped.find((f) => f.rule === 'create-conversion-error')?.message,
      'failed to parse annotation[deprecated.deployment.rollback.to]=1.5 as int64: strconv.ParseInt: parsing "1.5": invalid syntax',
    );
  });

  test('the steps compose: mutating admission can run between decodeAndDefault and prepareForCreate', () => {
    const d = decodeAndDefault(plain(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: "x:1"}]}\n`));
    assert.equal(d.kind, 'Pod');
    assert.equal(has(d.object, 'status'), false, 'no status before PrepareForCreate');
    // What LimitRanger would do: the QoS class is computed after it.
    const container = get(d.object, 'spec.containers[0]') as PlainObject;
    container.resources = { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } } as unknown as Plain;
    const r = prepareForCreate(d.object);
    assert.equal(get(r.stored, 'status.qosClass'), 'Guaranteed');
  });
});

describe('fields of feature gates off by default in 1.35 are dropped with a warning', () => {
  const drops = `
    initContainers:
    - {name: i, image: "x:1", lifecycle: {stopSignal: SIGTERM}}
    containers:
    - {name: c, image: "x:1", lifecycle: {stopSignal: SIGUSR1, preStop: {exec: {command: [x]}}}}
    ephemeralContainers:
    - {name: e, image: "x:1", lifecycle: {stopSignal: SIGINT}}
    workloadRef: {name: w, podGroup: g}
    volumes:
    - name: p
      projected:
        sources:
        - clusterTrustBundle: {path: ca.pem, signerName: example.com/s}
        - podCertificate: {signerName: example.com/s, keyType: ED25519}
        - configMap: {name: c}`;
  const gates: Array<[string, string]> = [
    ['initContainers[0].lifecycle.stopSignal', 'ContainerStopSignals'],
    ['containers[0].lifecycle.stopSignal', 'ContainerStopSignals'],
    ['ephemeralContainers[0].lifecycle.stopSignal', 'ContainerStopSignals'],
    ['volumes[0].projected.sources[0].clusterTrustBundle', 'ClusterTrustBundleProjection'],
    ['volumes[0].projected.sources[1].podCertificate', 'PodCertificateRequest'],
    ['workloadRef', 'GenericWorkload'],
  ];

  for (const [kind, head, specPath] of [
    ['Pod', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:', 'spec'],
    ['Deployment', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n   spec:', 'spec.template.spec'],
    ['StatefulSet', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec:\n  template:\n   spec:', 'spec.template.spec'],
    ['DaemonSet', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec:\n  template:\n   spec:', 'spec.template.spec'],
    ['ReplicaSet', 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: x}\nspec:\n  template:\n   spec:', 'spec.template.spec'],
    ['ReplicationController', 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: x}\nspec:\n  template:\n   spec:', 'spec.template.spec'],
    ['Job', 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  template:\n   spec:', 'spec.template.spec'],
    ['CronJob', 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\nspec:\n  jobTemplate:\n   spec:\n    template:\n     spec:', 'spec.jobTemplate.spec.template.spec'],
    ['PodTemplate', 'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: x}\ntemplate:\n  spec:', 'template.spec'],
  ] as const) {
    test(kind, () => {
      const indent = ' '.repeat(head.split('\n').at(-1)!.search(/\S/) + 1);
      const r = stored(`${head}${drops.replace(/\n {4}/g, `\n${indent}`)}\n`);
      const warnings = r.dropped.filter((f) => f.rule === 'create-dropped-field');
      assert.deepEqual(
        warnings.map((f) => [f.field, f.severity, f.message]),
        gates.map(([p, gate]) => [`${specPath}.${p}`, 'warning', `the API server drops ${specPath}.${p}: feature gate ${gate} is off by default in 1.35`]),
      );
      const spec = get(r.stored, specPath);
      assert.equal(has(spec, 'initContainers[0].lifecycle'), false, 'a lifecycle left empty is dropped');
      assert.deepEqual(json(get(spec, 'containers[0].lifecycle')), { preStop: { exec: { command: ['x'] } } });
      assert.equal(has(spec, 'workloadRef'), false);
      assert.deepEqual(json(get(spec, 'volumes[0].projected.sources')), [{}, {}, { configMap: { name: 'c' } }]);
    });
  }

  test('StatefulSet rollingUpdate.maxUnavailable (MaxUnavailableStatefulSet)', () => {
    const r = stored(`apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  updateStrategy: {rollingUpdate: {maxUnavailable: 2, partition: 1}}\n  template: {spec: {containers: [{name: c, image: "x:1"}]}}\n`);
    assert.deepEqual(json(get(r.stored, 'spec.updateStrategy')), { type: 'RollingUpdate', rollingUpdate: { partition: 1 } });
    assert.deepEqual(
      r.dropped.map((f) => f.message),
      ['the API server drops spec.updateStrategy.rollingUpdate.maxUnavailable: feature gate MaxUnavailableStatefulSet is off by default in 1.35'],
    );
  });

  test('Node status.declaredFeatures, spec.configSource and status.config', () => {
    const r = stored(`apiVersion: v1
kind: Node
metadata: {name: n}
spec: {configSource: {configMap: {name: k, namespace: kube-system, kubeletConfigKey: kubelet}}}
status: {declaredFeatures: [Foo], config: {active: {}}}
`);
    assert.deepEqual(rules(r.dropped), ['create-dropped-field spec.configSource', 'create-dropped-field status.config', 'create-dropped-field status.declaredFeatures']);
    assert.equal(r.dropped[2].message, 'the API server drops status.declaredFeatures: feature gate NodeDeclaredFeatures is off by default in 1.35');
    for (const p of ['spec.configSource', 'status.config', 'status.declaredFeatures']) assert.equal(has(r.stored, p), false, p);
  });

  test('every rule id the create path reports is in the catalog', () => {
    for (const id of ['create-dropped-field', 'create-ignored-field', 'create-resource-version', 'create-conversion-error', 'duplicate-owner-reference', 'deprecated-apparmor-annotation']) {
      assert.ok(Object.prototype.hasOwnProperty.call(RULES, id), id);
    }
  });
});

// ── Whole-manifest properties ──────────────────────────────────────────────────────────

/** Every handled object of the examples, the shared fixtures and (where present) the corpus. */
function manifests(): Array<{ name: string; object: PlainObject }> {
  const out: Array<{ name: string; object: PlainObject }> = [];
  const add = (name: string, text: string) => {
    for (const [i, chunk] of splitDocuments(text).entries()) {
      const v = toPlain(parseDocumentChunk(chunk.text, i).root);
      if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
      const items = v.kind === 'List' && Array.isArray(v.items) ? v.items : [v];
      items.forEach((item, j) => {
        if (item && typeof item === 'object' && !Array.isArray(item) && decodeAndDefault(item).kind) out.push({ name: `${name}#${i}.${j}`, object: item });
      });
    }
  };
  for (const [name, text] of Object.entries(SAMPLES)) add(name, text);
  const examples = join(ROOT, 'examples');
  for (const f of readdirSync(examples)) if (f.endsWith('.yaml')) add(f, readFileSync(join(examples, f), 'utf8'));
  for (const line of readFileSync(join(ROOT, 'test', 'fixtures', 'validation.jsonl'), 'utf8').split('\n')) {
    if (line.trim()) {
      const c = JSON.parse(line) as { id: string; yaml: string };
      add(c.id, c.yaml);
    }
  }
  const corpus = join(ROOT, '..', 'shared', 'corpus');
  if (existsSync(corpus)) for (const f of readdirSync(corpus)) if (/\.ya?ml$/.test(f)) add(f, readFileSync(join(corpus, f), 'utf8'));
  return out;
}

/**
 * Creating a stored object again changes it, upstream too: a Pod's matchLabelKeys merge into
 * its selectors once more, and a Job without labels takes its template's, which now include
 * the generated job-name and controller-uid labels.
 */
function notIdempotentUpstream(o: PlainObject): boolean {
  if (o.kind === 'Pod') return /"(matchLabelKeys|mismatchLabelKeys)"/.test(JSON.stringify(o));
  return o.kind === 'Job' && !has(o, 'metadata.labels');
}

describe('whole manifests', () => {
  const all = manifests();

  test('there are manifests of every kind to check', () => {
    const kinds = new Set(all.map((m) => m.object.kind));
    for (const [, k] of KINDS) assert.ok(kinds.has(k), k);
    assert.ok(all.length > 150, `${all.length} manifests`);
  });

  test('idempotence: creating the stored object again stores the same object, and defaulting it changes nothing', () => {
    for (const { name, object } of all) {
      const first = storedObject(object).stored;
      if (notIdempotentUpstream(first)) continue;
      const again = storedObject(first);
      assert.deepEqual(json(again.stored), json(first), name);
      const defaults = decodeAndDefault(first).changes.filter((c) => c.by === 'default' || c.by === 'canonical');
      assert.deepEqual(defaults, [], name);
    }
  });

  test('the input is never modified', () => {
    for (const { name, object } of all) {
      const before = JSON.stringify(object);
      deepFreeze(object);
      const r = storedObject(object);
      renderStoredYaml(r.stored, { serverAssigned: r.serverAssigned });
      assert.equal(JSON.stringify(object), before, name);
    }
  });

  test('the YAML reads back (as the API server reads YAML) to the stored object', () => {
    for (const { name, object } of all) {
      const r = storedObject(object);
      const text = renderStoredYaml(r.stored, { serverAssigned: r.serverAssigned });
      assert.deepEqual(json(plain(text)), json(r.stored), name);
    }
  });
});

function deepFreeze(v: Plain): void {
  const stack: Plain[] = [v];
  while (stack.length) {
    const x = stack.pop()!;
    if (x === null || typeof x !== 'object' || Object.isFrozen(x)) continue;
    Object.freeze(x);
    for (const c of Array.isArray(x) ? x : Object.values(x)) if (c !== undefined) stack.push(c);
  }
}

describe('the "Preview as stored" YAML', () => {
  test('kubectl\'s order and quoting', () => {
    const r = stored(`apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {a10: x, a9: x, a: x, B: x, _x: x, "1": x, b: x}
  annotations: {num: "1", t: "true", word: "yes", o: "0644", s: "1:20", e: "", m: "line 1\\nline 2\\n", plain: hello world, "y": x}
spec:
  containers: [{name: c, image: "x:1", args: [a, b]}]
`);
    const text = renderStoredYaml(r.stored, { serverAssigned: r.serverAssigned });
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 3), ['apiVersion: v1', 'kind: Pod', 'metadata:']);
    assert.match(lines[3], /^ {2}# creationTimestamp, resourceVersion, uid: set by the API server/);
    const top = lines.filter((l) => /^[a-z]/.test(l)).map((l) => l.split(':')[0]);
    assert.deepEqual(top, ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const labelKeys = text.slice(text.indexOf('  labels:')).split('\n').slice(1, 8).map((l) => l.trim().split(':')[0]);
    assert.deepEqual(labelKeys, ['_x', '"1"', 'B', 'a', 'a9', 'a10', 'b']);
    for (const want of ['    num: "1"', '    t: "true"', '    word: "yes"', '    "y": x', '    o: "0644"', '    s: "1:20"', '    e: ""', '    plain: hello world', '    m: |', '      line 1']) {
      assert.ok(lines.includes(want), `${want}\n${text}`);
    }
    assert.ok(lines.includes('  containers:') && lines.includes('  - args:') && lines.includes('    - a'), 'lists at their parent\'s column');
  });

  test('go-yaml key order: digit runs by value, other characters before letters', () => {
    // A non-letter meets a digit run as the number 0; letters compare by code point.
    assert.deepEqual(goYamlSortKeys(['b', 'a10', 'a2', 'a', 'A', '_', '-x', 'a02', 'a1b', 'a1a', '10', '9']), ['-x', '_', '9', '10', 'A', 'a', 'a1a', 'a1b', 'a2', 'a02', 'a10', 'b']);
  });

  test('placeholders are marked where they stand', () => {
    const r = stored(`apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: pi-}\nspec:\n  template: {spec: {restartPolicy: Never, containers: [{name: c, image: "perl:5"}]}}\n`);
    const text = renderStoredYaml(r.stored, { serverAssigned: r.serverAssigned });
    const marked = text.split('\n').filter((l) => l.includes('# placeholder'));
    assert.equal(marked.length, 6, text);
    assert.ok(marked.some((l) => l.trim().startsWith('name: pi-xxxxx')));
  });
});

// ── Hostile and odd input ──────────────────────────────────────────────────────────────

const KINDS: Array<[string, string]> = [
  ['v1', 'Pod'],
  ['v1', 'Node'],
  ['v1', 'PodTemplate'],
  ['v1', 'ReplicationController'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
];

/** Keys the API uses, so random values land where the defaulters look. */
const API_KEYS = [
  'metadata', 'spec', 'status', 'template', 'jobTemplate', 'containers', 'initContainers', 'ephemeralContainers', 'volumes',
  'resources', 'limits', 'requests', 'cpu', 'memory', 'image', 'name', 'ports', 'containerPort', 'hostNetwork', 'env', 'valueFrom',
  'fieldRef', 'livenessProbe', 'httpGet', 'grpc', 'lifecycle', 'stopSignal', 'projected', 'sources', 'labels', 'annotations',
  'selector', 'matchLabels', 'updateStrategy', 'rollingUpdate', 'strategy', 'volumeClaimTemplates', 'podFailurePolicy', 'rules',
  'onPodConditions', 'capacity', 'allocatable', 'ownerReferences', 'uid', 'generateName', 'securityContext', 'restartPolicy',
  'schedulingGates', 'topologySpreadConstraints', 'labelSelector', 'affinity', 'serviceAccount', 'podCIDR', 'podCIDRs', '__proto__',
  'constructor', 'resourceVersion', 'namespace', 'secret', 'configMap', 'emptyDir', 'sizeLimit', 'deprecated.daemonset.template.generation',
];

const value: fc.Arbitrary<Plain> = fc.letrec<{ v: Plain }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Plain>(null, true, false, 0, -1, 1.5, 1e21, '', 'Always', '1Gi', '0.5', 'nginx:latest', 'x'.repeat(300)),
    fc.integer(),
    fc.string(),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...API_KEYS), fc.string({ maxLength: 6 })), tie('v'), { maxKeys: 5 }).map(nullProto),
  ),
})).v;

function nullProto(o: Record<string, Plain>): Plain {
  const out = Object.create(null) as PlainObject;
  for (const k of Object.keys(o)) out[k] = o[k];
  return out;
}

describe('odd types never throw', () => {
  test('random values anywhere in every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), value, value, value, ([apiVersion, kind], metadata, spec, status) => {
        const o = nullProto({ apiVersion, kind, metadata, spec, status }) as PlainObject;
        const before = JSON.stringify(o);
        const r = storedObject(o);
        assert.equal(JSON.stringify(o), before, 'input untouched');
        const text = renderStoredYaml(r.stored, { serverAssigned: r.serverAssigned });
        assert.equal(typeof text, 'string');
        if (!notIdempotentUpstream(r.stored)) assert.deepEqual(json(storedObject(r.stored).stored), json(r.stored), 'stable');
      }),
      { numRuns: 400 },
    );
  });

  test('non-objects and unknown kinds come back as copies', () => {
    for (const input of [null, 3, 'x', [], { kind: 'Service', apiVersion: 'v1', spec: { type: null } }]) {
      const r = storedObject(input as unknown as PlainObject);
      assert.deepEqual(r.defaulted, []);
      assert.deepEqual(r.dropped, []);
    }
  });

  test('deep nesting and cycles do not exhaust the stack', () => {
    let deep: Plain = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const pod = nullProto({ apiVersion: 'v1', kind: 'Pod', metadata: nullProto({ name: 'p', annotations: nullProto({ a: 'b' }) }), spec: nullProto({ containers: [nullProto({ name: 'c', image: 'x:1', args: deep })] }) }) as PlainObject;
    const r = storedObject(pod);
    assert.equal(get(r.stored, 'spec.containers[0].imagePullPolicy'), 'IfNotPresent');
    const cyclic = nullProto({ apiVersion: 'v1', kind: 'Pod', spec: nullProto({}) }) as PlainObject;
    (cyclic.spec as PlainObject).self = cyclic;
    assert.doesNotThrow(() => storedObject(cyclic));
  });
});

describe('bounded work on large input', () => {
  /** Best of several runs, so a busy machine does not decide the result. */
  function best(fn: () => void, runs = 5): number {
    let min = Infinity;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      fn();
      min = Math.min(min, performance.now() - t);
    }
    return min;
  }

  function bigPod(n: number): PlainObject {
    const containers: Plain[] = [];
    const volumes: Plain[] = [];
    const refs: Plain[] = [];
    const keys: Plain[] = [];
    const labels = Object.create(null) as PlainObject;
    for (let i = 0; i < n; i++) {
      containers.push(nullProto({ name: `c${i}`, image: `registry.example.com/team/app-${i}:v${i}`, ports: [nullProto({ containerPort: 1000 + (i % 60000) })], resources: nullProto({ limits: nullProto({ cpu: `${i + 1}m`, memory: `${i + 1}Mi`, [`example.com/r${i}`]: 1 }) }) }));
      volumes.push(nullProto({ name: `v${i}`, configMap: nullProto({ name: `cm${i}` }) }));
      refs.push(nullProto({ apiVersion: 'v1', kind: 'X', name: `o${i % 2}`, uid: 'same' }));
      keys.push(`k${i}`);
      labels[`k${i}`] = `v${i}`;
    }
    const initContainers = containers.map((c, i) => nullProto({ ...(c as PlainObject), name: `i${i}`, restartPolicy: i % 2 ? 'Always' : 'Never' }));
    return nullProto({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: nullProto({ name: 'big', labels, ownerReferences: refs }),
      spec: nullProto({
        resources: nullProto({ limits: nullProto({ cpu: '1000', memory: '1Ti' }) }),
        containers,
        initContainers,
        volumes,
        topologySpreadConstraints: [nullProto({ maxSkew: 1, topologyKey: 'z', whenUnsatisfiable: 'DoNotSchedule', labelSelector: nullProto({}), matchLabelKeys: keys })],
      }),
    }) as PlainObject;
  }

  test('time grows linearly with the size of a Pod (4× the input: well under 16× the time)', () => {
    const small = bigPod(200);
    const large = bigPod(800);
    const run = (p: PlainObject) => () => {
      const r = storedObject(p);
      renderStoredYaml(r.stored, { serverAssigned: r.serverAssigned });
    };
    run(small)();
    const ts = best(run(small), 3);
    const tl = best(run(large), 3);
    assert.ok(tl / ts < 10, `200 → 800 containers: ${ts.toFixed(1)} ms → ${tl.toFixed(1)} ms`);
  });
});
