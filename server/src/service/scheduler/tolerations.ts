/** Taints and tolerations (core/v1 helper `ToleratesTaint`, `FindMatchingUntoleratedTaint`). */
import { int, objs, str, text } from '../model/plain';

export type Effect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;

export interface Taint {
  key: string;
  value: string;
  effect: Effect;
}

export interface Toleration {
  key: string;
  operator: string;
  value: string;
  effect: string;
  /** `tolerationSeconds` (NoExecute: how long a Pod stays once the taint appears); absent: forever. */
  seconds?: number;
}

export function readTaints(v: unknown): Taint[] {
  return objs(v).map((t) => ({ key: text(t.key) ?? '', value: text(t.value) ?? '', effect: str(t.effect) ?? '' }));
}

export function readTolerations(v: unknown): Toleration[] {
  return objs(v).map((t) => {
    const out: Toleration = { key: text(t.key) ?? '', operator: str(t.operator) ?? '', value: text(t.value) ?? '', effect: str(t.effect) ?? '' };
    const seconds = int(t.tolerationSeconds);
    if (seconds !== undefined) out.seconds = seconds;
    return out;
  });
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator) {
    case '':
    case 'Equal':
      return t.value === taint.value;
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function toleratedBy(tolerations: Toleration[], taint: Taint): boolean {
  for (let i = 0; i < tolerations.length; i++) if (tolerates(tolerations[i], taint)) return true;
  return false;
}

export function isHardEffect(effect: string): boolean {
  return effect === 'NoSchedule' || effect === 'NoExecute';
}

/** The first NoSchedule/NoExecute taint the tolerations do not tolerate. */
export function firstUntoleratedHardTaint(taints: Taint[], tolerations: Toleration[]): Taint | undefined {
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i];
    if (isHardEffect(taint.effect) && !toleratedBy(tolerations, taint)) return taint;
  }
  return undefined;
}

export const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };

/** The tolerations the DaemonSet controller adds to its Pods. */
export function daemonSetTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', value: '', effect });
  const out = [
    t('node.kubernetes.io/not-ready', 'NoExecute'),
    t('node.kubernetes.io/unreachable', 'NoExecute'),
    t('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    t('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    t('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    t('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ];
  if (hostNetwork) out.push(t('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  return out;
}

/** Adds tolerations not already present (same key, operator, value and effect). */
export function mergeTolerations(into: Toleration[], extra: Toleration[]): Toleration[] {
  const out = [...into];
  for (const e of extra) {
    if (!out.some((t) => t.key === e.key && t.operator === e.operator && t.value === e.value && t.effect === e.effect)) out.push(e);
  }
  return out;
}
