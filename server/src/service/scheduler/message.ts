/**
 * The scheduler's "why not" text (FitError.Error, v1.29+):
 * `0/N nodes are available: <histogram>.` + ` <PostFilter text>` — every failing Node counts
 * each reason of its one failing plugin once; entries `"<count> <reason>"` are sorted as plain
 * strings and joined with ", ". The PostFilter text of the default profile is DynamicResources'
 * `no new claims to deallocate` (v1.34+) joined with DefaultPreemption's `preemption: …`.
 */
import type { SchedulerVersion, Status } from './types';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
export const DRA_NO_CLAIMS = 'no new claims to deallocate';
/** What DynamicResources' PostFilter answers when its PreFilter never ran (PreFilter rejection). */
export const DRA_STATE_NOT_FOUND = 'not found';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
export const PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';

/** Go's sort.Strings compares bytes (UTF-8); this compares code points the same way. */
function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

export class ReasonHistogram {
  private readonly counts = new Map<string, number>();
  /**
   * Most Nodes of one attempt share a status object (the plugins' constants): a run of the
   * same object is counted once, its reasons added when the run ends.
   */
  private run: Status | undefined;
  private runCount = 0;
  add(reason: string, n = 1): void {
    this.endRun();
    this.count(reason, n);
  }
  private count(reason: string, n: number): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + n);
  }
  addStatus(s: Status, n = 1): void {
    if (s === this.run) {
      this.runCount += n;
      return;
    }
    this.endRun();
    this.run = s;
    this.runCount = n;
  }
  private endRun(): void {
    if (!this.run) return;
    const run = this.run;
    this.run = undefined;
    for (const r of run.reasons) this.count(r, this.runCount);
  }
  get size(): number {
    this.endRun();
    return this.counts.size;
  }
  entries(): Array<[string, number]> {
    this.endRun();
    return [...this.counts];
  }
  toString(): string {
    this.endRun();
    return [...this.counts].map(([r, n]) => `${n} ${r}`).sort(byteOrder).join(', ');
  }
}

export function fitError(numNodes: number, body: string, postFilter?: string): string {
  let msg = `0/${numNodes} nodes are available:`;
  if (body) msg += ` ${body}.`;
  if (postFilter) msg += ` ${postFilter}`;
  return msg;
}

/** The PostFilter text: DynamicResources (v1.34+) then DefaultPreemption. */
export function postFilterText(version: SchedulerVersion, preemption: string): string {
  return version === '1.33' ? `preemption: ${preemption}` : `${DRA_NO_CLAIMS}, preemption: ${preemption}`;
}
