/**
 * The hover part on a container port that says who can reach it from outside the Pod: the
 * Services that expose it (on which port, of which type) and the NetworkPolicies that select
 * the Pod (which rule admits traffic on the port, or that none does).
 */
import { code, list, mdText } from '../sharing/markdown';
import type { PodFacts } from './podFacts';
import type { ReachIndex, IndexedService } from './index';
import { portArrow, resolveTargetPort, typeText, type ServicePortFacts } from './service';
import { policySelectsPod, portVerdict, ruleText, type NetworkPolicyFacts } from './networkPolicy';

export interface HoveredPort {
  container: string;
  name?: string;
  number?: number;
  protocol: string;
}

/** Whether a Service port sends its traffic to this container port. */
export function exposes(sp: ServicePortFacts, pod: PodFacts, port: HoveredPort): boolean {
  if (sp.protocol !== port.protocol) return false;
  const r = resolveTargetPort(sp, pod);
  if (typeof sp.targetPort === 'string') return r.declared !== undefined && r.declared.container === port.container && r.declared.name === port.name && r.declared.containerPort === port.number;
  return port.number !== undefined && r.number === port.number;
}

function exposure(s: IndexedService, sp: ServicePortFacts, port: HoveredPort): string {
  const f = s.facts;
  const name = `Service ${code(f.name)}`;
  const via = sp.targetPort !== undefined && typeof sp.targetPort === 'string' ? ` (targetPort ${code(sp.targetPort)})` : '';
  const dns = `${f.name}.${f.namespace}.svc`;
  const inCluster = `port ${sp.port ?? '?'} at ${code(dns)}`;
  if (f.type === 'ClusterIP' && f.headless) return `${name} — headless (clusterIP: None): ${code(dns)} resolves to the Pod IPs, and clients connect to ${port.number ?? '?'} directly${via}.`;
  switch (f.type) {
    case 'NodePort':
      return `${name} — NodePort: ${sp.nodePort !== undefined ? `port ${sp.nodePort}` : 'a port from 30000-32767 (allocated)'} on every Node's IP, and ${inCluster} inside the cluster${via}.`;
    case 'LoadBalancer':
      return `${name} — LoadBalancer: port ${sp.port ?? '?'} on the load balancer's address${sp.nodePort !== undefined ? `, NodePort ${sp.nodePort} on every Node` : ''}, and ${inCluster} inside the cluster${via}.`;
    case 'ClusterIP':
      return `${name} — ClusterIP: ${inCluster}, inside the cluster only${via}.`;
    default:
      return `${name} — type ${code(f.type)}: ${inCluster}${via}.`;
  }
}

function policyName(np: NetworkPolicyFacts): string {
  return code(np.name);
}

function typesOf(np: NetworkPolicyFacts): string {
  return `${np.policyTypes.join(', ') || 'no policy type'}${np.policyTypesWritten ? '' : ', by default'}`;
}

function selectorWords(np: NetworkPolicyFacts): string {
  return np.selectorText ? `podSelector ${code(np.selectorText)}` : 'an empty podSelector: every Pod of the namespace';
}

/**
 * The Markdown, or undefined when the workspace declares no Service and no NetworkPolicy (then
 * nothing is known about it, and the hover stays as it was).
 */
export function portReachMarkdown(pod: PodFacts, port: HoveredPort, reach: ReachIndex): string | undefined {
  if (!reach.declaresAny()) return undefined;
  const lines: string[] = ['**From outside the Pod**'];
  const exposing: string[] = [];
  for (const s of reach.servicesSelecting(pod)) {
    for (const sp of s.facts.ports) if (exposes(sp, pod, port)) exposing.push(exposure(s, sp, port));
  }
  if (exposing.length) lines.push('', ...exposing.map((e) => `- ${e}`));
  else lines.push('', `No Service declared in the workspace exposes ${port.number ?? '?'}/${mdText(port.protocol)}${port.name ? ` (${code(port.name)})` : ''}.`);

  const v = portVerdict(reach.policiesIn(pod.namespace), pod, port);
  const portWords = `${port.number ?? '?'}/${mdText(port.protocol)}`;
  if (v.selecting.length === 0) {
    lines.push('', `No NetworkPolicy declared in namespace ${code(pod.namespace)} selects this Pod: it is not isolated, any source the cluster network allows can connect, and it can send anywhere.`);
    return lines.join('\n');
  }
  lines.push('', `NetworkPolicies selecting this Pod: ${list(v.selecting.map((np) => `${policyName(np)} (${typesOf(np)}; ${selectorWords(np)})`))}.`);
  if (v.ingressPolicies.length === 0) lines.push('', 'Ingress: not isolated (no selecting policy has policy type Ingress): any source may connect.');
  else if (v.admitting.length) lines.push('', `Ingress on ${portWords} admitted by:`, ...v.admitting.map((a) => `- ${policyName(a.policy)} ${mdText(ruleText(a.rule))}`));
  else {
    lines.push('', `⚠ Ingress: isolated by ${list(v.ingressPolicies.map(policyName))}, and no ingress rule admits traffic on ${portWords}: nothing outside the Pod can connect to this port (only its own Node, such as the kubelet's probes).`);
  }
  if (v.egressPolicies.length === 0) lines.push('', 'Egress: not isolated (no selecting policy has policy type Egress).');
  else if (v.egressRules.length === 0) lines.push('', `⚠ Egress: isolated by ${list(v.egressPolicies.map(policyName))} with no egress rule: the Pod can send nothing (not even DNS queries).`);
  else lines.push('', 'Egress only as admitted by:', ...v.egressRules.map((a) => `- ${policyName(a.policy)} ${mdText(ruleText(a.rule))}`));
  return lines.join('\n');
}

/** For the scheduling report and the preview: the Services and NetworkPolicies that select a Pod. */
export interface PodReach {
  services: Array<{ name: string; type: string; ports: string[] }>;
  networkPolicies: Array<{ name: string; policyTypes: string[] }>;
}

export function podReach(namespace: string, labels: Record<string, string>, reach: ReachIndex): PodReach | undefined {
  if (!reach.declaresAny()) return undefined;
  const pod: PodFacts = { kind: 'Pod', name: '', namespace, labels, ports: [], initPorts: [] };
  const services = reach.servicesSelecting(pod).map((s) => ({ name: s.facts.name, type: typeText(s.facts), ports: s.facts.ports.map(portArrow) }));
  const networkPolicies = reach
    .policiesIn(namespace)
    .filter((np) => policySelectsPod(np, pod))
    .map((np) => ({ name: np.name, policyTypes: [...np.policyTypes] }));
  return { services, networkPolicies };
}
