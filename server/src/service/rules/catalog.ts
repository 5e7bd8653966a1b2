/**
 * The rule table: every diagnostic Podsight emits has an id here, a default severity and a
 * one-line summary. Users re-level or silence rules by id (`podsight.rules`, inline comments,
 * the `podsight.io/ignore` annotation); docs/rules.md documents each id.
 */
import type { Severity } from '../validate/finding';
import type { RuleDoc } from './docs';

export interface RuleInfo {
  /** Default level; `off` rules are opinions users opt into. */
  severity: Severity | 'off';
  summary: string;
  /** True for rules mirroring an API-server rejection. */
  upstream: boolean;
  doc?: RuleDoc;
}

export const RULES = {
  'yaml-syntax': { severity: 'error', summary: 'The YAML cannot be parsed.', upstream: true },
  'yaml-complexity': { severity: 'error', summary: 'The document expands to too many nodes (alias bomb, merge-key chain) to be read safely.', upstream: true },
  'yaml-alias': { severity: 'error', summary: 'An alias names no anchor, or an anchor contains itself.', upstream: true },
  'file-too-large': { severity: 'warning', summary: 'The file is larger than podsight.maxFileSize and was not validated.', upstream: false },
  'duplicate-key': { severity: 'error', summary: 'A mapping repeats a key; kubectl strict decoding rejects it.', upstream: true },
  'unknown-field': { severity: 'error', summary: 'A field the Kubernetes API does not define; kubectl strict decoding rejects it.', upstream: true },
  'invalid-type': { severity: 'error', summary: 'A value of the wrong JSON type for its field.', upstream: true },
  'required-field': { severity: 'error', summary: 'A field the API requires is missing.', upstream: true },
  'invalid-quantity': { severity: 'error', summary: 'A resource quantity that does not follow the Quantity grammar.', upstream: true },
  'unsupported-value': { severity: 'error', summary: 'A value outside the set the API server supports for its field.', upstream: true },
  // Advice: what the API server accepts but will fail or surprise at run time (rules/advice.ts).
  'duplicate-container-port': {
    severity: 'warning',
    summary: 'Two containers of a Pod (or one container twice) declare the same containerPort and protocol; they share one network namespace, so only one can bind it.',
    upstream: false,
    doc: {
      why: 'All containers of a Pod, including sidecars (init containers with restartPolicy: Always), share one IP address and port space. The API server only warns; at run time the second process fails with "address already in use".',
      example: 'containers:\n- name: app\n  ports:\n  - containerPort: 9090\n- name: metrics\n  ports:\n  - containerPort: 9090',
      fix: 'Give one of the containers another port, or remove the duplicate declaration.',
    },
  },
  'probe-port-undeclared': {
    severity: 'warning',
    summary: 'A probe or lifecycle handler names a port that its container does not declare.',
    upstream: false,
    doc: {
      why: 'The kubelet resolves a named port against the ports of the same container; an unknown name makes every probe fail, so the container is restarted (liveness) or never ready (readiness).',
      example: 'ports:\n- name: http\n  containerPort: 8080\nreadinessProbe:\n  httpGet:\n    port: web',
      fix: 'Use the name of a declared port, declare the port, or use the number.',
    },
  },
  'unused-volume': {
    severity: 'warning',
    summary: 'A volume that no container mounts.',
    upstream: false,
    doc: {
      why: 'A volume nobody mounts does nothing but cost setup time (and, for a PVC, an attachment); usually a mount was forgotten or misnamed.',
      fix: 'Mount it in the container that needs it, or remove it.',
    },
  },
  'image-latest-tag': {
    severity: 'information',
    summary: 'An image without a tag or with the `:latest` tag: not reproducible, and pulled on every start.',
    upstream: false,
    doc: {
      why: 'The API server defaults imagePullPolicy to Always for such images, and two Pods of one workload may run different code.',
      fix: 'Pin a version tag or a digest.',
    },
  },
  'no-resource-requests': {
    severity: 'off',
    summary: 'A container without CPU or memory requests (opt-in).',
    upstream: false,
    doc: {
      why: 'Without requests the scheduler places the Pod as if it needed nothing, and the Pod is the first to be evicted under pressure (BestEffort).',
      fix: 'Set resources.requests.cpu and resources.requests.memory.',
    },
  },
  // Upstream warnings (HTTP 299): accepted, but the API server warns (rules/upstreamWarnings.ts).
  'deprecated-volume-plugin': { severity: 'warning', summary: 'A deprecated (or no longer functional) in-tree volume plugin.', upstream: false },
  'deprecated-node-label': { severity: 'warning', summary: 'A deprecated node label in nodeSelector, node affinity or a topology key.', upstream: false },
  'fractional-byte-value': { severity: 'warning', summary: 'A memory or ephemeral-storage quantity that is not a whole number of bytes (e.g. 128m = 0.128 bytes).', upstream: false },
  'duplicate-env-name': { severity: 'warning', summary: 'An environment variable defined twice in one container: the later definition hides the earlier.', upstream: false },
  'host-ip-without-host-port': { severity: 'warning', summary: 'A port sets hostIP without hostPort, so hostIP has no effect.', upstream: false },
  'duplicate-image-pull-secret': { severity: 'warning', summary: 'An imagePullSecrets entry repeated or with an empty name.', upstream: false },
  'duplicate-host-alias-ip': { severity: 'warning', summary: 'Two hostAliases entries for the same IP.', upstream: false },
  'spread-without-selector': { severity: 'warning', summary: 'A topology spread constraint without labelSelector matches no Pods, so it spreads nothing.', upstream: false },
  // Pod spec top level (rules/podSpec.ts, rules/spec/dns.ts, rules/spec/os.ts).
  'pod-containers-required': { severity: 'error', summary: 'A Pod spec needs at least one container.', upstream: true },
  'restart-policy': { severity: 'error', summary: 'spec.restartPolicy must be Always, OnFailure or Never.', upstream: true },
  'dns-policy': { severity: 'error', summary: 'spec.dnsPolicy must be ClusterFirstWithHostNet, ClusterFirst, Default or None.', upstream: true },
  'node-selector': { severity: 'error', summary: 'nodeSelector keys must be label keys and values label values.', upstream: true },
  'node-name': { severity: 'error', summary: 'spec.nodeName must be a DNS subdomain.', upstream: true },
  'node-name-scheduling-gates': { severity: 'error', summary: 'A Pod cannot set nodeName while it has schedulingGates.', upstream: true },
  'ephemeral-containers-forbidden': { severity: 'error', summary: 'ephemeralContainers cannot be set when creating a Pod or in a Pod template (they are added through the ephemeralcontainers subresource).', upstream: true },
  'service-account-name': { severity: 'error', summary: 'spec.serviceAccountName (or the deprecated serviceAccount) must be a DNS subdomain.', upstream: true },
  'active-deadline-seconds': { severity: 'error', summary: 'spec.activeDeadlineSeconds must be between 1 and 2147483647.', upstream: true },
  'pod-hostname': { severity: 'error', summary: 'spec.hostname must be a DNS label.', upstream: true },
  'pod-subdomain': { severity: 'error', summary: 'spec.subdomain must be a DNS label (no dots).', upstream: true },
  'priority-class-name': { severity: 'error', summary: 'spec.priorityClassName must be a DNS subdomain.', upstream: true },
  'runtime-class-name': { severity: 'error', summary: 'spec.runtimeClassName must be a DNS subdomain.', upstream: true },
  'preemption-policy': { severity: 'error', summary: 'spec.preemptionPolicy must be PreemptLowerPriority or Never.', upstream: true },
  'readiness-gate': { severity: 'error', summary: 'A readiness gate conditionType must be a qualified name.', upstream: true },
  'scheduling-gate': { severity: 'error', summary: 'A scheduling gate name must be a qualified name.', upstream: true },
  'duplicate-scheduling-gate': { severity: 'error', summary: 'Scheduling gate names must be unique.', upstream: true },
  'host-alias-ip': { severity: 'error', summary: 'A hostAliases entry needs a valid IP address.', upstream: true },
  'host-alias-hostname': { severity: 'error', summary: 'hostAliases hostnames must be DNS subdomains.', upstream: true },
  'hostname-override': { severity: 'error', summary: 'spec.hostnameOverride: a DNS subdomain of at most 64 characters, not with setHostnameAsFQDN or hostNetwork.', upstream: true },
  'pod-os': { severity: 'error', summary: 'spec.os.name is required and must be linux or windows.', upstream: true },
  'pod-os-forbidden-field': { severity: 'error', summary: 'A field that cannot be set for the OS named in spec.os (Linux-only fields on windows, windowsOptions on linux).', upstream: true },
  'dns-config-required': { severity: 'error', summary: 'dnsPolicy None needs a dnsConfig.', upstream: true },
  'dns-nameservers': { severity: 'error', summary: 'dnsConfig.nameservers: IP addresses, at most 3, at least one with dnsPolicy None.', upstream: true },
  'dns-searches': { severity: 'error', summary: 'dnsConfig.searches: DNS names (underscores allowed), at most 32 and 2048 characters.', upstream: true },
  'dns-option-name': { severity: 'error', summary: 'A dnsConfig option needs a name.', upstream: true },
  'resize-policy': { severity: 'error', summary: 'A container resizePolicy entry: cpu or memory once each, NotRequired or RestartContainer (NotRequired in restartPolicy Never pods).', upstream: true },
  // Scheduling: affinity, tolerations, topology spread (rules/scheduling.ts, rules/spec/labelSelector.ts).
  'node-selector-terms-required': { severity: 'error', summary: 'A required node affinity needs at least one node selector term.', upstream: true },
  'node-selector-requirement': { severity: 'error', summary: 'A node affinity match expression with a bad key, operator or values.', upstream: true },
  'node-field-selector-requirement': { severity: 'error', summary: 'A node affinity matchFields entry: key metadata.name, operator In/NotIn, exactly one node name.', upstream: true },
  'affinity-weight': { severity: 'error', summary: 'A preferred affinity term weight must be in the range 1-100.', upstream: true },
  'label-selector': { severity: 'error', summary: 'A label selector with a bad key, operator or values.', upstream: true },
  'match-label-keys': { severity: 'error', summary: 'matchLabelKeys / mismatchLabelKeys: label keys, need a labelSelector, no overlap with it or each other.', upstream: true },
  'pod-affinity-namespace': { severity: 'error', summary: 'Pod affinity namespaces must be DNS labels.', upstream: true },
  'pod-affinity-topology-key': { severity: 'error', summary: 'A pod affinity term needs a topologyKey that is a label key.', upstream: true },
  'toleration-key': { severity: 'error', summary: 'A toleration key must be a label key.', upstream: true },
  'toleration-operator': { severity: 'error', summary: 'A toleration operator (Equal/Exists) that does not fit its key and value.', upstream: true },
  'toleration-effect': { severity: 'error', summary: 'A toleration effect outside NoSchedule/PreferNoSchedule/NoExecute, or tolerationSeconds without NoExecute.', upstream: true },
  'topology-spread-max-skew': { severity: 'error', summary: 'A topology spread constraint needs maxSkew greater than zero.', upstream: true },
  'topology-spread-topology-key': { severity: 'error', summary: 'A topology spread constraint needs a topologyKey.', upstream: true },
  'topology-spread-when-unsatisfiable': { severity: 'error', summary: 'whenUnsatisfiable must be DoNotSchedule or ScheduleAnyway.', upstream: true },
  'duplicate-topology-spread': { severity: 'error', summary: 'Two topology spread constraints with the same topologyKey and whenUnsatisfiable.', upstream: true },
  'topology-spread-min-domains': { severity: 'error', summary: 'minDomains must be greater than zero and needs whenUnsatisfiable DoNotSchedule.', upstream: true },
  'topology-spread-node-policy': { severity: 'error', summary: 'nodeAffinityPolicy / nodeTaintsPolicy must be Honor or Ignore.', upstream: true },
} satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export function ruleInfo(id: string): RuleInfo | undefined {
  return Object.prototype.hasOwnProperty.call(RULES, id) ? (RULES as Record<string, RuleInfo>)[id] : undefined;
}
