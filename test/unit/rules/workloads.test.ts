import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, errorPairs, textAt, type Diag, errors, only, validate } from '../../helpers/engine';

function byField(yaml: string, field: string): Diag {
  const d = errors(yaml).find((x) => dataOf(x).field === field);
  assert.ok(d, `no error on ${field}: ${errors(yaml).map((x) => x.message).join('\n')}`);
  return d;
}

const CONTAINERS = '      containers: [{name: app, image: nginx:1.27}]\n';

function apps(kind: string, spec: string, name = 'web', podSpec = CONTAINERS, labels = '{app: web}'): string {
  return `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}  template:\n    metadata:\n      labels: ${labels}\n    spec:\n${podSpec}`;
}

const SEL = '  selector: {matchLabels: {app: web}}\n';

test('valid Deployment, ReplicaSet, DaemonSet, StatefulSet and ReplicationController produce no error', () => {
  const full = [
    '  replicas: 0',
    '  minReadySeconds: 10',
    '  progressDeadlineSeconds: 11',
    '  revisionHistoryLimit: 0',
    '  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 100%}}',
    '  selector:',
    '    matchLabels: {app: web}',
    '    matchExpressions: [{key: tier, operator: NotIn, values: [db]}, {key: app, operator: Exists}]',
    '',
  ].join('\n');
  assert.deepEqual(errorPairs(apps('Deployment', full)), []);
  assert.deepEqual(errorPairs(apps('Deployment', `${SEL}  strategy: {type: Recreate}\n`)), []);
  assert.deepEqual(errorPairs(apps('ReplicaSet', `${SEL}  replicas: 3\n`)), []);
  assert.deepEqual(errorPairs(apps('DaemonSet', `${SEL}  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}\n`)), []);
  assert.deepEqual(errorPairs(apps('DaemonSet', `${SEL}  updateStrategy: {type: OnDelete}\n`)), []);
  const sts = `${SEL}  serviceName: web\n  podManagementPolicy: Parallel\n  updateStrategy: {rollingUpdate: {partition: 2, maxUnavailable: 50%}}\n  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete}\n  ordinals: {start: 5}\n`;
  assert.deepEqual(errorPairs(apps('StatefulSet', sts)), []);
  const rc = 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: app, image: nginx}]\n';
  assert.deepEqual(errorPairs(rc), []); // selector and object labels default from the template
});

test('selector: required, and it must select the template labels', () => {
  const yaml = apps('Deployment', '  replicas: 1\n');
  assert.deepEqual(errorPairs(yaml), ['spec.selector Required', 'spec.template.metadata.labels Invalid']);
  assert.equal(byField(yaml, 'spec.selector').message, 'spec.selector: Required value');
  const mismatch = apps('Deployment', '  selector: {matchLabels: {app: api}}\n');
  const d = only(mismatch);
  assert.equal(d.message, 'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`');
  assert.equal(textAt(mismatch, d), 'labels');
  // DaemonSets do not say Required: a nil selector just selects nothing.
  assert.deepEqual(errorPairs(apps('DaemonSet', '')), ['spec.template.metadata.labels Invalid']);
});

test('selector: an empty selector is invalid; an invalid one also fails to convert', () => {
  const empty = only(apps('Deployment', '  selector: {}\n'));
  assert.equal(empty.message, 'spec.selector: Invalid value: {}: empty selector is invalid for deployment');
  assert.equal(only(apps('StatefulSet', '  selector: {}\n')).message, 'spec.selector: Invalid value: {}: empty selector is invalid for statefulset');
  const bad = apps('Deployment', '  selector: {matchExpressions: [{key: app, operator: Equals, values: [web]}]}\n');
  assert.deepEqual(errorPairs(bad), ['spec.selector Invalid', 'spec.selector.matchExpressions[0].operator Invalid']);
  assert.equal(
    byField(bad, 'spec.selector').message,
    'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Equals","values":["web"]}]}: invalid label selector',
  );
});

test('replicas and other counts must not be negative', () => {
  const d = only(apps('ReplicaSet', `${SEL}  replicas: -1\n`));
  assert.equal(d.message, 'spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  assert.deepEqual(errorPairs(apps('StatefulSet', `${SEL}  minReadySeconds: -2\n  ordinals: {start: -1}\n`)), ['spec.minReadySeconds Invalid', 'spec.ordinals.start Invalid']);
});

test('long-running controllers: restartPolicy Always, no activeDeadlineSeconds', () => {
  const yaml = apps('Deployment', SEL, 'web', '      restartPolicy: OnFailure\n      activeDeadlineSeconds: 30\n' + CONTAINERS);
  assert.deepEqual(errorPairs(yaml), ['spec.template.spec.activeDeadlineSeconds Forbidden', 'spec.template.spec.restartPolicy NotSupported']);
  assert.equal(byField(yaml, 'spec.template.spec.restartPolicy').message, 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"');
  assert.equal(byField(yaml, 'spec.template.spec.activeDeadlineSeconds').message, 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported');
  const ds = apps('DaemonSet', SEL, 'web', '      activeDeadlineSeconds: 30\n' + CONTAINERS);
  assert.equal(only(ds).message, 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported');
});

test('Deployment strategy and progressDeadlineSeconds', () => {
  const zero = apps('Deployment', `${SEL}  strategy: {rollingUpdate: {maxUnavailable: 0%, maxSurge: 0}}\n`);
  assert.equal(only(zero).message, 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0');
  assert.deepEqual(errorPairs(apps('Deployment', `${SEL}  strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}\n`)), ['spec.strategy.rollingUpdate Forbidden']);
  assert.equal(only(apps('Deployment', `${SEL}  strategy: {type: BlueGreen}\n`)).message, 'spec.strategy: Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"');
  const pct = apps('Deployment', `${SEL}  strategy: {rollingUpdate: {maxUnavailable: 150%, maxSurge: ten}}\n`);
  assert.deepEqual(errorPairs(pct), ['spec.strategy.rollingUpdate.maxSurge Invalid', 'spec.strategy.rollingUpdate.maxUnavailable Invalid']);
  assert.match(byField(pct, 'spec.strategy.rollingUpdate.maxSurge').message, /^spec\.strategy\.rollingUpdate\.maxSurge: Invalid value: "ten": a valid percent string must be a numeric string followed by an ending '%'/);
  // progressDeadlineSeconds defaults to 600, which must exceed minReadySeconds.
  assert.equal(only(apps('Deployment', `${SEL}  minReadySeconds: 600\n`)).message, 'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds');
});

test('DaemonSet updateStrategy: exactly one of maxUnavailable (default 1) and maxSurge non-zero', () => {
  const both = apps('DaemonSet', `${SEL}  updateStrategy: {rollingUpdate: {maxSurge: 1}}\n`);
  assert.equal(only(both).message, 'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero');
  const none = apps('DaemonSet', `${SEL}  updateStrategy: {rollingUpdate: {maxUnavailable: 0}}\n`);
  assert.equal(only(none).message, 'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0');
});

test('StatefulSet: DNS-label name and serviceName, policies', () => {
  assert.equal(only(apps('StatefulSet', SEL, 'db.primary')).message, 'metadata.name: Invalid value: "db.primary": must not contain dots');
  assert.deepEqual(errorPairs(apps('StatefulSet', `${SEL}  serviceName: Web_Svc\n`)), ['spec.serviceName Invalid']);
  const policies = apps('StatefulSet', `${SEL}  podManagementPolicy: Burst\n  updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}\n  persistentVolumeClaimRetentionPolicy: {whenScaled: Keep}\n`);
  assert.deepEqual(errorPairs(policies), ['spec.persistentVolumeClaimRetentionPolicy.whenScaled NotSupported', 'spec.podManagementPolicy Invalid', 'spec.updateStrategy.rollingUpdate Invalid']);
  assert.equal(byField(policies, 'spec.podManagementPolicy').message, 'spec.podManagementPolicy: Invalid value: "Burst": must be \'OrderedReady\' or \'Parallel\'');
});

test('StatefulSet rollingUpdate.maxUnavailable: dropped before validation in 1.35.4 (MaxUnavailableStatefulSet off), so never an error', () => {
  for (const mu of ['0', '"0%"', '"150%"', '"abc"', '-1']) {
    const yaml = apps('StatefulSet', `${SEL}  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: ${mu}, partition: 0}\n`);
    assert.deepEqual(errorPairs(yaml), [], `maxUnavailable: ${mu}`);
    const dropped = validate(yaml).filter((d) => d.code === 'create-dropped-field');
    assert.deepEqual(
      dropped.map((d) => [d.message, textAt(yaml, d)]),
      [['the API server drops spec.updateStrategy.rollingUpdate.maxUnavailable: feature gate MaxUnavailableStatefulSet is off by default in 1.35', mu]],
    );
  }
  // The partition beside it is still validated.
  assert.deepEqual(errorPairs(apps('StatefulSet', `${SEL}  updateStrategy: {rollingUpdate: {maxUnavailable: 0, partition: -1}}\n`)), ['spec.updateStrategy.rollingUpdate.partition Invalid']);
  // OnDelete with a rollingUpdate: the value shown is the one after the drop.
  const onDelete = apps('StatefulSet', `${SEL}  updateStrategy: {type: OnDelete, rollingUpdate: {partition: 2, maxUnavailable: 3}}\n`);
  assert.equal(only(onDelete).message, 'spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":2,"MaxUnavailable":null}: only allowed for updateStrategy \'RollingUpdate\'');
});

test('ReplicationController: selector defaulted from template labels, template required', () => {
  const noLabels = 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: nginx}]\n';
  assert.deepEqual(errorPairs(noLabels), ['spec.selector Required']);
  assert.deepEqual(errorPairs('apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  selector: {app: a}\n'), ['spec.template Required']);
  const mismatch = 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  selector: {app: a}\n  template:\n    metadata: {labels: {app: b}}\n    spec:\n      containers: [{name: app, image: nginx}]\n';
  assert.deepEqual(errorPairs(mismatch), ['spec.template.metadata.labels Invalid']);
  // Template labels also become the object's labels: their errors repeat under metadata.labels.
  const badLabel = 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  template:\n    metadata: {labels: {app: "-a"}}\n    spec:\n      containers: [{name: app, image: nginx}]\n';
  assert.deepEqual(errorPairs(badLabel), ['metadata.labels Invalid', 'spec.template.labels Invalid']);
});

function job(spec: string, name = 'pi', podSpec = '      restartPolicy: Never\n      containers: [{name: app, image: perl}]\n', templateMeta = ''): string {
  return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\nspec:\n${spec}  template:\n${templateMeta}    spec:\n${podSpec}`;
}

test('valid Jobs produce no error (selector generated, or manual and matching)', () => {
  assert.deepEqual(errorPairs(job('')), []);
  assert.deepEqual(errorPairs(job('  completionMode: Indexed\n  completions: 5\n  parallelism: 2\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: 2\n')), []);
  assert.deepEqual(errorPairs(job('  manualSelector: true\n  selector: {matchLabels: {app: pi}}\n', 'pi', undefined, '    metadata: {labels: {app: pi}}\n')), []);
  assert.deepEqual(errorPairs(job('  podFailurePolicy:\n    rules:\n    - {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}\n    - {action: FailJob, onExitCodes: {containerName: app, operator: In, values: [1, 42]}}\n')), []);
});

test('Job restartPolicy: the Pod default (Always) is Required to be OnFailure or Never', () => {
  const yaml = job('', 'pi', '      containers: [{name: app, image: perl}]\n');
  const d = only(yaml);
  assert.equal(d.message, 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  assert.equal(textAt(yaml, d), 'spec');
  const pfp = job('  podFailurePolicy:\n    rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]\n', 'pi', '      restartPolicy: OnFailure\n      containers: [{name: app, image: perl}]\n');
  assert.equal(only(pfp).message, 'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified');
});

test('Job selector: generated unless manualSelector is true', () => {
  const user = job('  selector: {matchLabels: {app: pi}}\n', 'pi', undefined, '    metadata: {labels: {app: pi}}\n');
  const d = only(user);
  assert.equal(dataOf(d).field, 'spec.selector');
  assert.match(d.message, /: `selector` not auto-generated$/);
  const manual = job('  manualSelector: true\n');
  assert.deepEqual(errorPairs(manual), ['spec.selector Required', 'spec.template.metadata.labels Invalid']);
  // A name too long for a label value breaks both generated job-name labels.
  const long = 'j'.repeat(64);
  assert.deepEqual(errorPairs(job('', long)), ['spec.template.labels Invalid', 'spec.template.labels Invalid']);
  assert.deepEqual(errorPairs(job('', 'pi', undefined, '    metadata: {labels: {job-name: other}}\n')), ['spec.template.metadata.labels[job-name] Invalid']);
});

test('Job spec fields', () => {
  assert.equal(only(job('  backoffLimit: -1\n')).message, 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0');
  assert.equal(only(job('  completionMode: Sequential\n')).message, 'spec.completionMode: Unsupported value: "Sequential": supported values: "NonIndexed", "Indexed"');
  assert.equal(only(job('  completionMode: Indexed\n  parallelism: 3\n')).message, 'spec.completions: Required value: when completion mode is Indexed');
  assert.deepEqual(errorPairs(job('  backoffLimitPerIndex: 1\n')), ['spec.backoffLimitPerIndex Invalid']);
  assert.deepEqual(errorPairs(job('  podReplacementPolicy: Always\n')), ['spec.podReplacementPolicy NotSupported']);
  const idx = job('  completionMode: Indexed\n  completions: 10\n', 'x'.repeat(62));
  assert.match(only(idx).message, /^metadata\.name: Invalid value: "x{62}": will not able to create pod with invalid DNS label: x{62}-9$/);
  const rules = job('  podFailurePolicy:\n    rules:\n    - {action: Restart, onExitCodes: {operator: In, values: [2, 0, 2]}}\n');
  assert.deepEqual(errorPairs(rules), [
    'spec.podFailurePolicy.rules[0].action NotSupported',
    'spec.podFailurePolicy.rules[0].onExitCodes.values Invalid',
    'spec.podFailurePolicy.rules[0].onExitCodes.values[1] Invalid',
    'spec.podFailurePolicy.rules[0].onExitCodes.values[2] Duplicate',
  ]);
});

function cron(spec: string, name = 'hello', podSpec = '            restartPolicy: OnFailure\n            containers: [{name: app, image: busybox}]\n'): string {
  return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${name}\nspec:\n${spec}  jobTemplate:\n    spec:\n      template:\n        spec:\n${podSpec}`;
}

test('valid CronJobs produce no error', () => {
  for (const s of ['*/5 * * * *', '0 0 1 jan-mar ?', '30 2 * * MON-FRI', '@daily', '@every 1h30m', '0,15,30,45 8-18/2 * * 0-6'])
    assert.deepEqual(errorPairs(cron(`  schedule: "${s}"\n  timeZone: Etc/UTC\n  concurrencyPolicy: Forbid\n`)), [], s);
});

test('CronJob schedule: required, five fields, in range, no TZ prefix', () => {
  assert.equal(only(cron('')).message, 'spec.schedule: Required value');
  assert.equal(only(cron('  schedule: "* * * *"\n')).message, 'spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]');
  assert.equal(only(cron('  schedule: "0 24 * * *"\n')).message, 'spec.schedule: Invalid value: "0 24 * * *": end of range (24) above maximum (23): 24');
  assert.equal(only(cron('  schedule: "@fortnightly"\n')).message, 'spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly');
  assert.equal(only(cron('  schedule: "CRON_TZ=UTC 0 * * * *"\n')).message, 'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
});

test('CronJob: 52-character names, concurrencyPolicy, timeZone, job template without selector', () => {
  assert.equal(only(cron('  schedule: "@daily"\n', 'c'.repeat(53))).message, `metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`);
  assert.deepEqual(errorPairs(cron('  schedule: "@daily"\n  concurrencyPolicy: Sometimes\n  timeZone: Local\n')), ['spec.concurrencyPolicy NotSupported', 'spec.timeZone Invalid']);
  const sel = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      manualSelector: true\n      selector: {matchLabels: {a: b}}\n      template:\n        spec: {restartPolicy: Never, containers: [{name: app, image: busybox}]}\n';
  assert.deepEqual(errorPairs(sel), ['spec.jobTemplate.spec.manualSelector NotSupported', 'spec.jobTemplate.spec.selector Invalid']);
  assert.equal(byField(sel, 'spec.jobTemplate.spec.selector').message, 'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated');
  assert.equal(only(cron('  schedule: "@daily"\n', 'hello', '            containers: [{name: app, image: busybox}]\n')).message, 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
});
