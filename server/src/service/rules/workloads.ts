/**
 * Rule family: workloads — the spec checks of the controllers (apps `ValidateDeploymentSpec`,
 * `ValidateReplicaSetSpec`, `ValidateDaemonSetSpec`, `ValidateStatefulSetSpec`, core
 * `ValidateReplicationControllerSpec`, batch `ValidateJob` / `ValidateCronJobCreate` in
 * rules/meta/batch.ts), judged after apps/v1 defaulting (replicas 1, strategies RollingUpdate
 * with 25%/25% or 1/0, progressDeadlineSeconds 600, …). The Pod template's spec and metadata
 * are checked by the Pod-spec families and rules/metadata.ts. See docs/rules.md.
 */
import type { KMap } from '../parse/tree';
import { isDNS1123Label } from '../util/names';
import { entry, msg, report, type ObjectRule, type RuleContext } from './context';
import { intField, invalidRendered, missingAt, strField, structField, valueAt } from './spec/values';
import { batchRules } from './meta/batch';
import { labelSet, selectorMatches } from './meta/selector';
import {
  alwaysRestartingTemplate,
  at,
  copiedLabels,
  checkTemplateMatch,
  goJSON,
  intOrPercentValue,
  intOrString,
  intOrStringJSON,
  nonNegative,
  notMoreThan100Percent,
  reportTemplateMismatch,
  templateLabels,
  templateLabelsAt,
  validatePositiveIntOrPercent,
  validateWorkloadSelector,
  type IntOrString,
} from './meta/workload';

const PCT25: IntOrString = { kind: 'string', v: '25%' };

function specOf(ctx: RuleContext, kind: string): KMap | undefined {
  if (ctx.object.kind !== kind) return undefined;
  return structField(ctx.object.node, 'spec')?.m ?? undefined;
}

function template(spec: KMap): KMap | undefined {
  return structField(spec, 'template')?.m ?? undefined;
}

/** Go's json of an internal strategy struct (no json tags: capitalised field names). */
function strategyJSON(strategy: KMap, rollingKeys: string[]): string {
  const type = strField(strategy, 'type')?.value ?? '';
  const ru = structField(strategy, 'rollingUpdate')?.m;
  let rolling = 'null';
  if (ru) {
    rolling = `{${rollingKeys
      .map((k) => {
        const v = intOrString(ru, k, { kind: 'int', v: 0 });
        return `"${k[0].toUpperCase()}${k.slice(1)}":${v ? intOrStringJSON(v.v) : goJSON(entry(ru, k)?.value)}`;
      })
      .join(',')}}`;
  }
  return `{"Type":${JSON.stringify(type)},"RollingUpdate":${rolling}}`;
}

/** `ValidateDeploymentStrategy` + `ValidateRollingUpdateDeployment`. */
function deploymentStrategy(ctx: RuleContext, spec: KMap): void {
  const se = entry(spec, 'strategy');
  const strategy = structField(spec, 'strategy')?.m;
  if (!strategy) return; // defaulted to RollingUpdate 25%/25%
  const type = strField(strategy, 'type');
  if (!type) return;
  const path = 'spec.strategy';
  const ruE = entry(strategy, 'rollingUpdate');
  const ru = structField(strategy, 'rollingUpdate');
  switch (type.value) {
    case 'Recreate':
      if (ru?.m) report(ctx, 'deployment-strategy', 'Forbidden', `${path}.rollingUpdate`, ruE!.keySpan, msg.forbidden("may not be specified when strategy `type` is 'Recreate'"));
      return;
    case '':
    case 'RollingUpdate': {
      const m = ru?.m ?? undefined;
      const rp = `${path}.rollingUpdate`;
      const mu = intOrString(m, 'maxUnavailable', PCT25);
      const ms = intOrString(m, 'maxSurge', PCT25);
      if (!mu || !ms) return;
      const muAt = at(m, 'maxUnavailable', ruE ? ruE.keySpan : se!.keySpan);
      const msAt = at(m, 'maxSurge', ruE ? ruE.keySpan : se!.keySpan);
      validatePositiveIntOrPercent(ctx, 'deployment-strategy', mu.v, `${rp}.maxUnavailable`, muAt);
      validatePositiveIntOrPercent(ctx, 'deployment-strategy', ms.v, `${rp}.maxSurge`, msAt);
      if (intOrPercentValue(mu.v) === 0 && intOrPercentValue(ms.v) === 0)
        report(ctx, 'deployment-strategy', 'Invalid', `${rp}.maxUnavailable`, muAt, invalidRendered(intOrStringJSON(mu.v), 'may not be 0 when `maxSurge` is 0'));
      notMoreThan100Percent(ctx, 'deployment-strategy', mu.v, `${rp}.maxUnavailable`, muAt);
      return;
    }
    default:
      report(
        ctx,
        'deployment-strategy',
        'NotSupported',
        path,
        type.e ? valueAt(type.e) : se!.keySpan,
        `Unsupported value: ${strategyJSON(strategy, ['maxUnavailable', 'maxSurge'])}: supported values: "Recreate", "RollingUpdate"`,
      );
  }
}

const deployment: ObjectRule = (ctx) => {
  const spec = specOf(ctx, 'Deployment');
  if (!spec) return;
  nonNegative(ctx, 'workload-count', spec, 'replicas', 'spec.replicas');
  const s = validateWorkloadSelector(ctx, spec, { emptyWord: 'deployment', conversionDetail: 'invalid label selector', required: true });
  checkTemplateMatch(ctx, spec, s);
  alwaysRestartingTemplate(ctx, template(spec), 'spec.template', 'ReplicaSet');
  deploymentStrategy(ctx, spec);
  const minReady = nonNegative(ctx, 'workload-count', spec, 'minReadySeconds', 'spec.minReadySeconds') ?? 0;
  nonNegative(ctx, 'workload-count', spec, 'revisionHistoryLimit', 'spec.revisionHistoryLimit');
  // progressDeadlineSeconds defaults to 600 and must exceed minReadySeconds.
  const pd = intField(spec, 'progressDeadlineSeconds');
  if (!pd) return;
  const pdv = pd.value ?? 600;
  if (pd.e && pd.value !== undefined) nonNegative(ctx, 'workload-count', spec, 'progressDeadlineSeconds', 'spec.progressDeadlineSeconds');
  if (pdv <= minReady) {
    const span = pd.e && pd.value !== undefined ? valueAt(pd.e) : at(spec, 'minReadySeconds', missingAt(spec));
    report(ctx, 'progress-deadline', 'Invalid', 'spec.progressDeadlineSeconds', span, msg.invalid(pdv, 'must be greater than minReadySeconds'));
  }
};

const replicaSet: ObjectRule = (ctx) => {
  const spec = specOf(ctx, 'ReplicaSet');
  if (!spec) return;
  nonNegative(ctx, 'workload-count', spec, 'replicas', 'spec.replicas');
  nonNegative(ctx, 'workload-count', spec, 'minReadySeconds', 'spec.minReadySeconds');
  // Upstream's message names deployments here too.
  const s = validateWorkloadSelector(ctx, spec, { emptyWord: 'deployment', conversionDetail: 'invalid label selector', required: true });
  checkTemplateMatch(ctx, spec, s);
  alwaysRestartingTemplate(ctx, template(spec), 'spec.template', 'ReplicaSet');
};

/** `ValidateDaemonSetUpdateStrategy` (defaults: RollingUpdate, maxUnavailable 1, maxSurge 0). */
function daemonSetStrategy(ctx: RuleContext, spec: KMap): void {
  const se = entry(spec, 'updateStrategy');
  const strategy = structField(spec, 'updateStrategy')?.m;
  if (!strategy) return;
  const type = strField(strategy, 'type');
  if (!type) return;
  const path = 'spec.updateStrategy';
  if (type.value === 'OnDelete') return;
  if (type.value !== '' && type.value !== 'RollingUpdate') {
    report(ctx, 'daemonset-update-strategy', 'NotSupported', path, type.e ? valueAt(type.e) : se!.keySpan, `Unsupported value: ${strategyJSON(strategy, ['maxUnavailable', 'maxSurge'])}: supported values: "RollingUpdate", "OnDelete"`);
    return;
  }
  const ruE = entry(strategy, 'rollingUpdate');
  const m = structField(strategy, 'rollingUpdate')?.m ?? undefined;
  const rp = `${path}.rollingUpdate`;
  const mu = intOrString(m, 'maxUnavailable', { kind: 'int', v: 1 });
  const ms = intOrString(m, 'maxSurge', { kind: 'int', v: 0 });
  if (!mu || !ms) return;
  const muAt = at(m, 'maxUnavailable', ruE ? ruE.keySpan : se!.keySpan);
  const msAt = at(m, 'maxSurge', ruE ? ruE.keySpan : se!.keySpan);
  validatePositiveIntOrPercent(ctx, 'daemonset-update-strategy', mu.v, `${rp}.maxUnavailable`, muAt);
  validatePositiveIntOrPercent(ctx, 'daemonset-update-strategy', ms.v, `${rp}.maxSurge`, msAt);
  notMoreThan100Percent(ctx, 'daemonset-update-strategy', mu.v, `${rp}.maxUnavailable`, muAt);
  notMoreThan100Percent(ctx, 'daemonset-update-strategy', ms.v, `${rp}.maxSurge`, msAt);
  const hasU = intOrPercentValue(mu.v) !== 0;
  const hasS = intOrPercentValue(ms.v) !== 0;
  if (hasU && hasS) report(ctx, 'daemonset-update-strategy', 'Invalid', `${rp}.maxSurge`, msAt, invalidRendered(intOrStringJSON(ms.v), 'may not be set when maxUnavailable is non-zero'));
  else if (!hasU && !hasS) report(ctx, 'daemonset-update-strategy', 'Required', `${rp}.maxUnavailable`, muAt, msg.required('cannot be 0 when maxSurge is 0'));
}

const daemonSet: ObjectRule = (ctx) => {
  const spec = specOf(ctx, 'DaemonSet');
  if (!spec) return;
  // No Required here: a nil selector selects nothing, so only the template check fires.
  const s = validateWorkloadSelector(ctx, spec, { emptyWord: 'daemonset', required: false });
  checkTemplateMatch(ctx, spec, s, 'spec.template', false);
  alwaysRestartingTemplate(ctx, template(spec), 'spec.template', 'DaemonSet');
  nonNegative(ctx, 'workload-count', spec, 'minReadySeconds', 'spec.minReadySeconds');
  daemonSetStrategy(ctx, spec);
  nonNegative(ctx, 'workload-count', spec, 'revisionHistoryLimit', 'spec.revisionHistoryLimit');
};

const RETENTION = ['Retain', 'Delete'];

function statefulSetPolicies(ctx: RuleContext, spec: KMap): void {
  const pmp = strField(spec, 'podManagementPolicy');
  if (pmp?.e && pmp.value !== '' && pmp.value !== 'OrderedReady' && pmp.value !== 'Parallel')
    report(ctx, 'statefulset-policy', 'Invalid', 'spec.podManagementPolicy', valueAt(pmp.e), msg.invalid(pmp.value, "must be 'OrderedReady' or 'Parallel'"));
  const se = entry(spec, 'updateStrategy');
  const strategy = structField(spec, 'updateStrategy')?.m;
  const type = strategy ? strField(strategy, 'type') : undefined;
  if (strategy && type) {
    const ruE = entry(strategy, 'rollingUpdate');
    const ru = structField(strategy, 'rollingUpdate')?.m;
    const rp = 'spec.updateStrategy.rollingUpdate';
    // rollingUpdate.maxUnavailable is never validated here: MaxUnavailableStatefulSet is off by
    // default in 1.35.4 (beta, turned off again after the 1.35.0 release), so PrepareForCreate
    // drops the field before validation (createPath/defaults/drop.ts warns about it).
    if (type.value === 'OnDelete') {
      if (ru) {
        const partition = intField(ru, 'partition')?.value ?? 0;
        report(ctx, 'statefulset-policy', 'Invalid', rp, ruE!.keySpan, invalidRendered(`{"Partition":${partition},"MaxUnavailable":null}`, "only allowed for updateStrategy 'RollingUpdate'"));
      }
    } else if (type.value === '' || type.value === 'RollingUpdate') {
      if (ru) nonNegative(ctx, 'statefulset-policy', ru, 'partition', `${rp}.partition`);
    } else {
      report(ctx, 'statefulset-policy', 'Invalid', 'spec.updateStrategy', type.e ? valueAt(type.e) : se!.keySpan, invalidRendered(strategyJSON(strategy, ['partition', 'maxUnavailable']), "must be 'RollingUpdate' or 'OnDelete'"));
    }
  }
  const pvc = structField(spec, 'persistentVolumeClaimRetentionPolicy')?.m;
  if (pvc) {
    for (const k of ['whenDeleted', 'whenScaled']) {
      const f = strField(pvc, k);
      if (f?.e && f.value !== '' && !RETENTION.includes(f.value))
        report(ctx, 'statefulset-policy', 'NotSupported', `spec.persistentVolumeClaimRetentionPolicy.${k}`, valueAt(f.e), msg.notSupported(f.value, RETENTION));
    }
  }
}

const statefulSet: ObjectRule = (ctx) => {
  const spec = specOf(ctx, 'StatefulSet');
  if (!spec) return;
  // serviceName becomes the Pods' spec.subdomain: a DNS label when set.
  const svc = strField(spec, 'serviceName');
  if (svc?.e && svc.value !== '')
    for (const m of isDNS1123Label(svc.value)) report(ctx, 'statefulset-policy', 'Invalid', 'spec.serviceName', valueAt(svc.e), msg.invalid(svc.value, m));
  statefulSetPolicies(ctx, spec);
  nonNegative(ctx, 'workload-count', spec, 'replicas', 'spec.replicas');
  nonNegative(ctx, 'workload-count', spec, 'minReadySeconds', 'spec.minReadySeconds');
  const ord = structField(spec, 'ordinals')?.m;
  if (ord) nonNegative(ctx, 'workload-count', ord, 'start', 'spec.ordinals.start');
  // A selector that does not convert is reported with an empty detail (upstream).
  const s = validateWorkloadSelector(ctx, spec, { emptyWord: 'statefulset', conversionDetail: '', required: true });
  checkTemplateMatch(ctx, spec, s);
  alwaysRestartingTemplate(ctx, template(spec), 'spec.template', 'StatefulSet');
};

/**
 * `ValidateReplicationControllerSpec`. An empty selector defaults to the template labels, and
 * empty object labels too (so invalid template labels are reported on both).
 */
const replicationController: ObjectRule = (ctx) => {
  const spec = specOf(ctx, 'ReplicationController');
  if (!spec) return;
  const t = template(spec);
  const tLabels = templateLabels(t);
  const selE = entry(spec, 'selector');
  const userSel = selE?.value.kind === 'map' ? labelSet(selE.value) : new Map<string, string>();
  const selector = userSel.size ? userSel : (tLabels ?? new Map());
  nonNegative(ctx, 'workload-count', spec, 'minReadySeconds', 'spec.minReadySeconds');
  if (selector.size === 0) report(ctx, 'workload-selector', 'Required', 'spec.selector', selE ? selE.keySpan : missingAt(spec), msg.required());
  nonNegative(ctx, 'workload-count', spec, 'replicas', 'spec.replicas');
  if (!t) {
    const te = entry(spec, 'template');
    if (!te || (te.value.kind === 'scalar' && te.value.v.type === 'null')) report(ctx, 'workload-template', 'Required', 'spec.template', te ? te.keySpan : missingAt(spec), msg.required());
    return;
  }
  if (userSel.size) {
    const reqs = [...userSel].map(([key, v]) => ({ key, op: 'In' as const, values: [v] }));
    if (!selectorMatches({ kind: 'reqs', reqs }, tLabels ?? new Map()))
      reportTemplateMismatch(ctx, 'selector-template-mismatch', 'spec.template', tLabels, templateLabelsAt(spec, t), selE?.keySpan);
  }
  alwaysRestartingTemplate(ctx, t, 'spec.template', 'ReplicationController');
  copiedLabels(ctx, t);
};

export const workloadsRules: ObjectRule[] = [deployment, replicaSet, daemonSet, statefulSet, replicationController, ...batchRules];
