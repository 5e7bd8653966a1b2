/**
 * The selected Pod's detail: where it went (or why not) and, per Node, the filter verdict and
 * each score plugin's score. Rebuilt only when the Pod's data or the Node list changed.
 * Nodes the simulation did not evaluate for this Pod (summary detail on large clusters keeps
 * only the chosen Node's scores) are folded into one row with a button that lists them. An
 * unschedulable Pod in summary detail has no per-Node verdicts but how many Nodes gave each
 * reason: one row lists those (the host asks again with this Pod's detail).
 */
import type { SimulateResult } from '../../server/src/protocol';
import { button, h } from './dom';

type Report = SimulateResult;
type Pod = Report['pods'][number];

/** More "not evaluated" rows than this are folded. */
const FOLD_AT = 20;

export interface DetailActions {
  close(): void;
}

export class PodDetail {
  private key = '';
  private el: HTMLElement | null = null;
  /** Pod whose not-evaluated Nodes are listed. */
  private unfolded: string | undefined;

  constructor(private readonly actions: DetailActions) {}

  /** The detail section of `pod` in `r` (the same element while nothing it shows changed). */
  render(r: Report, pod: Pod | undefined): HTMLElement | null {
    if (!pod) {
      this.key = '';
      this.el = null;
      return null;
    }
    const unfolded = this.unfolded === pod.name;
    let key = JSON.stringify([pod, r.weights, unfolded]);
    for (const n of r.nodes) key += `\n${n.name}`;
    if (this.el && key === this.key) return this.el;
    this.key = key;
    this.el = this.build(r, pod, unfolded);
    return this.el;
  }

  private build(r: Report, p: Pod, unfolded: boolean): HTMLElement {
    const plugins = Object.keys(r.weights).filter((k) => Object.values(p.scores).some((s) => k in s));
    const ties = new Set(p.ties ?? []);
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, 'Node'),
      h('th', { scope: 'col' }, 'Filter'),
      ...plugins.map((k) => h('th', { scope: 'col', class: 'plugin', title: `${k}, weight ${r.weights[k]}` }, ...pluginLabel(k), h('span', { class: 'weight' }, `×${r.weights[k]}`))),
      h('th', { scope: 'col' }, 'Total'),
    );
    const body = h('tbody');
    const notEvaluated = r.nodes.filter((n) => p.filters[n.name] === undefined && !p.scores[n.name] && p.node !== n.name && !ties.has(n.name));
    // Counted rather than listed: those Nodes were evaluated, their verdicts not kept.
    const counted = p.filterReasons ? Object.entries(p.filterReasons) : undefined;
    const fold = counted !== undefined || (!unfolded && notEvaluated.length > FOLD_AT);
    const folded = new Set(fold ? notEvaluated : []);
    for (const n of r.nodes) {
      if (folded.has(n)) continue;
      const verdict = p.filters[n.name];
      const chosen = p.node === n.name;
      const s = p.scores[n.name];
      const filterText =
        verdict === null ? 'passed' : verdict === undefined ? (chosen && p.status === 'pinned' ? 'pinned (spec.nodeName)' : 'not evaluated') : `${p.filterPlugins[n.name] ?? ''}${p.filterPlugins[n.name] ? ': ' : ''}${verdict}`;
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
    if (counted) {
      body.appendChild(
        h(
          'tr',
          { class: 'folded reasons' },
          h(
            'td',
            { colspan: String(plugins.length + 3) },
            `Per-Node verdicts were not kept for this Pod (summary detail); Nodes by reason:`,
            h('ul', {}, ...counted.map(([reason, n]) => h('li', {}, `${n} × ${reason}`))),
          ),
        ),
      );
    } else if (fold) {
      const name = p.name;
      body.appendChild(
        h(
          'tr',
          { class: 'folded' },
          h(
            'td',
            { colspan: String(plugins.length + 3) },
            `${notEvaluated.length} Nodes not evaluated for this Pod (per-Node detail is kept for the chosen Node on large clusters) `,
            button(`List them`, { class: 'unfold', 'data-focus': 'unfold:detail', 'aria-label': `List the ${notEvaluated.length} Nodes not evaluated` }, () => {
              this.unfolded = name;
              const fresh = this.render(r, p);
              if (fresh) document.getElementById('detail')?.replaceWith(fresh);
            }),
          ),
        ),
      );
    }
    const table = h('table', { 'aria-label': `Filter and score per Node for ${p.name}` }, h('thead', {}, head), body);
    const where = p.node ? `${p.status === 'pinned' ? 'Pinned to' : 'Scheduled on'} ${p.node}` : p.status;
    return h(
      'section',
      { id: 'detail', 'aria-labelledby': 'detail-h' },
      h('div', { class: 'row' }, h('h2', { id: 'detail-h' }, p.name), button('Close', { 'data-focus': 'close-detail', 'aria-label': 'Close Pod detail' }, () => this.actions.close())),
      h(
        'p',
        {},
        where,
        // Up to 16 tied Nodes carry a badge below; the count says how many there were.
        p.tieCount && p.tieCount > 1 ? ` · ${p.tieCount} Nodes tied for the best total` : '',
        p.skippedScorePlugins?.length ? ` · skipped score plugins: ${p.skippedScorePlugins.join(', ')}` : '',
      ),
      p.message ? h('p', { class: 'message' }, p.message) : null,
      p.preemption ? h('p', { class: 'message' }, p.preemption.message) : null,
      ...(p.warnings ?? []).map((w) => h('p', { class: 'warning' }, w)),
      reachOf(p),
      h('div', { class: 'table-wrap' }, table),
    );
  }
}

type ReportPod = SimulateResult['pods'][number];

/** Who reaches the Pod: the Services that select it (type, port → target) and the NetworkPolicies (types). */
function reachOf(p: ReportPod): HTMLElement | null {
  if (!p.services && !p.networkPolicies) return null;
  const services = p.services ?? [];
  const policies = p.networkPolicies ?? [];
  return h(
    'div',
    { class: 'reach', 'aria-label': 'Services and NetworkPolicies' },
    h('p', {}, services.length ? `Selected by ${services.map((s) => `Service ${s.name} (${s.type}${s.ports.length ? `; ${s.ports.join(', ')}` : ''})`).join(' · ')}` : 'Selected by no Service of the workspace'),
    h('p', {}, policies.length ? `NetworkPolicies: ${policies.map((np) => `${np.name} (${np.policyTypes.join(', ') || 'no policy type'})`).join(' · ')}` : 'No NetworkPolicy selects it: not isolated'),
  );
}

/**
 * A score plugin's name as a column heading that can wrap between its words
 * (NodeResources|Balanced|Allocation) but never inside one, so eight plugin columns fit the
 * default half-width panel.
 */
function pluginLabel(name: string): Node[] {
  const words = name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[^A-Za-z0-9]+/g) ?? [name];
  const out: Node[] = [];
  words.forEach((w, i) => {
    if (i > 0) out.push(document.createElement('wbr'));
    out.push(document.createTextNode(w));
  });
  return out;
}
