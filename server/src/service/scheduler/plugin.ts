/**
 * The extension points of the scheduling framework as the simulator implements them. One
 * `Cycle` is one scheduling attempt of one Pod; plugins keep their per-cycle state on it.
 */
import type { Cluster } from './cluster';
import type { SchedulerVersion, SimNode, SimPod, Status } from './types';

export class Cycle {
  private readonly state = new Map<string, unknown>();
  constructor(
    readonly cluster: Cluster,
    readonly pod: SimPod,
    readonly version: SchedulerVersion,
  ) {}
  get<T>(plugin: string): T | undefined {
    return this.state.get(plugin) as T | undefined;
  }
  set(plugin: string, value: unknown): void {
    this.state.set(plugin, value);
  }
}

/** PreFilter answers: run the Filter (`null`), skip it, reject the Pod, or narrow the Nodes. */
export type PreFilterResult = null | { skip: true } | { reject: Status } | { nodeNames: Set<string> };

export const SKIP: PreFilterResult = { skip: true };

export interface FilterPlugin {
  name: string;
  preFilter?(c: Cycle): PreFilterResult;
  filter(c: Cycle, node: SimNode): Status | null;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** false: Skip (the plugin scores 0 everywhere and is shown as skipped). */
  preScore?(c: Cycle, feasible: readonly SimNode[]): boolean;
  score(c: Cycle, node: SimNode): number;
  /** In place over scores[0..count). */
  normalize?(c: Cycle, scores: Float64Array, count: number, feasible: readonly SimNode[]): void;
}

/** framework helper.DefaultNormalizeScore with integer arithmetic. */
export function defaultNormalize(scores: Float64Array, count: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < count; i++) if (scores[i] > max) max = scores[i];
  if (max === 0) {
    if (reverse) for (let i = 0; i < count; i++) scores[i] = 100;
    return;
  }
  for (let i = 0; i < count; i++) {
    let s = Math.trunc((100 * scores[i]) / max);
    if (reverse) s = 100 - s;
    scores[i] = s;
  }
}
