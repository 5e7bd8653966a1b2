/**
 * NetworkPolicy (networking.k8s.io/v1, 1.35) as the API defines its meaning:
 * - `podSelector` selects Pods of the policy's own namespace; an empty one (or none: the
 *   zero value) selects every Pod there.
 * - `policyTypes` defaults (SetDefaults_NetworkPolicy) to Ingress, plus Egress when the policy
 *   has egress rules. A Pod selected by a policy of a type is isolated for that direction: only
 *   traffic that some rule of some such policy admits gets through (rules add up across
 *   policies); a policy with the type and no rules admits nothing.
 * - A rule admits traffic that matches one of its ports (none listed: every port) and one of its
 *   peers (none listed: every source or destination). A port matches on protocol (default
 *   TCP) and port: absent matches every port, a number that number (with `endPort`, the range
 *   up to it inclusive), a name the container port of that name on the receiving Pod.
 */
import { labelSelector, matches, EVERYTHING, type Selector } from '../scheduler/labels';
import { int, isObj, obj, objs, str, strings, stringMap, type PlainObject } from '../model/plain';
import type { PodFacts } from './podFacts';

export interface PolicyPort {
  protocol: string;
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  /** `ingress` or `egress`, and the rule's index. */
  direction: 'ingress' | 'egress';
  index: number;
  /** Empty: every port. */
  ports: PolicyPort[];
  /** Peers in words; empty: every source (ingress) or destination (egress). */
  peers: string[];
}

export interface NetworkPolicyFacts {
  name: string;
  namespace: string;
  selector: Selector;
  /** The podSelector in words. */
  selectorText: string;
  policyTypes: Array<'Ingress' | 'Egress'>;
  /** Whether policyTypes was written (otherwise defaulted). */
  policyTypesWritten: boolean;
  ingress: PolicyRule[];
  egress: PolicyRule[];
}

/** `app=web, tier In (a, b)`; '' for an empty selector. */
export function selectorText(v: unknown): string {
  const o = obj(v);
  if (!o) return '';
  const parts: string[] = [];
  const ml = stringMap(o.matchLabels);
  for (const k of Object.keys(ml)) parts.push(`${k}=${ml[k]}`);
  for (const e of objs(o.matchExpressions)) {
    const op = str(e.operator) ?? '?';
    const key = str(e.key) ?? '';
    const values = strings(e.values);
    parts.push(op === 'Exists' ? key : op === 'DoesNotExist' ? `!${key}` : `${key} ${op} (${values.join(', ')})`);
  }
  return parts.join(', ');
}

function peerText(p: PlainObject): string {
  const block = obj(p.ipBlock);
  if (block) {
    const except = strings(block.except);
    return `ipBlock ${str(block.cidr) ?? '?'}${except.length ? ` except ${except.join(', ')}` : ''}`;
  }
  const hasPods = isObj(p.podSelector);
  const hasNs = isObj(p.namespaceSelector);
  const pods = hasPods ? selectorText(p.podSelector) : '';
  const ns = hasNs ? selectorText(p.namespaceSelector) : '';
  const podWords = pods ? `Pods with ${pods}` : 'every Pod';
  if (!hasNs) return `${podWords} of this namespace`;
  return `${podWords} in ${ns ? `Namespaces with ${ns}` : 'every Namespace'}`;
}

function rulesOf(v: unknown, direction: 'ingress' | 'egress'): PolicyRule[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  return objs(v).map((r, index) => ({
    direction,
    index,
    ports: objs(r.ports).map((p) => {
      const out: PolicyPort = { protocol: str(p.protocol) || 'TCP' };
      const port = typeof p.port === 'string' ? p.port : int(p.port);
      if (port !== undefined) out.port = port;
      const end = int(p.endPort);
      if (end !== undefined) out.endPort = end;
      return out;
    }),
    peers: objs(r[peersKey]).map(peerText),
  }));
}

export function networkPolicyFacts(value: PlainObject): NetworkPolicyFacts {
  const meta = obj(value.metadata);
  const spec = obj(value.spec);
  const rawSelector = spec?.podSelector;
  // The zero value of the (non-pointer) podSelector is the empty selector: every Pod.
  const selector = isObj(rawSelector) ? labelSelector(rawSelector) : EVERYTHING;
  const ingress = rulesOf(spec?.ingress, 'ingress');
  const egress = rulesOf(spec?.egress, 'egress');
  const written = strings(spec?.policyTypes).filter((t): t is 'Ingress' | 'Egress' => t === 'Ingress' || t === 'Egress');
  const policyTypesWritten = Array.isArray(spec?.policyTypes) && (spec?.policyTypes as unknown[]).length > 0;
  const policyTypes: Array<'Ingress' | 'Egress'> = policyTypesWritten ? [...new Set(written)] : Array.isArray(spec?.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  return {
    name: str(meta?.name) ?? '',
    namespace: str(meta?.namespace) || 'default',
    selector,
    selectorText: selectorText(rawSelector),
    policyTypes,
    policyTypesWritten,
    ingress,
    egress,
  };
}

export function policySelectsPod(np: NetworkPolicyFacts, pod: PodFacts): boolean {
  return np.namespace === pod.namespace && matches(np.selector, pod.labels);
}

/** Whether a policy port matches traffic to a port (number, name, protocol) of the receiving Pod. */
export function policyPortMatches(pp: PolicyPort, port: { number?: number; name?: string; protocol: string }): boolean {
  if (pp.protocol !== port.protocol) return false;
  if (pp.port === undefined) return true;
  if (typeof pp.port === 'string') return port.name !== undefined && pp.port === port.name;
  if (port.number === undefined) return false;
  if (pp.endPort !== undefined) return port.number >= pp.port && port.number <= pp.endPort;
  return port.number === pp.port;
}

/** Whether a rule admits traffic on that port (from some peer). */
export function ruleAdmitsPort(rule: PolicyRule, port: { number?: number; name?: string; protocol: string }): boolean {
  return rule.ports.length === 0 || rule.ports.some((pp) => policyPortMatches(pp, port));
}

export function policyPortText(pp: PolicyPort): string {
  const port = pp.port === undefined ? 'every port' : pp.endPort !== undefined ? `${pp.port}-${pp.endPort}` : String(pp.port);
  return `${port}/${pp.protocol}`;
}

/** `ingress[0]: from Pods with role=front of this namespace on 8080/TCP`. */
export function ruleText(rule: PolicyRule): string {
  const peers = rule.peers.length ? rule.peers.join('; ') : rule.direction === 'ingress' ? 'any source' : 'any destination';
  const ports = rule.ports.length ? rule.ports.map(policyPortText).join(', ') : 'every port';
  return `${rule.direction}[${rule.index}]: ${rule.direction === 'ingress' ? 'from' : 'to'} ${peers} on ${ports}`;
}

/** Per direction, how the policies that select a Pod treat a port of it (see the module comment). */
export interface PortVerdict {
  /** Policies selecting the Pod, with their types. */
  selecting: NetworkPolicyFacts[];
  /** Policies that isolate the Pod for ingress; empty: not isolated, every source may connect. */
  ingressPolicies: NetworkPolicyFacts[];
  /** The ingress rules that admit traffic on this port. */
  admitting: Array<{ policy: NetworkPolicyFacts; rule: PolicyRule }>;
  egressPolicies: NetworkPolicyFacts[];
  egressRules: Array<{ policy: NetworkPolicyFacts; rule: PolicyRule }>;
}

export function portVerdict(policies: readonly NetworkPolicyFacts[], pod: PodFacts, port: { number?: number; name?: string; protocol: string }): PortVerdict {
  const v: PortVerdict = { selecting: [], ingressPolicies: [], admitting: [], egressPolicies: [], egressRules: [] };
  for (const np of policies) {
    if (!policySelectsPod(np, pod)) continue;
    v.selecting.push(np);
    if (np.policyTypes.includes('Ingress')) {
      v.ingressPolicies.push(np);
      for (const rule of np.ingress) if (ruleAdmitsPort(rule, port)) v.admitting.push({ policy: np, rule });
    }
    if (np.policyTypes.includes('Egress')) {
      v.egressPolicies.push(np);
      for (const rule of np.egress) v.egressRules.push({ policy: np, rule });
    }
  }
  return v;
}
