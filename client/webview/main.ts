/**
 * The scheduling preview: a browser program (no `vscode` import) fed by messages from the panel
 * host (server/src/protocol.ts: HostToWebviewMessage, checked on receipt). Every string from a
 * manifest is hostile input: the DOM is built with createElement and text nodes only — never
 * innerHTML, never a URL or an inline handler built from data. Theme comes from --vscode-* vars
 * (webview.css). UI state (selection, scroll, what-if) lives in getState/setState.
 */
import {
  isHostToWebviewMessage,
  type PreviewWhatIf,
  type SimulateResult,
  type WebviewToHostMessage,
} from '../../server/src/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Report = SimulateResult;
type Pod = Report['pods'][number];
type Node = Report['nodes'][number];

interface UiState {
  selectedPod?: string;
  scrollY?: number;
  whatIf?: PreviewWhatIf;
}

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
let ui: UiState = typeof saved === 'object' && saved !== null ? (saved as UiState) : {};
let report: Report | undefined;
let whatIf: PreviewWhatIf = ui.whatIf ?? {};
const app = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));

function send(m: WebviewToHostMessage): void {
  vscode.postMessage(m);
}
function saveState(patch: Partial<UiState>): void {
  ui = { ...ui, ...patch };
  vscode.setState(ui);
}

// ---- DOM helpers: text nodes only -----------------------------------------------------------

type Child = Node_ | string | null | undefined | false;
type Node_ = globalThis.Node;
/** Attributes allowed from this file; none of them can carry script (no href/src/on*). */
type Attrs = Partial<Record<'class' | 'id' | 'role' | 'title' | 'type' | 'tabindex' | 'scope' | `aria-${string}` | `data-${string}`, string>>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

function button(label: string, attrs: Attrs, onClick: (e: MouseEvent) => void): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

// ---- Formatting -----------------------------------------------------------------------------

const BYTES = new Set(['memory', 'ephemeral-storage']);
function isBytes(resource: string): boolean {
  return BYTES.has(resource) || resource.startsWith('hugepages-');
}
function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1).replace(/\.?0+$/, '');
}
function formatValue(resource: string, v: number): string {
  if (resource === 'cpu') return v % 1000 === 0 ? `${v / 1000}` : `${trim(v)}m`; // as kubectl writes it
  if (isBytes(resource)) {
    const units = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
    let i = 0;
    let x = v;
    while (Math.abs(x) >= 1024 && i < units.length - 1) {
      x /= 1024;
      i++;
    }
    return `${trim(x)}${units[i]}`;
  }
  return trim(v);
}

// ---- Rendering ------------------------------------------------------------------------------

const KEY_LABELS = ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'node.kubernetes.io/instance-type', 'kubernetes.io/arch', 'kubernetes.io/os'];
const HIDDEN_LABELS = new Set(['kubernetes.io/hostname', 'beta.kubernetes.io/arch', 'beta.kubernetes.io/os', 'failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region']);
const PLACED = new Set(['scheduled', 'pinned']);

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summaryLine(r: Report): string {
  const s = r.summary;
  const parts = [`${plural(s.pods, 'Pod')} on ${plural(s.nodes, 'Node')}`, `${s.unschedulable} unschedulable`, `${s.pinned} pinned`];
  for (const k of ['gated', 'rejected', 'preempted', 'ignored'] as const) if (s[k]) parts.push(`${s[k]} ${k}`);
  return parts.join(' · ');
}

function hasWhatIf(w: PreviewWhatIf): boolean {
  return !!(w.cordon?.length || w.uncordon?.length || w.remove?.length || (w.replicas && Object.keys(w.replicas).length));
}

function setWhatIf(next: PreviewWhatIf): void {
  whatIf = next;
  saveState({ whatIf });
  send({ type: 'whatIf', whatIf });
}

function toggle(list: string[] | undefined, name: string, on: boolean): string[] {
  const rest = (list ?? []).filter((n) => n !== name);
  return on ? [...rest, name] : rest;
}

function header(r: Report): HTMLElement {
  const tools = h('div', { class: 'tools' });
  if (hasWhatIf(whatIf)) {
    const bits: string[] = [];
    if (whatIf.cordon?.length) bits.push(`cordoned: ${whatIf.cordon.join(', ')}`);
    if (whatIf.uncordon?.length) bits.push(`uncordoned: ${whatIf.uncordon.join(', ')}`);
    if (whatIf.remove?.length) bits.push(`removed: ${whatIf.remove.join(', ')}`);
    for (const [k, n] of Object.entries(whatIf.replicas ?? {})) bits.push(`${k} × ${n}`);
    tools.appendChild(h('span', { class: 'whatif-note' }, `What-if (files unchanged) — ${bits.join('; ')}`));
    tools.appendChild(button('Reset what-if', { 'data-focus': 'reset' }, () => setWhatIf({})));
  }
  tools.appendChild(button('Refresh', { 'data-focus': 'refresh' }, () => send({ type: 'refresh' })));
  return h('header', { class: 'bar' }, h('p', { id: 'summary', role: 'status' }, summaryLine(r)), tools);
}

function meter(resource: string, requested: number, allocatable: number): HTMLElement {
  const ratio = allocatable > 0 ? requested / allocatable : requested > 0 ? Infinity : 0;
  // cpu: both in cores when both are whole cores, else both in millicores (as kubectl writes them).
  const fmt = (v: number) => (resource === 'cpu' && (requested % 1000 !== 0 || allocatable % 1000 !== 0) ? `${trim(v)}m` : formatValue(resource, v));
  const text = `${fmt(requested)} / ${fmt(allocatable)}`;
  const over = ratio > 1;
  const bar = h('div', {
    class: `meter${over ? ' over' : ratio >= 0.9 ? ' high' : ''}`,
    role: 'meter',
    'aria-label': resource,
    'aria-valuemin': '0',
    'aria-valuemax': String(allocatable),
    'aria-valuenow': String(Math.min(requested, allocatable)),
    'aria-valuetext': `${text} requested`,
    title: `${resource}: ${text} requested (${Number.isFinite(ratio) ? Math.round(ratio * 100) : '∞'}%)`,
  });
  const fill = h('div', { class: 'fill' });
  fill.style.width = `${Math.min(100, Math.round((Number.isFinite(ratio) ? ratio : 1) * 1000) / 10)}%`; // CSSOM, allowed by the CSP
  bar.appendChild(fill);
  return h('div', { class: 'res' }, h('span', { class: 'res-name' }, resource), bar, h('span', { class: 'res-num' }, text));
}

function podButton(p: Pod | undefined, name: string): HTMLElement {
  const selected = ui.selectedPod === name;
  const status = p?.status ?? 'unknown';
  const b = button(name, { class: `pod status-${status}`, 'data-pod': name, 'data-focus': `pod:${name}`, 'aria-pressed': String(selected), title: `${name} (${status}) — show why, and reveal its manifest` }, () => selectPod(name));
  return b;
}

function nodeCard(n: Node, podsByName: Map<string, Pod>): HTMLElement {
  const cordoned = n.unschedulable;
  const head = h(
    'div',
    { class: 'card-head' },
    button(n.name, { class: 'node-name', 'data-focus': `node:${n.name}`, title: 'Reveal the Node manifest' }, () => send({ type: 'reveal', target: 'node', name: n.name })),
    cordoned ? h('span', { class: 'badge warn' }, 'cordoned') : null,
  );
  const keyLabels = KEY_LABELS.filter((k) => k in n.labels).map((k) => `${k.slice(k.indexOf('/') + 1)}=${n.labels[k]}`);
  const others = Object.keys(n.labels).filter((k) => !KEY_LABELS.includes(k) && !HIDDEN_LABELS.has(k));
  const labels = h('ul', { class: 'chips', 'aria-label': 'labels' });
  for (const l of keyLabels) labels.appendChild(h('li', { class: 'chip' }, l));
  for (const k of others.slice(0, 6)) labels.appendChild(h('li', { class: 'chip' }, `${k}=${n.labels[k]}`));
  if (others.length > 6) labels.appendChild(h('li', { class: 'chip muted', title: others.slice(6).map((k) => `${k}=${n.labels[k]}`).join('\n') }, `+${others.length - 6} more`));
  const taints = n.taints.length
    ? h('ul', { class: 'chips', 'aria-label': 'taints' }, ...n.taints.map((t) => h('li', { class: 'chip taint' }, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)))
    : null;
  const res = h('div', { class: 'resources' });
  for (const r of Object.keys(n.allocatable)) res.appendChild(meter(r, n.requested[r] ?? 0, n.allocatable[r] ?? 0));
  const pods = h('ul', { class: 'pods', 'aria-label': `Pods on ${n.name}` });
  for (const name of n.pods) pods.appendChild(h('li', {}, podButton(podsByName.get(name), name)));
  if (!n.pods.length) pods.appendChild(h('li', { class: 'muted' }, 'No Pods'));
  const actions = h(
    'div',
    { class: 'actions' },
    button(cordoned ? 'Uncordon' : 'Cordon', { 'data-focus': `cordon:${n.name}`, title: 'What-if: files are not changed' }, () => {
      const manifestCordoned = cordoned ? !whatIf.cordon?.includes(n.name) : !!whatIf.uncordon?.includes(n.name);
      const wantCordoned = !cordoned;
      setWhatIf({
        ...whatIf,
        cordon: toggle(whatIf.cordon, n.name, wantCordoned && !manifestCordoned),
        uncordon: toggle(whatIf.uncordon, n.name, !wantCordoned && manifestCordoned),
      });
    }),
    button('Remove', { 'data-focus': `remove:${n.name}`, title: 'What-if: files are not changed' }, () => setWhatIf({ ...whatIf, remove: toggle(whatIf.remove, n.name, true) })),
  );
  return h('li', { class: `card${cordoned ? ' cordoned' : ''}`, 'data-node': n.name, 'aria-label': `Node ${n.name}` }, head, labels, taints, res, h('h4', {}, 'Pods'), pods, actions);
}

/** Workloads whose replica count can be changed (what-if), with the count now simulated. */
const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
function workloads(r: Report): HTMLElement | null {
  const counts = new Map<string, number>();
  for (const p of r.pods) {
    const w = p.workload;
    if (!w || !SCALABLE.has(w.kind)) continue;
    const key = `${w.kind}/${w.namespace}/${w.name}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, n] of Object.entries(whatIf.replicas ?? {})) if (!counts.has(key)) counts.set(key, n);
  if (!counts.size) return null;
  const list = h('ul', { class: 'workloads' });
  for (const [key, simulated] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const n = whatIf.replicas?.[key] ?? simulated;
    const set = (v: number) => setWhatIf({ ...whatIf, replicas: { ...whatIf.replicas, [key]: Math.max(0, v) } });
    list.appendChild(
      h(
        'li',
        { class: 'row', 'data-workload': key },
        h('span', { class: 'wl-name' }, key),
        button('−', { 'aria-label': `Fewer replicas of ${key}`, 'data-focus': `minus:${key}` }, () => set(n - 1)),
        h('span', { class: 'wl-count', 'aria-label': `${key} replicas` }, String(n)),
        button('+', { 'aria-label': `More replicas of ${key}`, 'data-focus': `plus:${key}` }, () => set(n + 1)),
        whatIf.replicas && key in whatIf.replicas ? h('span', { class: 'badge' }, 'what-if') : null,
      ),
    );
  }
  return h('section', { 'aria-labelledby': 'workloads-h', id: 'workloads' }, h('h2', { id: 'workloads-h' }, 'Workload replicas (what-if)'), list);
}

function emptyNodes(): HTMLElement {
  return h(
    'section',
    { class: 'empty', 'aria-labelledby': 'empty-nodes-h' },
    h('h2', { id: 'empty-nodes-h' }, 'No Nodes declared'),
    h('p', {}, 'The preview places your Pods on the Nodes declared in the workspace. Add Node manifests (kind: Node) in a YAML file, or save the output of kubectl get nodes -o yaml in the workspace.'),
    button('Open a sample nodes.yaml', { class: 'primary', 'data-focus': 'sample' }, () => send({ type: 'openSampleNodes' })),
  );
}

function unschedulable(r: Report): HTMLElement | null {
  const pods = r.pods.filter((p) => !PLACED.has(p.status));
  if (!pods.length) return null;
  const list = h('ul', { class: 'unsched' });
  for (const p of pods) {
    list.appendChild(
      h('li', { 'data-unschedulable': p.name }, h('div', { class: 'row' }, podButton(p, p.name), h('span', { class: `badge status-${p.status}` }, p.status)), p.message ? h('p', { class: 'message' }, p.message) : null),
    );
  }
  return h('section', { 'aria-labelledby': 'unsched-h', id: 'unschedulable' }, h('h2', { id: 'unsched-h' }, `Unschedulable (${pods.length})`), list);
}

function detail(r: Report): HTMLElement | null {
  const p = ui.selectedPod ? r.pods.find((x) => x.name === ui.selectedPod) : undefined;
  if (!p) return null;
  const plugins = Object.keys(r.weights).filter((k) => Object.values(p.scores).some((s) => k in s));
  const ties = new Set(p.ties ?? []);
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Node'), h('th', { scope: 'col' }, 'Filter'), ...plugins.map((k) => h('th', { scope: 'col', title: `${k}, weight ${r.weights[k]}` }, `${k} ×${r.weights[k]}`)), h('th', { scope: 'col' }, 'Total'));
  const body = h('tbody');
  for (const n of r.nodes) {
    const verdict = p.filters[n.name];
    const chosen = p.node === n.name;
    const s = p.scores[n.name];
    const filterText = verdict === null ? 'passed' : verdict === undefined ? (chosen && p.status === 'pinned' ? 'pinned (spec.nodeName)' : 'not evaluated') : `${p.filterPlugins[n.name] ?? ''}${p.filterPlugins[n.name] ? ': ' : ''}${verdict}`;
    body.appendChild(
      h(
        'tr',
        { class: `${chosen ? 'chosen' : ''}${verdict ? ' rejected' : ''}`, 'data-detail-node': n.name, 'aria-current': chosen ? 'true' : undefined },
        h('th', { scope: 'row' }, n.name, chosen ? h('span', { class: 'badge ok' }, 'chosen') : null, ties.has(n.name) ? h('span', { class: 'badge', title: 'Same highest total; the simulator picked one' }, 'tie') : null),
        h('td', { class: verdict ? 'fail' : 'pass' }, filterText),
        ...plugins.map((k) => h('td', { class: 'num' }, s && k in s ? String(s[k]) : '')),
        h('td', { class: 'num total' }, s ? String(s.total) : ''),
      ),
    );
  }
  const table = h('table', { 'aria-label': `Filter and score per Node for ${p.name}` }, h('thead', {}, head), body);
  const where = p.node ? `${p.status === 'pinned' ? 'Pinned to' : 'Scheduled on'} ${p.node}` : p.status;
  return h(
    'section',
    { id: 'detail', 'aria-labelledby': 'detail-h' },
    h('div', { class: 'row' }, h('h2', { id: 'detail-h' }, p.name), button('Close', { 'data-focus': 'close-detail', 'aria-label': 'Close Pod detail' }, () => selectPod(undefined))),
    h('p', {}, where, p.skippedScorePlugins?.length ? ` · skipped score plugins: ${p.skippedScorePlugins.join(', ')}` : ''),
    p.message ? h('p', { class: 'message' }, p.message) : null,
    p.preemption ? h('p', { class: 'message' }, p.preemption.message) : null,
    ...(p.warnings ?? []).map((w) => h('p', { class: 'warning' }, w)),
    h('div', { class: 'table-wrap' }, table),
  );
}

function render(): void {
  if (!report) return;
  const r = report;
  const focusKey = (document.activeElement as HTMLElement | null)?.getAttribute?.('data-focus');
  const scrollY = window.scrollY;
  const podsByName = new Map(r.pods.map((p) => [p.name, p]));
  const parts: Child[] = [header(r)];
  if (!r.nodes.length) parts.push(emptyNodes());
  if (!r.pods.length) parts.push(h('p', { class: 'empty', id: 'no-pods' }, 'No Pods found: add Pod manifests or workloads (Deployment, StatefulSet, DaemonSet, Job, CronJob) to the workspace.'));
  parts.push(detail(r));
  if (r.nodes.length) {
    const list = h('ul', { class: 'nodes', 'aria-label': 'Nodes' });
    for (const n of r.nodes) list.appendChild(nodeCard(n, podsByName));
    parts.push(h('section', { 'aria-labelledby': 'nodes-h' }, h('h2', { id: 'nodes-h' }, 'Nodes'), list));
  }
  parts.push(unschedulable(r));
  parts.push(workloads(r));
  for (const note of r.notes) parts.push(h('p', { class: 'muted note' }, note));
  app.replaceChildren(...parts.filter((c): c is Node_ => !!c && typeof c !== 'string'));
  app.setAttribute('aria-busy', 'false');
  window.scrollTo(0, scrollY);
  if (focusKey) (Array.from(app.querySelectorAll<HTMLElement>('[data-focus]')).find((e) => e.getAttribute('data-focus') === focusKey))?.focus();
}

function selectPod(name: string | undefined): void {
  saveState({ selectedPod: name });
  render();
  if (name) {
    send({ type: 'reveal', target: 'pod', name });
    document.getElementById('detail')?.scrollIntoView({ block: 'nearest' });
  }
}

// ---- Wiring ---------------------------------------------------------------------------------

window.addEventListener('message', (e: MessageEvent) => {
  const m: unknown = e.data;
  if (!isHostToWebviewMessage(m)) return;
  switch (m.type) {
    case 'loading':
      app.setAttribute('aria-busy', 'true');
      break;
    case 'error':
      app.replaceChildren(h('p', { class: 'error', role: 'alert' }, `The simulation failed: ${m.message}`), button('Retry', { 'data-focus': 'refresh' }, () => send({ type: 'refresh' })));
      break;
    case 'result':
      report = m.result;
      whatIf = m.whatIf;
      saveState({ whatIf });
      render();
      if (ui.scrollY !== undefined && !restoredScroll) {
        restoredScroll = true;
        window.scrollTo(0, ui.scrollY);
      }
      break;
  }
});
let restoredScroll = false;

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer !== undefined) return;
  scrollTimer = window.setTimeout(() => {
    scrollTimer = undefined;
    saveState({ scrollY: window.scrollY });
  }, 200);
});

// Arrow keys move between Pods; Escape closes the detail.
document.addEventListener('keydown', (e: KeyboardEvent) => {
  const t = e.target as HTMLElement | null;
  if (e.key === 'Escape' && ui.selectedPod) {
    selectPod(undefined);
    return;
  }
  if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || !t?.classList.contains('pod')) return;
  const all = Array.from(app.querySelectorAll<HTMLElement>('button.pod'));
  const i = all.indexOf(t);
  const next = all[i + (e.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
});

send({ type: 'ready' });
