/**
 * The generated defaulters of each kind (SetObjectDefaults_*): the kind's own SetDefaults_*
 * of core/v1, apps/v1 and batch/v1, then the nested types' (the Pod template, PVC templates,
 * pod failure policy patterns, Node status).
 */
import { childPath } from '../../diagnostics/finding';
import type { PlainObject } from '../../model/plain';
import { defaultClaimSpec, defaultPodSpec, eachObject, objAt } from './podSpec';
import { defaultPodOnly } from './podResources';
import { deepCopy, own, type Recorder } from './record';

export type Kind =
  | 'Pod'
  | 'Node'
  | 'PodTemplate'
  | 'ReplicationController'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'Job'
  | 'CronJob';

const KINDS: Record<string, Kind> = {
  'v1/Pod': 'Pod',
  'v1/Node': 'Node',
  'v1/PodTemplate': 'PodTemplate',
  'v1/ReplicationController': 'ReplicationController',
  'apps/v1/Deployment': 'Deployment',
  'apps/v1/StatefulSet': 'StatefulSet',
  'apps/v1/DaemonSet': 'DaemonSet',
  'apps/v1/ReplicaSet': 'ReplicaSet',
  'batch/v1/Job': 'Job',
  'batch/v1/CronJob': 'CronJob',
};

export const MODEL: Record<Kind, string> = {
  Pod: 'V1Pod',
  Node: 'V1Node',
  PodTemplate: 'V1PodTemplate',
  ReplicationController: 'V1ReplicationController',
  Deployment: 'V1Deployment',
  StatefulSet: 'V1StatefulSet',
  DaemonSet: 'V1DaemonSet',
  ReplicaSet: 'V1ReplicaSet',
  Job: 'V1Job',
  CronJob: 'V1CronJob',
};

/** KINDS by apiVersion, then kind (looked up for every object, several times: no key text built). */
const KINDS_BY_VERSION = new Map<string, Map<string, Kind>>();
for (const key of Object.keys(KINDS)) {
  const slash = key.lastIndexOf('/');
  const version = key.slice(0, slash);
  let kinds = KINDS_BY_VERSION.get(version);
  if (!kinds) KINDS_BY_VERSION.set(version, (kinds = new Map()));
  kinds.set(key.slice(slash + 1), KINDS[key]);
}

export function kindOf(o: PlainObject): Kind | undefined {
  return kindFor(o.apiVersion, o.kind);
}

/** The kind of an object with this apiVersion and kind (values of any type). */
export function kindFor(apiVersion: unknown, kind: unknown): Kind | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  // The key `apiVersion/kind`, read in two steps; a kind holding '/' is looked up as that text.
  if (kind.includes('/')) return Object.prototype.hasOwnProperty.call(KINDS, `${apiVersion}/${kind}`) ? KINDS[`${apiVersion}/${kind}`] : undefined;
  return KINDS_BY_VERSION.get(apiVersion)?.get(kind);
}

/** Where the Pod template of a kind lives (a struct, except ReplicationController's pointer). */
export function templatePath(kind: Kind): string[] | undefined {
  switch (kind) {
    case 'PodTemplate':
      return ['template'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template'];
    case 'Pod':
    case 'Node':
      return undefined;
    default:
      return ['spec', 'template'];
  }
}

/** Walks to a nested struct, creating the empty structs Go would hold on the way. */
export function structAt(root: PlainObject, keys: string[], rec: Recorder, create = true, base = ''): { o: PlainObject; path: string } | undefined {
  let o = root;
  let path = base;
  for (const k of keys) {
    path = childPath(path, k);
    const next = create ? rec.object(o, k, path, 'zero') : objAt(o, k);
    if (!next) return undefined;
    o = next;
  }
  return { o, path };
}

/** The Pod template of a workload (undefined when absent where it is a pointer, or not an object). */
export function templateOf(o: PlainObject, kind: Kind, rec: Recorder, create: boolean): { o: PlainObject; path: string } | undefined {
  const keys = templatePath(kind);
  if (!keys) return undefined;
  if (kind === 'ReplicationController') return objAt(objAt(o, 'spec'), 'template') ? structAt(o, keys, rec, false) : undefined;
  return structAt(o, keys, rec, create);
}

function defaultTemplate(o: PlainObject, kind: Kind, rec: Recorder): void {
  const t = templateOf(o, kind, rec, true);
  if (!t) return;
  const spec = structAt(t.o, ['spec'], rec, true, t.path);
  if (spec) defaultPodSpec(spec.o, childPath(t.path, 'spec'), rec);
}

function podFailurePolicy(jobSpec: PlainObject, path: string, rec: Recorder): void {
  const policy = objAt(jobSpec, 'podFailurePolicy');
  eachObject(policy, 'rules', childPath(path, 'podFailurePolicy'), (rule, p) =>
    eachObject(rule, 'onPodConditions', p, (pattern, pp) => rec.fill(pattern, 'status', 'True', childPath(pp, 'status'))),
  );
}

/** Runs every defaulter of the object's kind, in upstream order. */
export function defaultObject(o: PlainObject, kind: Kind, rec: Recorder): void {
  const spec = (): PlainObject | undefined => structAt(o, ['spec'], rec)?.o;
  switch (kind) {
    case 'Pod': {
      const s = spec();
      if (!s) return;
      defaultPodOnly(o, rec);
      defaultPodSpec(s, 'spec', rec);
      return;
    }
    case 'Node': {
      const status = structAt(o, ['status'], rec)?.o;
      const capacity = objAt(status, 'capacity');
      if (status && capacity && !own(status, 'allocatable')) rec.fill(status, 'allocatable', deepCopy(capacity), 'status.allocatable');
      return;
    }
    case 'PodTemplate':
      return defaultTemplate(o, kind, rec);
    case 'ReplicationController': {
      const s = spec();
      if (!s) return;
      const labels = objAt(objAt(objAt(s, 'template'), 'metadata'), 'labels');
      if (labels) {
        if (!own(s, 'selector')) rec.fill(s, 'selector', deepCopy(labels), 'spec.selector');
        const meta = structAt(o, ['metadata'], rec)?.o;
        if (meta && !own(meta, 'labels')) rec.fill(meta, 'labels', deepCopy(labels), 'metadata.labels');
      }
      rec.fill(s, 'replicas', 1, 'spec.replicas');
      return defaultTemplate(o, kind, rec);
    }
    case 'Deployment': {
      const s = spec();
      if (!s) return;
      rec.fill(s, 'replicas', 1, 'spec.replicas');
      const strategy = structAt(s, ['strategy'], rec, true, 'spec')?.o;
      if (strategy) {
        rec.fill(strategy, 'type', 'RollingUpdate', 'spec.strategy.type');
        if (strategy.type === 'RollingUpdate') {
          const ru = rec.object(strategy, 'rollingUpdate', 'spec.strategy.rollingUpdate');
          if (ru) {
            rec.fill(ru, 'maxUnavailable', '25%', 'spec.strategy.rollingUpdate.maxUnavailable');
            rec.fill(ru, 'maxSurge', '25%', 'spec.strategy.rollingUpdate.maxSurge');
          }
        }
      }
      rec.fill(s, 'revisionHistoryLimit', 10, 'spec.revisionHistoryLimit');
      rec.fill(s, 'progressDeadlineSeconds', 600, 'spec.progressDeadlineSeconds');
      return defaultTemplate(o, kind, rec);
    }
    case 'DaemonSet': {
      const s = spec();
      if (!s) return;
      const strategy = structAt(s, ['updateStrategy'], rec, true, 'spec')?.o;
      if (strategy) {
        rec.fill(strategy, 'type', 'RollingUpdate', 'spec.updateStrategy.type');
        if (strategy.type === 'RollingUpdate') {
          const ru = rec.object(strategy, 'rollingUpdate', 'spec.updateStrategy.rollingUpdate');
          if (ru) {
            rec.fill(ru, 'maxUnavailable', 1, 'spec.updateStrategy.rollingUpdate.maxUnavailable');
            rec.fill(ru, 'maxSurge', 0, 'spec.updateStrategy.rollingUpdate.maxSurge');
          }
        }
      }
      rec.fill(s, 'revisionHistoryLimit', 10, 'spec.revisionHistoryLimit');
      return defaultTemplate(o, kind, rec);
    }
    case 'StatefulSet': {
      const s = spec();
      if (!s) return;
      rec.fill(s, 'podManagementPolicy', 'OrderedReady', 'spec.podManagementPolicy');
      const strategy = structAt(s, ['updateStrategy'], rec, true, 'spec')?.o;
      if (strategy) {
        if (rec.fill(strategy, 'type', 'RollingUpdate', 'spec.updateStrategy.type')) {
          rec.object(strategy, 'rollingUpdate', 'spec.updateStrategy.rollingUpdate');
        }
        const ru = objAt(strategy, 'rollingUpdate');
        // MaxUnavailableStatefulSet, which would default maxUnavailable to 1, is off by default in 1.35.
        if (strategy.type === 'RollingUpdate' && ru) rec.fill(ru, 'partition', 0, 'spec.updateStrategy.rollingUpdate.partition');
      }
      const retention = rec.object(s, 'persistentVolumeClaimRetentionPolicy', 'spec.persistentVolumeClaimRetentionPolicy');
      if (retention) {
        rec.fill(retention, 'whenDeleted', 'Retain', 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted');
        rec.fill(retention, 'whenScaled', 'Retain', 'spec.persistentVolumeClaimRetentionPolicy.whenScaled');
      }
      rec.fill(s, 'replicas', 1, 'spec.replicas');
      rec.fill(s, 'revisionHistoryLimit', 10, 'spec.revisionHistoryLimit');
      defaultTemplate(o, kind, rec);
      eachObject(s, 'volumeClaimTemplates', 'spec', (claim, p) => {
        const status = rec.object(claim, 'status', childPath(p, 'status'), 'zero');
        if (status) rec.fill(status, 'phase', 'Pending', childPath(p, 'status.phase'));
        const claimSpec = rec.object(claim, 'spec', childPath(p, 'spec'), 'zero');
        if (claimSpec) defaultClaimSpec(claimSpec, childPath(p, 'spec'), rec);
      });
      return;
    }
    case 'ReplicaSet': {
      const s = spec();
      if (!s) return;
      rec.fill(s, 'replicas', 1, 'spec.replicas');
      return defaultTemplate(o, kind, rec);
    }
    case 'Job': {
      const s = spec();
      if (!s) return;
      if (!own(s, 'completions') && !own(s, 'parallelism')) rec.fill(s, 'completions', 1, 'spec.completions');
      rec.fill(s, 'parallelism', 1, 'spec.parallelism');
      rec.fill(s, 'backoffLimit', own(s, 'backoffLimitPerIndex') ? 2147483647 : 6, 'spec.backoffLimit');
      const templateLabels = objAt(objAt(objAt(s, 'template'), 'metadata'), 'labels');
      const meta = structAt(o, ['metadata'], rec)?.o;
      if (templateLabels && meta && !own(meta, 'labels')) rec.fill(meta, 'labels', deepCopy(templateLabels), 'metadata.labels');
      rec.fill(s, 'completionMode', 'NonIndexed', 'spec.completionMode');
      rec.fill(s, 'suspend', false, 'spec.suspend');
      rec.fill(s, 'podReplacementPolicy', own(s, 'podFailurePolicy') ? 'Failed' : 'TerminatingOrFailed', 'spec.podReplacementPolicy');
      rec.fill(s, 'manualSelector', false, 'spec.manualSelector');
      podFailurePolicy(s, 'spec', rec);
      return defaultTemplate(o, kind, rec);
    }
    case 'CronJob': {
      const s = spec();
      if (!s) return;
      rec.fill(s, 'concurrencyPolicy', 'Allow', 'spec.concurrencyPolicy');
      rec.fill(s, 'suspend', false, 'spec.suspend');
      rec.fill(s, 'successfulJobsHistoryLimit', 3, 'spec.successfulJobsHistoryLimit');
      rec.fill(s, 'failedJobsHistoryLimit', 1, 'spec.failedJobsHistoryLimit');
      const jobSpec = structAt(s, ['jobTemplate', 'spec'], rec, true, 'spec');
      if (jobSpec) podFailurePolicy(jobSpec.o, jobSpec.path, rec);
      return defaultTemplate(o, kind, rec);
    }
  }
}
