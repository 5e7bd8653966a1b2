import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, type Diag, errors } from '../../helpers/engine';

const APP = '  containers:\n  - name: app\n    image: nginx:1.27\n';
const NA = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]';
const PA = 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';

function byField(yaml: string, field: string): Diag[] {
  return errors(yaml).filter((d) => dataOf(d).field === field);
}

function nodeAffinity(terms: string): string {
  return pod(`  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n${terms}${APP}`);
}

test('valid affinity, tolerations and spread constraints produce no error', () => {
  const yaml = pod(
    `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: topology.kubernetes.io/zone, operator: In, values: [a, b]}
          - {key: gpu, operator: DoesNotExist}
          - {key: example.com/cores, operator: Lt, values: ["8"]}
          matchFields:
          - {key: metadata.name, operator: NotIn, values: [node-1]}
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        preference:
          matchExpressions: [{key: flavor, operator: In, values: ["Not A Label Value!"]}]
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          namespaces: [default, kube-system]
          namespaceSelector: {}
          matchLabelKeys: [pod-template-hash]
          mismatchLabelKeys: [tenant]
          labelSelector:
            matchExpressions: [{key: app, operator: In, values: [web]}]
  tolerations:
  - operator: Exists
  - {key: example.com/gpu, operator: Equal, value: "true", effect: NoSchedule}
  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, minDomains: 2, labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [pod-template-hash]}
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, nodeAffinityPolicy: Ignore, nodeTaintsPolicy: Honor}
${APP}`,
    '  labels: {app: web, pod-template-hash: abc, tenant: t1}\n',
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('node affinity: at least one term, operator and values rules', () => {
  assert.deepEqual(errorPairs(nodeAffinity('        nodeSelectorTerms: []\n')), [
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms Required',
  ]);
  const d = errors(nodeAffinity('        nodeSelectorTerms: []\n'))[0];
  assert.match(d.message, /nodeSelectorTerms: Required value: must have at least one node selector term$/);
  const yaml = nodeAffinity(
    '        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: a, operator: Equals, values: [x]}\n          - {key: a, operator: In}\n          - {key: a, operator: Exists, values: [x]}\n          - {key: a, operator: Gt, values: ["1", "2"]}\n          - {key: a, operator: In, values: ["a b"]}\n',
  );
  assert.deepEqual(errorPairs(yaml), [
    `${NA}.matchExpressions[0].operator Invalid`,
    `${NA}.matchExpressions[1].values Required`,
    `${NA}.matchExpressions[2].values Forbidden`,
    `${NA}.matchExpressions[3].values Required`,
    `${NA}.matchExpressions[4].values[0] Invalid`,
  ]);
  const op = byField(yaml, `${NA}.matchExpressions[0].operator`)[0];
  assert.equal(op.message, `${NA}.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator`);
  assert.equal(textAt(yaml, op), 'Equals');
  assert.equal(
    byField(yaml, `${NA}.matchExpressions[3].values`)[0].message,
    `${NA}.matchExpressions[3].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
  );
});

test('node affinity: a requirement without key or operator gets upstream errors, not a structural Required', () => {
  assert.deepEqual(errorPairs(nodeAffinity('        nodeSelectorTerms:\n        - matchExpressions: [{values: [x]}]\n')), [
    `${NA}.matchExpressions[0].key Invalid`,
    `${NA}.matchExpressions[0].key Invalid`,
    `${NA}.matchExpressions[0].operator Invalid`,
  ]);
});

test('node affinity matchFields: only metadata.name, In/NotIn with exactly one node name', () => {
  const yaml = nodeAffinity(
    '        nodeSelectorTerms:\n        - matchFields:\n          - {key: metadata.labels, operator: In, values: [a]}\n          - {key: metadata.name, operator: In, values: [a, b]}\n          - {key: metadata.name, operator: Exists, values: [Node_1]}\n',
  );
  assert.deepEqual(errorPairs(yaml), [
    `${NA}.matchFields[0].key Invalid`,
    `${NA}.matchFields[1].values Required`,
    `${NA}.matchFields[2].operator Invalid`,
    `${NA}.matchFields[2].values[0] Invalid`,
  ]);
  assert.equal(byField(yaml, `${NA}.matchFields[0].key`)[0].message, `${NA}.matchFields[0].key: Invalid value: "metadata.labels": not a valid field selector key`);
});

test('preferred terms: weight 1-100 (absent = 0), label values not checked', () => {
  const yaml = pod(
    '  affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - preference: {matchExpressions: [{key: a, operator: In, values: ["a b"]}]}\n      - {weight: 101, preference: {}}\n' + APP,
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight Invalid',
    'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[1].weight Invalid',
  ]);
  assert.match(errors(yaml)[1].message, /\[1\]\.weight: Invalid value: 101: must be in the range 1-100$/);
});

test('pod affinity: empty topologyKey is Required plus two Invalid; namespaces report on …namespace', () => {
  const yaml = pod(
    `  affinity:\n    podAntiAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector: {matchLabels: {app: web}}\n        namespaces: [Team_A]\n${APP}`,
  );
  const anti = 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
  assert.deepEqual(errorPairs(yaml), [`${anti}.namespace Invalid`, `${anti}.topologyKey Invalid`, `${anti}.topologyKey Invalid`, `${anti}.topologyKey Required`]);
  assert.equal(byField(yaml, `${anti}.topologyKey`).find((d) => dataOf(d).errorType === 'Required')!.message, `${anti}.topologyKey: Required value: can not be empty`);
});

test('label selectors: In needs values, Exists takes none, keys and values are checked', () => {
  const yaml = pod(
    `  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: zone\n        labelSelector:\n          matchLabels: {"bad key": v}\n          matchExpressions:\n          - {key: app, operator: In}\n          - {key: app, operator: Exists, values: [x]}\n          - {key: app, operator: Gt, values: ["1"]}\n${APP}`,
  );
  const s = `${PA}.labelSelector`;
  assert.deepEqual(errorPairs(yaml), [
    `${s}.matchExpressions[0].values Required`,
    `${s}.matchExpressions[1].values Forbidden`,
    `${s}.matchExpressions[2].operator Invalid`,
    `${s}.matchLabels Invalid`,
  ]);
  assert.equal(byField(yaml, `${s}.matchExpressions[0].values`)[0].message, `${s}.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`);
});

test('matchLabelKeys: Forbidden without selector; overlap with the merged selector uses the term path quirk', () => {
  const noSel = pod(`  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: zone\n        matchLabelKeys: [app]\n${APP}`);
  const f = errors(noSel);
  assert.deepEqual(f.map((d) => d.message), [`${PA}.matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`]);
  // For a Pod the API server appends `app In (web)` from the Pod's labels before validating,
  // so a key also in matchLabels is a duplicate, reported on `<term>[<index in matchLabelKeys>]`.
  const term = `  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: zone\n        matchLabelKeys: [app, Bad/Key/x]\n        mismatchLabelKeys: [app]\n        labelSelector: {matchLabels: {app: web}}\n`;
  const yaml = pod(term + APP, '  labels: {app: web}\n');
  assert.deepEqual(errorPairs(yaml), [`${PA}.matchLabelKeys[0] Invalid`, `${PA}.matchLabelKeys[1] Invalid`, `${PA}[0] Invalid`, `${PA}[0] Invalid`]);
  assert.equal(byField(yaml, `${PA}[0]`)[0].message, `${PA}[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector`);
  assert.equal(byField(yaml, `${PA}.matchLabelKeys[0]`)[0].message, `${PA}.matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and mismatchLabelKeys`);
  // Without the Pod label nothing is merged, so only the key-format and mismatch errors remain.
  assert.deepEqual(errorPairs(pod(term + APP)), [`${PA}.matchLabelKeys[0] Invalid`, `${PA}.matchLabelKeys[1] Invalid`]);
});

test('tolerations: operator/key/value/effect rules; value errors sit on .operator', () => {
  const yaml = pod(
    `  tolerations:\n  - {operator: Equal, value: x}\n  - {key: k, operator: Exists, value: v}\n  - {key: k, value: "a b"}\n  - {key: k, operator: Gt, value: "1"}\n  - {key: k, operator: In}\n  - {key: k, effect: NoExecut}\n  - {key: k, effect: NoSchedule, tolerationSeconds: 10}\n  - {key: "a/b/c", operator: Exists}\n${APP}`,
  );
  assert.deepEqual(errorPairs(yaml), [
    'spec.tolerations[0].operator Invalid',
    'spec.tolerations[1].operator Invalid',
    'spec.tolerations[2].operator Invalid',
    'spec.tolerations[3].operator NotSupported',
    'spec.tolerations[4].operator NotSupported',
    'spec.tolerations[5].effect NotSupported',
    'spec.tolerations[6].effect Invalid',
    'spec.tolerations[7].key Invalid',
  ]);
  const msgs = new Map(errors(yaml).map((d) => [dataOf(d).field, d]));
  assert.equal(msgs.get('spec.tolerations[0].operator')!.message, 'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"');
  const exists = msgs.get('spec.tolerations[1].operator')!;
  assert.equal(exists.message, "spec.tolerations[1].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'");
  assert.equal(textAt(yaml, exists), 'v');
  assert.equal(msgs.get('spec.tolerations[3].operator')!.message, 'spec.tolerations[3].operator: Unsupported value: "Gt": supported values: "Equal", "Exists", "Lt", "Gt"');
  assert.equal(msgs.get('spec.tolerations[5].effect')!.message, 'spec.tolerations[5].effect: Unsupported value: "NoExecut": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"');
  assert.equal(msgs.get('spec.tolerations[6].effect')!.message, "spec.tolerations[6].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set");
});

test('topology spread: maxSkew, topologyKey, whenUnsatisfiable, minDomains, policies', () => {
  const yaml = pod(
    `  topologySpreadConstraints:\n  - {labelSelector: {}}\n  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 0, nodeAffinityPolicy: honor, labelSelector: {}}\n${APP}`,
  );
  const c = 'spec.topologySpreadConstraints';
  assert.deepEqual(errorPairs(yaml), [
    `${c}[0].maxSkew Invalid`,
    `${c}[0].topologyKey Required`,
    `${c}[0].whenUnsatisfiable NotSupported`,
    `${c}[1].minDomains Invalid`,
    `${c}[1].minDomains Invalid`,
    `${c}[1].nodeAffinityPolicy NotSupported`,
  ]);
  const md = byField(yaml, `${c}[1].minDomains`).map((d) => d.message);
  assert.deepEqual(md, [`${c}[1].minDomains: Invalid value: 0: must be greater than zero`, `${c}[1].minDomains: Invalid value: 0: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`]);
  assert.equal(byField(yaml, `${c}[0].whenUnsatisfiable`)[0].message, `${c}[0].whenUnsatisfiable: Unsupported value: "": supported values: "DoNotSchedule", "ScheduleAnyway"`);
});

test('topology spread: a repeated {topologyKey, whenUnsatisfiable} is reported on the earlier constraint', () => {
  const tsc = `  topologySpreadConstraints:\n  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [app]}\n  - {maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n  - {maxSkew: 2, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}\n`;
  const yaml = pod(tsc + APP, '  labels: {app: web}\n');
  const d = byField(yaml, 'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}');
  assert.equal(d.length, 1);
  assert.equal(d[0].message, 'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"');
  // matchLabelKeys merged from the Pod's labels overlap matchLabels: quirk path `[c][i]`
  assert.deepEqual(errorPairs(yaml), ['spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable} Duplicate', 'spec.topologySpreadConstraints[0][0] Invalid']);
  // a Deployment template is not merged
  const dep = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n${tsc.replace(/^/gm, '    ').replace(/\n {4}$/, '\n')}${APP.replace(/^/gm, '    ').replace(/\n {4}$/, '\n')}`;
  assert.deepEqual(errorPairs(dep), ['spec.template.spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable} Duplicate']);
});
