/** Command-line parsing for `podsight`. Usage errors are values, never exceptions. */
import { MAX_READABLE_BYTES } from '../io/limits';
import { DEFAULT_MAX_PODS, type WhatIf } from '../service';
import { CI_USAGE, DEFAULT_CI_OPTIONS, parseCiOption, type CiOptions } from './ciOptions';

export type Format = 'text' | 'json' | 'sarif' | 'junit';

export interface CheckArgs {
  command: 'check';
  format: Format;
  config?: string;
  /** Threads validating at once; default: the machine's available parallelism. */
  jobs?: number;
  /** Files larger than this many bytes are skipped (default: maxFileSize of --config, 20 MiB). */
  maxFileSize?: number;
  /**
   * The given paths declare the whole cluster (the closed-world rule): a reference to an object
   * they do not declare is an error. Also `workspace.isWholeCluster` in --config.
   */
  wholeCluster?: boolean;
  /** The CI gate and report options (cli/ciOptions.ts). */
  ci: CiOptions;
  paths: string[];
}

export type ScheduleFormat = 'text' | 'json' | 'html';
export type ScheduleVersion = '1.33' | '1.34' | '1.35';

export interface ScheduleArgs {
  command: 'schedule';
  format: ScheduleFormat;
  schedulerVersion: ScheduleVersion;
  detail?: 'full' | 'summary' | 'auto';
  /** Evaluate every Node (percentageOfNodesToScore 100) instead of kube-scheduler's sampling. */
  allNodes?: boolean;
  /** Skip the API server: schedule Pods as written. */
  asWritten?: boolean;
  /** What-if changes, as the preview's buttons make them. */
  whatIf?: WhatIf;
  /** `Kind/namespace/name` of the workload whose capacity is asked. */
  capacity?: string;
  capacityMax?: number;
  /** The PATHs declare the whole cluster: claims, volumes and classes they do not declare do not exist. */
  wholeCluster?: boolean;
  seed?: number;
  /** Exit 1 when some Pod is not placed (for CI gates). */
  failOnUnschedulable?: boolean;
  /** Files larger than this many bytes are skipped (default 20 MiB). */
  maxFileSize?: number;
  /** Upper bound on Pods (manifests plus workload replicas); more is refused with exit 2. */
  maxPods: number;
  /** false: no progress bar even on a terminal. */
  progress: boolean;
  paths: string[];
}


export type ParsedArgs = CheckArgs | ScheduleArgs | { command: 'help' } | { command: 'version' } | { command: 'error'; message: string };

export const USAGE = `Usage: podsight check [--format text|json|sarif|junit] [--config FILE] [--whole-cluster] PATH...
       podsight schedule [--format text|json|html] [--scheduler-version 1.33|1.34|1.35] PATH...

Validates Kubernetes Pod and Node manifests, and the Pod templates of workloads, the way the
API server does. PATH may be a file, a directory (searched for *.yaml and *.yml) or - for stdin.

Options:
  --format FORMAT   text (default), json, sarif (SARIF 2.1.0 for GitHub code scanning) or
                    junit (JUnit XML: a testsuite per file, a failing testcase per error
                    or warning)
  --config FILE     the configuration for every file (YAML or JSON, as .podsight.yaml);
                    without it, each file's nearest .podsight.yaml, .podsight.yml or
                    .podsight.json above it (up to the repository root) applies
  --whole-cluster   the PATHs declare the whole cluster: a Namespace, ServiceAccount,
                    PriorityClass, RuntimeClass, ConfigMap, Secret or claim they reference
                    but do not declare is an error (without it: a warning where they declare
                    others of that kind there, else information)
${CI_USAGE}
  --jobs N          validate on N threads (default: available CPUs; 1 for none)
  --max-file-size BYTES
                    skip files larger than this (default: maxFileSize of --config,
                    else 20971520)
  -h, --help        show this help
  --version         print the version

Exit status: 0 no errors (and within --fail-on and --max-warnings), 1 errors found (or
warnings past the gate), 2 bad usage, an invalid configuration file or unreadable input.

Inside directories, symbolic links are followed once per real path (loops are skipped),
node_modules and dot-directories are not searched, and devices, FIFOs, sockets and files over
the size limit are skipped; each skipped path gets a one-line note on stderr. A PATH given
that cannot be read (missing, a device or a FIFO) is exit 2; use - for a pipe.

schedule: simulates where kube-scheduler's default profile would place every Pod (Pod
manifests and expanded workloads) onto the Nodes declared in the same PATHs, and prints the
scheduler's own message for each Pod that fits nowhere.
  --format FORMAT             text (default; Pods by Node, then the unschedulable), json, or
                              html (the VS Code preview as one self-contained file, on stdout)
  --scheduler-version V       message dialect: 1.35 (default), 1.34 or 1.33
  --detail LEVEL              json/html per-Node filters/scores: auto (default; full up to
                              250000 Pod x Node pairs), full (up to 10000000 pairs), summary
  --seed N                    seed for breaking ties between equally scored Nodes (default 0)
  --cordon NODE               what-if: cordon NODE (what runs there stays; repeatable)
  --drain NODE                what-if: drain NODE (its Pods evicted: recreated elsewhere when a
                              controller owns them, deleted when bare; DaemonSet Pods stay)
  --remove NODE               what-if: leave NODE out
  --add-copies NODE=N         what-if: N more Nodes like NODE (its pool grown)
  --replicas KIND/[NS/]NAME=N what-if: that workload with N replicas
  --capacity KIND/[NS/]NAME    how many more replicas of this workload fit, and what stops the
                              next one (e.g. deployment/web, statefulset/shop/db)
  --capacity-max N            most extra replicas to try (default 1000)
  --as-written                schedule the Pods as the manifests write them (as kube-scheduler's
                              own tests feed them); default: as the API server admits them
                              (defaults, LimitRange, priority, RuntimeClass), refused ones rejected
  --all-nodes                 evaluate every Node for every Pod (default: kube-scheduler's
                              node sampling, adaptive percentageOfNodesToScore, on clusters
                              over 100 Nodes)
  --whole-cluster             the PATHs declare the whole cluster: a PersistentVolumeClaim,
                              PersistentVolume or StorageClass they do not declare does not
                              exist (without it: only where they declare others of its kind)
  --fail-on-unschedulable     exit 1 when some Pod is not placed
  --max-file-size BYTES       skip files larger than this (default 20971520)
  --max-pods N                refuse inputs that make more than N Pods, counting every
                              replica of every workload (default 200000)
  --no-progress               no progress bar (drawn on stderr only when it is a terminal)
Exit status: 0 simulated (1 with --fail-on-unschedulable and a Pod not placed), 2 bad usage,
unreadable input or more Pods than --max-pods.`;

/** A --max-file-size value, or the usage error about it. */
function byteCount(v: string | undefined): number | string {
  const n = v !== undefined && /^[0-9]{1,10}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= MAX_READABLE_BYTES)) return `--max-file-size must be a number of bytes from 1 to ${MAX_READABLE_BYTES} (got ${v === undefined ? 'nothing' : `"${v}"`})`;
  return n;
}

export function parseArgs(argv: string[]): ParsedArgs {
  if (argv.length === 0) return { command: 'error', message: 'missing command (try: podsight check PATH)' };
  const [cmd, ...rest] = argv;
  if (cmd === '-h' || cmd === '--help' || cmd === 'help') return { command: 'help' };
  if (cmd === '--version' || cmd === '-v') return { command: 'version' };
  if (cmd === 'schedule') return parseScheduleArgs(rest);
  if (cmd !== 'check') return { command: 'error', message: `unknown command "${cmd}" (try: podsight check PATH)` };
  const out: CheckArgs = { command: 'check', format: 'text', ci: { ...DEFAULT_CI_OPTIONS, exclude: [] }, paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-h' || a === '--help') return { command: 'help' };
    const ci = a.startsWith('--') ? parseCiOption(rest, i, out.ci) : undefined;
    if (ci && 'error' in ci) return { command: 'error', message: ci.error };
    if (ci) {
      i += ci.consumed - 1;
      continue;
    }
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v !== 'text' && v !== 'json' && v !== 'sarif' && v !== 'junit') return { command: 'error', message: `--format must be text, json, sarif or junit (got ${v === undefined ? 'nothing' : `"${v}"`})` };
      out.format = v;
    } else if (a === '--config' || a.startsWith('--config=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) return { command: 'error', message: '--config needs a FILE' };
      out.config = v;
    } else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v === undefined || !/^[1-9][0-9]{0,2}$/.test(v)) return { command: 'error', message: `--jobs must be a whole number from 1 to 999 (got ${v === undefined ? 'nothing' : `"${v}"`})` };
      out.jobs = Number(v);
    } else if (a === '--max-file-size' || a.startsWith('--max-file-size=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      const n = byteCount(v);
      if (typeof n === 'string') return { command: 'error', message: n };
      out.maxFileSize = n;
    } else if (a === '--whole-cluster') {
      out.wholeCluster = true;
    } else if (a === '--') {
      out.paths.push(...rest.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return { command: 'error', message: `unknown option "${a}"` };
    } else out.paths.push(a);
  }
  if (out.paths.length === 0) return { command: 'error', message: 'no PATH given (use - for stdin)' };
  return out;
}

function parseScheduleArgs(rest: string[]): ParsedArgs {
  const out: ScheduleArgs = { command: 'schedule', format: 'text', schedulerVersion: '1.35', maxPods: DEFAULT_MAX_PODS, progress: true, paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i]);
    const shown = (v: string | undefined) => (v === undefined ? 'nothing' : `"${v}"`);
    if (a === '-h' || a === '--help') return { command: 'help' };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'html') return { command: 'error', message: `--format must be text, json or html (got ${shown(v)})` };
      out.format = v;
    } else if (a === '--scheduler-version' || a.startsWith('--scheduler-version=')) {
      const v = value();
      if (v !== '1.33' && v !== '1.34' && v !== '1.35') return { command: 'error', message: `--scheduler-version must be 1.33, 1.34 or 1.35 (got ${shown(v)})` };
      out.schedulerVersion = v;
    } else if (a === '--detail' || a.startsWith('--detail=')) {
      const v = value();
      if (v !== 'full' && v !== 'summary' && v !== 'auto') return { command: 'error', message: `--detail must be auto, full or summary (got ${shown(v)})` };
      out.detail = v;
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = value();
      if (v === undefined || !/^-?[0-9]+$/.test(v)) return { command: 'error', message: `--seed must be an integer (got ${shown(v)})` };
      out.seed = Number(v);
    } else if (a === '--fail-on-unschedulable') {
      out.failOnUnschedulable = true;
    } else if (a === '--all-nodes') {
      out.allNodes = true;
    } else if (a === '--as-written') {
      out.asWritten = true;
    } else if (['--cordon', '--drain', '--remove'].some((f) => a === f || a.startsWith(`${f}=`))) {
      const flag = a.split('=')[0].slice(2) as 'cordon' | 'drain' | 'remove';
      const v = value();
      if (!v) return { command: 'error', message: `--${flag} needs a Node name` };
      const w = (out.whatIf ??= {});
      (w[flag] ??= []).push(v);
    } else if (a === '--add-copies' || a.startsWith('--add-copies=')) {
      const v = value();
      const m = v === undefined ? null : /^(.+)=([1-9][0-9]{0,3})$/.exec(v);
      if (!m) return { command: 'error', message: `--add-copies must be NODE=N with N from 1 to 9999 (got ${shown(v)})` };
      const w = (out.whatIf ??= {});
      (w.copies ??= {})[m[1]] = (w.copies[m[1]] ?? 0) + Number(m[2]);
    } else if (a === '--replicas' || a.startsWith('--replicas=')) {
      const v = value();
      const m = v === undefined ? null : /^(.+)=([0-9]{1,6})$/.exec(v);
      const key = m ? capacityWorkload(m[1]) : undefined;
      if (!m || !key) return { command: 'error', message: `--replicas must be KIND/[NAMESPACE/]NAME=N, e.g. deployment/shop/web=5 (got ${shown(v)})` };
      const w = (out.whatIf ??= {});
      (w.replicas ??= {})[key] = Number(m[2]);
    } else if (a === '--capacity' || a.startsWith('--capacity=')) {
      const v = value();
      const w = v === undefined ? undefined : capacityWorkload(v);
      if (!w) return { command: 'error', message: `--capacity must name a workload as KIND/NAME or KIND/NAMESPACE/NAME, KIND one of ${Object.keys(WORKLOAD_KINDS).join(', ')} (got ${shown(v)})` };
      out.capacity = w;
    } else if (a === '--capacity-max' || a.startsWith('--capacity-max=')) {
      const v = value();
      if (v === undefined || !/^[1-9][0-9]{0,5}$/.test(v) || Number(v) > 100000) return { command: 'error', message: `--capacity-max must be a whole number from 1 to 100000 (got ${shown(v)})` };
      out.capacityMax = Number(v);
    } else if (a === '--whole-cluster') {
      out.wholeCluster = true;
    } else if (a === '--max-file-size' || a.startsWith('--max-file-size=')) {
      const n = byteCount(value());
      if (typeof n === 'string') return { command: 'error', message: n };
      out.maxFileSize = n;
    } else if (a === '--max-pods' || a.startsWith('--max-pods=')) {
      const v = value();
      if (v === undefined || !/^[1-9][0-9]{0,8}$/.test(v)) return { command: 'error', message: `--max-pods must be a whole number from 1 to 999999999 (got ${shown(v)})` };
      out.maxPods = Number(v);
    } else if (a === '--no-progress') {
      out.progress = false;
    } else if (a === '--') {
      out.paths.push(...rest.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return { command: 'error', message: `unknown option "${a}"` };
    } else out.paths.push(a);
  }
  if (out.paths.length === 0) return { command: 'error', message: 'no PATH given (use - for stdin)' };
  return out;
}

/** Workload kinds a capacity question may name, by kubectl's names and short names. */
const WORKLOAD_KINDS: Record<string, string> = {
  deployment: 'Deployment',
  deploy: 'Deployment',
  statefulset: 'StatefulSet',
  sts: 'StatefulSet',
  replicaset: 'ReplicaSet',
  rs: 'ReplicaSet',
  replicationcontroller: 'ReplicationController',
  rc: 'ReplicationController',
  job: 'Job',
};

/** `deployment/web` → `Deployment/default/web`; `sts/shop/db` → `StatefulSet/shop/db`. */
export function capacityWorkload(v: string): string | undefined {
  const parts = v.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return undefined;
  const kind = WORKLOAD_KINDS[parts[0].toLowerCase().replace(/s$/, '')] ?? WORKLOAD_KINDS[parts[0].toLowerCase()];
  if (!kind) return undefined;
  return parts.length === 2 ? `${kind}/default/${parts[1]}` : `${kind}/${parts[1]}/${parts[2]}`;
}
