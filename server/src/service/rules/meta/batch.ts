/**
 * batch/v1 `ValidateJob` and `ValidateCronJobCreate`. A Job without `manualSelector: true`
 * gets its selector and Pod labels generated before validation (`generateSelector`): the
 * template gains `job-name` / `controller-uid` labels (legacy and `batch.kubernetes.io/`)
 * and the selector `batch.kubernetes.io/controller-uid`, whose value (the new uid) no manifest
 * can know — so a user-written selector or such a label never matches.
 */
import type { KMap } from '../../parse/tree';
import { childPath, indexPath, keyPath } from '../../diagnostics/finding';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../../util/names';
import { entry, msg, report, type ObjectRule, type RuleContext } from '../context';
import { validateLabelSelector } from '../spec/labelSelector';
import { intField, invalidRendered, itemMap, missingAt, seqField, strField, structField, valueAt } from '../spec/values';
import { cronScheduleError } from './cron';
import { generatedName, objectName } from './objectMeta';
import { asSelector, selectorMatches, type LabelSet, type LabelValue } from './selector';
import { at, copiedLabels, goJSON, labelsJSON, nonNegative, reportTemplateMismatch, selectorJSON, templateLabels, templateLabelsAt, templateRestartPolicy } from './workload';

const UID = Symbol('uid');
const GENERATED_NAME = Symbol('generated name');
const LEGACY_NAME = 'job-name';
const NAME = 'batch.kubernetes.io/job-name';
const LEGACY_UID = 'controller-uid';
const UID_LABEL = 'batch.kubernetes.io/controller-uid';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100000;
const COMPLETIONS_SOFT_LIMIT = 100000;
const PARALLELISM_HIGH_COMPLETIONS = 10000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10000;
const MAX_POD_FAILURE_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;
const MAX_SUCCESS_RULES = 20;
const MAX_MANAGED_BY = 63;

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const EXIT_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

/** Go's `%q` of a `[]string`: `["a" "b"]`. */
function goQuotedList(xs: string[]): string {
  return `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;
}

function intItems(map: KMap, key: string): Array<{ v: number; at: ReturnType<typeof valueAt> }> | undefined {
  const s = seqField(map, key);
  if (!s) return undefined;
  const out: Array<{ v: number; at: ReturnType<typeof valueAt> }> = [];
  for (const n of s.items) {
    if (n.kind !== 'scalar' || !(n.v.type === 'int' || (n.v.type === 'float' && Number.isInteger(n.v.value)))) return undefined;
    out.push({ v: n.v.value as number, at: { start: n.start, end: n.end } });
  }
  return out;
}

/** `validatePodFailurePolicy` rules. */
function podFailurePolicy(ctx: RuleContext, spec: KMap, pfp: KMap, path: string, hasBackoffPerIndex: boolean): void {
  const rules = seqField(pfp, 'rules');
  if (!rules) return;
  const rulesPath = childPath(path, 'rules');
  if (rules.items.length > MAX_POD_FAILURE_RULES) report(ctx, 'job-pod-failure-policy', 'TooMany', rulesPath, rules.e!.keySpan, msg.tooMany(rules.items.length, MAX_POD_FAILURE_RULES));
  const t = structField(spec, 'template')?.m;
  const ps = t ? structField(t, 'spec')?.m : undefined;
  const names = new Set<string>();
  for (const key of ['containers', 'initContainers']) {
    const cs = ps ? seqField(ps, key) : undefined;
    for (const c of cs?.items ?? []) if (c.kind === 'map') names.add(strField(c, 'name')?.value ?? '');
  }
  rules.items.forEach((n, i) => {
    const r = itemMap(n);
    if (!r) return;
    const rp = indexPath(rulesPath, i);
    const fb = missingAt(r, { start: n.start, end: n.start + 1 });
    const action = strField(r, 'action');
    if (action) {
      const ap = childPath(rp, 'action');
      const aAt = at(r, 'action', fb);
      if (action.value === '') report(ctx, 'job-pod-failure-policy', 'Required', ap, aAt, msg.required(`valid values: ${goQuotedList(ACTIONS)}`));
      else if (action.value === 'FailIndex') {
        if (!hasBackoffPerIndex) report(ctx, 'job-pod-failure-policy', 'Invalid', ap, aAt, msg.invalid(action.value, 'requires the backoffLimitPerIndex to be set'));
      } else if (!ACTIONS.includes(action.value)) report(ctx, 'job-pod-failure-policy', 'NotSupported', ap, aAt, msg.notSupported(action.value, ACTIONS));
    }
    const oec = structField(r, 'onExitCodes')?.m;
    const conds = seqField(r, 'onPodConditions');
    if (oec) {
      const op = childPath(rp, 'onExitCodes');
      const oper = strField(oec, 'operator');
      if (oper) {
        const oAt = at(oec, 'operator', fb);
        if (oper.value === '') report(ctx, 'job-pod-failure-policy', 'Required', childPath(op, 'operator'), oAt, msg.required(`valid values: ${goQuotedList(EXIT_OPERATORS)}`));
        else if (!EXIT_OPERATORS.includes(oper.value)) report(ctx, 'job-pod-failure-policy', 'NotSupported', childPath(op, 'operator'), oAt, msg.notSupported(oper.value, EXIT_OPERATORS));
      }
      const cn = strField(oec, 'containerName');
      if (cn?.set && !names.has(cn.value))
        report(ctx, 'job-pod-failure-policy', 'Invalid', childPath(op, 'containerName'), valueAt(cn.e!), msg.invalid(cn.value, 'must be one of the container or initContainer names in the pod template'));
      const vals = intItems(oec, 'values');
      if (vals) {
        const vp = childPath(op, 'values');
        const vAt = at(oec, 'values', fb);
        if (vals.length === 0) report(ctx, 'job-pod-failure-policy', 'Invalid', vp, vAt, invalidRendered('null', 'at least one value is required'));
        else if (vals.length > MAX_EXIT_CODES) report(ctx, 'job-pod-failure-policy', 'TooMany', vp, vAt, msg.tooMany(vals.length, MAX_EXIT_CODES));
        const seen = new Set<number>();
        let ordered = true;
        vals.forEach((v, j) => {
          if (oper?.value === 'In' && v.v === 0) report(ctx, 'job-pod-failure-policy', 'Invalid', indexPath(vp, j), v.at, msg.invalid(0, 'must not be 0 for the In operator'));
          if (seen.has(v.v)) report(ctx, 'job-pod-failure-policy', 'Duplicate', indexPath(vp, j), v.at, msg.duplicate(v.v));
          else seen.add(v.v);
          if (j > 0 && vals[j - 1].v > v.v) ordered = false;
        });
        if (!ordered) report(ctx, 'job-pod-failure-policy', 'Invalid', vp, vAt, invalidRendered(`[${vals.map((v) => v.v).join(',')}]`, 'must be ordered'));
      }
    }
    if (conds && conds.items.length) {
      const cp = childPath(rp, 'onPodConditions');
      if (conds.items.length > MAX_CONDITION_PATTERNS) report(ctx, 'job-pod-failure-policy', 'TooMany', cp, conds.e!.keySpan, msg.tooMany(conds.items.length, MAX_CONDITION_PATTERNS));
      conds.items.forEach((cn, j) => {
        const c = itemMap(cn);
        if (!c) return;
        const pp = indexPath(cp, j);
        const cfb = missingAt(c, { start: cn.start, end: cn.start + 1 });
        const type = strField(c, 'type');
        if (type) for (const m of isQualifiedName(type.value)) report(ctx, 'job-pod-failure-policy', 'Invalid', childPath(pp, 'type'), at(c, 'type', cfb), msg.invalid(type.value, m));
        const status = strField(c, 'status'); // "" defaults to True
        if (status?.e && status.value !== '' && !CONDITION_STATUSES.includes(status.value))
          report(ctx, 'job-pod-failure-policy', 'NotSupported', childPath(pp, 'status'), valueAt(status.e), msg.notSupported(status.value, CONDITION_STATUSES));
      });
    }
    const hasConds = !!conds && conds.items.length > 0;
    if (oec && hasConds) report(ctx, 'job-pod-failure-policy', 'Invalid', rp, fb, 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported');
    if (!oec && !hasConds) report(ctx, 'job-pod-failure-policy', 'Invalid', rp, fb, 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required');
  });
}

/** `IsDomainPrefixedPath` + length, for `managedBy`. */
function managedBy(ctx: RuleContext, spec: KMap, path: string): void {
  const f = strField(spec, 'managedBy');
  if (!f?.set || !f.e) return;
  const p = childPath(path, 'managedBy');
  const span = valueAt(f.e);
  const v = f.value;
  if (v === '') report(ctx, 'job-managed-by', 'Required', p, span, msg.required());
  else {
    const slash = v.indexOf('/');
    const host = slash < 0 ? '' : v.slice(0, slash);
    const rest = slash < 0 ? '' : v.slice(slash + 1);
    if (slash < 0 || host === '' || rest === '') report(ctx, 'job-managed-by', 'Invalid', p, span, msg.invalid(v, 'must be a domain-prefixed path (such as "acme.io/foo")'));
    else {
      for (const m of isDNS1123Subdomain(host)) report(ctx, 'job-managed-by', 'Invalid', p, span, msg.invalid(host, m));
      if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(rest))
        report(ctx, 'job-managed-by', 'Invalid', p, span, msg.invalid(rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
    }
  }
  if (v.length > MAX_MANAGED_BY) report(ctx, 'job-managed-by', 'TooLong', p, span, msg.tooLong(MAX_MANAGED_BY));
}

/** `validateJobSpec` (shared by Jobs and CronJob job templates). `path` is `spec` or `spec.jobTemplate.spec`. */
function validateJobSpec(ctx: RuleContext, spec: KMap, path: string, completionsDefaulted: boolean): void {
  const cp = (k: string) => childPath(path, k);
  const fb = missingAt(spec);
  const parallelism = nonNegative(ctx, 'job-spec', spec, 'parallelism', cp('parallelism'));
  let completions = nonNegative(ctx, 'job-spec', spec, 'completions', cp('completions'));
  nonNegative(ctx, 'job-spec', spec, 'activeDeadlineSeconds', cp('activeDeadlineSeconds'));
  nonNegative(ctx, 'job-spec', spec, 'backoffLimit', cp('backoffLimit'));
  nonNegative(ctx, 'job-spec', spec, 'ttlSecondsAfterFinished', cp('ttlSecondsAfterFinished'));
  const bpi = nonNegative(ctx, 'job-spec', spec, 'backoffLimitPerIndex', cp('backoffLimitPerIndex'));
  const mfi = nonNegative(ctx, 'job-spec', spec, 'maxFailedIndexes', cp('maxFailedIndexes'));
  if (mfi !== undefined && bpi === undefined) report(ctx, 'job-spec', 'Required', cp('backoffLimitPerIndex'), at(spec, 'maxFailedIndexes', fb), msg.required('when maxFailedIndexes is specified'));
  managedBy(ctx, spec, path);
  // SetDefaults_Job: both unset → completions = parallelism = 1.
  if (completionsDefaulted && completions === undefined && parallelism === undefined) completions = 1;
  const mode = strField(spec, 'completionMode');
  const indexed = mode?.set === true && mode.value === 'Indexed';
  if (mode?.set && mode.e && mode.value !== 'NonIndexed' && mode.value !== 'Indexed')
    report(ctx, 'job-spec', 'NotSupported', cp('completionMode'), valueAt(mode.e), msg.notSupported(mode.value, ['NonIndexed', 'Indexed']));
  if (indexed) {
    if (completions === undefined) report(ctx, 'job-spec', 'Required', cp('completions'), at(spec, 'completionMode', fb), msg.required('when completion mode is Indexed'));
    if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED)
      report(ctx, 'job-spec', 'Invalid', cp('parallelism'), at(spec, 'parallelism', fb), msg.invalid(parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
    if (completions !== undefined && mfi !== undefined && mfi > completions)
      report(ctx, 'job-spec', 'Invalid', cp('maxFailedIndexes'), at(spec, 'maxFailedIndexes', fb), msg.invalid(mfi, 'must be less than or equal to completions'));
    if (mfi !== undefined && mfi > MAX_FAILED_INDEXES)
      report(ctx, 'job-spec', 'Invalid', cp('maxFailedIndexes'), at(spec, 'maxFailedIndexes', fb), msg.invalid(mfi, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
    if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && bpi !== undefined) {
      if (mfi === undefined) report(ctx, 'job-spec', 'Required', cp('maxFailedIndexes'), at(spec, 'completions', fb), msg.required(`must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
      if (parallelism !== undefined && parallelism > PARALLELISM_HIGH_COMPLETIONS)
        report(ctx, 'job-spec', 'Invalid', cp('parallelism'), at(spec, 'parallelism', fb), msg.invalid(parallelism, `must be less than or equal to ${PARALLELISM_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`));
      if (mfi !== undefined && mfi > MAX_FAILED_INDEXES_HIGH_COMPLETIONS)
        report(ctx, 'job-spec', 'Invalid', cp('maxFailedIndexes'), at(spec, 'maxFailedIndexes', fb), msg.invalid(mfi, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`));
    }
  }
  if (!mode?.set || mode.value === 'NonIndexed') {
    if (bpi !== undefined) report(ctx, 'job-spec', 'Invalid', cp('backoffLimitPerIndex'), at(spec, 'backoffLimitPerIndex', fb), msg.invalid(bpi, 'requires indexed completion mode'));
    if (mfi !== undefined) report(ctx, 'job-spec', 'Invalid', cp('maxFailedIndexes'), at(spec, 'maxFailedIndexes', fb), msg.invalid(mfi, 'requires indexed completion mode'));
  }
  const pfp = structField(spec, 'podFailurePolicy')?.m;
  if (pfp) podFailurePolicy(ctx, spec, pfp, cp('podFailurePolicy'), bpi !== undefined);
  const sp = structField(spec, 'successPolicy');
  if (sp?.m) {
    if (!indexed) report(ctx, 'job-spec', 'Invalid', cp('successPolicy'), sp.e!.keySpan, invalidRendered(goJSON(sp.m, false, (k) => k[0].toUpperCase() + k.slice(1)), 'requires indexed completion mode'));
    else {
      const rules = seqField(sp.m, 'rules');
      if (rules && rules.items.length === 0)
        report(ctx, 'job-spec', 'Required', cp('successPolicy.rules'), rules.e ? rules.e.keySpan : sp.e!.keySpan, msg.required('at least one rules must be specified when the successPolicy is specified'));
      if (rules && rules.items.length > MAX_SUCCESS_RULES) report(ctx, 'job-spec', 'TooMany', cp('successPolicy.rules'), rules.e!.keySpan, msg.tooMany(rules.items.length, MAX_SUCCESS_RULES));
    }
  }
  const prp = strField(spec, 'podReplacementPolicy');
  if (prp?.set && prp.e) {
    if (pfp) {
      if (prp.value !== 'Failed') report(ctx, 'job-spec', 'NotSupported', cp('podReplacementPolicy'), valueAt(prp.e), msg.notSupported(prp.value, ['Failed']));
    } else if (!REPLACEMENT_POLICIES.includes(prp.value)) report(ctx, 'job-spec', 'NotSupported', cp('podReplacementPolicy'), valueAt(prp.e), msg.notSupported(prp.value, REPLACEMENT_POLICIES));
  }
  // The Pod template's restartPolicy: OnFailure or Never (the Pod default, Always, is Required).
  const te = entry(spec, 'template');
  const t = structField(spec, 'template')?.m ?? undefined;
  const rp = templateRestartPolicy(t);
  if (rp) {
    const rpPath = childPath(childPath(cp('template'), 'spec'), 'restartPolicy');
    const rpAt = rp.e ? valueAt(rp.e) : (rp.specKey ?? (te ? te.keySpan : fb));
    if (rp.value === 'Always') report(ctx, 'job-restart-policy', 'Required', rpPath, rpAt, msg.required('valid values: "OnFailure", "Never"'));
    else if (rp.value !== 'OnFailure' && rp.value !== 'Never') report(ctx, 'job-restart-policy', 'NotSupported', rpPath, rpAt, msg.notSupported(rp.value, ['OnFailure', 'Never']));
    else if (pfp && rp.value !== 'Never') report(ctx, 'job-restart-policy', 'Invalid', rpPath, rpAt, msg.invalid(rp.value, 'only "Never" is supported when podFailurePolicy is specified'));
  }
}

function labelValueText(v: LabelValue): string {
  return typeof v === 'string' ? v : v === UID ? '<uid>' : '<generated name>';
}

const job: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'Job') return;
  const spec = structField(ctx.object.node, 'spec')?.m;
  if (!spec) return;
  const meta = structField(ctx.object.node, 'metadata')?.m ?? undefined;
  const name: LabelValue = objectName(meta) ?? GENERATED_NAME;
  const t = structField(spec, 'template')?.m ?? undefined;
  const userLabels = templateLabels(t);
  const labelsAt = templateLabelsAt(spec, t);
  const selE = entry(spec, 'selector');
  const selNode = selE?.value;
  const sel = selNode && selNode.kind === 'map' ? selNode : undefined;
  if (selNode && !sel && !(selNode.kind === 'scalar' && selNode.v.type === 'null')) return; // decode error
  const manual = entry(spec, 'manualSelector')?.value;
  const isManual = manual?.kind === 'scalar' && manual.v.type === 'bool' && manual.v.value;
  copiedLabels(ctx, t);

  let labels: LabelSet | undefined = userLabels;
  const extra: Array<[string, LabelValue]> = [];
  if (!isManual) {
    // generateSelector: fill in the labels the user did not write, and the uid selector.
    labels = new Map(userLabels ?? []);
    const generated: Array<[string, LabelValue]> = [
      [LEGACY_NAME, name],
      [NAME, name],
      [LEGACY_UID, UID],
      [UID_LABEL, UID],
    ];
    for (const [k, v] of generated) {
      if (labels.has(k)) continue;
      labels.set(k, v);
      // A name longer than a label value allows breaks the generated job-name labels.
      if (typeof v === 'string') for (const m of isValidLabelValue(v)) report(ctx, 'job-generated-labels', 'Invalid', 'spec.template.labels', labelsAt, msg.invalid(v, m));
    }
    const ml = sel ? entry(sel, 'matchLabels')?.value : undefined;
    const hasUid = ml && ml.kind === 'map' && entry(ml, UID_LABEL) !== undefined;
    if (!hasUid) extra.push([UID_LABEL, UID]);
    // validateGeneratedSelector: user-written generated labels must hold the generated values.
    for (const [k, want] of generated) {
      const got = userLabels?.get(k);
      if (got !== undefined && got !== want)
        report(ctx, 'job-generated-labels', 'Invalid', keyPath('spec.template.metadata.labels', k), labelsAt, invalidRendered(labelsJSON(labels), labelValueText(want)));
    }
    const expected: LabelSet = new Map<string, LabelValue>([
      [LEGACY_UID, UID],
      [LEGACY_NAME, name],
      [UID_LABEL, UID],
      [NAME, name],
    ]);
    const gen = asSelector(sel, extra);
    if (gen.kind !== 'error' && !selectorMatches(gen, expected))
      report(ctx, 'workload-selector', 'Invalid', 'spec.selector', selE ? selE.keySpan : labelsAt, invalidRendered(selectorJSON(sel ?? { kind: 'map', start: 0, end: 0, entries: [] }, extra), '`selector` not auto-generated'));
  }
  validateJobSpec(ctx, spec, 'spec', true);
  // ValidateJobSpec: a (possibly generated) selector, valid and matching the template.
  if (!sel && extra.length === 0) report(ctx, 'workload-selector', 'Required', 'spec.selector', selE ? selE.keySpan : missingAt(spec), msg.required());
  if (sel) validateLabelSelector(ctx, 'workload-selector', sel, 'spec.selector');
  const s = asSelector(sel, extra);
  if (s.kind !== 'error' && !selectorMatches(s, labels ?? new Map())) reportTemplateMismatch(ctx, 'selector-template-mismatch', 'spec.template', labels, labelsAt, selE?.keySpan);
  // An Indexed Job's last Pod hostname is `<name>-<completions-1>`: it must be a DNS label.
  const mode = strField(spec, 'completionMode');
  const completions = intField(spec, 'completions')?.value;
  if (mode?.value === 'Indexed' && completions !== undefined && completions > 0) {
    const gen = meta ? strField(meta, 'generateName') : undefined;
    const actual = typeof name === 'string' ? name : gen?.value ? generatedName(gen.value) : undefined;
    const host = `${actual}-${completions - 1}`;
    if (actual !== undefined && isDNS1123Label(host).length) {
      const ne = meta ? (entry(meta, 'name') ?? entry(meta, 'generateName')) : undefined;
      report(ctx, 'job-spec', 'Invalid', 'metadata.name', ne ? valueAt(ne) : missingAt(spec), msg.invalid(actual, `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
};

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;
const CRONJOB_NAME_MAX = 52;

const cronJob: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'CronJob') return;
  const spec = structField(ctx.object.node, 'spec')?.m;
  const meta = structField(ctx.object.node, 'metadata')?.m ?? undefined;
  // Jobs are named `<cronjob>-<11 chars>`, and Job names must stay within 63.
  const nameF = meta ? strField(meta, 'name') : undefined;
  const genF = meta ? strField(meta, 'generateName') : undefined;
  const name = nameF?.value || (genF?.value ? generatedName(genF.value) : '');
  if (name.length > CRONJOB_NAME_MAX) {
    const e = nameF?.value ? nameF.e : genF?.e;
    report(ctx, 'cronjob-name', 'Invalid', 'metadata.name', e ? valueAt(e) : missingAt(ctx.object.node), msg.invalid(name, `must be no more than ${CRONJOB_NAME_MAX} characters`));
  }
  if (!spec) return;
  const fb = missingAt(spec);
  const sched = strField(spec, 'schedule');
  if (sched) {
    if (sched.value === '') report(ctx, 'cronjob-schedule', 'Required', 'spec.schedule', sched.e ? sched.e.keySpan : fb, msg.required());
    else {
      const err = cronScheduleError(sched.value);
      if (err) report(ctx, 'cronjob-schedule', 'Invalid', 'spec.schedule', valueAt(sched.e!), msg.invalid(sched.value, err));
      if (sched.value.includes('TZ'))
        report(ctx, 'cronjob-schedule', 'Invalid', 'spec.schedule', valueAt(sched.e!), msg.invalid(sched.value, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  nonNegative(ctx, 'cronjob-spec', spec, 'startingDeadlineSeconds', 'spec.startingDeadlineSeconds');
  const tz = strField(spec, 'timeZone');
  if (tz?.set && tz.e) {
    const span = valueAt(tz.e);
    if (tz.value === '') report(ctx, 'cronjob-spec', 'Invalid', 'spec.timeZone', span, msg.invalid('', 'timeZone must be nil or non-empty string'));
    else if (tz.value.split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !TZ_PART.test(p)))
      report(ctx, 'cronjob-spec', 'Invalid', 'spec.timeZone', span, msg.invalid(tz.value, `unknown time zone ${tz.value}`));
    else if (tz.value.toLowerCase() === 'local')
      report(ctx, 'cronjob-spec', 'Invalid', 'spec.timeZone', span, msg.invalid(tz.value, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  const cp = strField(spec, 'concurrencyPolicy');
  if (cp?.e && cp.value !== '' && !CONCURRENCY.includes(cp.value)) report(ctx, 'cronjob-spec', 'NotSupported', 'spec.concurrencyPolicy', valueAt(cp.e), msg.notSupported(cp.value, CONCURRENCY));
  const jt = structField(spec, 'jobTemplate')?.m;
  const js = jt ? structField(jt, 'spec')?.m : undefined;
  if (js) {
    validateJobSpec(ctx, js, 'spec.jobTemplate.spec', false);
    const selE = entry(js, 'selector');
    if (selE && selE.value.kind === 'map')
      report(ctx, 'cronjob-spec', 'Invalid', 'spec.jobTemplate.spec.selector', selE.keySpan, invalidRendered(selectorJSON(selE.value), '`selector` will be auto-generated'));
    const ms = entry(js, 'manualSelector');
    if (ms && ms.value.kind === 'scalar' && ms.value.v.type === 'bool' && ms.value.v.value)
      report(ctx, 'cronjob-spec', 'NotSupported', 'spec.jobTemplate.spec.manualSelector', valueAt(ms), msg.notSupported(true, ['nil', 'false']));
  }
  nonNegative(ctx, 'cronjob-spec', spec, 'successfulJobsHistoryLimit', 'spec.successfulJobsHistoryLimit');
  nonNegative(ctx, 'cronjob-spec', spec, 'failedJobsHistoryLimit', 'spec.failedJobsHistoryLimit');
};

export const batchRules: ObjectRule[] = [job, cronJob];
