/**
 * Measures the scheduling simulation (`simulate`: the engine plus its report, after parsing)
 * on generated clusters:
 * - 1,000 Pods onto 1,000 Nodes, every Node evaluated (the simulator's default);
 * - upstream scheduler_perf SchedulingBasic 5000Nodes_10000Pods: 5,000 Nodes (4 cpu, 32Gi,
 *   110 pods), 1,000 initial Pods then 10,000 measured Pods (100m / 500Mi each), with the
 *   adaptive percentageOfNodesToScore upstream applies at that size (10 % → 500 feasible Nodes);
 *   upstream's threshold for that shape is 680 pods/s;
 * - end to end through the bundled CLI (`podsight schedule --format json`, parse + admission +
 *   simulate + streamed JSON, node start-up included), on 5,000 Nodes, the Pods in files of
 *   5,000: 150,000 plain Pods (budget ≤ 15 s and ≤ 1.5 GB); 20,000 Pods with a zone topology
 *   spread and a preferred hostname anti-affinity (≤ 5 s); 20,000 Pods that all repel each
 *   other by zone (required podAntiAffinity on topology.kubernetes.io/zone), so all but three
 *   fit nowhere (issue 12: ≤ 1.5 GB) — the wall time, the CPU time and the peak resident
 *   memory of the process (VmHWM, or /usr/bin/time's figures where it exists).
 * Usage: node --import tsx test/bench/scheduler.ts [--quick] [--json] [--cli] [--shape TEXT] (npm
 * run bench runs it; --quick leaves out the 5,000-Node shapes, --cli runs only the end-to-end
 * ones, --shape only those whose name contains TEXT)
 * With --json the last stdout line is one JSON object:
 * {"results":[{"name","measuredPods","medianMs","minMs","podsPerSecond","scheduled","peakRssMB"?,"outputBytes"?,"cpuMs"?}]}.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const results: Array<{ name: string; measuredPods: number; medianMs: number; minMs: number; podsPerSecond: number; scheduled: number; peakRssMB?: number; outputBytes?: number; cpuMs?: number }> = [];

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

const ZONE = 'topology.kubernetes.io/zone';
const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function antiAffinityPodsYaml(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`apiVersion: v1
kind: Pod
metadata:
  name: anti-${i}
  labels:
    app: anti
spec:
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: ${ZONE}
        labelSelector:
          matchLabels:
            app: anti
  containers:
  - image: registry.k8s.io/pause:3.10
    name: pause
    resources:
      requests:
        cpu: 100m
        memory: 500Mi
`);
  }
  return out.join('---\n');
}

function peakFromProc(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined; // gone
  }
}

/**
 * `podsight schedule --format json` on the files as a child process: wall time, bytes written,
 * exit status, and the peak RSS (GNU time's figure when /usr/bin/time exists, else VmHWM polled
 * every 20 ms).
 */
function runCli(args: string[]): Promise<{ ms: number; bytes: number; code: number | null; peakRssMB: number | undefined; cpuMs: number | undefined; stderr: string }> {
  const gnuTime = existsSync('/usr/bin/time');
  const cmd = gnuTime ? '/usr/bin/time' : process.execPath;
  const argv = gnuTime ? ['-f', 'podsight-bench-maxrss-kb %M cpu-s %U %S', process.execPath, CLI, ...args] : [CLI, ...args];
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const p = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    let polled: number | undefined;
    p.stdout.on('data', (b: Buffer) => (bytes += b.length));
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setInterval(() => {
      // Under /usr/bin/time the node process is its child; GNU time reports its peak itself.
      if (!gnuTime && p.pid) polled = Math.max(polled ?? 0, peakFromProc(p.pid) ?? 0);
    }, 20);
    p.on('close', (code) => {
      clearInterval(timer);
      const m = /podsight-bench-maxrss-kb (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ ms: ms(t0), bytes, code, peakRssMB: m ? Number(m[1]) / 1024 : polled, cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : undefined, stderr: stderr.replace(/podsight-bench-maxrss-kb .*\n?/, '') });
    });
  });
}

/**
 * The Pods of a shape written as files of FILE_PODS documents: the engine reads at most
 * MAX_DOCUMENTS (10,000) documents of a file, so one file of 20,000 Pods would hold 10,000
 * read Pods and a note.
 */
const FILE_PODS = 5000;

function writePods(dir: string, total: number, make: (n: number, prefix: string) => string): void {
  for (let k = 0; k * FILE_PODS < total; k++) writeFileSync(join(dir, `pods-${k}.yaml`), make(Math.min(FILE_PODS, total - k * FILE_PODS), `p${k}`));
}

const SPREAD = `  topologySpreadConstraints:
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
`;

/** The end-to-end shapes: the issue 15 budgets (and issue 12's memory) on 5,000 Nodes. */
const SHAPES: Array<{ name: string; pods: number; make: (n: number, prefix: string) => string; scheduled?: number; args?: string[] }> = [
  { name: 'CLI schedule --format json: 5000 Nodes, 150000 plain Pods (end to end)', pods: 150000, make: (n, prefix) => podsYaml(n, prefix) },
  {
    name: 'CLI schedule --format json: 5000 Nodes, 20000 spread + preferred anti-affinity Pods (end to end)',
    pods: 20000,
    // One app across the files: the spread and the anti-affinity see every Pod.
    make: (n, prefix) => podsYaml(n, prefix, SPREAD).replace(new RegExp(`app: ${prefix}$`, 'gm'), 'app: sp'),
  },
  { name: 'CLI schedule --format json: 5000 Nodes, 20000 zone anti-affinity Pods (end to end)', pods: 20000, make: (n, prefix) => antiAffinityPodsYaml(n).replace(/name: anti-/g, `name: anti-${prefix}-`), scheduled: 3 },
];

async function endToEnd(only?: string): Promise<void> {
  for (const shape of SHAPES) {
    if (only && !shape.name.includes(only)) continue;
    const dir = mkdtempSync(join(tmpdir(), 'podsight-bench-sched-'));
    try {
      writeFileSync(join(dir, 'nodes.yaml'), nodesYaml(5000, 3));
      writePods(dir, shape.pods, shape.make);
      const r = await runCli(['schedule', '--format', 'json', ...(shape.args ?? []), dir]);
      if (r.code !== 0) throw new Error(`podsight schedule exited ${r.code}: ${r.stderr.trim().slice(0, 300)}`);
      results.push({ name: shape.name, measuredPods: shape.pods, medianMs: r.ms, minMs: r.ms, podsPerSecond: (shape.pods / r.ms) * 1000, scheduled: shape.scheduled ?? shape.pods, peakRssMB: r.peakRssMB, outputBytes: r.bytes, cpuMs: r.cpuMs });
      console.log(`${shape.name.padEnd(58)} ${r.ms.toFixed(0).padStart(6)} ms (CPU ${r.cpuMs === undefined ? 'n/a' : `${r.cpuMs.toFixed(0)} ms`})  ${((shape.pods / r.ms) * 1000).toFixed(0)} pods/s  peak RSS ${r.peakRssMB === undefined ? 'n/a' : `${r.peakRssMB.toFixed(0)} MB`}  ${(r.bytes / 2 ** 20).toFixed(1)} MB of JSON`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log('upstream kube-scheduler scheduler_perf threshold, SchedulingBasic 5000Nodes: 680 pods/s (16 workers)');
}

const quick = process.argv.includes('--quick');
const cliOnly = process.argv.includes('--cli');
/** `--shape TEXT`: only the end-to-end shapes whose name contains TEXT. */
const shapeArg = process.argv.indexOf('--shape');
const onlyShape = shapeArg >= 0 ? process.argv[shapeArg + 1] : undefined;

/** The simulation in-process (after parsing), as upstream's scheduler_perf measures it. */
function inProcess(): void {
  const t0 = process.hrtime.bigint();
  const n1k = parseManifestFile('file:///nodes-1k.yaml', 0, nodesYaml(1000, 3));
  const p1k = parseManifestFile('file:///pods-1k.yaml', 0, podsYaml(1000, 'web'));
  console.log(`parse 1k nodes + 1k pods: ${ms(t0).toFixed(0)} ms`);
  run('1,000 Pods onto 1,000 Nodes (all Nodes evaluated)', [n1k, p1k], 1000, { detail: 'summary', percentageOfNodesToScore: 100 });
  run('1,000 Pods onto 1,000 Nodes (all evaluated, full detail)', [n1k, p1k], 1000, { detail: 'full', percentageOfNodesToScore: 100 }, 1);
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
  run('1,000 spread + anti-affinity Pods onto 1,000 Nodes (all)', [n1k, spread], 1000, { percentageOfNodesToScore: 100 });
  if (!quick) {
    const t1 = process.hrtime.bigint();
    const n5k = parseManifestFile('file:///nodes-5k.yaml', 0, nodesYaml(5000, 3));
    const init = parseManifestFile('file:///init.yaml', 0, podsYaml(1000, 'init'));
    const p10k = parseManifestFile('file:///pods-10k.yaml', 0, podsYaml(10000, 'pod'));
    console.log(`parse 5k nodes + 11k pods: ${ms(t1).toFixed(0)} ms`);
    run('SchedulingBasic 5000 Nodes, 1000 + 10000 Pods (adaptive)', [n5k, init, p10k], 11000, { percentageOfNodesToScore: 0 });
    run('SchedulingBasic 5000 Nodes, 1000 + 10000 Pods (all Nodes)', [n5k, init, p10k], 11000, { detail: 'summary', percentageOfNodesToScore: 100 }, 3);
    console.log('upstream kube-scheduler threshold for SchedulingBasic 5000Nodes_10000Pods: 680 pods/s');
  }
}

if (!cliOnly) inProcess();
(quick ? Promise.resolve() : endToEnd(onlyShape)).then(
  () => {
    if (process.argv.includes('--json')) console.log(JSON.stringify({ results }));
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
