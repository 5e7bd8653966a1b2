/**
 * Quick fixes for mistyped values (issue 17): quoted numbers, every NotSupported value, byte
 * units, kind casing and removed apiVersions, and the mount of a declared but rejected volume.
 * Each fix is applied to the text, and the fixed text must validate without errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, dataOf, pod, validate, type Diag } from '../helpers/engine';

const CONTAINER = '  containers:\n  - name: app\n    image: nginx:1.27\n';

function errorsOf(yaml: string): Diag[] {
  return validate(yaml).filter((d) => d.severity === 1);
}

function titles(d: Diag): string[] {
  return (dataOf(d).fixes ?? []).map((f) => f.title);
}

/** The one error of `yaml` with `code`; its preferred fix applied must leave no error at all. */
function fixedClean(yaml: string, code: string, title?: RegExp): string {
  const d = errorsOf(yaml).find((x) => x.code === code);
  assert.ok(d, `no ${code} in:\n${yaml}\n${errorsOf(yaml).map((x) => x.message).join('\n')}`);
  const fixed = applyFix(yaml, d, title);
  assert.deepEqual(errorsOf(fixed).map((x) => `${x.code}: ${x.message}`), [], `after the fix:\n${fixed}`);
  return fixed;
}

test('a quoted number where an integer belongs: the quotes are removed', () => {
  const yaml = pod(`${CONTAINER}    ports:\n    - containerPort: "8080"\n`);
  const d = errorsOf(yaml).find((x) => x.code === 'invalid-type')!;
  assert.deepEqual(titles(d), ['Remove the quotes: 8080']);
  assert.equal(dataOf(d).fixes?.[0].preferred, true);
  assert.match(fixedClean(yaml, 'invalid-type'), /- containerPort: 8080\n/);
  // A quoted boolean and a single-quoted integer elsewhere in the spec.
  assert.match(fixedClean(pod(`  hostNetwork: 'true'\n${CONTAINER}`), 'invalid-type'), /hostNetwork: true\n/);
  assert.match(fixedClean(pod(`  terminationGracePeriodSeconds: '30'\n${CONTAINER}`), 'invalid-type'), /terminationGracePeriodSeconds: 30\n/);
});

test('a quoted value that is not plainly a number gets no unquoting fix', () => {
  for (const v of ['"0644"', '"8080x"', '"1_000"', '"0x1F"']) {
    const yaml = pod(`${CONTAINER}    ports:\n    - containerPort: ${v}\n`);
    const d = errorsOf(yaml).find((x) => x.code === 'invalid-type')!;
    assert.ok(d, v);
    assert.deepEqual(titles(d), [], v);
  }
});

// [field as written, where, bad value, the value the fix writes]
const ENUMS: Array<[string, (v: string) => string, string, string]> = [
  ['restartPolicy', (v) => pod(`  restartPolicy: ${v}\n${CONTAINER}`), 'always', 'Always'],
  ['restartPolicy (on failure)', (v) => pod(`  restartPolicy: ${v}\n${CONTAINER}`), 'onfailure', 'OnFailure'],
  ['dnsPolicy', (v) => pod(`  dnsPolicy: ${v}\n${CONTAINER}`), 'clusterfirst', 'ClusterFirst'],
  ['imagePullPolicy', (v) => pod(`${CONTAINER}    imagePullPolicy: ${v}\n`), 'ifnotpresent', 'IfNotPresent'],
  ['imagePullPolicy misspelt', (v) => pod(`${CONTAINER}    imagePullPolicy: ${v}\n`), 'IfNotPresnt', 'IfNotPresent'],
  ['protocol', (v) => pod(`${CONTAINER}    ports:\n    - containerPort: 80\n      protocol: ${v}\n`), 'tcp', 'TCP'],
  ['protocol quoted', (v) => pod(`${CONTAINER}    ports:\n    - containerPort: 80\n      protocol: ${v}\n`), '"udp"', '"UDP"'],
  ['terminationMessagePolicy', (v) => pod(`${CONTAINER}    terminationMessagePolicy: ${v}\n`), 'file', 'File'],
  ['toleration operator', (v) => pod(`  tolerations:\n  - key: k\n    operator: ${v}\n${CONTAINER}`), 'exists', 'Exists'],
  ['toleration effect', (v) => pod(`  tolerations:\n  - key: k\n    operator: Exists\n    effect: ${v}\n${CONTAINER}`), 'noschedule', 'NoSchedule'],
  ['seccomp profile type', (v) => pod(`  securityContext:\n    seccompProfile:\n      type: ${v}\n${CONTAINER}`), 'runtimedefault', 'RuntimeDefault'],
  ['os name', (v) => pod(`  os:\n    name: ${v}\n${CONTAINER}`), 'Linux', 'linux'],
  [
    'concurrencyPolicy',
    (v) =>
      `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  concurrencyPolicy: ${v}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: a\n            image: busybox:1.36\n`,
    'forbid',
    'Forbid',
  ],
];

for (const [what, make, bad, good] of ENUMS) {
  test(`NotSupported ${what}: ${bad} → ${good}`, () => {
    const yaml = make(bad);
    const d = errorsOf(yaml).find((x) => dataOf(x).errorType === 'NotSupported');
    assert.ok(d, `no NotSupported in:\n${yaml}`);
    const fix = dataOf(d).fixes?.[0];
    assert.equal(fix?.title, `Change to ${good.replace(/"/g, '')}`);
    assert.equal(fix?.preferred, true);
    const fixed = fixedClean(yaml, String(d.code));
    assert.equal(fixed, make(good));
  });
}

test('a value like no supported one: the closest few offered, none preferred', () => {
  const yaml = pod(`  restartPolicy: sometimes\n${CONTAINER}`);
  const d = errorsOf(yaml).find((x) => x.code === 'restart-policy')!;
  const fixes = dataOf(d).fixes ?? [];
  assert.equal(fixes.length, 3);
  assert.deepEqual(new Set(fixes.map((f) => f.title)), new Set(['Change to Always', 'Change to OnFailure', 'Change to Never']));
  assert.ok(fixes.every((f) => !f.preferred));
});

test('byte units written another way: the valid units that mean it, binary said', () => {
  const mem = (v: string) => pod(`  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      limits:\n        memory: ${v}\n`);
  const cases: Array<[string, string[]]> = [
    ['1gb', ['Change to 1Gi (binary: 1 Gi = 1024³ bytes)', 'Change to 1G (decimal: 1 G = 1000³ bytes)']],
    ['1GB', ['Change to 1Gi (binary: 1 Gi = 1024³ bytes)', 'Change to 1G (decimal: 1 G = 1000³ bytes)']],
    ['512mb', ['Change to 512Mi (binary: 1 Mi = 1024² bytes)', 'Change to 512M (decimal: 1 M = 1000² bytes)']],
    ['100MiB', ['Change to 100Mi (binary: 1 Mi = 1024² bytes)']],
    ['2g', ['Change to 2Gi (binary: 1 Gi = 1024³ bytes)', 'Change to 2G (decimal: 1 G = 1000³ bytes)']],
    ['"64 Ki"', ['Change to 64Ki (binary: 1 Ki = 1024 bytes)']],
    ['1.5kb', ['Change to 1.5Ki (binary: 1 Ki = 1024 bytes)', 'Change to 1.5k (decimal: 1 k = 1000 bytes)']],
    ['4096b', ['Change to 4096 (bytes)']],
  ];
  for (const [bad, want] of cases) {
    const yaml = mem(bad);
    const d = errorsOf(yaml).find((x) => x.code === 'invalid-quantity');
    assert.ok(d, bad);
    assert.deepEqual(titles(d), want, bad);
    for (const t of want) {
      const fixed = fixedClean(yaml, 'invalid-quantity', new RegExp(`^${t.replace(/[()^.*+?[\]\\]/g, '\\$&')}$`));
      assert.match(fixed, new RegExp(`memory: "?${t.split(' ')[2].replace('.', '\\.')}"?\\n`), `${bad} → ${t}`);
    }
  }
  // `MiB` says binary: that fix is preferred; `gb` is ambiguous: neither is.
  assert.equal(dataOf(errorsOf(mem('100MiB')).find((x) => x.code === 'invalid-quantity')!).fixes?.[0].preferred, true);
  assert.ok((dataOf(errorsOf(mem('1gb')).find((x) => x.code === 'invalid-quantity')!).fixes ?? []).every((f) => !f.preferred));
});

test('a CPU quantity or a non-unit gets no unit fix', () => {
  const cpu = pod(`  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      limits:\n        cpu: 1gb\n`);
  assert.deepEqual(titles(errorsOf(cpu).find((x) => x.code === 'invalid-quantity')!), []);
  const word = pod(`  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      limits:\n        memory: lots\n`);
  assert.deepEqual(titles(errorsOf(word).find((x) => x.code === 'invalid-quantity')!), []);
});

test('kind casing and removed apiVersions are rewritten to what the API server serves', () => {
  const k = 'apiVersion: v1\nkind: pod\nmetadata:\n  name: demo\nspec:\n' + CONTAINER;
  assert.equal(fixedClean(k, 'unknown-kind'), k.replace('kind: pod', 'kind: Pod'));
  const d =
    'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n' +
    CONTAINER.replace(/^/gm, '    ').replace(/ +$/, '');
  assert.equal(fixedClean(d, 'removed-api-version'), d.replace('extensions/v1beta1', 'apps/v1'));
});

test('a mount of a declared but rejected volume: no second volume, the finding points at the first', () => {
  const yaml = pod(
    '  volumes:\n  - name: data\n    secret:\n      secretName: s\n      defaultMode: 999\n  containers:\n  - name: app\n    image: nginx:1.27\n    volumeMounts:\n    - name: data\n      mountPath: /d\n',
  );
  const d = errorsOf(yaml).find((x) => x.code === 'volume-mount-name')!;
  assert.equal(dataOf(d).errorType, 'NotFound');
  assert.deepEqual(titles(d), []);
  const related = d.relatedInformation ?? [];
  assert.equal(related.length, 1);
  assert.equal(related[0].location.range.start.line, 6);
  assert.match(related[0].message, /volume "data" is defined here but has errors/);
  // Once the mode is fixed there is nothing left: no Duplicate from a second declaration.
  assert.deepEqual(errorsOf(yaml.replace('999', '0644')), []);
});
