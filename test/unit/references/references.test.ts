/**
 * References from Pods and Pod templates to ConfigMaps, Secrets and claims: each kind found,
 * missing, missing a key, optional, and each case of the closed-world rule; navigation over a
 * workspace of several files (definition, references, rename, completion, hover); and which
 * documents a declaration change concerns.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { PodsightService, type DiagnosticData } from '../../../server/src/service';

const CM = (name: string, data: Record<string, string>, extra = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n${Object.entries(data).map(([k, v]) => `  ${k}: ${v}\n`).join('')}`;
const SECRET = (name: string, keys: string[], extra = '') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${extra}type: Opaque\nstringData:\n${keys.map((k) => `  ${k}: x\n`).join('')}`;
const PVC = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const POD = (spec: string, meta = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n${meta}spec:\n  containers:\n  - name: app\n    image: nginx:1.27\n${spec}`;
const ENV_CM = (name: string, key: string, optional = '') => `    env:\n    - name: V\n      valueFrom:\n        configMapKeyRef:\n          name: ${name}\n          key: ${key}\n${optional ? `          optional: ${optional}\n` : ''}`;
const ENV_SECRET = (name: string, key: string) => `    env:\n    - name: V\n      valueFrom:\n        secretKeyRef:\n          name: ${name}\n          key: ${key}\n`;

function workspace(files: Record<string, string>, whole = false): { svc: PodsightService; uri: (n: string) => string } {
  const svc = new PodsightService();
  svc.workspace.setOptions({ isWholeCluster: whole });
  for (const [name, text] of Object.entries(files)) svc.workspace.update(svc.parse(`file:///ws/${name}`, 1, text));
  return { svc, uri: (n) => `file:///ws/${n}` };
}

/** The engine's messages are plain text. */
type Diag = Diagnostic & { message: string };

function refDiagnostics(svc: PodsightService, uri: string): Diag[] {
  const file = svc.workspace.get(uri)!;
  return svc.validate(file).filter((d) => String(d.code).startsWith('reference-')) as Diag[];
}

const SEV = ['', 'error', 'warning', 'information', 'hint'];
const brief = (d: Diagnostic) => `${SEV[d.severity!]} ${String(d.code)}`;

/** Line and character of the n-th occurrence of `needle` (0-based) in `text`, plus `delta` characters. */
function at(text: string, needle: string, delta = 1, nth = 0): { line: number; character: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not in text`);
  const before = text.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('reference diagnostics', () => {
  it('a ConfigMap found with its key gives nothing; a missing key is a warning in the kubelet\'s words with a did-you-mean fix', () => {
    const pod = POD(ENV_CM('app', 'levl'));
    const { svc, uri } = workspace({ 'cm.yaml': CM('app', { level: 'debug', format: 'json' }), 'pod.yaml': pod });
    const ds = refDiagnostics(svc, uri('pod.yaml'));
    assert.deepEqual(ds.map(brief), ['warning reference-configmap-key-not-found']);
    assert.match(ds[0].message, /^couldn't find key levl in ConfigMap default\/app \(the kubelet does not start container "app": CreateContainerConfigError\) \(ConfigMap default\/app is declared in the workspace without this key/);
    assert.deepEqual(ds[0].range.start, at(pod, 'levl', 0));
    assert.equal(ds[0].relatedInformation?.[0].location.uri, uri('cm.yaml'));
    const fixes = (ds[0].data as DiagnosticData).fixes!;
    assert.equal(fixes[0].title, 'Change to "level"');
    const fixed = apply(pod, fixes[0].edits);
    svc.workspace.update(svc.parse(uri('pod.yaml'), 2, fixed));
    assert.deepEqual(refDiagnostics(svc, uri('pod.yaml')), []);
  });

  it('a missing ConfigMap: a warning when the namespace declares others (with the closest as a fix), information when it declares none, an error when the workspace is the whole cluster', () => {
    const pod = POD(ENV_CM('app-confg', 'level'));
    const closed = workspace({ 'cm.yaml': CM('app-config', { level: 'x' }), 'pod.yaml': pod });
    const [w] = refDiagnostics(closed.svc, closed.uri('pod.yaml'));
    assert.equal(brief(w), 'warning reference-configmap-not-found');
    assert.match(w.message, /^configmap "app-confg" not found .*the workspace declares ConfigMaps in namespace "default" but not this one/);
    assert.equal((w.data as DiagnosticData).fixes?.[0].title, 'Change to "app-config"');
    assert.equal(w.relatedInformation?.[0].message, 'ConfigMap "app-config" is declared in namespace "default"');

    // The ConfigMap is declared in another namespace only: nothing is declared in "default".
    const open = workspace({ 'cm.yaml': CM('app-config', { level: 'x' }, '  namespace: other\n'), 'pod.yaml': pod });
    const [i] = refDiagnostics(open.svc, open.uri('pod.yaml'));
    assert.equal(brief(i), 'information reference-configmap-not-found');
    assert.match(i.message, /^ConfigMap "app-confg" is not declared here \(the workspace declares no ConfigMaps in namespace "default"\); if the cluster lacks it too: configmap "app-confg" not found/);

    const whole = workspace({ 'pod.yaml': pod }, true);
    const [e] = refDiagnostics(whole.svc, whole.uri('pod.yaml'));
    assert.equal(brief(e), 'error reference-configmap-not-found');
    assert.match(e.message, /the workspace is declared to be the whole cluster, so ConfigMap "app-confg" would be missing/);
  });

  it('the referrer\'s namespace is where names are looked up', () => {
    const pod = POD(ENV_CM('app', 'level'), '  namespace: shop\n');
    const elsewhere = workspace({ 'cm.yaml': CM('app', { level: 'x' }), 'pod.yaml': pod });
    assert.deepEqual(refDiagnostics(elsewhere.svc, elsewhere.uri('pod.yaml')).map(brief), ['information reference-configmap-not-found']);
    const same = workspace({ 'cm.yaml': CM('app', { level: 'x' }, '  namespace: shop\n'), 'pod.yaml': pod });
    assert.deepEqual(refDiagnostics(same.svc, same.uri('pod.yaml')), []);
  });

  it('optional references are never reported, missing object or missing key', () => {
    const pod = POD(`${ENV_CM('nope', 'k', 'true')}  volumes:\n  - name: v\n    secret:\n      secretName: gone\n      optional: true\n`);
    const { svc, uri } = workspace({ 'cm.yaml': CM('other', { a: 'b' }), 's.yaml': SECRET('other', ['a']), 'pod.yaml': pod }, true);
    assert.deepEqual(refDiagnostics(svc, uri('pod.yaml')), []);
    const podKey = POD(ENV_CM('other', 'missing', 'true'));
    svc.workspace.update(svc.parse(uri('pod.yaml'), 2, podKey));
    assert.deepEqual(refDiagnostics(svc, uri('pod.yaml')), []);
  });

  it('Secrets: env keys from stringData count; volume items in the kubelet\'s words; envFrom; image pull secrets are at most a warning', () => {
    const pod = POD(`${ENV_SECRET('db', 'password')}    envFrom:\n    - secretRef:\n        name: dbb\n  imagePullSecrets:\n  - name: regcred\n  volumes:\n  - name: creds\n    secret:\n      secretName: db\n      items:\n      - key: pasword\n        path: p\n`);
    const { svc, uri } = workspace({ 's.yaml': SECRET('db', ['password', 'user']), 'pod.yaml': pod }, true);
    const ds = refDiagnostics(svc, uri('pod.yaml'));
    // In document order: the Pod's pull secrets, its containers, its volumes.
    assert.deepEqual(ds.map(brief), ['warning reference-secret-not-found', 'error reference-secret-not-found', 'error reference-secret-key-not-found']);
    assert.match(ds[0].message, /^Unable to retrieve pull secret, the image pull may not succeed\. \(secret "regcred" not found\)/);
    assert.match(ds[1].message, /^secret "dbb" not found \(the kubelet does not start container "app"/);
    assert.match(ds[2].message, /^MountVolume\.SetUp failed for volume "creds" : references non-existent secret key: pasword/);
    assert.equal((ds[2].data as DiagnosticData).fixes?.[0].title, 'Change to "password"');
  });

  it('ConfigMap volumes and projected sources: binaryData keys count for volumes, not for environment variables', () => {
    const cm = `${CM('app', { level: 'x' })}binaryData:\n  blob: aGVsbG8=\n`;
    const pod = POD(`${ENV_CM('app', 'blob')}  volumes:\n  - name: p\n    projected:\n      sources:\n      - configMap:\n          name: app\n          items:\n          - key: blob\n            path: b\n          - key: lvel\n            path: l\n`);
    const { svc, uri } = workspace({ 'cm.yaml': cm, 'pod.yaml': pod });
    const ds = refDiagnostics(svc, uri('pod.yaml'));
    assert.deepEqual(ds.map(brief), ['warning reference-configmap-key-not-found', 'warning reference-configmap-key-not-found']);
    assert.match(ds[0].message, /couldn't find key blob in ConfigMap default\/app .*the key is in binaryData, which environment variables cannot read/);
    assert.match(ds[1].message, /^MountVolume\.SetUp failed for volume "p" : configmap references non-existent config key: lvel/);
  });

  it('claims: declared, missing, provided per ordinal by a StatefulSet, and a StatefulSet\'s own claim template', () => {
    const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 2\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n      - name: db\n        image: postgres:16\n        volumeMounts:\n        - name: data\n          mountPath: /data\n      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: data\n  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n`;
    const claims = (...names: string[]) => POD(`  volumes:\n${names.map((n, i) => `  - name: v${i}\n    persistentVolumeClaim:\n      claimName: ${n}\n`).join('')}`);
    const { svc, uri } = workspace({ 'sts.yaml': sts, 'pvc.yaml': PVC('logs'), 'pod.yaml': claims('logs', 'data-db-1', 'data-db-2', 'logz') }, true);
    assert.deepEqual(refDiagnostics(svc, uri('sts.yaml')), []);
    const ds = refDiagnostics(svc, uri('pod.yaml'));
    assert.deepEqual(ds.map((d) => String(d.message).split(' (')[0]), ['persistentvolumeclaim "data-db-2" not found', 'persistentvolumeclaim "logz" not found']);
    assert.equal((ds[1].data as DiagnosticData).fixes?.[0].title, 'Change to "logs"');
    // Claims from StatefulSets alone close the namespace for claims.
    const only = workspace({ 'sts.yaml': sts, 'pod.yaml': claims('data-db-7') });
    assert.deepEqual(refDiagnostics(only.svc, only.uri('pod.yaml')).map(brief), ['warning reference-claim-not-found']);
  });

  it('workload templates are checked in the workload\'s namespace; ServiceAccount and PriorityClass are left to admission', () => {
    const deploy = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: robot\n      containers:\n      - name: app\n        image: nginx:1.27\n        envFrom:\n        - configMapRef:\n            name: web-env\n`;
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
    const { svc, uri } = workspace({ 'cm.yaml': CM('web-env', { a: 'b' }), 'ns.yaml': ns, 'd.yaml': deploy }, true);
    const all = svc.validate(svc.workspace.get(uri('d.yaml'))!);
    const codes = all.filter((d) => /not-found/.test(String(d.code))).map((d) => String(d.code)).sort();
    assert.deepEqual(codes, ['admission-service-account-not-found', 'reference-configmap-not-found']);
  });
});

describe('reference navigation', () => {
  const cm = CM('app', { level: 'debug', format: 'json' });
  const pod = POD(`${ENV_CM('app', 'level')}  volumes:\n  - name: c\n    configMap:\n      name: app\n      items:\n      - key: level\n        path: l\n`);
  const pod2 = POD(ENV_CM('app', 'format'));

  it('definition goes from a reference (name or key) to the declaration in another file', () => {
    const { svc, uri } = workspace({ 'cm.yaml': cm, 'pod.yaml': pod });
    const file = svc.workspace.get(uri('pod.yaml'))!;
    assert.deepEqual(svc.definition(file, at(pod, 'name: app', 7, 1)), [{ uri: uri('cm.yaml'), range: { start: at(cm, 'app', 0), end: at(cm, 'app', 3) } }]);
    assert.deepEqual(svc.definition(file, at(pod, 'key: level', 6)), [{ uri: uri('cm.yaml'), range: { start: at(cm, 'level', 0), end: at(cm, 'level', 5) } }]);
  });

  it('references list every reference across files and the declaration', () => {
    const { svc, uri } = workspace({ 'cm.yaml': cm, 'pod.yaml': pod, 'pod2.yaml': pod2 });
    const refs = svc.references(svc.workspace.get(uri('cm.yaml'))!, at(cm, 'app'), true);
    assert.deepEqual(refs.map((r) => `${r.uri.slice(11)}:${r.range.start.line}`).sort(), ['cm.yaml:3', 'pod.yaml:12', 'pod.yaml:17', 'pod2.yaml:12']);
    const keyRefs = svc.references(svc.workspace.get(uri('pod.yaml'))!, at(pod, 'key: level', 6), false);
    assert.deepEqual(keyRefs.map((r) => `${r.uri.slice(11)}:${r.range.start.line}`).sort(), ['pod.yaml:13', 'pod.yaml:19']);
  });

  it('rename of a ConfigMap and of a key edits the declaration and every reference, across files', () => {
    const { svc, uri } = workspace({ 'cm.yaml': cm, 'pod.yaml': pod, 'pod2.yaml': pod2 });
    const cmFile = svc.workspace.get(uri('cm.yaml'))!;
    assert.deepEqual(svc.prepareRename(cmFile, at(cm, 'app')), { range: { start: at(cm, 'app', 0), end: at(cm, 'app', 3) }, placeholder: 'app' });
    const r = svc.rename(cmFile, at(cm, 'app'), 'app-config');
    assert.ok(r && 'edit' in r);
    const changes = r.edit.changes!;
    assert.deepEqual(Object.keys(changes).sort(), [uri('cm.yaml'), uri('pod.yaml'), uri('pod2.yaml')]);
    assert.match(apply(pod, changes[uri('pod.yaml')]), /name: app-config\n          key: level[\s\S]*name: app-config\n/);
    const k = svc.rename(svc.workspace.get(uri('pod2.yaml'))!, at(pod2, 'key: format', 6), 'fmt');
    assert.ok(k && 'edit' in k);
    assert.equal(apply(cm, k.edit.changes![uri('cm.yaml')]), CM('app', { level: 'debug', fmt: 'json' }));
    assert.equal(apply(pod2, k.edit.changes![uri('pod2.yaml')]), POD(ENV_CM('app', 'fmt')));
    assert.equal(k.edit.changes![uri('pod.yaml')], undefined);
    const bad = svc.rename(cmFile, at(cm, 'app'), 'Not_Valid');
    assert.ok(bad && 'error' in bad && /not a valid ConfigMap name/.test(bad.error));
  });

  it('completion offers declared names and the keys of the named object; hover shows the object', () => {
    const typing = POD(`    env:\n    - name: V\n      valueFrom:\n        configMapKeyRef:\n          name: \n`);
    const { svc, uri } = workspace({ 'cm.yaml': cm, 'other.yaml': CM('other', { x: 'y' }), 'pod.yaml': typing });
    const names = svc.completion(svc.workspace.get(uri('pod.yaml'))!, at(typing, 'name: \n', 6, 0));
    assert.deepEqual(names?.items.map((i) => i.label).sort(), ['app', 'other']);
    const keys = svc.completion(svc.workspace.get(uri('cm.yaml'))!, { line: 0, character: 0 });
    assert.equal(keys, null);
    const typingKey = POD(`    env:\n    - name: V\n      valueFrom:\n        configMapKeyRef:\n          name: app\n          key: \n`);
    svc.workspace.update(svc.parse(uri('pod.yaml'), 2, typingKey));
    const k = svc.completion(svc.workspace.get(uri('pod.yaml'))!, at(typingKey, 'key: \n', 5));
    assert.deepEqual(k?.items.map((i) => i.label), ['level', 'format']);

    svc.workspace.update(svc.parse(uri('pod.yaml'), 3, pod));
    const h = svc.hover(svc.workspace.get(uri('pod.yaml'))!, at(pod, 'name: app', 7, 1));
    const md = (h?.contents as { value: string }).value;
    assert.match(md, /^\*\*ConfigMap\*\* `default\/app`\n\nDeclared in `cm.yaml`\n\n2 keys, 9 bytes:\n- `level` \(data, 5 bytes\)\n- `format` \(data, 4 bytes\)/);
  });
});

describe('dependencies of documents on declarations', () => {
  it('an edit of a ConfigMap concerns the documents that reference it, not the others', () => {
    const { svc, uri } = workspace({ 'cm.yaml': CM('app', { level: 'x' }), 'other.yaml': CM('other', { a: 'b' }), 'pod.yaml': POD(ENV_CM('app', 'level')), 'plain.yaml': POD('') });
    svc.workspace.takeChanges();
    svc.workspace.update(svc.parse(uri('cm.yaml'), 2, CM('app', { lvl: 'x' })));
    const changes = svc.workspace.takeChanges();
    assert.equal(changes.admission, false);
    assert.equal(svc.affectedBy(svc.workspace.get(uri('pod.yaml'))!, changes), true);
    assert.equal(svc.affectedBy(svc.workspace.get(uri('plain.yaml'))!, changes), false);
    // A new ConfigMap in the namespace concerns only references that name nothing declared.
    svc.workspace.update(svc.parse(uri('other.yaml'), 2, CM('other2', { a: 'b' })));
    const added = svc.workspace.takeChanges();
    assert.equal(svc.affectedBy(svc.workspace.get(uri('pod.yaml'))!, added), false);
    // A LimitRange concerns every object (admission reads it).
    svc.workspace.update(svc.parse(uri('lr.yaml'), 1, 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\nspec:\n  limits: []\n'));
    assert.equal(svc.affectedBy(svc.workspace.get(uri('plain.yaml'))!, svc.workspace.takeChanges()), true);
  });

  it('the create path is not redone when only a ConfigMap changed', () => {
    const { svc, uri } = workspace({ 'cm.yaml': CM('app', { level: 'x' }), 'pod.yaml': POD('') });
    const before = svc.workspace.admissionGeneration;
    svc.workspace.update(svc.parse(uri('cm.yaml'), 2, CM('app', { level: 'y' })));
    assert.equal(svc.workspace.admissionGeneration, before);
    svc.workspace.update(svc.parse(uri('ns.yaml'), 1, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n'));
    assert.equal(svc.workspace.admissionGeneration, before + 1);
  });
});

describe('reference findings past the per-rule cap', () => {
  it('list the first 1,000 of a rule per object and count the rest in one finding, at the case severity', () => {
    const n = 1500;
    const pulls = Array.from({ length: n }, (_, i) => `  - name: pull-${i}\n`).join('');
    const keys = Array.from({ length: n }, (_, i) => `    - name: K${i}\n      valueFrom:\n        configMapKeyRef:\n          name: cfg\n          key: missing-${i}\n`).join('');
    const pod = POD(`    env:\n${keys}  imagePullSecrets:\n${pulls}`);
    // No Secret declared: each missing one is information; a key missing from a declared ConfigMap is a warning.
    const { svc, uri } = workspace({ 'cfg.yaml': CM('cfg', { a: '1' }), 'pod.yaml': pod });
    const ds = refDiagnostics(svc, uri('pod.yaml'));
    for (const [code, severity] of [['reference-secret-not-found', 3], ['reference-configmap-key-not-found', 2]] as const) {
      const mine = ds.filter((d) => d.code === code);
      assert.equal(mine.length, 1001, code);
      const listed = mine.filter((d) => !d.message.startsWith('…'));
      assert.equal(listed.length, 1000, code);
      assert.ok(listed.every((d) => d.severity === severity), `${code} listed at one severity`);
      const rest = mine.find((d) => d.message.startsWith('…'))!;
      assert.match(rest.message, new RegExp(`^… and 500 more ${code} problems in this object, not listed: Podsight lists the first 1,000 of each rule`));
      assert.equal(rest.severity, severity, `${code} stand-in at the case severity`);
    }
  });
});
