/**
 * The Node manifest's lens, inlay hints and hovers on a 500-Node file with 5,000 bare Pods in
 * the workspace (bare Pods: every one is its own template, the worst case for the per-template
 * passes), once the simulation is cached (budget ≤ 50 ms each). The first lens request builds
 * the Node facts of the simulation; it is measured apart, and so is the simulation itself.
 *
 * Runs in `npm run bench`, or alone: `BENCH_ONLY=node-facts node --import tsx test/bench/run.ts`.
 */
import { PodsightService, runSimulation, type ManifestFile } from '../../server/src/service';

export interface NodeFactsBench {
  nodes: number;
  pods: number;
  simulateMs: number;
  /** The same lens request without the simulation (the file's other lenses). */
  baseLensMs: number;
  /** First lens request of the file (builds the view and every Node's summary). */
  firstLensMs: number;
  /** Worst of the measured requests after that, each the median of its runs. */
  worstMs: number;
  each: Record<string, number>;
}

function node(i: number): string {
  const taint = i % 5 === 0 ? `spec:\n  taints:\n  - key: dedicated\n    value: batch\n    effect: NoSchedule\n` : '';
  return `apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\n  labels:\n    kubernetes.io/hostname: node-${i}\n    topology.kubernetes.io/zone: zone-${i % 3}\n    disk: ${i % 2 ? 'hdd' : 'ssd'}\n${taint}status:\n  capacity: {cpu: "16", memory: 64Gi, pods: "110"}\n  allocatable: {cpu: "15", memory: 60Gi, pods: "110"}\n`;
}

function pod(i: number): string {
  const selector = i % 2 ? `  nodeSelector:\n    topology.kubernetes.io/zone: zone-${i % 3}\n` : '';
  const tol = i % 7 === 0 ? `  tolerations:\n  - key: dedicated\n    operator: Exists\n    effect: NoSchedule\n` : '';
  const host = i % 50 === 0 ? `  volumes:\n  - name: logs\n    hostPath: {path: /var/log}\n` : '';
  const mount = i % 50 === 0 ? `    volumeMounts:\n    - {name: logs, mountPath: /logs, readOnly: true}\n` : '';
  // A few ask for more than any Node has: pending Pods for the "turned away" and "needs more" answers.
  const cpu = i % 500 === 0 ? '20' : `${100 + (i % 10) * 50}m`;
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  labels: {app: app-${i % 40}}\nspec:\n${selector}${tol}${host}  containers:\n  - name: c\n    image: nginx:1.27\n    resources:\n      requests: {cpu: "${cpu}", memory: 256Mi}\n${mount}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, runs = 5): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

export function measureNodeFacts(nodes = 500, pods = 5000): NodeFactsBench {
  const svc = new PodsightService();
  const nodeText = Array.from({ length: nodes }, (_, i) => node(i)).join('---\n');
  const podText = Array.from({ length: pods }, (_, i) => pod(i)).join('---\n');
  const nf: ManifestFile = svc.parse('file:///bench/nodes.yaml', 1, nodeText);
  const pf: ManifestFile = svc.parse('file:///bench/pods.yaml', 1, podText);
  const files = [nf, pf];
  for (const f of files) svc.workspace.update(f);
  let t0 = performance.now();
  const sim = runSimulation(files, { admit: svc.schedulingAdmission(files) });
  const simulateMs = performance.now() - t0;
  const settings = { inlayHints: { ports: true, volumes: true, nodes: true }, codeLens: { enable: true } };
  // Without the Node facts: what the lens request costs anyway (sharing and Service lenses).
  const baseLensMs = time(() => svc.codeLenses(nf, settings, 'podsight.previewScheduling', undefined, undefined));
  t0 = performance.now();
  svc.codeLenses(nf, settings, 'podsight.previewScheduling', undefined, sim);
  const firstLensMs = performance.now() - t0;
  const mid = nf.text.indexOf(`name: node-250\n`);
  const at = (needle: string, delta: number) => nf.lines.positionAt(nf.text.indexOf(needle, mid) + delta);
  const mid5 = nf.text.indexOf(`name: node-255\n`);
  const each: Record<string, number> = {
    'code lens (whole file)': time(() => svc.codeLenses(nf, settings, 'podsight.previewScheduling', undefined, sim)),
    'inlay hints (whole file)': time(() => svc.inlayHints(nf, undefined, settings, sim)),
    'hover: label': time(() => svc.hover(nf, at('topology.kubernetes.io/zone', 2), undefined, sim)),
    'hover: taint': time(() => svc.hover(nf, nf.lines.positionAt(nf.text.indexOf('key: dedicated', mid5) + 2), undefined, sim)),
    'hover: allocatable': time(() => svc.hover(nf, at('allocatable', 2), undefined, sim)),
    'hover: Node name': time(() => svc.hover(nf, at('name: node-250', 8), undefined, sim)),
    'hover: Pod hostPath': time(() => svc.hover(pf, pf.lines.positionAt(pf.text.indexOf('hostPath:') + 2), undefined, sim)),
  };
  return { nodes, pods, simulateMs, baseLensMs, firstLensMs, worstMs: Math.max(...Object.values(each)), each };
}

export function nodeFactsLine(b: NodeFactsBench): string {
  const parts = Object.entries(b.each).map(([k, v]) => `${k} ${v.toFixed(1)}`);
  return `Node facts, ${b.nodes} Nodes / ${b.pods.toLocaleString('en-US')} Pods (simulation ${b.simulateMs.toFixed(0)} ms, cached; the file's lenses without Node facts ${b.baseLensMs.toFixed(1)} ms): first lens ${b.firstLensMs.toFixed(1)} ms; ${parts.join(', ')} ms; worst ${b.worstMs.toFixed(1)} ms; budget ≤ 50 ms: ${b.worstMs <= 50 && b.firstLensMs <= 50 ? 'met' : 'NOT MET'}`;
}
