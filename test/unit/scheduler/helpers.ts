/** Helpers for scheduler tests: YAML builders and running a simulation on strings. */
import { parseManifestFile } from '../../../server/src/service/parse/manifests';
import { runSimulation, simulate, type ReportPod, type ScheduleReport, type SimulateOptions } from '../../../server/src/service/scheduler';

export interface NodeSpec {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: string | number;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  unschedulable?: boolean;
  extra?: Record<string, string>;
  images?: Array<{ names: string[]; sizeBytes: number }>;
}

export function node(n: NodeSpec): string {
  const labels = { 'kubernetes.io/hostname': n.name, ...(n.labels ?? {}) };
  const alloc: Record<string, string> = { cpu: n.cpu ?? '4', memory: n.memory ?? '8Gi', pods: String(n.pods ?? '110'), ...(n.extra ?? {}) };
  const doc = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels },
    spec: { ...(n.taints ? { taints: n.taints } : {}), ...(n.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: alloc, ...(n.images ? { images: n.images } : {}) },
  };
  return JSON.stringify(doc);
}

export interface PodSpecInput {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  requests?: Record<string, string>;
  spec?: Record<string, unknown>;
  container?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

export function podSpec(p: PodSpecInput): Record<string, unknown> {
  const requests: Record<string, string> = { ...(p.cpu ? { cpu: p.cpu } : {}), ...(p.memory ? { memory: p.memory } : {}), ...(p.requests ?? {}) };
  return {
    containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', ...(Object.keys(requests).length ? { resources: { requests } } : {}), ...(p.container ?? {}) }],
    ...(p.spec ?? {}),
  };
}

export function pod(p: PodSpecInput): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, ...(p.namespace ? { namespace: p.namespace } : {}), ...(p.labels ? { labels: p.labels } : {}), ...(p.meta ?? {}) },
    spec: podSpec(p),
  });
}

export function yaml(...docs: string[]): string {
  return docs.join('\n---\n');
}

export function run(docs: string[], options: SimulateOptions = {}): ScheduleReport {
  return simulate([parseManifestFile('file:///test.yaml', 0, yaml(...docs))], options);
}

export function runFiles(texts: string[], options: SimulateOptions = {}): ScheduleReport {
  return simulate(texts.map((t, i) => parseManifestFile(`file:///f${i}.yaml`, 0, t)), options);
}

export function result(docs: string[], options: SimulateOptions = {}) {
  return runSimulation([parseManifestFile('file:///test.yaml', 0, yaml(...docs))], options);
}

export function podOf(r: ScheduleReport, name: string): ReportPod {
  const p = r.pods.find((x) => x.podName === name || x.name === name);
  if (!p) throw new Error(`no Pod ${name} in ${r.pods.map((x) => x.name).join(', ')}`);
  return p;
}
