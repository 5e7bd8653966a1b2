import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, dataOf, errorPairs, pod, textAt, errors, only } from '../../helpers/engine';

const APP = '  containers:\n  - name: app\n    image: nginx:1.27\n';

/** A Pod with the app container and the given `volumes:` items (already indented by 2). */
function withVolumes(volumes: string, extraSpec = ''): string {
  return pod(`${extraSpec}${APP}  volumes:\n${volumes}`);
}

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

test('every common source, written correctly, produces no error', () => {
  const yaml = withVolumes(
    [
      '  - name: a',
      '    emptyDir: {medium: Memory, sizeLimit: 1Gi}',
      '  - name: b', // no source: defaulted to emptyDir
      '  - name: c',
      '    hostPath: {path: data/logs, type: ""}',
      '  - name: d',
      '    secret: {secretName: s, defaultMode: 0400, items: [{key: k, path: a/b.c/.d, mode: 0777}, {key: l, path: x..y}]}',
      '  - name: e',
      '    configMap: {name: c, defaultMode: 420, optional: true}',
      '  - name: f',
      '    persistentVolumeClaim: {claimName: data}',
      '  - name: g',
      '    downwardAPI:',
      '      items:',
      '      - {path: labels, fieldRef: {fieldPath: metadata.labels}}',
      "      - {path: app, fieldRef: {fieldPath: \"metadata.annotations['Example.COM/x']\"}}",
      '      - {path: mem, resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1Mi}}',
      '      - {path: cpu, resourceFieldRef: {containerName: app, resource: requests.cpu, divisor: 1000m}}',
      '  - name: h',
      '    projected:',
      '      defaultMode: 0440',
      '      sources:',
      '      - serviceAccountToken: {path: token, expirationSeconds: 600}',
      '      - secret: {name: s, items: [{key: k, path: s.txt}]}',
      '      - configMap: {name: c, items: [{key: k, path: c.txt}]}',
      '      - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}]}',
      '  - name: i',
      '    nfs: {server: 10.0.0.1, path: /exports}',
      '  - name: j',
      '    csi: {driver: Secrets-Store.csi.k8s.io, nodePublishSecretRef: {name: creds}}',
      '  - name: k',
      '    image: {reference: quay.io/x/y:v1}',
      '  - name: l',
      '    ephemeral:',
      '      volumeClaimTemplate:',
      '        metadata: {labels: {app: x}, annotations: {Example.COM/Note: note}, creationTimestamp: null}',
      '        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, storageClassName: fast}',
      '  - name: m',
      '    iscsi: {targetPortal: "10.0.0.1:3260", iqn: iqn.2001-04.com.example:storage, lun: 0}',
      '',
    ].join('\n'),
    '  serviceAccountName: app\n',
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('volume names: required, DNS label, unique among registered volumes', () => {
  const bad = only(withVolumes('  - name: Cache\n    emptyDir: {}\n'));
  assert.equal(bad.message, `spec.volumes[0].name: Invalid value: "Cache": ${LABEL_MSG}`);
  assert.equal(dataOf(bad).errorType, 'Invalid');
  const dup = withVolumes('  - name: data\n    emptyDir: {}\n  - name: data\n    emptyDir: {}\n');
  const d = only(dup);
  assert.equal(d.message, 'spec.volumes[1].name: Duplicate value: "data"');
  assert.equal(d.relatedInformation?.length, 1);
  assert.deepEqual(errorPairs(withVolumes('  - emptyDir: {}\n')), ['spec.volumes[0].name Required']);
  // An invalid first volume is not registered, so a later one of the same name is no duplicate.
  assert.deepEqual(errorPairs(withVolumes('  - name: data\n    configMap: {}\n  - name: data\n    emptyDir: {}\n')), ['spec.volumes[0].configMap.name Required']);
});

test('more than one source: every later source is Forbidden, with the downwardAPI path misspelt', () => {
  const yaml = withVolumes('  - name: v\n    emptyDir: {}\n    hostPath: {path: /x}\n    downwardAPI: {}\n    cephfs: {}\n');
  assert.deepEqual(errorPairs(yaml), ['spec.volumes[0].cephFS Forbidden', 'spec.volumes[0].downwarAPI Forbidden', 'spec.volumes[0].hostPath Forbidden']);
  const d = errors(yaml).find((x) => dataOf(x).field === 'spec.volumes[0].hostPath')!;
  assert.equal(d.message, 'spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type');
  assert.equal(textAt(yaml, d), 'hostPath');
  // The forbidden source is not validated (its empty cephfs monitors are not reported).
  // `null` sources count as absent.
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    emptyDir: null\n    hostPath: {path: /x}\n')), []);
});

test('emptyDir: a negative sizeLimit is Forbidden; medium is free-form', () => {
  const d = only(withVolumes('  - name: v\n    emptyDir: {sizeLimit: -1Gi, medium: Whatever}\n'));
  assert.equal(d.message, 'spec.volumes[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity');
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    emptyDir: {sizeLimit: 0}\n')), []);
});

test('hostPath: path required (stops further checks), no backsteps, type enum', () => {
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    hostPath: {path: "", type: Bogus}\n')), ['spec.volumes[0].hostPath.path Required']);
  const back = only(withVolumes('  - name: v\n    hostPath: {path: /var/../etc}\n'));
  assert.equal(back.message, `spec.volumes[0].hostPath.path: Invalid value: "/var/../etc": must not contain '..'`);
  const t = only(withVolumes('  - name: v\n    hostPath: {path: /x, type: Dir}\n'));
  assert.equal(
    t.message,
    'spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
  );
});

test('file modes are read as YAML 1.1 (0644 is 420); an out-of-range mode names both readings', () => {
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    configMap: {name: c, defaultMode: 0644, items: [{key: k, path: p, mode: 0777}]}\n')), []);
  const dec = withVolumes('  - name: v\n    configMap: {name: c, defaultMode: 644}\n');
  const d = only(dec);
  assert.equal(d.message, 'spec.volumes[0].configMap.defaultMode: Invalid value: 644: must be a number between 0 and 0777 (octal), both inclusive');
  assert.equal(textAt(dec, d), '644');
  assert.match(applyFix(dec, d), /defaultMode: 0644\}/);
  const oct = only(withVolumes('  - name: v\n    secret: {secretName: s, items: [{key: k, path: p, mode: 01000}]}\n'));
  assert.equal(
    oct.message,
    'spec.volumes[0].secret.items[0].mode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive (YAML 1.1, which Kubernetes uses, reads 01000 as octal (512 in decimal), not 1000)',
  );
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    downwardAPI: {defaultMode: -1}\n')), ['spec.volumes[0].downwardAPI.defaultMode Invalid']);
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    projected: {defaultMode: 1000, sources: []}\n')), ['spec.volumes[0].projected.defaultMode Invalid']);
});

test('secret and configMap: name required; items need key and a local, non-reserved path', () => {
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    secret: {}\n')), ['spec.volumes[0].secret.secretName Required']);
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    configMap: {}\n')), ['spec.volumes[0].configMap.name Required']);
  const yaml = withVolumes('  - name: v\n    secret:\n      secretName: s\n      items:\n      - {key: "", path: ""}\n      - {key: a, path: /etc/x}\n      - {key: b, path: ../x}\n      - {key: c, path: ..x}\n      - {key: d, path: ".."}\n');
  assert.deepEqual(errorPairs(yaml), [
    'spec.volumes[0].secret.items[0].key Required',
    'spec.volumes[0].secret.items[0].path Required',
    'spec.volumes[0].secret.items[1].path Invalid',
    'spec.volumes[0].secret.items[2].path Invalid',
    'spec.volumes[0].secret.items[3].path Invalid',
    'spec.volumes[0].secret.items[4].path Invalid',
    'spec.volumes[0].secret.items[4].path Invalid',
  ]);
  const msgs = errors(yaml).map((d) => d.message);
  assert.ok(msgs.includes('spec.volumes[0].secret.items[1].path: Invalid value: "/etc/x": must be a relative path'));
  assert.ok(msgs.includes(`spec.volumes[0].secret.items[3].path: Invalid value: "..x": must not start with '..'`));
});

test('persistentVolumeClaim: claimName required (once, not also structurally) and not a PVC the Pod creates', () => {
  const d = only(withVolumes('  - name: v\n    persistentVolumeClaim: {readOnly: true}\n'));
  assert.equal(d.message, 'spec.volumes[0].persistentVolumeClaim.claimName: Required value');
  const yaml = withVolumes('  - name: scratch\n    ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}\n  - name: other\n    persistentVolumeClaim: {claimName: demo-scratch}\n');
  const e = only(yaml);
  assert.equal(e.message, 'spec.volumes[1].persistentVolumeClaim.claimName: Invalid value: "demo-scratch": must not reference a PVC that gets created for an ephemeral volume');
});

test('downwardAPI items: errors carry no item index; fieldPath set of the volume flavour', () => {
  const ip = only(withVolumes('  - name: v\n    downwardAPI: {items: [{path: ip, fieldRef: {fieldPath: status.podIP}}]}\n'));
  assert.equal(
    ip.message,
    'spec.volumes[0].downwardAPI.fieldRef.fieldPath: Unsupported value: "status.podIP": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
  );
  const yaml = withVolumes(
    '  - name: v\n    downwardAPI:\n      items:\n      - {path: /abs, fieldRef: {fieldPath: metadata.name}, resourceFieldRef: {resource: limits.cpu}}\n      - {path: x}\n      - {path: q, fieldRef: {fieldPath: metadata.whoops}}\n      - {path: z, resourceFieldRef: {resource: limits.cpu}}\n      - {path: w, resourceFieldRef: {containerName: app, resource: limits.cpu, divisor: 1k}}\n',
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.volumes[0].downwardAPI Invalid',
    'spec.volumes[0].downwardAPI Required',
    'spec.volumes[0].downwardAPI.fieldRef.fieldPath Invalid',
    'spec.volumes[0].downwardAPI.path Invalid',
    'spec.volumes[0].downwardAPI.resourceFieldRef.containerName Required',
    'spec.volumes[0].downwardAPI.resourceFieldRef.divisor Invalid',
  ]);
  const msgs = errors(yaml).map((d) => d.message);
  assert.ok(msgs.includes('spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required'));
  assert.ok(msgs.includes('spec.volumes[0].downwardAPI.fieldRef.fieldPath: Invalid value: "metadata.whoops": error converting fieldPath: field label not supported: metadata.whoops'));
  assert.ok(msgs.includes(`spec.volumes[0].downwardAPI.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor's values 1m and 1 are supported with the cpu resource`));
});

test('projected: one kind per source, names required, duplicate paths, token rules on quirky paths', () => {
  const yaml = withVolumes(
    [
      '  - name: v',
      '    projected:',
      '      sources:',
      '      - secret: {items: [{key: a, path: same}]}',
      '        configMap: {name: c}',
      '      - configMap: {name: c, items: [{key: a, path: same}]}',
      '      - serviceAccountToken: {expirationSeconds: 300}',
      '      - serviceAccountToken: {path: /abs, expirationSeconds: 5000000000}',
      '      - clusterTrustBundle: {signerName: example.com/x}', // dropped: gate off
      '',
    ].join('\n'),
    '  serviceAccountName: app\n',
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.volumes[0].projected Invalid',
    'spec.volumes[0].projected.path Invalid',
    'spec.volumes[0].projected.path Required',
    'spec.volumes[0].projected.sources[0] Forbidden',
    'spec.volumes[0].projected.sources[0].secret.name Required',
    'spec.volumes[0].projected.sources[2].serviceAccountToken.expirationSeconds Invalid',
    'spec.volumes[0].projected.sources[3].serviceAccountToken.expirationSeconds Invalid',
  ]);
  const msgs = errors(yaml).map((d) => d.message);
  assert.ok(msgs.includes('spec.volumes[0].projected: Invalid value: "c": conflicting duplicate paths'));
  assert.ok(msgs.includes('spec.volumes[0].projected.sources[2].serviceAccountToken.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes'));
  assert.ok(msgs.includes('spec.volumes[0].projected.sources[0]: Forbidden: may not specify more than 1 volume type per source'));
});

test('a serviceAccountToken projection without serviceAccountName is accepted: ServiceAccount admission names default first', () => {
  const vol = '  - name: t\n    projected: {sources: [{serviceAccountToken: {path: token}}]}\n';
  assert.deepEqual(errorPairs(withVolumes(vol)), []);
  assert.deepEqual(errorPairs(withVolumes(vol, '  serviceAccount: legacy\n')), []);
});

test('nfs, csi and image volumes', () => {
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    nfs: {server: "", path: ""}\n')), [
    'spec.volumes[0].nfs.path Invalid',
    'spec.volumes[0].nfs.path Required',
    'spec.volumes[0].nfs.server Required',
  ]);
  assert.equal(only(withVolumes('  - name: v\n    nfs: {server: s, path: exports}\n')).message, 'spec.volumes[0].nfs.path: Invalid value: "exports": must be an absolute path');
  const csi = withVolumes(`  - name: v\n    csi: {driver: ${'a'.repeat(64)}, nodePublishSecretRef: {name: Bad_Name}}\n`);
  assert.deepEqual(errorPairs(csi), ['spec.volumes[0].csi.driver TooLong', 'spec.volumes[0].csi.name Invalid']);
  assert.ok(errors(csi).some((d) => d.message === 'spec.volumes[0].csi.driver: Too long: may not be more than 63 bytes'));
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    csi: {driver: d, nodePublishSecretRef: {}}\n')), ['spec.volumes[0].csi.nodePublishSecretRef.name Required']);
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    image: {pullPolicy: Sometimes}\n')), ['spec.volumes[0].image.pullPolicy NotSupported', 'spec.volumes[0].image.reference Required']);
});

test('ephemeral volumes: template required, metadata limited to labels/annotations, claim spec rules', () => {
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    ephemeral: {}\n')), ['spec.volumes[0].ephemeral.volumeClaimTemplate Required']);
  const yaml = withVolumes(
    '  - name: v\n    ephemeral:\n      volumeClaimTemplate:\n        metadata: {name: x, uid: abc, finalizers: []}\n        spec: {accessModes: [], volumeMode: Disk}\n',
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.finalizers Forbidden',
    'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.name Forbidden',
    'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.uID Forbidden',
    'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes Required',
    'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage] Required',
    'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.volumeMode NotSupported',
  ]);
  assert.ok(errors(yaml).some((d) => d.message === 'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes: Required value: at least 1 access mode is required'));
  // The generated PVC name `<pod>-<volume>` must be a valid object name (Pods only).
  const long = withVolumes(`  - name: ${'v'.repeat(60)}\n    ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}\n`);
  assert.deepEqual(errorPairs(long.replace('name: demo', `name: ${'p'.repeat(200)}`)), ['spec.volumes[0].name Invalid']);
});

test('legacy plugins: required fields and formats, with upstream path quirks', () => {
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    gcePersistentDisk: {pdName: "", partition: 256}\n')), [
    'spec.volumes[0].persistentDisk.partition Invalid',
    'spec.volumes[0].persistentDisk.pdName Required',
  ]);
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    iscsi: {targetPortal: p, iqn: bad, lun: 300, chapAuthSession: true, initiatorName: iqn.x}\n')), [
    'spec.volumes[0].iscsi.initiatorname Invalid',
    'spec.volumes[0].iscsi.iqn Invalid',
    'spec.volumes[0].iscsi.lun Invalid',
    'spec.volumes[0].iscsi.secretRef Required',
  ]);
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    azureDisk: {diskName: d, diskURI: "/subscriptions/x"}\n')), ['spec.volumes[0].azureDisk.diskURI NotSupported']);
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    azureDisk: {diskName: d, diskURI: "/subscriptions/x", kind: Managed}\n')), []);
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    quobyte: {registry: "a:1,b", volume: q}\n')), ['spec.volumes[0].quobyte.registry Invalid']);
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    fc: {targetWWNs: [a], wwids: [b]}\n')), ['spec.volumes[0].fc.lun Required', 'spec.volumes[0].fc.targetWWNs Invalid']);
  assert.deepEqual(errorPairs(withVolumes('  - name: v\n    flexVolume: {driver: d, options: {kubernetes.io/x: z}}\n')), ['spec.volumes[0].flexVolume.options[kubernetes.io/x] Invalid']);
});

test('StatefulSet claim templates count as PVC volumes of the Pod template', () => {
  const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  serviceName: s\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n        volumeMounts: [{name: data, mountPath: /data}]\n        volumeDevices: [{name: raw, devicePath: /dev/raw}]\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n  - metadata: {name: raw}\n    spec: {accessModes: [ReadWriteOnce], volumeMode: Block, resources: {requests: {storage: 1Gi}}}\n`;
  assert.deepEqual(errorPairs(sts), []);
});
