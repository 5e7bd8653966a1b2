/**
 * Rule family: ports — upstream `validateContainerPorts` (every container kind),
 * `AccumulateUniqueHostPorts` via `checkHostPortConflicts`, and `validatePodHostNetworkDeps`.
 * Judged after `SetDefaults_Pod`: in a hostNetwork Pod (not a template) an unset hostPort of a
 * regular or init container becomes its containerPort. Upstream quirk: init containers are
 * checked one at a time, so their duplicate host ports always report index `[0]`.
 * See docs/rules.md.
 */
import type { KEntry, KMap, Span } from '../parse/tree';
import { childPath, indexPath } from '../diagnostics/finding';
import { isValidPortName, isValidPortNum } from '../util/names';
import { msg, report, type PodSpecRule, type RuleContext } from './context';
import { itemMap, missingAt, nodeAt, seqField, strField, valueAt } from './spec/values';
import { int32Value, isSet } from './volume/read';
import { containersOf, hostNetwork, isPod, type ContainerRef } from './container/walk';

/** `sets.List(supportedPortProtocols)`: sorted. */
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

interface Port {
  index: number;
  anchor: Span;
  containerPort: number;
  containerPortEntry?: KEntry;
  /** After hostNetwork defaulting. */
  hostPort: number;
  hostPortEntry?: KEntry;
  /** Defaulted to TCP when empty. */
  protocol: string;
  hostIP: string;
}

/** An int32 port field: 0 when absent or null, undefined when it does not decode. */
function portField(m: KMap, key: string): { value: number; e?: KEntry } | undefined {
  if (!isSet(m, key)) return { value: 0 };
  const f = int32Value(m, key);
  return f ? { value: f.value, e: f.e } : undefined;
}

/** Validates one container's ports and returns them (decodable ones) for the conflict checks. */
function checkPorts(ctx: RuleContext, ref: ContainerRef, defaultHostPorts: boolean): Port[] {
  const list = seqField(ref.c, 'ports');
  if (!list || list.items.length === 0) return [];
  const listPath = childPath(ref.path, 'ports');
  const names = new Map<string, Span>();
  const out: Port[] = [];
  list.items.forEach((item, i) => {
    const m = itemMap(item);
    if (!m) return;
    const p = indexPath(listPath, i);
    const anchor = missingAt(m, nodeAt(item));
    const name = strField(m, 'name');
    if (name?.e && name.value !== '') {
      const span = valueAt(name.e);
      const errs = isValidPortName(name.value);
      for (const d of errs) report(ctx, 'container-port-name', 'Invalid', childPath(p, 'name'), span, msg.invalid(name.value, d));
      if (errs.length === 0) {
        const first = names.get(name.value);
        if (first) report(ctx, 'duplicate-port-name', 'Duplicate', childPath(p, 'name'), span, msg.duplicate(name.value), [{ span: first, message: `port "${name.value}" is first defined here` }]);
        else names.set(name.value, span);
      }
    }
    const cp = portField(m, 'containerPort');
    if (cp) {
      const cpPath = childPath(p, 'containerPort');
      if (cp.value === 0) report(ctx, 'container-port', 'Required', cpPath, cp.e ? valueAt(cp.e) : anchor, msg.required());
      else for (const d of isValidPortNum(cp.value)) report(ctx, 'container-port', 'Invalid', cpPath, valueAt(cp.e!), msg.invalid(cp.value, d));
    }
    let hp = portField(m, 'hostPort');
    if (hp && hp.value === 0 && defaultHostPorts && cp) hp = { value: cp.value, e: undefined };
    if (hp && hp.value !== 0) {
      const span = hp.e ? valueAt(hp.e) : cp?.e ? valueAt(cp.e) : anchor;
      for (const d of isValidPortNum(hp.value)) report(ctx, 'host-port', 'Invalid', childPath(p, 'hostPort'), span, msg.invalid(hp.value, d));
    }
    const proto = strField(m, 'protocol');
    if (proto?.e && proto.value !== '' && !PROTOCOLS.includes(proto.value))
      report(ctx, 'port-protocol', 'NotSupported', childPath(p, 'protocol'), valueAt(proto.e), msg.notSupported(proto.value, PROTOCOLS));
    const hostIP = strField(m, 'hostIP');
    if (cp && hp && proto && hostIP) {
      out.push({
        index: i,
        anchor,
        containerPort: cp.value,
        containerPortEntry: cp.e,
        hostPort: hp.value,
        hostPortEntry: hp.e,
        protocol: proto.value || 'TCP',
        hostIP: hostIP.value,
      });
    }
  });
  return out;
}

function hostPortSpan(port: Port): Span {
  if (port.hostPortEntry) return valueAt(port.hostPortEntry);
  return port.containerPortEntry ? valueAt(port.containerPortEntry) : port.anchor;
}

/** `AccumulateUniqueHostPorts`: `protocol/hostIP/hostPort` must be unique (hostPort 0 ignored). */
function accumulate(ctx: RuleContext, seen: Map<string, Span>, containerPath: string, ports: Port[]): void {
  for (const port of ports) {
    if (port.hostPort === 0) continue;
    const key = `${port.protocol}/${port.hostIP}/${port.hostPort}`;
    const span = hostPortSpan(port);
    const first = seen.get(key);
    if (first) {
      const path = childPath(indexPath(childPath(containerPath, 'ports'), port.index), 'hostPort');
      report(ctx, 'duplicate-host-port', 'Duplicate', path, span, msg.duplicate(key), [{ span: first, message: `host port ${key} is first used here` }]);
    } else seen.set(key, span);
  }
}

const portRules: PodSpecRule = (ctx, site) => {
  const { spec, path } = site;
  const pod = isPod(ctx);
  const hostNet = hostNetwork(spec);
  // defaultHostNetworkPorts runs for containers and initContainers of a Pod only.
  const defaulted = pod && hostNet;
  const regularSeen = new Map<string, Span>();
  for (const ref of containersOf(spec, path, 'containers')) {
    const ports = checkPorts(ctx, ref, defaulted);
    accumulate(ctx, regularSeen, ref.path, ports);
    if (!hostNet) continue;
    // validatePodHostNetworkDeps: a template may leave hostPort 0 (its Pods get it defaulted).
    for (const port of ports) {
      if ((pod || port.hostPort !== 0) && port.hostPort !== port.containerPort) {
        const p = childPath(indexPath(childPath(ref.path, 'ports'), port.index), 'hostPort');
        report(ctx, 'host-network-host-port', 'Invalid', p, hostPortSpan(port), msg.invalid(port.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      }
    }
  }
  // Init containers run one by one: each is checked alone, and upstream passes the list path,
  // so the container index printed is always 0.
  for (const ref of containersOf(spec, path, 'initContainers')) {
    const ports = checkPorts(ctx, ref, defaulted);
    accumulate(ctx, new Map(), indexPath(childPath(path, 'initContainers'), 0), ports);
  }
  for (const ref of containersOf(spec, path, 'ephemeralContainers')) checkPorts(ctx, ref, false);
};

export const portsRules: PodSpecRule[] = [portRules];
