/**
 * Measures the scheduling simulation (`simulate`: the engine plus its report, after parsing)
 * on generated clusters:
 * - 1,000 Pods onto 1,000 Nodes, every Node evaluated (the simulator's default);
 * - upstream scheduler_perf SchedulingBasic 5000Nodes_10000Pods: 5,000 Nodes (4 cpu, 32Gi,
 *   110 pods), 1,000 initial Pods then 10,000 measured Pods (100m / 500Mi each), with the
 *   adaptive percentageOfNodesToScore upstream applies at that size (10 % → 500 feasible Nodes);
 *   upstream's threshold for that shape is 680 pods/s.
 * Usage: node --import tsx test/bench/scheduler.ts [--quick] [--json] (npm run bench runs it)
 * With --json the last stdout line is one JSON object:
 * {"results":[{"name","measuredPods","medianMs","minMs","podsPerSecond","scheduled"}]}.
 */
import { parseManifestFile, type ManifestFile } from '../../server/src/service/parse/manifests';
import { simulate, type SimulateOptions } from '../../server/src/service/scheduler';

function nodesYaml(n: number, zones: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`apiVersion: v1
kind: Node
metadata:
  name: node-${i}
  labels:
    kubernetes.io/hostname: node-${i}
    topology.kubernetes.io/zone: zone-${i % zones}
status:
  capacity:
    pods: "110"
    cpu: "4"
    memory: 32Gi
`);
  }
  return out.join('---\n');
}

function podsYaml(n: number, prefix: string, extra = ''): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`apiVersion: v1
kind: Pod
metadata:
  name: ${prefix}-${i}
  labels:
    app: ${prefix}
spec:
${extra}  containers:
  - image: registry.k8s.io/pause:3.10
    name: pause
    ports:
    - containerPort: 80
    resources:
      limits:
        cpu: 100m
        memory: 500Mi
      requests:
        cpu: 100m
        memory: 500Mi
`);
  }
  return out.join('---\n');
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const results: Array<{ name: string; measuredPods: number; medianMs: number; minMs: number; podsPerSecond: number; scheduled: number }> = [];

function run(name: string, files: ManifestFile[], measured: number, options: SimulateOptions, reps = 3): void {
  simulate(files, options); // warm
  const times: number[] = [];
  let placed = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    const r = simulate(files, options);
    times.push(ms(t0));
    placed = r.pods.filter((p) => p.status === 'scheduled').length;
  }
  times.sort((a, b) => a - b);
  const med = times[Math.floor(times.length / 2)];
  const min = times[0];
  results.push({ name, measuredPods: measured, medianMs: med, minMs: min, podsPerSecond: (measured / med) * 1000, scheduled: placed });
  console.log(`${name.padEnd(58)} median ${med.toFixed(0).padStart(6)} ms (min ${min.toFixed(0)})  ${((measured / med) * 1000).toFixed(0).padStart(7)} pods/s  (${placed} scheduled)`);
}

const quick = process.argv.includes('--quick');
const t0 = process.hrtime.bigint();
const n1k = parseManifestFile('file:///nodes-1k.yaml', 0, nodesYaml(1000, 3));
const p1k = parseManifestFile('file:///pods-1k.yaml', 0, podsYaml(1000, 'web'));
console.log(`parse 1k nodes + 1k pods: ${ms(t0).toFixed(0)} ms`);
run('1,000 Pods onto 1,000 Nodes (all Nodes evaluated)', [n1k, p1k], 1000, { detail: 'summary' });
run('1,000 Pods onto 1,000 Nodes (all evaluated, full detail)', [n1k, p1k], 1000, { detail: 'full' }, 1);
run('1,000 Pods onto 1,000 Nodes (adaptive sampling)', [n1k, p1k], 1000, { percentageOfNodesToScore: 0 });
const spread = parseManifestFile('file:///spread.yaml', 0, podsYaml(1000, 'sp', `  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector: {matchLabels: {app: sp}}
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 10
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector: {matchLabels: {app: sp}}
`));
run('1,000 spread + anti-affinity Pods onto 1,000 Nodes (all)', [n1k, spread], 1000, {});
if (!quick) {
  const t1 = process.hrtime.bigint();
  const n5k = parseManifestFile('file:///nodes-5k.yaml', 0, nodesYaml(5000, 3));
  const init = parseManifestFile('file:///init.yaml', 0, podsYaml(1000, 'init'));
  const p10k = parseManifestFile('file:///pods-10k.yaml', 0, podsYaml(10000, 'pod'));
  console.log(`parse 5k nodes + 11k pods: ${ms(t1).toFixed(0)} ms`);
  run('SchedulingBasic 5000 Nodes, 1000 + 10000 Pods (adaptive)', [n5k, init, p10k], 11000, { percentageOfNodesToScore: 0 });
  run('SchedulingBasic 5000 Nodes, 1000 + 10000 Pods (all Nodes)', [n5k, init, p10k], 11000, { detail: 'summary' }, 3);
  console.log('upstream kube-scheduler threshold for SchedulingBasic 5000Nodes_10000Pods: 680 pods/s');
}
if (process.argv.includes('--json')) console.log(JSON.stringify({ results }));
