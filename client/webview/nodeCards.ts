/**
 * The Node cards: one `li.card` per Node, kept by Node name across results, filled lazily.
 *
 * - A card is created empty (`li.card.shell`, sized by an estimate of its content) and filled
 *   when it is in or near the viewport: synchronously for what a render shows, then by an
 *   IntersectionObserver as the page scrolls. 500 Nodes cost 500 empty list items plus the
 *   cards in view.
 * - A new result keeps every card whose content is unchanged (a signature of the Node and the
 *   status of its Pods); a changed card in view is filled again, one out of view is marked
 *   stale (its old content keeps its size, so nothing shifts) and refilled when it comes near.
 * - A long Pod list shows its first Pods and a "more" button that shows the rest.
 * - Selection only flips aria-pressed; it never rebuilds a card (except to show a selected Pod
 *   hidden in a collapsed list).
 */
import type { SimulateResult } from '../../server/src/protocol';
import { button, h, reconcileChildren } from './dom';
import { formatPair } from './format';

type Report = SimulateResult;
export type Pod = Report['pods'][number];
export type ReportNode = Report['nodes'][number];

export interface CardActions {
  selectedPod(): string | undefined;
  selectPod(name: string): void;
  revealNode(name: string): void;
  toggleCordon(node: ReportNode): void;
  remove(node: ReportNode): void;
  drain(node: ReportNode): void;
  addCopy(node: ReportNode): void;
}

/** Pod lists longer than this are collapsed to their first SHOWN_PODS Pods and a "more" button. */
export const MAX_PODS = 24;
export const SHOWN_PODS = 16;
/** How far outside the viewport cards are filled ahead of time (px). */
const MARGIN = 600;

const KEY_LABELS = ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'node.kubernetes.io/instance-type', 'kubernetes.io/arch', 'kubernetes.io/os'];
const HIDDEN_LABELS = new Set(['kubernetes.io/hostname', 'beta.kubernetes.io/arch', 'beta.kubernetes.io/os', 'failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region']);

interface Card {
  el: HTMLLIElement;
  node: ReportNode;
  /** Has content (possibly stale). */
  filled: boolean;
  /** Its content is from an earlier result. */
  stale: boolean;
  /** The whole Pod list is shown. */
  expanded: boolean;
}

export function podButton(p: Pod | undefined, name: string, selected: boolean, onSelect: (name: string) => void): HTMLButtonElement {
  const status = p?.status ?? 'unknown';
  return button(
    name,
    {
      class: `pod status-${status}${p?.capacityProbe ? ' probe' : ''}`,
      'data-pod': name,
      'data-focus': `pod:${name}`,
      'aria-pressed': String(selected),
      title: p?.capacityProbe ? `${name}: an extra replica placed to answer "room for more?" — not in your manifests` : `${name} (${status}) — show why, and reveal its manifest`,
    },
    () => onSelect(name),
  );
}

function meter(resource: string, requested: number, allocatable: number): HTMLElement {
  const ratio = allocatable > 0 ? requested / allocatable : requested > 0 ? Infinity : 0;
  const text = formatPair(resource, requested, allocatable);
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

/**
 * The resources a card shows: those the Node declares (allocatable above 0) and any its Pods
 * request anyway (then the bar shows it over). A Node that declares no ephemeral-storage gets no
 * "0B / 0B" row.
 */
export function shownResources(n: ReportNode): string[] {
  return Object.keys(n.allocatable).filter((r) => (n.allocatable[r] ?? 0) > 0 || (n.requested[r] ?? 0) > 0);
}

function labelChips(n: ReportNode): { key: string[]; others: string[] } {
  const key = KEY_LABELS.filter((k) => k in n.labels).map((k) => `${k.slice(k.indexOf('/') + 1)}=${n.labels[k]}`);
  const others = Object.keys(n.labels).filter((k) => !KEY_LABELS.includes(k) && !HIDDEN_LABELS.has(k));
  return { key, others };
}

/** The card's height before it is filled, from what it will show (close enough for a scrollbar). */
function estimateHeight(n: ReportNode, expanded: boolean): number {
  const { key, others } = labelChips(n);
  const chips = key.length + Math.min(others.length, 7);
  const pods = n.pods.length > MAX_PODS && !expanded ? SHOWN_PODS + 1 : Math.max(1, n.pods.length);
  // Measured with the default font: head, headings, actions and padding 90px, rows of chips and
  // meters 22px, Pods 20px.
  return 90 + Math.ceil(chips / 2) * 22 + (n.taints.length ? 12 + Math.ceil(n.taints.length / 2) * 22 : 0) + shownResources(n).length * 22 + pods * 20;
}

function sameRecord(a: Record<string, string | number>, b: Record<string, string | number>): boolean {
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

/** Whether a card showing `a` (with its Pods in `podsA`) shows the same for `b` (and `podsB`). */
function sameCard(a: ReportNode, podsA: Map<string, Pod>, b: ReportNode, podsB: Map<string, Pod>): boolean {
  if (a === b && podsA === podsB) return true;
  if (a.name !== b.name || a.unschedulable !== b.unschedulable || a.pods.length !== b.pods.length || a.taints.length !== b.taints.length) return false;
  if (!sameRecord(a.labels, b.labels) || !sameRecord(a.allocatable, b.allocatable) || !sameRecord(a.requested, b.requested)) return false;
  for (let i = 0; i < a.taints.length; i++) {
    const x = a.taints[i];
    const y = b.taints[i];
    if (x.key !== y.key || x.value !== y.value || x.effect !== y.effect) return false;
  }
  for (let i = 0; i < a.pods.length; i++) {
    const p = a.pods[i];
    if (p !== b.pods[i] || podsA.get(p)?.status !== podsB.get(p)?.status) return false;
  }
  return true;
}

export class NodeCards {
  readonly list: HTMLUListElement = h('ul', { class: 'nodes', 'aria-label': 'Nodes' });
  private cards = new Map<string, Card>();
  private byEl = new WeakMap<Element, Card>();
  private pods = new Map<string, Pod>();
  /** Pod name → the card it is on. */
  private podCard = new Map<string, Card>();
  private readonly io: IntersectionObserver | undefined;

  constructor(private readonly actions: CardActions) {
    // The document as root: the margin then applies inside the webview's iframe too.
    this.io =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(
            (entries) => {
              for (const e of entries) {
                if (!e.isIntersecting) continue;
                const c = this.byEl.get(e.target);
                if (c && (!c.filled || c.stale)) this.fill(c);
              }
            },
            { root: document, rootMargin: `${MARGIN}px 0px` },
          )
        : undefined;
  }

  /** Shows `nodes`: keeps unchanged cards, refills changed ones in view, creates new ones empty. */
  update(nodes: readonly ReportNode[], pods: Map<string, Pod>): void {
    const focused = document.activeElement;
    const next = new Map<string, Card>();
    const order: HTMLLIElement[] = [];
    this.podCard = new Map();
    const before = this.pods;
    this.pods = pods;
    for (const n of nodes) {
      if (next.has(n.name)) continue; // names are unique in a report; be safe
      let c = this.cards.get(n.name);
      if (!c) {
        const el = h('li', { class: 'card shell', 'data-node': n.name, 'aria-label': `Node ${n.name}`, 'aria-busy': 'true' });
        c = { el, node: n, filled: false, stale: false, expanded: false };
        this.shape(c);
        this.byEl.set(el, c);
        this.io?.observe(el);
      } else if (!sameCard(c.node, before, n, pods)) {
        c.node = n;
        if (c.filled) {
          c.stale = true;
          c.el.classList.add('stale');
          if (focused && c.el.contains(focused)) this.fill(c); // keep the focused element's card current
        } else this.shape(c);
      } else c.node = n;
      next.set(n.name, c);
      order.push(c.el);
      for (const p of n.pods) this.podCard.set(p, c);
    }
    for (const [name, c] of this.cards) {
      if (next.get(name) !== c) this.io?.unobserve(c.el);
    }
    this.cards = next;
    reconcileChildren(this.list, order);
  }

  /**
   * Fills the empty and stale cards in or near the viewport, now (one layout read per pass;
   * a pass can move later cards into view, hence a few passes).
   */
  fillVisible(): void {
    if (!this.list.isConnected) return;
    const vh = window.innerHeight || document.documentElement.clientHeight;
    if (!vh) return;
    for (let pass = 0; pass < 4; pass++) {
      const todo: Card[] = [];
      for (const c of this.cards.values()) {
        if (c.filled && !c.stale) continue;
        const r = c.el.getBoundingClientRect();
        if (r.height === 0 && r.width === 0) continue;
        if (r.top > vh + MARGIN) break; // cards are in document order: the rest are below
        if (r.bottom >= -MARGIN) todo.push(c);
      }
      if (!todo.length) return;
      for (const c of todo) this.fill(c);
    }
  }

  /** Fills the card of `el` (an `li.card`) if it is empty or stale; false if it is not a card. */
  fillElement(el: Element): boolean {
    const c = this.byEl.get(el);
    if (!c) return false;
    if (!c.filled || c.stale) this.fill(c);
    return true;
  }

  /** Brings a Node's card into view, filled, and focuses its name (the Node lens's click). */
  focusNode(name: string): boolean {
    const c = this.cards.get(name);
    if (!c) return false;
    if (!c.filled || c.stale) this.fill(c);
    c.el.scrollIntoView({ block: 'start' });
    c.el.querySelector<HTMLElement>('button.node-name')?.focus({ preventScroll: true });
    return true;
  }

  /** Moves aria-pressed from the previously selected Pod to `pod` on the filled cards. */
  select(prev: string | undefined, pod: string | undefined): void {
    if (prev !== undefined) {
      const c = this.podCard.get(prev);
      if (c?.filled) for (const b of c.el.querySelectorAll('button.pod')) if (b.getAttribute('data-pod') === prev) b.setAttribute('aria-pressed', 'false');
    }
    if (pod === undefined) return;
    const c = this.podCard.get(pod);
    if (!c?.filled) return; // filled with the selection when it comes into view
    let found = false;
    for (const b of c.el.querySelectorAll('button.pod')) {
      if (b.getAttribute('data-pod') === pod) {
        b.setAttribute('aria-pressed', 'true');
        found = true;
      }
    }
    if (!found && !c.stale) this.fill(c); // hidden in a collapsed list: the fill expands it
  }

  /** Sizes a card by estimate: its height while empty, its placeholder size once filled. */
  private shape(c: Card): void {
    const px = `${estimateHeight(c.node, c.expanded)}px`;
    if (c.filled) c.el.style.containIntrinsicSize = `auto ${px}`;
    else c.el.style.minHeight = px;
  }

  private fill(c: Card): void {
    const n = c.node;
    const a = this.actions;
    const cordoned = n.unschedulable;
    const selected = a.selectedPod();
    const head = h(
      'div',
      { class: 'card-head' },
      button(n.name, { class: 'node-name', 'data-focus': `node:${n.name}`, title: 'Reveal the Node manifest' }, () => a.revealNode(n.name)),
      cordoned ? h('span', { class: 'badge warn' }, 'cordoned') : null,
    );
    const { key, others } = labelChips(n);
    const labels = h('ul', { class: 'chips', 'aria-label': 'labels' });
    for (const l of key) labels.appendChild(h('li', { class: 'chip' }, l));
    for (const k of others.slice(0, 6)) labels.appendChild(h('li', { class: 'chip' }, `${k}=${n.labels[k]}`));
    if (others.length > 6) labels.appendChild(h('li', { class: 'chip muted', title: others.slice(6).map((k) => `${k}=${n.labels[k]}`).join('\n') }, `+${others.length - 6} more`));
    const taints = n.taints.length ? h('ul', { class: 'chips', 'aria-label': 'taints' }, ...n.taints.map((t) => h('li', { class: 'chip taint' }, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`))) : null;
    const res = h('div', { class: 'resources' });
    for (const r of shownResources(n)) res.appendChild(meter(r, n.requested[r] ?? 0, n.allocatable[r] ?? 0));
    const pods = h('ul', { class: 'pods', 'aria-label': `Pods on ${n.name}` });
    const selectedIndex = selected === undefined ? -1 : n.pods.indexOf(selected);
    if (selectedIndex >= SHOWN_PODS) c.expanded = true;
    const shown = n.pods.length > MAX_PODS && !c.expanded ? SHOWN_PODS : n.pods.length;
    const select = (name: string) => a.selectPod(name);
    for (let i = 0; i < shown; i++) {
      const name = n.pods[i];
      pods.appendChild(h('li', {}, podButton(this.pods.get(name), name, name === selected, select)));
    }
    if (shown < n.pods.length) {
      const hidden = n.pods.length - shown;
      pods.appendChild(
        h(
          'li',
          { class: 'more-row' },
          button(`Show ${hidden} more Pod${hidden === 1 ? '' : 's'}`, { class: 'more', 'data-focus': `more:${n.name}`, 'aria-expanded': 'false', title: `Show all ${n.pods.length} Pods on ${n.name}` }, () => {
            c.expanded = true;
            this.fill(c);
            c.el.querySelectorAll<HTMLButtonElement>('button.pod')[shown]?.focus();
          }),
        ),
      );
    }
    if (!n.pods.length) pods.appendChild(h('li', { class: 'muted' }, 'No Pods'));
    const actions = h(
      'div',
      { class: 'actions' },
      button(cordoned ? 'Uncordon' : 'Cordon', { 'data-focus': `cordon:${n.name}`, title: 'What-if: files are not changed' }, () => a.toggleCordon(n)),
      button('Drain', { 'data-focus': `drain:${n.name}`, title: 'What-if: evict its Pods (controllers recreate theirs elsewhere; DaemonSet Pods stay). Files are not changed' }, () => a.drain(n)),
      button('Remove', { 'data-focus': `remove:${n.name}`, title: 'What-if: files are not changed' }, () => a.remove(n)),
      button('+1 copy', { 'data-focus': `copy:${n.name}`, title: 'What-if: one more Node like this one (a node pool grown). Files are not changed' }, () => a.addCopy(n)),
    );
    const focusKey = document.activeElement && c.el.contains(document.activeElement) ? document.activeElement.getAttribute('data-focus') : null;
    c.el.className = `card${cordoned ? ' cordoned' : ''}`;
    c.el.removeAttribute('aria-busy');
    c.el.style.minHeight = '';
    c.el.replaceChildren(head, labels, ...(taints ? [taints] : []), res, h('h4', {}, 'Pods'), pods, actions);
    c.filled = true;
    c.stale = false;
    this.shape(c);
    if (focusKey) {
      for (const e of c.el.querySelectorAll<HTMLElement>('[data-focus]')) {
        if (e.getAttribute('data-focus') === focusKey) {
          e.focus({ preventScroll: true });
          break;
        }
      }
    }
  }
}
