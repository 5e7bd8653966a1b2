/**
 * What the Pods on one Node share of the Node itself, after placement: its network namespace
 * (hostNetwork Pods share the Node's IP and port space), its host ports per protocol and IP,
 * its files (hostPath volumes mounted by more than one Pod: who writes, who reads), and its
 * process and IPC namespaces (hostPID / hostIPC Pods see every process / IPC object there).
 *
 * Linear in the Pods on the Node and their ports and mounts. Host ports conflict as the
 * NodePorts filter judges them: same protocol and port, and the same IP or either 0.0.0.0.
 */
import type { SimNode, SimPod } from './types';

export interface HostPortUse {
  port: number;
  protocol: string;
  /** Pods (`namespace/name`) holding it, with the host IP each binds. */
  pods: Array<{ pod: string; ip: string; hostNetwork: boolean }>;
  /** Two Pods hold it on conflicting IPs (only Pods bound by `nodeName` get there: the filter keeps scheduled ones apart). */
  clash: boolean;
}

export interface HostPathUse {
  path: string;
  pods: Array<{ pod: string; readOnly: boolean; containers: string[] }>;
}

export interface NodeSharing {
  /** Pods in the Node's network namespace (its IP, its port space). */
  hostNetwork: string[];
  hostPID: string[];
  hostIPC: string[];
  /** Every host port held on the Node, by protocol and port. */
  hostPorts: HostPortUse[];
  /** hostPath paths mounted by two Pods or more. */
  hostPaths: HostPathUse[];
}

/** Most Pods named per shared resource (the count is the list's length up to it). */
const MAX_NAMED = 50;

export function nodeSharing(node: Pick<SimNode, 'pods'>): NodeSharing {
  const out: NodeSharing = { hostNetwork: [], hostPID: [], hostIPC: [], hostPorts: [], hostPaths: [] };
  const ports = new Map<string, HostPortUse>();
  const paths = new Map<string, HostPathUse>();
  for (const p of node.pods) addPod(out, ports, paths, p);
  for (const use of ports.values()) {
    // Clash: a Pod on 0.0.0.0 and any other Pod, or two Pods on one IP. Sets keep it linear.
    const all = new Set<string>();
    const wildcard = new Set<string>();
    const byIp = new Map<string, Set<string>>();
    for (const u of use.pods) {
      all.add(u.pod);
      if (u.ip === '0.0.0.0') wildcard.add(u.pod);
      else {
        let s = byIp.get(u.ip);
        if (!s) byIp.set(u.ip, (s = new Set()));
        s.add(u.pod);
        if (s.size > 1) use.clash = true;
      }
    }
    if (wildcard.size > 0 && all.size > 1) use.clash = true;
    out.hostPorts.push(use);
  }
  out.hostPorts.sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
  for (const use of paths.values()) if (use.pods.length > 1) out.hostPaths.push(use);
  out.hostPaths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function addPod(out: NodeSharing, ports: Map<string, HostPortUse>, paths: Map<string, HostPathUse>, p: SimPod): void {
  const host = p.host;
  if (host?.hostNetwork && out.hostNetwork.length < MAX_NAMED) out.hostNetwork.push(p.key);
  if (host?.hostPID && out.hostPID.length < MAX_NAMED) out.hostPID.push(p.key);
  if (host?.hostIPC && out.hostIPC.length < MAX_NAMED) out.hostIPC.push(p.key);
  for (const hp of p.hostPorts) {
    const k = `${hp.protocol}/${hp.port}`;
    let use = ports.get(k);
    if (!use) ports.set(k, (use = { port: hp.port, protocol: hp.protocol, pods: [], clash: false }));
    if (use.pods.length < MAX_NAMED) use.pods.push({ pod: p.key, ip: hp.ip, hostNetwork: host?.hostNetwork === true });
  }
  for (const path of host?.hostPaths ?? []) {
    let use = paths.get(path.path);
    if (!use) paths.set(path.path, (use = { path: path.path, pods: [] }));
    if (use.pods.length < MAX_NAMED) use.pods.push({ pod: p.key, readOnly: path.readOnly, containers: path.containers });
  }
}

/** Whether anything is shared worth reporting (a host port alone, held by one Pod, is reported too). */
export function sharesAnything(s: NodeSharing): boolean {
  return s.hostNetwork.length + s.hostPID.length + s.hostIPC.length + s.hostPorts.length + s.hostPaths.length > 0;
}
