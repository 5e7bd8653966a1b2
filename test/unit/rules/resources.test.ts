import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, pod, textAt, validate, type Diag } from '../../helpers/engine';

function find(yaml: string, field: string): Diag[] {
  return validate(yaml).filter((d) => d.severity === 1 && dataOf(d).field === field);
}

/** A Pod with one container whose `resources:` body is given (container-indented lines). */
function withResources(lines: string[], extra = ''): string {
  return pod(`${extra}  containers:\n  - name: app\n    image: x:1\n    resources:\n${lines.map((l) => `      ${l}`).join('\n')}\n`);
}

function deployment(spec: string): string {
  const body = spec
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n${body}`;
}

const R = 'spec.containers[0].resources';

test('valid resources: odd quantities, limit-only extended resources, hugepages with memory, pod level', () => {
  const yaml = pod(
    [
      '  overhead: {cpu: 250m, memory: 120Mi}',
      '  resources:',
      '    limits: {cpu: "2", memory: 1Gi}',
      '  containers:',
      '  - name: app',
      '    image: x:1',
      '    resources:',
      '      limits: {cpu: "1", memory: 512Mi, example.com/gpu: 2, hugepages-2Mi: 4Mi, ephemeral-storage: 1Gi}',
      '      requests: {cpu: 0.0001, memory: 1e3, example.com/gpu: 2}',
      '  - name: b',
      '    image: x:1',
      '    resources: {requests: {cpu: +1, memory: 128m}}',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), []);
});

test('negative quantities; a Pod limit is copied into requests, so it is reported twice', () => {
  const yaml = withResources(['limits: {memory: -1Gi}', 'requests: {cpu: "-0.5"}']);
  assert.deepEqual(errorPairs(yaml), [`${R}.limits[memory] Invalid`, `${R}.requests[cpu] Invalid`, `${R}.requests[memory] Invalid`]);
  const [lim] = find(yaml, `${R}.limits[memory]`);
  assert.equal(lim.message, `${R}.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0`);
  assert.equal(textAt(yaml, lim), '-1Gi');
  assert.equal(find(yaml, `${R}.requests[cpu]`)[0].message, `${R}.requests[cpu]: Invalid value: "-500m": must be greater than or equal to 0`);
  // A template is not defaulted: reported once.
  const dep = deployment('  containers:\n  - name: app\n    image: x:1\n    resources: {limits: {memory: -1Gi}}\n');
  assert.deepEqual(errorPairs(dep), ['spec.template.spec.containers[0].resources.limits[memory] Invalid']);
});

test('a malformed quantity is a decode error, reported once (not doubled by defaulting)', () => {
  const yaml = withResources(['limits: {cpu: 1.5.5}']);
  const ds = validate(yaml).filter((d) => d.severity === 1);
  assert.deepEqual(
    ds.map((d) => `${dataOf(d).field} ${d.code}`),
    [`${R}.limits[cpu] invalid-quantity`],
  );
});

test('requests above limits, extended resources and hugepages', () => {
  const yaml = withResources(['limits: {cpu: 500m, example.com/a: 2, hugepages-2Mi: 4Mi}', 'requests: {cpu: "1", example.com/a: 1, example.com/b: 1, hugepages-2Mi: 3Mi}']);
  assert.deepEqual(errorPairs(yaml), [
    `${R}.limits Required`,
    `${R}.requests Invalid`,
    `${R}.requests Invalid`,
    `${R}.requests Invalid`,
    `${R}.requests[hugepages-2Mi] Invalid`,
  ]);
  const msgs = find(yaml, `${R}.requests`).map((d) => d.message).sort();
  assert.deepEqual(msgs, [
    `${R}.requests: Invalid value: "1": must be equal to example.com/a limit of 2`,
    `${R}.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m`,
    `${R}.requests: Invalid value: "3Mi": must be equal to hugepages-2Mi limit of 4Mi`,
  ]);
  assert.equal(find(yaml, `${R}.limits`)[0].message, `${R}.limits: Required value: Limit must be set for non overcommitable resources`);
  assert.equal(find(yaml, `${R}.requests[hugepages-2Mi]`)[0].message, `${R}.requests[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi`);
});

test('fractional extended resources, hugepages without cpu/memory, resource names', () => {
  const frac = pod('  initContainers:\n  - name: init\n    image: x:1\n    resources: {requests: {example.com/a: 500m}}\n  containers:\n  - name: app\n    image: x:1\n');
  const I = 'spec.initContainers[0].resources';
  assert.deepEqual(errorPairs(frac), [`${I}.limits Required`, `${I}.requests[example.com/a] Invalid`]);
  assert.equal(find(frac, `${I}.requests[example.com/a]`)[0].message, `${I}.requests[example.com/a]: Invalid value: "500m": must be an integer`);

  const huge = withResources(['limits: {hugepages-1Gi: 1Gi}']);
  assert.deepEqual(errorPairs(huge), [`${R} Forbidden`]);
  assert.equal(find(huge, R)[0].message, `${R}: Forbidden: HugePages require cpu or memory`);

  const names = deployment('  containers:\n  - name: app\n    image: x:1\n    resources: {requests: {gpu: 1, pods: 1, example.com/-x: 1}}\n');
  const T = 'spec.template.spec.containers[0].resources.requests';
  assert.deepEqual(errorPairs(names), ['spec.template.spec.containers[0].resources.limits Required', `${T}[example.com/-x] Invalid`, `${T}[example.com/-x] Invalid`, `${T}[gpu] Invalid`, `${T}[gpu] Invalid`, `${T}[pods] Invalid`]);
  assert.deepEqual(
    find(names, `${T}[gpu]`).map((d) => d.message),
    [`${T}[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified`, `${T}[gpu]: Invalid value: "gpu": must be a standard resource for containers`],
  );
  assert.equal(find(names, `${T}[pods]`)[0].message, `${T}[pods]: Invalid value: "pods": must be a standard resource for containers`);
});

test('spec.overhead is validated as limits under spec.overhead.limits', () => {
  const yaml = pod('  overhead: {memory: -1Mi, example.com/x: 0.5}\n  containers:\n  - name: app\n    image: x:1\n');
  assert.deepEqual(errorPairs(yaml), ['spec.overhead.limits[example.com/x] Invalid', 'spec.overhead.limits[memory] Invalid']);
  assert.equal(find(yaml, 'spec.overhead.limits[memory]')[0].message, 'spec.overhead.limits[memory]: Invalid value: "-1Mi": must be greater than or equal to 0');
});

test('pod-level resources: supported names, aggregate requests, container limits, windows', () => {
  const yaml = pod(
    [
      '  resources:',
      '    limits: {cpu: "1", example.com/x: "1"}',
      '    requests: {cpu: 500m}',
      '  initContainers:',
      '  - name: side',
      '    image: x:1',
      '    restartPolicy: Always',
      '    resources: {requests: {cpu: 300m}}',
      '  - name: init',
      '    image: x:1',
      '    resources: {requests: {cpu: 900m}}',
      '  containers:',
      '  - name: app',
      '    image: x:1',
      '    resources: {limits: {cpu: "2"}, requests: {cpu: 100m}}',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errorPairs(yaml), ['spec.resources.containers[0][cpu].limits Invalid', 'spec.resources.limits[example.com/x] NotSupported', 'spec.resources.requests[cpu] Invalid']);
  assert.equal(
    find(yaml, 'spec.resources.requests[cpu]')[0].message,
    'spec.resources.requests[cpu]: Invalid value: "500m": must be greater than or equal to aggregate container requests of 1200m',
  );
  assert.equal(find(yaml, 'spec.resources.containers[0][cpu].limits')[0].message, 'spec.resources.containers[0][cpu].limits: Invalid value: "2": must be less than or equal to pod limits of 1');
  assert.equal(
    find(yaml, 'spec.resources.limits[example.com/x]')[0].message,
    'spec.resources.limits[example.com/x]: Unsupported value: "example.com/x": supported values: "cpu", "hugepages-", "memory"',
  );
  const win = pod('  os: {name: windows}\n  resources: {limits: {cpu: -1}}\n  containers:\n  - name: app\n    image: x:1\n');
  assert.deepEqual(errorPairs(win), ['spec.resources Forbidden']);
});

test('hugepages page sizes in every spelling: whole multiples pass, others are flagged in upstream words', () => {
  // Plain digits and a suffix (read directly) and other spellings (read by the quantity parser)
  // must judge alike: 1k pages, 1000-byte pages, 2Mi pages spelled 02Mi, 1.5k pages.
  const sizes: Array<[string, string, boolean]> = [
    ['hugepages-1k', '3k', true],
    ['hugepages-1000', '1500', false],
    ['hugepages-1Ki', '3Ki', true],
    ['hugepages-1Ki', '1500', false],
    ['hugepages-02Mi', '4Mi', true],
    ['hugepages-02Mi', '3Mi', false],
    ['hugepages-1.5k', '3k', true],
    ['hugepages-1.5k', '2k', false],
    ['hugepages-1G', '2G', true],
    ['hugepages-1G', '1Gi', false],
  ];
  for (const [name, value, ok] of sizes) {
    const yaml = withResources([`limits: {cpu: "1", memory: 1Gi, ${name}: ${value}}`, `requests: {cpu: "1", memory: 1Gi, ${name}: ${value}}`]);
    const flagged = find(yaml, `${R}.limits[${name}]`);
    if (ok) assert.deepEqual(flagged.map((d) => d.message), [], `${name}: ${value}`);
    else assert.deepEqual(flagged.map((d) => d.message), [`${R}.limits[${name}]: Invalid value: "${value}": ${value} is not positive integer multiple of ${name}`], `${name}: ${value}`);
  }
});
