/**
 * The API server's port-definition warnings (pkg/api/pod/warnings.go): entries of any
 * containers' `ports` with the same containerPort and protocol are compared pairwise —
 * identical host binding: "duplicate port definition" (rule duplicate-container-port, worded
 * for what it means at run time); one with a hostPort and one without: "overlapping"; the same
 * hostPort with and without a hostIP: "dangerously ambiguous" (rule ambiguous-host-port).
 * Judged after defaulting (protocol TCP; in a hostNetwork Pod an unset hostPort becomes the
 * containerPort). Each entry is compared with at most MAX_COMPARED earlier entries of its
 * port/protocol, which bounds the work on hostile input.
 */
import type { Span } from '../../parse/tree';
import { childPath, indexPath } from '../../diagnostics/finding';
import { pastCap, report, type PodSpecRule, type RuleContext } from '../context';
import type { RuleId } from '../../diagnostics/catalog';
import { containersOf, hostNetwork, isPod, isRestartable, type ContainerRef } from '../container/walk';
import { int32Value, isSet } from '../volume/read';
import { itemMap, seqField, strField, valueAt, nodeAt } from '../spec/values';

const MAX_COMPARED = 16;

interface PortDef {
  ref: ContainerRef;
  /** Position in its container's `ports` (the path is built for findings only: portPath). */
  i: number;
  containerPort: number;
  hostPort: number;
  hostIP: string;
  at: Span;
  /** Runs alongside the others: a regular container or a sidecar. */
  running: boolean;
  name: string;
}

function describe(d: PortDef): string {
  const name = strField(d.ref.c, 'name')?.value;
  const who = name ? `"${name}"` : `#${d.ref.index + 1}`;
  if (d.ref.kind === 'containers') return `container ${who}`;
  if (d.ref.kind === 'ephemeralContainers') return `ephemeral container ${who}`;
  return d.running ? `sidecar ${who}` : `init container ${who}`;
}

function portPath(d: PortDef): string {
  return indexPath(childPath(d.ref.path, 'ports'), d.i);
}

/**
 * Reports a finding whose words and related location are built only under the per-rule cap:
 * entries are compared with up to MAX_COMPARED others, so a Pod of half a million equal ports
 * asked for millions of these messages.
 */
function reportPair(ctx: RuleContext, rule: RuleId, d: PortDef, o: PortDef, key: string, message: () => string): void {
  if (pastCap(ctx, rule)) return report(ctx, rule, undefined, '', d.at, '');
  report(ctx, rule, undefined, portPath(d), d.at, message(), [{ span: o.at, message: `${key} is also declared here` }]);
}

function duplicateMessage(d: PortDef, o: PortDef, key: string): string {
  const upstream = `duplicate port definition with ${portPath(o)}`;
  if (d.ref === o.ref) {
    const names = [o.name, d.name].filter((n) => n !== '').map((n) => `"${n}"`);
    const named = names.length ? ` (named ${names.join(' and ')})` : '';
    return `${upstream}: ${describe(d)} lists ${key} twice${named}. Nothing is bound twice — a ports entry only documents a port the process opens, so this is one port under ${names.length > 1 ? 'two names' : 'two entries'} — but kubectl apply merges ports by containerPort, so a later apply may drop one entry`;
  }
  if (d.running && o.running)
    return `${upstream}: ${describe(d)} and ${describe(o)} both declare ${key}; the containers of a Pod share one network namespace, so if both processes bind it, the second fails with "address already in use"`;
  return `${upstream}: ${describe(o)} and ${describe(d)} both declare ${key}; an init container runs to completion before the next container starts, so they never hold the port at the same time`;
}

const portDefinitions: PodSpecRule = (ctx, site) => {
  const defaultHost = isPod(ctx) && hostNetwork(site.spec);
  const groups = new Map<string, PortDef[]>();
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const ref of containersOf(site.spec, site.path, kind)) {
      const running = kind === 'containers' || (kind === 'initContainers' && isRestartable(ref.c));
      seqField(ref.c, 'ports')?.items.forEach((item, i) => {
        const m = itemMap(item);
        if (!m) return;
        const cp = isSet(m, 'containerPort') ? int32Value(m, 'containerPort') : { value: 0, e: undefined };
        const hp = isSet(m, 'hostPort') ? int32Value(m, 'hostPort') : { value: 0, e: undefined };
        const proto = strField(m, 'protocol');
        const ip = strField(m, 'hostIP');
        const name = strField(m, 'name');
        if (!cp || !hp || !proto || !ip || !name) return; // wrong types: decoding errors
        const hostPort = hp.value === 0 && defaultHost && kind !== 'ephemeralContainers' ? cp.value : hp.value;
        const d: PortDef = {
          ref,
          i,
          containerPort: cp.value,
          hostPort,
          hostIP: ip.value,
          at: cp.e ? valueAt(cp.e) : nodeAt(item),
          running,
          name: name.value,
        };
        const key = `${cp.value}/${proto.value || 'TCP'}`;
        const group = groups.get(key);
        if (!group) {
          groups.set(key, [d]);
          return;
        }
        for (let k = 0; k < group.length && k < MAX_COMPARED; k++) {
          const o = group[k];
          if (d.hostIP === o.hostIP && d.hostPort === o.hostPort) {
            // The same non-zero host port twice among regular containers, or within one
            // container, is already rejected (duplicate-host-port).
            const rejected = d.hostPort !== 0 && (d.ref === o.ref || (d.ref.kind === 'containers' && o.ref.kind === 'containers'));
            if (!rejected) reportPair(ctx, 'duplicate-container-port', d, o, key, () => duplicateMessage(d, o, key));
          } else if (d.hostPort === 0 || o.hostPort === 0) {
            reportPair(ctx, 'ambiguous-host-port', d, o, key, () => `overlapping port definition with ${portPath(o)}: one entry publishes ${key} on the node's hostPort and the other does not, so it is unclear which is meant`);
          } else if (d.hostPort === o.hostPort && (d.hostIP === '') !== (o.hostIP === '')) {
            reportPair(ctx, 'ambiguous-host-port', d, o, key, () => `dangerously ambiguous port definition with ${portPath(o)}: hostPort ${d.hostPort} is published on one host IP by one entry and on every host IP by the other, and which of them receives the traffic is undefined`);
          }
        }
        group.push(d);
      });
    }
  }
};

export const portDefinitionRules: PodSpecRule[] = [portDefinitions];
