/**
 * The utilisation heat map: one cell per Node (in pool order), shaded by the highest of its cpu,
 * memory and Pod-count use (requested / allocatable). Colour is never the only signal: every cell
 * names its Node and its numbers (accessible name and tooltip), cells at 90% and over carry a
 * mark, over-committed and cordoned ones another, the legend explains them in words, and a
 * sentence counts the Nodes per band (the text alternative of the whole map).
 *
 * Keyboard: the map is one tab stop (roving tabindex); arrows move by cell and by row, Home/End
 * to the ends, Enter/Space open the Node's card. Cells are kept by Node name across results and
 * touched only when what they show changed, so an edit costs a pass over the Nodes.
 */
import { escapeText } from '../../server/src/protocol';
import { h, reconcileChildren } from './dom';
import { plural } from './format';
import type { ReportNode } from './nodeCards';

/** Bands of use, lowest first: [upper bound (exclusive), name]. The last is over 100%. */
export const BANDS: ReadonlyArray<readonly [number, string]> = [
  [0.25, 'under 25%'],
  [0.5, '25–50%'],
  [0.75, '50–75%'],
  [0.9, '75–90%'],
  [1.0000001, '90–100%'],
  [Infinity, 'over 100%'],
];

export interface Use {
  /** The highest of the three, 0… (Infinity: requests on a Node that declares none). */
  max: number;
  cpu: number;
  memory: number;
  pods: number;
}

function ratio(req: number, alloc: number): number {
  return alloc > 0 ? req / alloc : req > 0 ? Infinity : 0;
}

export function useOf(n: ReportNode): Use {
  const cpu = ratio(n.requested.cpu ?? 0, n.allocatable.cpu ?? 0);
  const memory = ratio(n.requested.memory ?? 0, n.allocatable.memory ?? 0);
  const pods = ratio(n.pods.length, n.allocatable.pods ?? 0);
  return { max: Math.max(cpu, memory, pods), cpu, memory, pods };
}

export function bandOf(u: number): number {
  let i = 0;
  while (u >= BANDS[i][0]) i++;
  return i;
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'requests with none allocatable';
}

/** The cell's accessible name and tooltip. */
export function cellText(n: ReportNode, u: Use): string {
  return `${n.name}${n.unschedulable ? ' (cordoned)' : ''}: ${pct(u.max)} used — cpu ${pct(u.cpu)}, memory ${pct(u.memory)}, Pods ${n.pods.length} of ${n.allocatable.pods ?? 0}`;
}

interface Cell {
  el: HTMLButtonElement;
  text: string;
  cls: string;
}

export class HeatMap {
  readonly section: HTMLElement;
  private readonly grid = h('div', { class: 'heatmap', role: 'group', 'aria-label': 'Utilisation per Node (arrow keys move, Enter opens the Node)' });
  private readonly summary = h('p', { id: 'heatmap-summary', class: 'heat-summary' });
  private cells = new Map<string, Cell>();
  private byEl = new WeakMap<Element, string>();
  /** The cell that is the map's tab stop. */
  private current: HTMLButtonElement | undefined;

  constructor(private readonly open: (node: string) => void) {
    const legend = h('ul', { class: 'heat-legend', 'aria-label': 'Legend' });
    BANDS.forEach(([, name], i) => legend.appendChild(h('li', {}, h('span', { class: `cell swatch b${i}${i >= 4 ? ' high' : ''}`, 'aria-hidden': 'true' }), name)));
    legend.appendChild(h('li', {}, h('span', { class: 'cell swatch b0 cordoned', 'aria-hidden': 'true' }), 'cordoned (dashed)'));
    legend.appendChild(h('li', { class: 'muted' }, '▲ 90% and over, ✕ over 100%'));
    this.section = h(
      'section',
      { id: 'heatmap', 'aria-labelledby': 'heatmap-h', 'aria-describedby': 'heatmap-summary' },
      h('h2', { id: 'heatmap-h' }, 'Utilisation'),
      this.summary,
      legend,
      this.grid,
    );
    this.grid.addEventListener('click', (e) => {
      const name = this.byEl.get(e.target as Element);
      if (name !== undefined) {
        this.setCurrent(e.target as HTMLButtonElement);
        this.open(name);
      }
    });
    this.grid.addEventListener('keydown', (e) => this.key(e));
  }

  /** Shows `nodes` (already in pool order). */
  update(nodes: readonly ReportNode[]): void {
    const next = new Map<string, Cell>();
    const order: HTMLButtonElement[] = [];
    const counts = BANDS.map(() => 0);
    let cordoned = 0;
    for (const n of nodes) {
      if (next.has(n.name)) continue;
      const u = useOf(n);
      const b = bandOf(u.max);
      counts[b]++;
      if (n.unschedulable) cordoned++;
      const text = cellText(n, u);
      const cls = `cell b${b}${b >= 4 ? ' high' : ''}${b === 5 ? ' over' : ''}${n.unschedulable ? ' cordoned' : ''}`;
      let c = this.cells.get(n.name);
      if (!c) {
        const el = document.createElement('button');
        el.type = 'button';
        el.tabIndex = -1;
        el.setAttribute('data-node', n.name);
        this.byEl.set(el, n.name);
        c = { el, text: '', cls: '' };
      }
      if (c.text !== text) {
        // As h() does for shown attributes: control and bidi characters made visible.
        const shown = escapeText(text, { newlines: true });
        c.el.title = shown;
        c.el.setAttribute('aria-label', shown);
        c.text = text;
      }
      if (c.cls !== cls) {
        c.el.className = cls;
        c.cls = cls;
      }
      next.set(n.name, c);
      order.push(c.el);
    }
    this.cells = next;
    if (!this.current || !this.current.isConnected || this.byEl.get(this.current) === undefined || !next.has(this.byEl.get(this.current)!)) this.current = order[0];
    for (const el of order) if (el.tabIndex !== (el === this.current ? 0 : -1)) el.tabIndex = el === this.current ? 0 : -1;
    reconcileChildren(this.grid, order);
    const parts = counts.map((k, i) => (k ? `${k} ${BANDS[i][1]}` : '')).filter(Boolean);
    this.summary.replaceChildren(`${plural(nodes.length, 'Node')} by the highest of cpu, memory and Pods requested of allocatable: ${parts.join(', ') || 'none'}${cordoned ? `; ${cordoned} cordoned` : ''}.`);
  }

  /** Focuses the cell of `node`, if the map has one. */
  focus(node: string): boolean {
    const c = this.cells.get(node);
    if (!c) return false;
    this.setCurrent(c.el);
    c.el.focus();
    return true;
  }

  private setCurrent(el: HTMLButtonElement): void {
    if (this.current === el) return;
    if (this.current) this.current.tabIndex = -1;
    el.tabIndex = 0;
    this.current = el;
  }

  private key(e: KeyboardEvent): void {
    const from = e.target as HTMLButtonElement;
    if (this.byEl.get(from) === undefined) return;
    const cells = this.grid.children;
    const i = Array.prototype.indexOf.call(cells, from) as number;
    // Columns as laid out: the grid's computed tracks (auto-fill), one per column.
    const cols = Math.max(1, getComputedStyle(this.grid).gridTemplateColumns.split(' ').filter(Boolean).length);
    let j: number;
    switch (e.key) {
      case 'ArrowRight':
        j = i + 1;
        break;
      case 'ArrowLeft':
        j = i - 1;
        break;
      case 'ArrowDown':
        j = i + cols;
        break;
      case 'ArrowUp':
        j = i - cols;
        break;
      case 'Home':
        j = 0;
        break;
      case 'End':
        j = cells.length - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
    const next = cells[Math.max(0, Math.min(cells.length - 1, j))] as HTMLButtonElement | undefined;
    if (!next) return;
    this.setCurrent(next);
    next.focus();
  }
}
