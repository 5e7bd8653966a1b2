/**
 * Growth guard for the scheduler on a hostile shape: Pods that all repel each other by zone, so
 * all but three fit nowhere and every one is rejected by every Node. Nodes and Pods grow 3×
 * together; in summary detail what the simulation keeps and what its report holds must grow
 * linearly in Nodes + Pods (3×, not the 9× of Nodes × Pods), and its time no faster than
 * Pods × Nodes × log (about 10×; work growing with Pods² × Nodes would be 27×). Ratios
 * between sizes measured in the same run, best of several runs, with generous slack (a busy
 * machine slows every size alike).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseManifestFile, type ManifestFile } from '../../../server/src/service/parse/manifests';
import { runSimulation, toScheduleReport, type SimulationResult } from '../../../server/src/service/scheduler';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ZONE = 'topology.kubernetes.io/zone';
/** Nodes at the two sizes; Pods are four times as many. */
const SMALL = 200;
const LARGE = 600;
const GROWTH = LARGE / SMALL;
const RUNS = 3;

function files(nodes: number, pods: number): ManifestFile[] {
  const n: string[] = [];
  for (let i = 0; i < nodes; i++) n.push(`apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\n  labels: {${ZONE}: zone-${i % 3}}\nstatus:\n  allocatable: {cpu: "4", memory: 32Gi, pods: "110"}\n`);
  const p: string[] = [];
  for (let i = 0; i < pods; i++) {
    p.push(`apiVersion: v1
kind: Pod
metadata: {name: p-${i}, labels: {app: anti}}
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - {topologyKey: ${ZONE}, labelSelector: {matchLabels: {app: anti}}}
  containers:
  - {name: c, image: registry.k8s.io/pause:3.10, resources: {requests: {cpu: 100m}}}
`);
  }
  return [parseManifestFile('file:///nodes.yaml', 0, n.join('---\n')), parseManifestFile('file:///pods.yaml', 0, p.join('---\n'))];
}

interface Measure {
  nodes: number;
  pods: number;
  ms: number;
  /** Heap the result keeps alive (bytes). */
  retained: number;
  /** Characters of the JSON report. */
  reportChars: number;
}

function collect(): number {
  // Twice: what one collection frees (finalized, weakly held) the next one takes.
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

/** Characters of the JSON report (made and dropped here, so that it is not counted as kept). */
function reportSize(result: SimulationResult, pods: number): number {
  const report = toScheduleReport(result);
  assert.equal(report.detail, 'summary');
  assert.equal(report.summary.unschedulable, pods - 3, 'three Pods fit (one per zone), the others nowhere');
  return JSON.stringify(report).length;
}

function measure(nodes: number): Measure {
  const pods = nodes * 4;
  const input = files(nodes, pods);
  const times: number[] = [];
  const kept: number[] = [];
  let reportChars = 0;
  for (let run = 0; run < RUNS; run++) {
    collect();
    const t0 = process.hrtime.bigint();
    let result: SimulationResult | undefined = runSimulation(input, { detail: 'summary' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    // What the result holds: the heap with it, less the heap once it is dropped (caches the
    // run left on the parsed input stay in both).
    const withResult = collect();
    reportChars = reportSize(result, pods);
    result = undefined;
    kept.push(withResult - collect());
  }
  return { nodes, pods, ms: Math.min(...times), retained: median(kept), reportChars };
}

test('summary detail: memory and report linear in Nodes + Pods, time within Pods × Nodes × log', () => {
  measure(100); // warm the code paths
  const small = measure(SMALL);
  const large = measure(LARGE);
  const table = [small, large].map((x) => `${x.nodes} Nodes × ${x.pods} Pods: ${x.ms.toFixed(0)} ms, ${(x.retained / 2 ** 20).toFixed(2)} MiB kept, ${(x.reportChars / 2 ** 20).toFixed(2)} MiB report`).join('\n');
  const kept = large.retained / small.retained;
  const report = large.reportChars / small.reportChars;
  assert.ok(kept < GROWTH * 1.7, `what the simulation keeps grew ${kept.toFixed(2)}× when Nodes and Pods grew ${GROWTH}×\n${table}`);
  assert.ok(report < GROWTH * 1.5, `the report grew ${report.toFixed(2)}× when Nodes and Pods grew ${GROWTH}×\n${table}`);
  const pairs = (x: Measure) => x.nodes * x.pods * Math.log2(x.nodes * x.pods);
  const expected = pairs(large) / pairs(small);
  const time = large.ms / small.ms;
  assert.ok(time < expected * 1.6, `time grew ${time.toFixed(1)}× where Pods × Nodes × log grew ${expected.toFixed(1)}×\n${table}`);
});
