/**
 * The Node's facts in words: the lens titles ("7 Pods: web-1, web-2, api-0 +4", "cpu 1.8/3.92
 * (46 %) · memory 5.2/15Gi · pods 7/110"), the inlay hint, and the hovers' Markdown. Names
 * from manifests go through the one escaper (code spans in Markdown, plain() elsewhere).
 */
import { formatAmount } from '../scheduler/resources';
import type { Taint } from '../scheduler/tolerations';
import type { SimPod } from '../scheduler/types';
import { code, list, listOf, plain } from '../sharing/markdown';
import type { LabelUsage, TaintUsage } from './usage';
import type { NodeFactsView, NodeSummary, Shortfall, TurnedAway } from './view';

const SHOWN_IN_LENS = 3;
/** Rows of a hover list before "and N more". */
const ROWS = 10;

/** `1,234` (toLocaleString goes through ICU: slow across a 500-Node file). */
function count(n: number): string {
  return n < 1000 ? String(n) : n.toLocaleString('en-US');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** `1.8` for 1800 millicores. */
function cores(milli: number): string {
  return String(Math.round(milli / 10) / 100);
}

const BINARY: Array<[string, number]> = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];

/** `used/alloc` in the allocatable's unit: `5.2/15Gi`, `1.8/3.92`, `7/110`. */
export function usePair(resource: string, used: number, alloc: number): string {
  if (resource === 'cpu') return `${cores(used)}/${cores(alloc)}`;
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) {
    const unit = BINARY.find(([, size]) => alloc >= size);
    if (unit) {
      const f = (v: number) => String(Math.round((v / unit[1]) * 10) / 10);
      return `${f(used)}/${f(alloc)}${unit[0]}`;
    }
  }
  return `${used}/${alloc}`;
}

function percent(used: number, alloc: number): string {
  return alloc > 0 ? ` (${Math.round((used / alloc) * 100)} %)` : '';
}

/** Resources shown: cpu, memory and pods always; others when the Node has or the Pods ask for them. */
function shownResources(s: NodeSummary): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.resources.length; i++) if (i === 0 || i === 1 || i === 3 || s.node.alloc[i] !== 0 || s.node.requested[i] !== 0) out.push(i);
  return out;
}

function used(s: NodeSummary, i: number): number {
  return i === 3 ? s.node.pods.length : s.node.requested[i];
}

export function podsLensTitle(s: NodeSummary): string {
  const pods = s.node.pods;
  if (pods.length === 0) return 'No Pods placed here';
  const names = pods.slice(0, SHOWN_IN_LENS).map((p) => plain(p.name, 40));
  return `${plural(pods.length, 'Pod')}: ${names.join(', ')}${pods.length > SHOWN_IN_LENS ? ` +${pods.length - SHOWN_IN_LENS}` : ''}`;
}

export function useLensTitle(s: NodeSummary): string {
  return shownResources(s)
    .map((i) => {
      const r = s.resources[i];
      const pct = i === 3 ? '' : percent(used(s, i), s.node.alloc[i]);
      return `${plain(r, 30)} ${usePair(r, used(s, i), s.node.alloc[i])}${pct}`;
    })
    .join(' · ');
}

export function inlayLabel(s: NodeSummary, away: TurnedAway[]): string {
  const placed = plural(s.node.pods.length, 'Pod');
  return away.length ? `${placed} · ${count(away.length)} pending turned away` : placed;
}

function podName(p: SimPod): string {
  return code(p.key);
}

function shortText(short: Shortfall[]): string {
  return short.map((x) => `${formatAmount(x.resource, x.more)} more ${code(x.resource)}`).join(', ');
}

function awayReason(a: TurnedAway): string {
  const parts: string[] = [];
  if (a.taint) parts.push(`taint ${code(taintText(a.taint))} not tolerated`);
  if (a.cordoned) parts.push('cordoned');
  if (a.short.length) parts.push(`needs ${shortText(a.short)}`);
  return parts.join('; ');
}

export function inlayTooltip(s: NodeSummary, away: TurnedAway[]): string {
  const lines = [`**${plural(s.node.pods.length, 'Pod')} placed on ${code(s.node.name)}** by the scheduling simulation.`];
  if (away.length) {
    lines.push('', `Pending Pods whose selectors take this Node, turned away by it:`);
    for (const a of away.slice(0, ROWS)) lines.push(`- ${podName(a.result.pod)}: ${awayReason(a)}`);
    if (away.length > ROWS) lines.push(`- and ${away.length - ROWS} more`);
  }
  return lines.join('\n');
}

export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

function groupName(label: string): string {
  const space = label.indexOf(' ');
  return `${label.slice(0, space)} ${code(label.slice(space + 1))}`;
}

function rows<T>(items: T[], row: (t: T) => string): string[] {
  const out = items.slice(0, ROWS).map((t) => `- ${row(t)}`);
  if (items.length > ROWS) out.push(`- and ${items.length - ROWS} more`);
  return out;
}

export function labelMarkdown(nodeName: string, key: string, value: string | undefined, u: LabelUsage): string {
  const lines = [`**Label ${code(value !== undefined ? `${key}=${value}` : key)} of ${code(nodeName)}**`, ''];
  if (u.uses.length === 0) lines.push('No Pod or template in the workspace selects Nodes by this label.');
  else {
    lines.push(`Used by ${plural(u.uses.length, 'template or Pod', 'templates and Pods')}:`);
    lines.push(...rows(u.uses, (x) => `${groupName(x.group.label)}: ${x.how.join('; ')}`));
  }
  lines.push('');
  if (u.wouldStop.length === 0) lines.push(`Without it, every Pod placed here would still fit.`);
  else {
    lines.push(`Without it, ${plural(u.wouldStop.length, 'Pod')} placed here would stop fitting:`);
    lines.push(...rows(u.wouldStop, (x) => `${podName(x.pod)}: ${x.why}`));
  }
  return lines.join('\n');
}

const EFFECT_WORDS: Record<string, string> = {
  NoSchedule: 'new Pods that do not tolerate it are not scheduled here; Pods already running stay',
  PreferNoSchedule: 'the scheduler avoids placing Pods that do not tolerate it here (a lower TaintToleration score), but may',
  NoExecute: 'Pods that do not tolerate it are not scheduled here, and running ones are evicted (after their tolerationSeconds, when they set one)',
};

export function taintMarkdown(nodeName: string, t: Taint, u: TaintUsage): string {
  const lines = [`**Taint ${code(taintText(t))} of ${code(nodeName)}**`, '', `${code(t.effect || '(no effect)')}: ${EFFECT_WORDS[t.effect] ?? 'an effect kube-scheduler does not know: the API server rejects it'}.`, ''];
  if (u.tolerate.length === 0) lines.push('No Pod or template in the workspace tolerates it.');
  else {
    lines.push(`Tolerated by ${plural(u.tolerate.length, 'template or Pod', 'templates and Pods')}:`);
    lines.push(...rows(u.tolerate, (x) => `${groupName(x.group.label)}${x.seconds !== undefined ? ` for ${x.seconds} s (tolerationSeconds), then evicted` : ''}`));
  }
  lines.push('');
  const verb = t.effect === 'PreferNoSchedule' ? 'Kept away when possible' : 'Repelled';
  if (u.repelled.length === 0) lines.push(`${verb}: none (no other template's nodeSelector and node affinity take this Node).`);
  else {
    lines.push(`${verb} (their nodeSelector and node affinity take this Node, the taint does not): ${plural(u.repelled.length, 'template or Pod', 'templates and Pods')}:`);
    lines.push(...rows(u.repelled, (g) => groupName(g.label)));
  }
  if (u.evicted.length) {
    lines.push('', `Bound here by ${code('nodeName')} without a toleration, evicted by the kubelet: ${listOf(u.evicted.slice(0, 8).map(podName), u.evicted.length)}.`);
  }
  return lines.join('\n');
}

export function resourceMarkdown(view: NodeFactsView, s: NodeSummary, which: 'allocatable' | 'capacity', capacity: Record<string, number> | undefined, away: TurnedAway[]): string {
  const lines = [`**${which === 'capacity' ? 'Capacity' : 'Allocatable'} of ${code(s.node.name)}** after the simulation placed ${plural(s.node.pods.length, 'Pod')}`, ''];
  const withCapacity = which === 'capacity' && capacity !== undefined;
  lines.push(`| resource |${withCapacity ? ' capacity | reserved |' : ''} allocatable | requested | overhead | headroom |`, `|---|${withCapacity ? '---:|---:|' : ''}---:|---:|---:|---:|`);
  for (const i of shownResources(s)) {
    const r = s.resources[i];
    const alloc = s.node.alloc[i];
    const req = used(s, i);
    const f = (v: number) => (i === 3 ? String(v) : formatAmount(r, v));
    const cap = capacity?.[r];
    const capCols = withCapacity ? ` ${cap !== undefined ? f(cap) : '—'} | ${cap !== undefined ? f(cap - alloc) : '—'} |` : '';
    lines.push(`| ${code(r)} |${capCols} ${f(alloc)} | ${f(req)}${percent(req, alloc)} | ${s.overhead?.[r] !== undefined ? f(s.overhead[r]) : '—'} | ${f(alloc - req)} |`);
  }
  lines.push('', 'Requested: the sum of the placed Pods\' requests (with their RuntimeClass overhead); headroom: allocatable minus requested.');
  const needing = away.filter((a) => a.short.length > 0);
  if (needing.length) {
    lines.push('', `Pending Pods that would fit here with more room:`);
    lines.push(...rows(needing, (a) => `${podName(a.result.pod)} needs ${shortText(a.short)}${a.taint || a.cordoned ? ` (and ${a.taint ? `the taint ${code(taintText(a.taint))}` : 'the cordon'} turns it away)` : ''}`));
  } else if (view.pendingGroups.length) lines.push('', 'No pending Pod is short of room here.');
  return lines.join('\n');
}

/** What the Pods beside this one on its Node share with it (the Pod manifest's port and volume hovers). */
export function besideMarkdown(parts: Array<{ node: string; pod: string; others: string[] }>, what: string): string {
  const lines = [`**On the Node (${what})**, by the scheduling simulation:`];
  for (const p of parts.slice(0, ROWS)) lines.push(`- ${code(p.pod)} on ${code(p.node)}: ${p.others.length ? `shared with ${list(p.others.slice(0, 8).map(code))}${p.others.length > 8 ? ` (${p.others.length} in all)` : ''}` : 'no other Pod there shares it'}`);
  if (parts.length > ROWS) lines.push(`- and ${parts.length - ROWS} more replicas`);
  return lines.join('\n');
}
