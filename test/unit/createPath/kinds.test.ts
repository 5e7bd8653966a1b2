import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveKind, servedKinds, isBuiltinGroup, type KindResolution, type KindProblem } from '../../../server/src/service/schema/kinds';
import { REMOVED_KINDS, REMOVED_VERSIONS, NEWER_KINDS, DEPRECATED_KINDS } from '../../../server/src/service/schema/kindsData';
import { kindKey, parseManifestFile } from '../../../server/src/service/parse/manifests';
import { DEFAULT_SETTINGS } from '../../../server/src/service';
import { applyFix, dataOf, service, textAt, validate, type Diag } from '../../helpers/engine';

function problem(apiVersion: string, kind: string, hasMetadata = true): KindProblem {
  const r = resolveKind(apiVersion, kind, { hasMetadata });
  assert.ok(r.status !== 'known' && r.status !== 'other', `${apiVersion} ${kind}: expected a problem, got ${r.status}`);
  return r;
}

function fixes(p: KindProblem): Array<[string | undefined, string | undefined]> {
  return p.fixes.map((f) => [f.apiVersion, f.kind]);
}

describe('resolveKind: served pairs', () => {
  it('knows every kind Podsight validates, and the rest of the core and apps groups', () => {
    for (const key of ['v1/Pod', 'v1/Node', 'v1/PodTemplate', 'v1/ReplicationController', 'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'apps/v1/ReplicaSet', 'batch/v1/Job', 'batch/v1/CronJob']) {
      const slash = key.lastIndexOf('/');
      assert.ok(kindKey(key.slice(0, slash), key.slice(slash + 1)), key);
      assert.equal(resolveKind(key.slice(0, slash), key.slice(slash + 1)).status, 'known', key);
    }
    const core = [...servedKinds().get('v1')!.keys()].sort();
    assert.deepEqual(core, ['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount']);
    assert.deepEqual(resolveKind('v1', 'Namespace'), { status: 'known', group: '', version: 'v1', kind: 'Namespace', namespaced: false });
    assert.deepEqual(resolveKind('rbac.authorization.k8s.io/v1', 'RoleBinding'), { status: 'known', group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', namespaced: true });
  });

  it('serves every stable group version of 1.35 with default settings, and no alpha or beta one', () => {
    const served = [...servedKinds().keys()].sort();
    assert.deepEqual(served, [
      'admissionregistration.k8s.io/v1', 'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1', 'authentication.k8s.io/v1',
      'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1', 'certificates.k8s.io/v1', 'coordination.k8s.io/v1',
      'discovery.k8s.io/v1', 'events.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1', 'networking.k8s.io/v1', 'node.k8s.io/v1', 'policy/v1',
      'rbac.authorization.k8s.io/v1', 'resource.k8s.io/v1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1', 'v1',
    ]);
    // DRA is GA since 1.34, VolumeAttributesClass too; IPAddress and ServiceCIDR since 1.33.
    for (const [gv, kind] of [['resource.k8s.io/v1', 'ResourceClaimTemplate'], ['resource.k8s.io/v1', 'DeviceClass'], ['storage.k8s.io/v1', 'VolumeAttributesClass'], ['networking.k8s.io/v1', 'ServiceCIDR'], ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy']]) {
      assert.equal(resolveKind(gv, kind).status, 'known', `${gv} ${kind}`);
    }
  });

  it('keeps the hand-kept tables consistent with the generated one', () => {
    for (const [gv, removal] of Object.entries(REMOVED_VERSIONS)) {
      assert.ok(!servedKinds().has(gv), `${gv} is removed but served`);
      if (removal.use) assert.ok(servedKinds().has(removal.use), `${gv} → ${removal.use} is not served`);
    }
    for (const [gv, kinds] of Object.entries(REMOVED_KINDS)) {
      assert.ok(!servedKinds().has(gv), `${gv} is removed but served`);
      for (const [kind, removal] of Object.entries(kinds)) {
        assert.ok(removal.use ? servedKinds().get(removal.use)?.has(kind) : removal.instead, `${gv} ${kind}: its replacement does not serve it`);
      }
    }
    for (const [gv, kinds] of Object.entries(NEWER_KINDS)) for (const kind of Object.keys(kinds)) assert.equal(servedKinds().get(gv)?.has(kind), false, `${gv} ${kind}`);
    for (const [gv, kinds] of Object.entries(DEPRECATED_KINDS)) for (const kind of Object.keys(kinds)) assert.equal(servedKinds().get(gv)?.has(kind), true, `${gv} ${kind}`);
    for (const g of ['', 'apps', 'batch', 'extensions', 'policy', 'resource.k8s.io', 'flowcontrol.apiserver.k8s.io']) assert.ok(isBuiltinGroup(g), g);
    for (const g of ['example.com', 'cert-manager.io', 'gateway.networking.k8s.io', 'metrics.k8s.io', 'core']) assert.ok(!isBuiltinGroup(g), g);
  });
});

describe('resolveKind: what kubectl and the API server answer', () => {
  it('a kind in lower case reaches the API server, whose decoder rejects it', () => {
    const p = problem('v1', 'pod');
    assert.equal(p.message, 'pod in version "v1" cannot be handled as a Pod: no kind "pod" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"');
    assert.equal(p.rule, 'unknown-kind');
    assert.equal(p.field, 'kind');
    assert.equal(p.severity, 'error');
    assert.deepEqual(fixes(p), [[undefined, 'Pod']]);
    assert.equal(problem('apps/v1', 'deployment').message, 'deployment in version "v1" cannot be handled as a Deployment: no kind "deployment" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"');
    // The apiextensions server decodes with its own scheme.
    assert.equal(problem('apiextensions.k8s.io/v1', 'customresourcedefinition').message, 'customresourcedefinition in version "v1" cannot be handled as a CustomResourceDefinition: no kind "customresourcedefinition" is registered for version "apiextensions.k8s.io/v1"');
  });

  it('other case mistakes fail in kubectl: "no matches for kind", with the right casing', () => {
    const sts = problem('apps/v1', 'Statefulset');
    assert.equal(sts.message, 'no matches for kind "Statefulset" in version "apps/v1": kinds are case-sensitive, did you mean "StatefulSet"?');
    assert.deepEqual(fixes(sts), [[undefined, 'StatefulSet']]);
    assert.equal(sts.fixes[0].preferred, true);
    assert.deepEqual(fixes(problem('v1', 'POD')), [[undefined, 'Pod']]);
    const version = problem('apps/V1', 'Deployment');
    assert.equal(version.message, 'no matches for kind "Deployment" in version "apps/V1": did you mean "apps/v1"?');
    assert.equal(version.field, 'apiVersion');
    assert.deepEqual(fixes(version), [['apps/v1', undefined]]);
    assert.deepEqual(fixes(problem('Apps/v1', 'Deployment')), [['apps/v1', undefined]]);
    assert.deepEqual(fixes(problem('V1', 'Pod')), [['v1', undefined]]);
    const core = problem('core/v1', 'ConfigMap');
    assert.equal(core.message, 'no matches for kind "ConfigMap" in version "core/v1": did you mean "v1"?');
    assert.deepEqual(fixes(core), [['v1', undefined]]);
  });

  it('a kind of another group: the version that serves it', () => {
    const p = problem('v1', 'Deployment');
    assert.equal(p.message, 'no matches for kind "Deployment" in version "v1": Deployment is served in apps/v1');
    assert.equal(p.field, 'apiVersion');
    assert.deepEqual(fixes(p), [['apps/v1', undefined]]);
    assert.deepEqual(fixes(problem('v1', 'deployment')), [['apps/v1', 'Deployment']]);
    assert.deepEqual(fixes(problem('apps/v1', 'Job')), [['batch/v1', undefined]]);
    const event = problem('apps/v1', 'Event');
    assert.deepEqual(fixes(event), [['events.k8s.io/v1', undefined], ['v1', undefined]]);
    assert.ok(event.fixes.every((f) => !f.preferred), 'two candidates: none preferred');
    assert.deepEqual(fixes(problem('apps/v2', 'Deployment')), [['apps/v1', undefined]]);
  });

  it('a misspelt kind: did you mean; an unknown one: what the version serves', () => {
    const p = problem('apps/v1', 'Deploymnet');
    assert.equal(p.message, 'no matches for kind "Deploymnet" in version "apps/v1": did you mean "Deployment"?');
    assert.deepEqual(fixes(p), [[undefined, 'Deployment']]);
    const q = problem('apps/v1', 'Widget');
    assert.equal(q.message, 'no matches for kind "Widget" in version "apps/v1": apps/v1 serves ControllerRevision, DaemonSet, Deployment, ReplicaSet and StatefulSet');
    assert.deepEqual(q.fixes, []);
    // Subresource kinds are not in discovery either.
    assert.equal(problem('autoscaling/v1', 'Scale').rule, 'unknown-kind');
    assert.equal(problem('v1', 'Widget', true).message, 'no matches for kind "Widget" in version "v1"');
  });

  it('removed versions: the release that removed them and the replacement', () => {
    const cases: Array<[string, string, string, Array<[string | undefined, string | undefined]>]> = [
      ['apps/v1beta1', 'Deployment', 'apps/v1beta1 was removed in Kubernetes 1.16; use apps/v1', [['apps/v1', undefined]]],
      ['apps/v1beta2', 'DaemonSet', 'apps/v1beta2 was removed in Kubernetes 1.16; use apps/v1', [['apps/v1', undefined]]],
      ['apps/v1beta2', 'statefulset', 'apps/v1beta2 was removed in Kubernetes 1.16; use apps/v1', [['apps/v1', 'StatefulSet']]],
      ['extensions/v1beta1', 'Deployment', 'extensions/v1beta1 Deployment was removed in Kubernetes 1.16; use apps/v1', [['apps/v1', undefined]]],
      ['extensions/v1beta1', 'NetworkPolicy', 'extensions/v1beta1 NetworkPolicy was removed in Kubernetes 1.16; use networking.k8s.io/v1', [['networking.k8s.io/v1', undefined]]],
      ['extensions/v1beta1', 'Ingress', 'extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1', [['networking.k8s.io/v1', undefined]]],
      ['networking.k8s.io/v1beta1', 'Ingress', 'networking.k8s.io/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1', [['networking.k8s.io/v1', undefined]]],
      ['rbac.authorization.k8s.io/v1beta1', 'ClusterRole', 'rbac.authorization.k8s.io/v1beta1 was removed in Kubernetes 1.22; use rbac.authorization.k8s.io/v1', [['rbac.authorization.k8s.io/v1', undefined]]],
      ['apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', 'apiextensions.k8s.io/v1beta1 was removed in Kubernetes 1.22; use apiextensions.k8s.io/v1', [['apiextensions.k8s.io/v1', undefined]]],
      ['batch/v1beta1', 'CronJob', 'batch/v1beta1 was removed in Kubernetes 1.25; use batch/v1', [['batch/v1', undefined]]],
      ['policy/v1beta1', 'PodDisruptionBudget', 'policy/v1beta1 was removed in Kubernetes 1.25; use policy/v1', [['policy/v1', undefined]]],
      ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', 'autoscaling/v2beta1 was removed in Kubernetes 1.25; use autoscaling/v2', [['autoscaling/v2', undefined]]],
      ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'autoscaling/v2beta2 was removed in Kubernetes 1.26; use autoscaling/v2', [['autoscaling/v2', undefined]]],
      ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', 'storage.k8s.io/v1beta1 CSIStorageCapacity was removed in Kubernetes 1.27; use storage.k8s.io/v1', [['storage.k8s.io/v1', undefined]]],
      ['storage.k8s.io/v1beta1', 'StorageClass', 'storage.k8s.io/v1beta1 StorageClass was removed in Kubernetes 1.22; use storage.k8s.io/v1', [['storage.k8s.io/v1', undefined]]],
      ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1beta2 was removed in Kubernetes 1.29; use flowcontrol.apiserver.k8s.io/v1', [['flowcontrol.apiserver.k8s.io/v1', undefined]]],
      ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1beta3 was removed in Kubernetes 1.32; use flowcontrol.apiserver.k8s.io/v1', [['flowcontrol.apiserver.k8s.io/v1', undefined]]],
    ];
    for (const [apiVersion, kind, why, want] of cases) {
      const p = problem(apiVersion, kind);
      assert.equal(p.message, `no matches for kind "${kind}" in version "${apiVersion}": ${why}`);
      assert.equal(p.rule, 'removed-api-version');
      assert.equal(p.severity, 'error');
      assert.equal(p.field, 'apiVersion');
      assert.deepEqual(fixes(p), want, `${apiVersion} ${kind}`);
    }
    const psp = problem('policy/v1beta1', 'PodSecurityPolicy');
    assert.match(psp.message, /^no matches for kind "PodSecurityPolicy" in version "policy\/v1beta1": policy\/v1beta1 PodSecurityPolicy was removed in Kubernetes 1\.25; PodSecurityPolicy has no replacement API; Pod Security admission/);
    assert.deepEqual(psp.fixes, []);
  });

  it('alpha and beta versions off by default: a warning, with the stable version', () => {
    const p = problem('resource.k8s.io/v1beta1', 'ResourceClaim');
    assert.equal(p.rule, 'api-version-off-by-default');
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /^no matches for kind "ResourceClaim" in version "resource\.k8s\.io\/v1beta1" on a cluster with default settings: Kubernetes 1\.35 serves alpha and beta versions only where the API server enables them \(--runtime-config=resource\.k8s\.io\/v1beta1=true/);
    assert.match(p.message, /; ResourceClaim is served in resource\.k8s\.io\/v1$/);
    assert.deepEqual(fixes(p), [['resource.k8s.io/v1', undefined]]);
    // A version that still exists for other kinds: only the removed ones are errors.
    assert.equal(problem('networking.k8s.io/v1beta1', 'ServiceCIDR').rule, 'api-version-off-by-default');
    assert.deepEqual(fixes(problem('admissionregistration.k8s.io/v1beta1', 'MutatingAdmissionPolicy')), []);
  });

  it('kinds the installed models serve in a stable version that 1.35 does not serve yet', () => {
    const p = problem('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicy');
    assert.equal(p.message, 'no matches for kind "MutatingAdmissionPolicy" in version "admissionregistration.k8s.io/v1": Kubernetes 1.35 serves MutatingAdmissionPolicy only in admissionregistration.k8s.io/v1beta1, a beta version that is off by default; admissionregistration.k8s.io/v1 serves it from Kubernetes 1.36');
    assert.equal(p.severity, 'error');
  });

  it('deprecated served kinds: the API server\'s warning', () => {
    const p = problem('v1', 'Endpoints');
    assert.deepEqual([p.rule, p.severity, p.field, p.message], ['deprecated-api', 'warning', 'kind', 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice']);
    assert.equal(problem('v1', 'ComponentStatus').message, 'v1 ComponentStatus is deprecated in v1.19+');
  });
});

describe('resolveKind: what is not ours is left alone', () => {
  const other: Array<[unknown, unknown, boolean?]> = [
    ['example.com/v1', 'Widget'], ['cert-manager.io/v1', 'Certificate'], ['gateway.networking.k8s.io/v1', 'HTTPRoute'], ['metrics.k8s.io/v1beta1', 'PodMetrics'],
    ['argoproj.io/v1alpha1', 'Application'], ['kustomize.config.k8s.io/v1beta1', 'Kustomization'], ['kubeadm.k8s.io/v1beta3', 'ClusterConfiguration'],
    ['kubelet.config.k8s.io/v1beta1', 'KubeletConfiguration'], ['skaffold/v4beta6', 'Config'], ['kind.x-k8s.io/v1alpha4', 'Cluster'],
    ['v1', 'List'], ['apps/v1', 'DeploymentList'], ['v1', 'PodList'], ['apps/v1beta1', 'DeploymentList'],
    ['v1', 'Config'], ['v1', 'Config', false], ['v1', 'Policy'], ['v1', 'Status'], ['v1', 'Widget', false], ['v2', 'Chart'], ['v1beta1', 'Widget'],
    ['core/v1', 'Widget'], ['a/b/c', 'Pod'], ['', 'Pod'], ['v1', ''], [undefined, 'Pod'], ['v1', 42], [null, null],
  ];
  for (const [apiVersion, kind, hasMetadata] of other) {
    it(`${String(apiVersion)} ${String(kind)}${hasMetadata === false ? ' (no metadata)' : ''}`, () => {
      assert.deepEqual(resolveKind(apiVersion, kind, { hasMetadata: hasMetadata ?? true }), { status: 'other' } satisfies KindResolution);
    });
  }
});

function one(yaml: string, code: string): Diag {
  const ds = validate(yaml).filter((d) => d.code === code);
  assert.equal(ds.length, 1, `expected one ${code}: ${validate(yaml).map((d) => `${d.code} ${d.message}`).join('\n')}`);
  return ds[0];
}

describe('detection: one diagnostic per document, with its quick fix', () => {
  const OLD_DEPLOYMENT = 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n';

  it('kind: pod is an error on the kind, fixed to Pod, after which the Pod is validated', () => {
    const yaml = 'apiVersion: v1\nkind: pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    foo: bar\n';
    const all = validate(yaml);
    assert.equal(all.length, 1, all.map((d) => d.message).join('\n'));
    const d = all[0];
    assert.equal(d.code, 'unknown-kind');
    assert.equal(d.severity, 1);
    assert.equal(textAt(yaml, d), 'pod');
    assert.equal(d.message, 'pod in version "v1" cannot be handled as a Pod: no kind "pod" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"');
    assert.deepEqual(dataOf(d).field, 'kind');
    assert.equal(dataOf(d).errorType, undefined);
    assert.equal(dataOf(d).fixes?.[0].preferred, true);
    const fixed = applyFix(yaml, d);
    assert.equal(fixed, yaml.replace('kind: pod', 'kind: Pod'));
    assert.deepEqual(validate(fixed).map((x) => x.code), ['unknown-field']);
  });

  it('apps/v1beta1 Deployment: an error on the apiVersion; fixed, it is validated as apps/v1', () => {
    const d = one(OLD_DEPLOYMENT, 'removed-api-version');
    assert.equal(validate(OLD_DEPLOYMENT).length, 1);
    assert.equal(textAt(OLD_DEPLOYMENT, d), 'apps/v1beta1');
    assert.equal(d.message, 'no matches for kind "Deployment" in version "apps/v1beta1": apps/v1beta1 was removed in Kubernetes 1.16; use apps/v1');
    assert.equal(dataOf(d).field, 'apiVersion');
    const fixed = applyFix(OLD_DEPLOYMENT, d);
    assert.equal(fixed, OLD_DEPLOYMENT.replace('apps/v1beta1', 'apps/v1'));
    // apps/v1 requires the selector that apps/v1beta1 defaulted from the template labels.
    const after = validate(fixed).filter((x) => x.severity === 1);
    assert.deepEqual(after.map((x) => `${dataOf(x).field} ${dataOf(x).errorType}`), ['spec.selector Required', 'spec.template.metadata.labels Invalid']);
    const withSelector = fixed.replace('  replicas: 2\n', '  replicas: 2\n  selector: {matchLabels: {app: web}}\n');
    assert.deepEqual(validate(withSelector).filter((x) => x.severity === 1), []);
  });

  it('keeps the quotes of the values it rewrites, and fixes kind and apiVersion together', () => {
    const yaml = 'apiVersion: "apps/v1beta2"\nkind: \'deployment\'\nmetadata: {name: web}\n';
    const d = one(yaml, 'removed-api-version');
    assert.equal(applyFix(yaml, d), 'apiVersion: "apps/v1"\nkind: \'Deployment\'\nmetadata: {name: web}\n');
    const json = '{"apiVersion": "v1", "kind": "Deployment", "metadata": {"name": "web"}}\n';
    assert.equal(applyFix(json, one(json, 'unknown-kind')), '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}}\n');
  });

  it('the code action carries the edit', () => {
    const yaml = 'apiVersion: apps/v1\nkind: Statefulset\nmetadata: {name: db}\n';
    const d = one(yaml, 'unknown-kind');
    const actions = service.codeActions('file:///test.yaml', [d]);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Change to kind: StatefulSet');
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].edit?.changes?.['file:///test.yaml'], [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 17 } }, newText: 'StatefulSet' }]);
  });

  it('List items are judged one by one, with their path', () => {
    const yaml = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: extensions/v1beta1\n  kind: Ingress\n  metadata: {name: b}\n';
    const d = one(yaml, 'removed-api-version');
    assert.equal(dataOf(d).field, 'items[1].apiVersion');
    assert.match(d.message, /^items\[1\]\.apiVersion: no matches for kind "Ingress" in version "extensions\/v1beta1"/);
    assert.equal(textAt(yaml, d), 'extensions/v1beta1');
    assert.equal(validate(yaml).length, 1);
  });

  it('warnings: off-by-default versions and deprecated kinds', () => {
    const beta = 'apiVersion: resource.k8s.io/v1beta1\nkind: ResourceClaim\nmetadata: {name: gpu}\n';
    const w = one(beta, 'api-version-off-by-default');
    assert.equal(w.severity, 2);
    assert.equal(applyFix(beta, w), beta.replace('v1beta1', 'v1'));
    const ep = 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\nsubsets: []\n';
    const e = one(ep, 'deprecated-api');
    assert.equal(e.severity, 2);
    assert.equal(textAt(ep, e), 'Endpoints');
    assert.equal(e.message, 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');
  });

  it('silenced by comment, annotation or setting like every rule', () => {
    const comment = 'apiVersion: v1\n# podsight-disable-next-line unknown-kind\nkind: pod\nmetadata: {name: a}\n';
    assert.deepEqual(validate(comment), []);
    const annotation = 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: a\n  annotations: {podsight.io/ignore: removed-api-version}\n';
    assert.deepEqual(validate(annotation), []);
    const pod = 'apiVersion: v1\nkind: pod\nmetadata: {name: a}\n';
    assert.deepEqual(validate(pod, { ...DEFAULT_SETTINGS, rules: { 'unknown-kind': 'off' } }), []);
    assert.equal(validate(pod, { ...DEFAULT_SETTINGS, rules: { 'unknown-kind': 'warning' } })[0].severity, 2);
  });

  it('reports syntax errors of such documents, as of the documents Podsight validates', () => {
    const yaml = 'apiVersion: v1\nkind: pod\nmetadata:\n  name: a\n   labels: {}\n';
    const codes = new Set(validate(yaml).map((d) => d.code));
    assert.deepEqual([...codes].sort(), ['unknown-kind', 'yaml-syntax']);
    assert.deepEqual(validate(yaml.replace('apiVersion: v1', 'apiVersion: example.com/v1')), []);
  });

  it('leaves other YAML alone: CRDs and their objects, kubeconfig, Helm, Compose, CI files', () => {
    const docs = [
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec: {group: example.com, names: {kind: Widget, plural: widgets}, scope: Namespaced, versions: []}\n',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
      'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\ncurrent-context: ""\nusers: []\n',
      'apiVersion: v2\nname: chart\nversion: 1.0.0\n',
      'services:\n  web:\n    image: nginx\n',
      'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n',
      'apiVersion: v1\nkind: List\nitems: []\n',
      'apiVersion: v1\nkind: ServiceList\nitems: []\n',
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n',
      'apiVersion: v1\nkind: {{ .Values.kind }}\nmetadata: {name: s}\n',
    ];
    for (const yaml of docs) {
      assert.deepEqual(validate(yaml), [], yaml);
      const file = service.parse('file:///x.yaml', 1, yaml);
      assert.equal(service.isManifest(file), false, yaml);
    }
    assert.equal(service.isManifest(service.parse('file:///x.yaml', 1, 'apiVersion: v1\nkind: pod\n')), true);
  });

  it('survives hostile values: long and binary kinds give one bounded message', () => {
    const long = 'K'.repeat(200_000);
    const yaml = `apiVersion: apps/v1\nkind: "${long}\\u0007"\nmetadata: {name: a}\n`;
    const d = one(yaml, 'unknown-kind');
    assert.ok(d.message.length < 1_500, `${d.message.length}`);
    assert.match(d.message, /\\u0007" in version "apps\/v1"/);
    const list = `apiVersion: v1\nkind: List\nitems:\n${'- {apiVersion: v1, kind: pod, metadata: {name: a}}\n'.repeat(2_000)}`;
    const file = parseManifestFile('file:///l.yaml', 1, list);
    assert.equal(file.documents[0].doc.kindProblems.length, 2_000);
  });
});

const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

describe('real-world corpus: every apiVersion/kind pair is served or not ours', { skip: existsSync(CORPUS) ? undefined : 'corpus absent (../shared/corpus)' }, () => {
  it('finds no kind problem', () => {
    const found: string[] = [];
    for (const name of readdirSync(CORPUS).filter((n) => /\.ya?ml$/.test(n))) {
      const file = parseManifestFile(name, 1, readFileSync(join(CORPUS, name), 'utf8'));
      for (const p of file.documents) for (const s of p.doc.kindProblems) found.push(`${name} ${s.path}: ${s.problem.message}`);
    }
    assert.deepEqual(found, []);
  });
});
