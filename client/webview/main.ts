/**
 * The scheduling preview: a browser program (no `vscode` import) fed by messages from the panel
 * host (server/src/protocol.ts: HostToWebviewMessage, checked on receipt). Every string from a
 * manifest is hostile input: the DOM is built with createElement and text nodes only — never
 * innerHTML, never a URL or an inline handler built from data (dom.ts). Theme comes from
 * --vscode-* vars (webview.css). UI state (selection, scroll, what-if) lives in getState/setState.
 *
 * Large results stay fast: the page's sections are kept and replaced one by one, the Node cards
 * are kept by name and filled only near the viewport (nodeCards.ts), the selected Pod's detail
 * is rebuilt only when its data changed (detail.ts), and selecting a Pod re-renders nothing but
 * the detail.
 *
 * At scale (more than AGGREGATE_ABOVE Nodes) the page aggregates instead of drawing a card per
 * Node: a table of node pools (pools.ts, a pool expands to its Nodes' cards) and a utilisation
 * heat map (heatmap.ts). A search box (search.ts) shows the matching Nodes' cards and Pods, at
 * any size, capped.
 */
import {
  isHostToWebviewMessage,
  type PreviewWhatIf,
  type SimulateResult,
  type WebviewToHostMessage,
} from '../../server/src/protocol';
import { button, h, reconcileChildren } from './dom';
import { plural } from './format';
import { NodeCards, podButton, type Pod } from './nodeCards';
import { PodDetail } from './detail';
import { groupPools, PoolsView } from './pools';
import { HeatMap } from './heatmap';
import { parseQuery, search, type Found } from './search';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Report = SimulateResult;

interface UiState {
  selectedPod?: string;
  scrollY?: number;
  whatIf?: PreviewWhatIf;
  /** The search box's text. */
  query?: string;
  /** Keys of the expanded node pools. */
  pools?: string[];
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

// ---- Rendering ------------------------------------------------------------------------------

const PLACED = new Set(['scheduled', 'pinned']);
/** Unschedulable Pods listed before a "show all" button. */
const MAX_UNSCHEDULABLE = 100;
/** Above this many Nodes the page shows pools and a heat map instead of a card per Node. */
export const AGGREGATE_ABOVE = 1000;
/** Search results shown before a "more" button (and per press of it): Node cards, Pods. */
const MAX_FOUND_NODES = 50;
const MAX_FOUND_PODS = 100;

/** "6 of 7 Pods placed on 3 Nodes · 1 unschedulable": what was placed first, then what was not. */
function summaryLine(r: Report): string {
  const s = r.summary;
  // Placed: scheduled by the simulation, or pinned to a Node by spec.nodeName.
  const placed = s.scheduled + s.pinned;
  const parts = [s.pods === 0 ? `0 Pods on ${plural(s.nodes, 'Node')}` : `${placed} of ${plural(s.pods, 'Pod')} placed on ${plural(s.nodes, 'Node')}`];
  for (const k of ['unschedulable', 'pinned', 'gated', 'rejected', 'preempted', 'ignored'] as const) if (s[k]) parts.push(`${s[k]} ${k}`);
  return parts.join(' · ');
}

function hasWhatIf(w: PreviewWhatIf): boolean {
  return !!(w.cordon?.length || w.uncordon?.length || w.drain?.length || w.remove?.length || (w.replicas && Object.keys(w.replicas).length) || (w.copies && Object.keys(w.copies).length));
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
    if (whatIf.drain?.length) bits.push(`drained: ${whatIf.drain.join(', ')}`);
    if (whatIf.remove?.length) bits.push(`removed: ${whatIf.remove.join(', ')}`);
    for (const [k, n] of Object.entries(whatIf.copies ?? {})) bits.push(`${k} + ${n} ${n === 1 ? 'copy' : 'copies'}`);
    for (const [k, n] of Object.entries(whatIf.replicas ?? {})) bits.push(`${k} × ${n}`);
    tools.appendChild(h('span', { class: 'whatif-note' }, `What-if (files unchanged) — ${bits.join('; ')}`));
    tools.appendChild(button('Reset what-if', { 'data-focus': 'reset' }, () => setWhatIf({})));
  }
  tools.appendChild(button('Refresh', { 'data-focus': 'refresh' }, () => send({ type: 'refresh' })));
  return h('header', { class: 'bar' }, h('p', { id: 'summary', role: 'status' }, summaryLine(r)), tools);
}

const cardActions: ConstructorParameters<typeof NodeCards>[0] = {
  selectedPod: () => ui.selectedPod,
  selectPod: (name) => selectPod(name),
  revealNode: (name) => send({ type: 'reveal', target: 'node', name }),
  toggleCordon: (n) => {
    const cordoned = n.unschedulable;
    const manifestCordoned = cordoned ? !whatIf.cordon?.includes(n.name) : !!whatIf.uncordon?.includes(n.name);
    const wantCordoned = !cordoned;
    setWhatIf({
      ...whatIf,
      cordon: toggle(whatIf.cordon, n.name, wantCordoned && !manifestCordoned),
      uncordon: toggle(whatIf.uncordon, n.name, !wantCordoned && manifestCordoned),
    });
  },
  remove: (n) => setWhatIf({ ...whatIf, remove: toggle(whatIf.remove, n.name, true) }),
  drain: (n) => setWhatIf({ ...whatIf, drain: toggle(whatIf.drain, n.name, true) }),
  // A copy of a copy is one more copy of the original (its pool).
  addCopy: (n) => {
    const origin = n.name.replace(/-copy-\d+$/, '');
    setWhatIf({ ...whatIf, copies: { ...(whatIf.copies ?? {}), [origin]: (whatIf.copies?.[origin] ?? 0) + 1 } });
  },
};
const cards = new NodeCards(cardActions);
const pools = new PoolsView(cardActions, { get: () => ui.pools ?? [], set: (keys) => saveState({ pools: keys }) });
const heatMap = new HeatMap((name) => openNode(name));
const foundCards = new NodeCards(cardActions);
foundCards.list.setAttribute('aria-label', 'Matching Nodes');

/** Every set of cards on the page (selection marks and keyboard filling go through all). */
function cardSets(): NodeCards[] {
  return [cards, foundCards, ...pools.cardSets()];
}

/** Shows a Node's card, filled, and focuses it: in the search results, its pool, or the cards. */
function openNode(name: string): boolean {
  if (searchTerms().length && foundCards.focusNode(name)) return true;
  if (report && report.nodes.length > AGGREGATE_ABOVE && !searchTerms().length) {
    const set = pools.reveal(name);
    pools.fillVisible();
    return !!set?.focusNode(name);
  }
  return cards.focusNode(name);
}

// ---- Search ---------------------------------------------------------------------------------

const searchInput = h('input', {
  type: 'search',
  id: 'search',
  'aria-label': 'Search Nodes and Pods',
  title: 'Words all of which match: part of a Node name or of a Pod namespace/name, or a label key=value (app=web). Press / to come here, Escape to clear.',
  'data-focus': 'search',
}) as HTMLInputElement;
searchInput.placeholder = 'Search Nodes and Pods: name, namespace/, app=web';
searchInput.autocomplete = 'off';
searchInput.spellcheck = false;
searchInput.value = ui.query ?? '';
searchInput.addEventListener('input', () => {
  saveState({ query: searchInput.value });
  foundNodes = MAX_FOUND_NODES;
  foundPods = MAX_FOUND_PODS;
  render();
});
const searchBar = h('div', { class: 'search', role: 'search' }, searchInput);

function searchTerms() {
  return parseQuery(ui.query ?? '');
}

let foundNodes = MAX_FOUND_NODES;
let foundPods = MAX_FOUND_PODS;
let foundOf: [Report, string] | undefined;
let found: Found = { nodes: [], pods: [] };

/** The search results: the matching Nodes' cards and the matching Pods, each list capped. */
function searchResults(r: Report): HTMLElement {
  const q = ui.query ?? '';
  if (!foundOf || foundOf[0] !== r || foundOf[1] !== q) {
    found = search(r.nodes, r.pods, parseQuery(q));
    foundOf = [r, q];
  }
  const nodesShown = Math.min(found.nodes.length, foundNodes);
  foundCards.update(found.nodes.slice(0, nodesShown), podsByName);
  const podList = h('ul', { class: 'found-pods', 'aria-label': 'Matching Pods' });
  const podsShown = Math.min(found.pods.length, foundPods);
  for (let i = 0; i < podsShown; i++) {
    const p = found.pods[i];
    podList.appendChild(
      h('li', { class: 'row', 'data-found-pod': p.name }, podButton(p, p.name, ui.selectedPod === p.name, selectPod), h('span', { class: `badge status-${p.status}` }, p.status), p.node ? h('span', { class: 'muted' }, `on ${p.node}`) : null),
    );
  }
  const more = (left: number, what: string, key: string, grow: () => void) =>
    left > 0
      ? h(
          'p',
          { class: 'more-row' },
          button(`Show ${Math.min(left, what === 'Nodes' ? MAX_FOUND_NODES : MAX_FOUND_PODS)} more of ${left} ${what} not shown`, { class: 'more', 'data-focus': key }, () => {
            grow();
            render();
          }),
        )
      : null;
  return h(
    'section',
    { id: 'search-results', 'aria-labelledby': 'search-h' },
    h('h2', { id: 'search-h' }, 'Search results'),
    h('p', { role: 'status', id: 'search-count' }, `${plural(found.nodes.length, 'Node')} and ${plural(found.pods.length, 'Pod')} match “${q.trim()}”`),
    found.nodes.length ? h('h3', {}, 'Nodes') : null,
    found.nodes.length ? foundCards.list : null,
    more(found.nodes.length - nodesShown, 'Nodes', 'more:found-nodes', () => (foundNodes += MAX_FOUND_NODES)),
    found.pods.length ? h('h3', {}, 'Pods') : null,
    found.pods.length ? podList : null,
    more(found.pods.length - podsShown, 'Pods', 'more:found-pods', () => (foundPods += MAX_FOUND_PODS)),
  );
}
const nodesSection = h('section', { 'aria-labelledby': 'nodes-h' }, h('h2', { id: 'nodes-h' }, 'Nodes'), cards.list);
const podDetail = new PodDetail({ close: () => selectPod(undefined) });

/** The workload whose "room for more?" the host is asked for; its extra replicas show as probes. */
let asked: string | null = null;
function askCapacity(key: string | null): void {
  asked = key;
  send({ type: 'capacity', workload: key });
}

function capacityText(c: NonNullable<Report['capacity']>): string {
  if (c.problem) return `Cannot tell: ${c.problem}`;
  const more = `${c.fit} more replica${c.fit === 1 ? '' : 's'} fit`;
  if (c.blocker) return `${more}; the next one does not: ${c.blocker.message}`;
  return `At least ${more} (${c.max} tried)`;
}

/** Workloads whose replica count can be changed (what-if), with the count now simulated. */
const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
function workloads(r: Report): HTMLElement | null {
  const counts = new Map<string, number>();
  for (const p of r.pods) {
    const w = p.workload;
    if (!w || !SCALABLE.has(w.kind) || p.capacityProbe) continue;
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
        button(asked === key ? 'Hide room' : 'Room for more?', { 'data-focus': `capacity:${key}`, title: `How many more replicas of ${key} fit, and what stops the next one` }, () => askCapacity(asked === key ? null : key)),
      ),
    );
    const answer = r.capacity;
    if (asked === key && answer && answer.workload === key) list.appendChild(h('li', { class: 'capacity', 'data-capacity': key, role: 'status' }, capacityText(answer)));
  }
  return h('section', { 'aria-labelledby': 'workloads-h', id: 'workloads' }, h('h2', { id: 'workloads-h' }, 'Workload replicas (what-if)'), list);
}

let emptyNodesEl: HTMLElement | undefined;
function emptyNodes(): HTMLElement {
  return (emptyNodesEl ??= h(
    'section',
    { class: 'empty', 'aria-labelledby': 'empty-nodes-h' },
    h('h2', { id: 'empty-nodes-h' }, 'No Nodes declared'),
    h('p', {}, 'The preview places your Pods on the Nodes declared in the workspace. Add Node manifests (kind: Node) in a YAML file, or save the output of kubectl get nodes -o yaml in the workspace.'),
    button('Open a sample nodes.yaml', { class: 'primary', 'data-focus': 'sample' }, () => send({ type: 'openSampleNodes' })),
  ));
}
let noPodsEl: HTMLElement | undefined;
function noPods(): HTMLElement {
  return (noPodsEl ??= h('p', { class: 'empty', id: 'no-pods' }, 'No Pods found: add Pod manifests or workloads (Deployment, StatefulSet, DaemonSet, Job, CronJob) to the workspace.'));
}

/** The unschedulable section, kept while its Pods and messages are unchanged. */
let unschedKey = '';
let unschedEl: HTMLElement | null = null;
let unschedAll = false;
function unschedulable(r: Report): HTMLElement | null {
  const pods = r.pods.filter((p) => !PLACED.has(p.status));
  if (!pods.length) return (unschedEl = null);
  const shown = unschedAll ? pods.length : Math.min(pods.length, MAX_UNSCHEDULABLE);
  const key = JSON.stringify([shown, pods.map((p) => [p.name, p.status, p.message])]);
  if (unschedEl && key === unschedKey) return unschedEl;
  unschedKey = key;
  const list = h('ul', { class: 'unsched' });
  for (let i = 0; i < shown; i++) {
    const p = pods[i];
    list.appendChild(
      h(
        'li',
        { 'data-unschedulable': p.name },
        h('div', { class: 'row' }, podButton(p, p.name, ui.selectedPod === p.name, selectPod), h('span', { class: `badge status-${p.status}` }, p.status)),
        p.message ? h('p', { class: 'message' }, p.message) : null,
      ),
    );
  }
  if (shown < pods.length) {
    list.appendChild(
      h(
        'li',
        { class: 'more-row' },
        button(`Show ${pods.length - shown} more`, { class: 'more', 'data-focus': 'more:unschedulable', 'aria-expanded': 'false' }, () => {
          unschedAll = true;
          render();
          unschedEl?.querySelectorAll<HTMLElement>('button.pod')[shown]?.focus();
        }),
      ),
    );
  }
  return (unschedEl = h('section', { 'aria-labelledby': 'unsched-h', id: 'unschedulable' }, h('h2', { id: 'unsched-h' }, `Unschedulable (${pods.length})`), list));
}

let podsByName = new Map<string, Pod>();
let podsOf: Report | undefined;

function render(): void {
  if (!report) return;
  const r = report;
  const active = document.activeElement as HTMLElement | null;
  const focusKey = active?.getAttribute?.('data-focus');
  if (podsOf !== r) {
    podsByName = new Map(r.pods.map((p) => [p.name, p]));
    podsOf = r;
  }
  const parts: (Node | null)[] = [header(r)];
  if (!r.nodes.length) parts.push(emptyNodes());
  if (!r.pods.length) parts.push(noPods());
  if (r.nodes.length || r.pods.length) parts.push(searchBar);
  parts.push(podDetail.render(r, ui.selectedPod !== undefined ? podsByName.get(ui.selectedPod) : undefined));
  const searching = searchTerms().length > 0;
  const aggregate = r.nodes.length > AGGREGATE_ABOVE;
  if (searching) parts.push(searchResults(r));
  else foundCards.update([], podsByName);
  if (r.nodes.length && !searching && !aggregate) {
    cards.update(r.nodes, podsByName);
    parts.push(nodesSection);
  } else cards.update([], podsByName);
  if (aggregate && !searching) {
    const grouped = groupPools(r.nodes);
    pools.update(grouped, podsByName);
    heatMap.update(grouped.flatMap((p) => p.nodes));
    parts.push(pools.section, heatMap.section);
  } else if (!aggregate) pools.update([], podsByName);
  parts.push(unschedulable(r));
  parts.push(workloads(r));
  for (const note of r.notes) parts.push(h('p', { class: 'muted note' }, note));
  reconcileChildren(
    app,
    parts.filter((c): c is Node => !!c),
  );
  app.setAttribute('aria-busy', 'false');
  if (ui.scrollY !== undefined && !restoredScroll) {
    restoredScroll = true;
    window.scrollTo(0, ui.scrollY);
  }
  for (const set of cardSets()) set.fillVisible();
  if (focusKey && (!active?.isConnected || document.activeElement === document.body)) {
    for (const e of app.querySelectorAll<HTMLElement>('[data-focus]')) {
      if (e.getAttribute('data-focus') === focusKey) {
        e.focus({ preventScroll: true });
        break;
      }
    }
  }
}
let restoredScroll = false;

/** Shows the detail of `name` (or none): flips the selection marks and swaps the detail only. */
function selectPod(name: string | undefined): void {
  const prev = ui.selectedPod;
  saveState({ selectedPod: name });
  if (name !== prev) send({ type: 'select', pod: name ?? null });
  if (!report) return;
  for (const set of cardSets()) set.select(prev, name);
  for (const b of [...(unschedEl?.querySelectorAll('button.pod') ?? []), ...(document.getElementById('search-results')?.querySelectorAll('.found-pods button.pod') ?? [])]) {
    const pod = b.getAttribute('data-pod');
    if (pod === prev || pod === name) b.setAttribute('aria-pressed', String(pod === name));
  }
  const old = document.getElementById('detail');
  const fresh = podDetail.render(report, name !== undefined ? podsByName.get(name) : undefined);
  if (old && fresh) {
    if (old !== fresh) old.replaceWith(fresh);
  } else if (old || fresh) render(); // puts the section in its place (unchanged cards are kept)
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
      if (m.focus) openNode(m.focus.focusNode);
      break;
  }
});

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer !== undefined) return;
  scrollTimer = window.setTimeout(() => {
    scrollTimer = undefined;
    saveState({ scrollY: window.scrollY });
  }, 200);
});

/**
 * Arrow keys move between Pods (and the "more" buttons of collapsed lists) in page order,
 * filling the cards they reach; Escape closes the detail.
 */
const NAVIGABLE = 'button.pod, button.more, li.card.shell, li.card.stale';
function moveFocus(from: HTMLElement, step: 1 | -1): boolean {
  for (let guard = 0; guard < 10000; guard++) {
    const all = Array.from(app.querySelectorAll<HTMLElement>(NAVIGABLE));
    const i = all.indexOf(from);
    if (i < 0) return false;
    const next = all[i + step];
    if (!next) return false;
    if (next.tagName === 'LI') {
      for (const set of cardSets()) if (set.fillElement(next)) break; // then look again: it now holds its Pods (or none)
      continue;
    }
    next.focus();
    return true;
  }
  return false;
}

document.addEventListener('keydown', (e: KeyboardEvent) => {
  const t = e.target as HTMLElement | null;
  if (t === searchInput) {
    if (e.key === 'Escape' && searchInput.value) {
      e.preventDefault();
      searchInput.value = '';
      saveState({ query: '' });
      render();
    }
    return;
  }
  if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !(t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) && searchInput.isConnected) {
    e.preventDefault();
    searchInput.focus();
    searchInput.select();
    return;
  }
  if (e.key === 'Escape' && ui.selectedPod) {
    selectPod(undefined);
    return;
  }
  if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || !(t?.classList.contains('pod') || t?.classList.contains('more'))) return;
  if (moveFocus(t, e.key === 'ArrowDown' ? 1 : -1)) e.preventDefault();
});

// A restored panel: the host learns the selection first, so its first simulation carries that Pod's detail.
if (ui.selectedPod !== undefined) send({ type: 'select', pod: ui.selectedPod });
send({ type: 'ready' });
