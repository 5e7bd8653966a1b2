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
} satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export function ruleInfo(id: string): RuleInfo | undefined {
  return Object.prototype.hasOwnProperty.call(RULES, id) ? (RULES as Record<string, RuleInfo>)[id] : undefined;
}
