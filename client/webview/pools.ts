/**
 * Node pools: at scale the preview shows one row per pool (Nodes, Pods placed, requested /
 * allocatable per resource) instead of a card per Node; a pool row expands to its Nodes' cards
 * (the first MAX_POOL_CARDS, then a "more" button), so the page never holds thousands of cards.
 *
 * A Node's pool is the value of the first well-known node-pool label it carries (the cloud
 * providers' and the autoscalers'), else its instance type, together with its zone: Nodes of one
 * pool in two zones are two rows, as zonal capacity is what spread and volume topology see.
 */
import { button, h, reconcileChildren } from './dom';
import { formatPair, plural } from './format';
import { NodeCards, type CardActions, type Pod, type ReportNode } from './nodeCards';

/** Node-pool labels, most specific first. */
export const POOL_LABELS = [
  'cloud.google.com/gke-nodepool',
  'eks.amazonaws.com/nodegroup',
  'kubernetes.azure.com/agentpool',
  'karpenter.sh/nodepool',
  'kops.k8s.io/instancegroup',
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
];
const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];
/** Cards an expanded pool shows before its "more" button (and per press of it). */
export const MAX_POOL_CARDS = 60;
/** Resources listed first in a pool row; others follow in name order. */
const FIRST_RESOURCES = ['cpu', 'memory', 'pods'];

export interface Pool {
  /** Stable key: the label and value that made the pool, and the zone. */
  key: string;
  /** What the row shows, e.g. `eks.amazonaws.com/nodegroup=ng-1 · zone eu-west-1a`. */
  label: string;
  nodes: ReportNode[];
  pods: number;
  cordoned: number;
  requested: Record<string, number>;
  allocatable: Record<string, number>;
}

/** The pool of a Node: [key, label]. */
export function poolOf(n: ReportNode): [string, string] {
  let by = '';
  for (const l of POOL_LABELS) {
    const v = n.labels[l];
    if (v !== undefined) {
      by = `${l}=${v}`;
      break;
    }
  }
  let zone: string | undefined;
  for (const l of ZONE_LABELS) if ((zone = n.labels[l]) !== undefined) break;
  const key = JSON.stringify([by, zone ?? null]);
  const label = [by || 'no node-pool or instance-type label', zone !== undefined ? `zone ${zone}` : ''].filter(Boolean).join(' · ');
  return [key, label];
}

/** Nodes grouped into pools, in the order of each pool's first Node (one pass over the Nodes). */
export function groupPools(nodes: readonly ReportNode[]): Pool[] {
  const pools = new Map<string, Pool>();
  for (const n of nodes) {
    const [key, label] = poolOf(n);
    let p = pools.get(key);
    if (!p) pools.set(key, (p = { key, label, nodes: [], pods: 0, cordoned: 0, requested: {}, allocatable: {} }));
    p.nodes.push(n);
    p.pods += n.pods.length;
    if (n.unschedulable) p.cordoned++;
    for (const r in n.allocatable) p.allocatable[r] = (p.allocatable[r] ?? 0) + (n.allocatable[r] ?? 0);
    for (const r in n.requested) p.requested[r] = (p.requested[r] ?? 0) + (n.requested[r] ?? 0);
  }
  return [...pools.values()];
}

/** The resources the pool table has columns for: declared (or requested) by some Node. */
export function poolResources(pools: readonly Pool[]): string[] {
  const seen = new Set<string>();
  for (const p of pools) for (const r in p.allocatable) if ((p.allocatable[r] ?? 0) > 0 || (p.requested[r] ?? 0) > 0) seen.add(r);
  const rest = [...seen].filter((r) => !FIRST_RESOURCES.includes(r)).sort();
  return [...FIRST_RESOURCES.filter((r) => seen.has(r)), ...rest];
}

function percent(requested: number, allocatable: number): string {
  if (allocatable <= 0) return requested > 0 ? 'over' : '—';
  return `${Math.round((requested / allocatable) * 100)}%`;
}

interface Expanded {
  cards: NodeCards;
  /** How many of the pool's Nodes are shown. */
  shown: number;
  row: HTMLTableRowElement;
  more: HTMLElement;
}

/** The pool table; expanded pools keep their cards (and their NodeCards) across results. */
export class PoolsView {
  readonly section: HTMLElement;
  private readonly body = h('tbody');
  private readonly head = h('thead');
  private readonly caption = h('caption', { class: 'muted' });
  private expanded = new Map<string, Expanded>();
  private pools: Pool[] = [];
  private podsByName = new Map<string, Pod>();

  constructor(
    private readonly actions: CardActions,
    /** The keys of the expanded pools (saved UI state) and how to save them. */
    private readonly saved: { get(): string[]; set(keys: string[]): void },
  ) {
    this.section = h(
      'section',
      { id: 'pools', 'aria-labelledby': 'pools-h' },
      h('h2', { id: 'pools-h' }, 'Node pools'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'pools' }, this.caption, this.head, this.body)),
    );
  }

  /** Every NodeCards an expanded pool shows (for selection and focus). */
  cardSets(): NodeCards[] {
    return [...this.expanded.values()].map((e) => e.cards);
  }

  update(pools: Pool[], pods: Map<string, Pod>): void {
    this.pools = pools;
    this.podsByName = pods;
    const resources = poolResources(pools);
    this.caption.replaceChildren(`${plural(pools.length, 'pool')}, grouped by node-pool label (else instance type) and zone; requested / allocatable`);
    this.head.replaceChildren(
      h('tr', {}, h('th', { scope: 'col' }, 'Pool'), h('th', { scope: 'col', class: 'num' }, 'Nodes'), h('th', { scope: 'col', class: 'num' }, 'Pods'), ...resources.map((r) => h('th', { scope: 'col' }, r))),
    );
    const want = new Set(this.saved.get());
    const rows: HTMLElement[] = [];
    const live = new Set<string>();
    for (const p of pools) {
      live.add(p.key);
      const open = want.has(p.key);
      const id = `pool-${rows.length}`;
      const toggle = button(p.label, { class: 'unfold pool-name', 'aria-expanded': String(open), 'data-focus': `pool:${p.key}`, 'data-pool': p.key, ...(open ? { 'aria-controls': id } : {}) }, () => this.toggle(p.key));
      rows.push(
        h(
          'tr',
          { class: 'pool', 'data-pool': p.key },
          h('th', { scope: 'row' }, toggle, p.cordoned ? h('span', { class: 'badge warn' }, `${p.cordoned} cordoned`) : null),
          h('td', { class: 'num' }, String(p.nodes.length)),
          h('td', { class: 'num' }, String(p.pods)),
          ...resources.map((r) => {
            const req = p.requested[r] ?? 0;
            const alloc = p.allocatable[r] ?? 0;
            return h('td', { class: `num${alloc > 0 && req > alloc ? ' over' : ''}` }, `${formatPair(r, req, alloc)} (${percent(req, alloc)})`);
          }),
        ),
      );
      if (open) {
        const e = this.expandedOf(p);
        e.row.id = id;
        e.row.firstElementChild?.setAttribute('colspan', String(3 + resources.length));
        rows.push(e.row);
      }
    }
    for (const [k, e] of this.expanded) {
      if (!live.has(k) || !want.has(k)) {
        e.cards.update([], pods);
        this.expanded.delete(k);
      }
    }
    reconcileChildren(this.body, rows);
  }

  /** Fills the cards in view of every expanded pool. */
  fillVisible(): void {
    for (const e of this.expanded.values()) e.cards.fillVisible();
  }

  /** The pool holding `node`, expanded and showing its card; false if no pool has it. */
  reveal(node: string): NodeCards | undefined {
    const p = this.pools.find((x) => x.nodes.some((n) => n.name === node));
    if (!p) return undefined;
    const keys = this.saved.get();
    if (!keys.includes(p.key)) this.saved.set([...keys, p.key]);
    const e = this.expandedOf(p);
    const at = p.nodes.findIndex((n) => n.name === node);
    if (at >= e.shown) e.shown = at + 1;
    this.update(this.pools, this.podsByName);
    return e.cards;
  }

  private expandedOf(p: Pool): Expanded {
    let e = this.expanded.get(p.key);
    if (!e) {
      const cards = new NodeCards(this.actions);
      cards.list.setAttribute('aria-label', `Nodes of pool ${p.label}`);
      const more = h('div', { class: 'more-row' });
      const row = h('tr', { class: 'pool-nodes' }, h('td', {}, cards.list, more));
      e = { cards, shown: MAX_POOL_CARDS, row, more };
      this.expanded.set(p.key, e);
    }
    const shown = Math.min(e.shown, p.nodes.length);
    e.cards.update(p.nodes.slice(0, shown), this.podsByName);
    const ex = e;
    if (shown < p.nodes.length) {
      const rest = p.nodes.length - shown;
      e.more.replaceChildren(
        button(`Show ${Math.min(rest, MAX_POOL_CARDS)} more of ${plural(rest, 'Node')} not shown`, { class: 'more', 'data-focus': `more:pool:${p.key}` }, () => {
          ex.shown += MAX_POOL_CARDS;
          this.update(this.pools, this.podsByName);
          ex.cards.fillVisible();
          ex.cards.list.children[shown]?.querySelector<HTMLElement>('button.node-name')?.focus();
        }),
      );
    } else e.more.replaceChildren();
    return e;
  }

  private toggle(key: string): void {
    const keys = this.saved.get();
    const open = keys.includes(key);
    this.saved.set(open ? keys.filter((k) => k !== key) : [...keys, key]);
    this.update(this.pools, this.podsByName);
    this.fillVisible();
    for (const b of this.body.querySelectorAll<HTMLElement>('button.pool-name')) if (b.getAttribute('data-pool') === key) b.focus();
  }
}
