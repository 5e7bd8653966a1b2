/**
 * Every scenario of test/fixtures/scheduler.jsonl through the engine: placement (any member of
 * an `any-of` tie), feasible set, and the exact message; plus the per-Node filter reasons are
 * consistent with the message (the histogram recomputed from them) and with the feasible set.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runFiles } from './helpers';
import { SCHEDULER_CASES, type Expect } from '../../helpers/schedulerCases';
import type { ReportPod, ScheduleReport } from '../../../server/src/service/scheduler';


export function findPod(report: { pods: ReportPod[] }, name: string): ReportPod | undefined {
  return report.pods.find((p) => (name.includes('/') ? p.name === name : p.podName === name));
}

export function checkExpectation(report: ScheduleReport, e: Expect): void {
  const got = findPod(report, e.pod);
  assert.ok(got, `Pod ${e.pod} is in the result`);
  if (typeof e.node === 'string' && e.node.startsWith('any-of:')) {
    const set = e.node.slice('any-of:['.length, -1).split(',');
    assert.ok(got.node !== null && set.includes(got.node), `${e.pod} on one of ${set.join(', ')} (got ${got.node})`);
    assert.deepEqual([...(got.ties ?? [])].sort(), [...set].sort(), `${e.pod}: the tie is reported`);
  } else assert.equal(got.node, e.node, `${e.pod} placement`);
  if (e.feasible) assert.deepEqual([...(got.feasible ?? [])].sort(), [...e.feasible].sort(), `${e.pod} feasible set`);
  if (e.message !== undefined) assert.equal(got.message, e.message, `${e.pod} message`);
  else if (e.node !== null) assert.equal(got.message, undefined, `${e.pod} has no message`);
}

/** The histogram the per-Node filter reasons imply, as the message renders it. */
function histogramOf(p: ReportPod): string {
  const counts = new Map<string, number>();
  for (const reason of Object.values(p.filters)) {
    if (reason === null) continue;
    // Fit reasons are joined with ", "; no other reason contains ", ".
    for (const r of reason.split(', ')) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  return [...counts].map(([r, n]) => `${n} ${r}`).sort().join(', ');
}

describe('scheduler fixtures (engine)', () => {
  for (const c of SCHEDULER_CASES) {
    it(c.id, () => {
      const report = runFiles([c.nodes, c.pods]);
      for (const e of c.expect) {
        checkExpectation(report, e);
        const got = findPod(report, e.pod)!;
        if (got.status === 'pinned') continue;
        // Filters: every Node evaluated, null exactly for the feasible ones.
        assert.deepEqual(Object.keys(got.filters).sort(), report.nodes.map((n) => n.name).sort(), `${e.pod}: a verdict per Node`);
        for (const [n, reason] of Object.entries(got.filters)) assert.equal(reason === null, (got.feasible ?? []).includes(n), `${e.pod} on ${n}`);
        if (got.node === null && got.message) {
          const body = /^0\/\d+ nodes are available: (.*?)\.(?: |$)/.exec(got.message)?.[1];
          assert.equal(histogramOf(got), body, `${e.pod}: per-Node reasons add up to the message`);
        }
        if ((got.feasible ?? []).length > 1 && got.node) assert.ok(got.scores[got.node], `${e.pod}: scored`);
      }
    });
  }
});
