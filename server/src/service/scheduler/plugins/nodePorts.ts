/**
 * NodePorts: a wanted host port conflicts with one in use on the Node when protocol and port
 * match and either side binds 0.0.0.0 or both bind the same IP. `containerPort` alone is not a
 * host port. Sidecar (restartable init container) host ports count since v1.34.
 */
import type { FilterPlugin } from '../plugin';
import { SKIP } from '../plugin';
import { PLUGIN, status, UNSCHEDULABLE, type SimNode } from '../types';

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";
const REJECT = status(PLUGIN.NodePorts, UNSCHEDULABLE, ERR_REASON_PORTS);
const ALL = '0.0.0.0';

/** HostPortInfo.CheckConflict. */
export function portConflict(node: SimNode, ip: string, protocol: string, port: number): boolean {
  const ports = node.ports;
  if (!ports || port <= 0) return false;
  const k = `${protocol || 'TCP'}/${port}`;
  if (!ip || ip === ALL) {
    for (const m of ports.values()) if ((m.get(k) ?? 0) > 0) return true;
    return false;
  }
  return (ports.get(ALL)?.get(k) ?? 0) > 0 || (ports.get(ip)?.get(k) ?? 0) > 0;
}

export const nodePorts: FilterPlugin = {
  name: PLUGIN.NodePorts,
  preFilter: (c) => (c.pod.hostPorts.length ? null : SKIP),
  filter(c, node) {
    if (!node.ports) return null;
    for (const hp of c.pod.hostPorts) if (portConflict(node, hp.ip, hp.protocol, hp.port)) return REJECT;
    return null;
  },
};
