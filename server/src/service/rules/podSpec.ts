/**
 * Rule family: podSpec — the top-level checks of upstream `ValidatePodSpec` (and the Pod-only
 * nodeName/schedulingGates check of `ValidatePodCreate`). Values are judged after the API
 * server's defaulting (restartPolicy, dnsPolicy) and v1→internal conversion
 * (`serviceAccount` → `serviceAccountName`). See docs/rules.md.
 */
import type { KMap } from '../parse/tree';
import { childPath, indexPath } from '../diagnostics/finding';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../util/names';
import { utf8Length } from '../util/text';
import { entry, msg, report, type PodSpecRule, type RuleContext } from './context';
import { validateLabels } from './spec/labelSelector';
import { INVALID_IP_MESSAGE, isSloppyIP } from './spec/ip';
import { dnsRules } from './spec/dns';
import { osRules } from './spec/os';
import { resizePolicy } from './spec/resizePolicy';
import { intField, itemMap, missingAt, nodeAt, seqField, strField, stringItems, valueAt } from './spec/values';
import type { RuleId } from '../diagnostics/catalog';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const MAX_INT32 = 2147483647;
const HOSTNAME_OVERRIDE_MAX = 64;

/** `validateContainers`: at least one regular container (`spec.containers: Required value`). */
const containersRequired: PodSpecRule = (ctx, { spec, path }) => {
  const s = seqField(spec, 'containers');
  if (!s || s.items.length > 0) return;
  report(ctx, 'pod-containers-required', 'Required', childPath(path, 'containers'), s.e ? s.e.keySpan : missingAt(spec), msg.required());
};

/** An enum field defaulted when empty (`validateRestartPolicy`, `validateDNSPolicy`). */
function defaultedEnum(ctx: RuleContext, rule: RuleId, spec: KMap, key: string, path: string, supported: string[]): void {
  const f = strField(spec, key);
  if (!f || !f.e || f.value === '' || supported.includes(f.value)) return;
  report(ctx, rule, 'NotSupported', childPath(path, key), valueAt(f.e), msg.notSupported(f.value, supported));
}

const restartPolicy: PodSpecRule = (ctx, { spec, path }) => defaultedEnum(ctx, 'restart-policy', spec, 'restartPolicy', path, RESTART_POLICIES);
const dnsPolicy: PodSpecRule = (ctx, { spec, path }) => defaultedEnum(ctx, 'dns-policy', spec, 'dnsPolicy', path, DNS_POLICIES);

/** `ValidateLabels(spec.nodeSelector)`: errors on `spec.nodeSelector`, no key in the path. */
const nodeSelector: PodSpecRule = (ctx, { spec, path }) => validateLabels(ctx, 'node-selector', entry(spec, 'nodeSelector')?.value, childPath(path, 'nodeSelector'));

/** One Invalid per message of a name grammar, on the field's value. */
function nameField(ctx: RuleContext, rule: RuleId, spec: KMap, key: string, path: string, check: (v: string) => string[], when: 'non-empty' | 'set'): void {
  const f = strField(spec, key);
  if (!f || !f.e) return;
  if (when === 'non-empty' ? f.value === '' : !f.set) return;
  for (const m of check(f.value)) report(ctx, rule, 'Invalid', childPath(path, key), valueAt(f.e), msg.invalid(f.value, m));
}

const nodeName: PodSpecRule = (ctx, { spec, path }) => nameField(ctx, 'node-name', spec, 'nodeName', path, isDNS1123Subdomain, 'non-empty');
const hostname: PodSpecRule = (ctx, { spec, path }) => nameField(ctx, 'pod-hostname', spec, 'hostname', path, isDNS1123Label, 'non-empty');
const subdomain: PodSpecRule = (ctx, { spec, path }) => nameField(ctx, 'pod-subdomain', spec, 'subdomain', path, isDNS1123Label, 'non-empty');
const priorityClassName: PodSpecRule = (ctx, { spec, path }) =>
  nameField(ctx, 'priority-class-name', spec, 'priorityClassName', path, isDNS1123Subdomain, 'non-empty');
/** A pointer field: even an explicit `""` is validated. */
const runtimeClassName: PodSpecRule = (ctx, { spec, path }) => nameField(ctx, 'runtime-class-name', spec, 'runtimeClassName', path, isDNS1123Subdomain, 'set');

/** `serviceAccountName`, or the deprecated `serviceAccount` that conversion copies into it. */
const serviceAccountName: PodSpecRule = (ctx, { spec, path }) => {
  const name = strField(spec, 'serviceAccountName');
  if (!name) return;
  const f = name.value !== '' ? name : strField(spec, 'serviceAccount');
  if (!f || !f.e || f.value === '') return;
  for (const m of isDNS1123Subdomain(f.value))
    report(ctx, 'service-account-name', 'Invalid', childPath(path, 'serviceAccountName'), valueAt(f.e), msg.invalid(f.value, m));
};

/** `ValidatePodCreate`: a Pod cannot name its node while scheduling gates remain. */
const nodeNameWithGates: PodSpecRule = (ctx, { spec, path }) => {
  if (ctx.object.kind !== 'Pod') return; // templates are not Pods yet
  const name = strField(spec, 'nodeName');
  const gates = seqField(spec, 'schedulingGates');
  if (!name?.e || name.value === '' || !gates || gates.items.length === 0) return;
  report(ctx, 'node-name-scheduling-gates', 'Forbidden', childPath(path, 'nodeName'), valueAt(name.e), msg.forbidden('cannot be set until all schedulingGates have been cleared'), [
    { span: gates.e ? gates.e.keySpan : valueAt(name.e), message: 'schedulingGates' },
  ]);
};

/**
 * Ephemeral containers are only ever added to a running Pod through their subresource:
 * `ValidatePodCreate` forbids them on create, `ValidatePodTemplateSpec` in any template.
 */
const ephemeralContainers: PodSpecRule = (ctx, { spec, path }) => {
  const s = seqField(spec, 'ephemeralContainers');
  if (!s?.e || s.items.length === 0) return;
  const detail = ctx.object.kind === 'Pod' ? 'cannot be set on create' : 'ephemeral containers not allowed in pod template';
  report(ctx, 'ephemeral-containers-forbidden', 'Forbidden', childPath(path, 'ephemeralContainers'), s.e.keySpan, msg.forbidden(detail));
};

const activeDeadlineSeconds: PodSpecRule = (ctx, { spec, path }) => {
  const f = intField(spec, 'activeDeadlineSeconds');
  if (!f?.e || f.value === undefined || (f.value >= 1 && f.value <= MAX_INT32)) return;
  report(ctx, 'active-deadline-seconds', 'Invalid', childPath(path, 'activeDeadlineSeconds'), valueAt(f.e), msg.invalid(f.value, `must be between 1 and ${MAX_INT32}, inclusive`));
};

const preemptionPolicy: PodSpecRule = (ctx, { spec, path }) => {
  const f = strField(spec, 'preemptionPolicy');
  if (!f?.e || !f.set) return;
  const p = childPath(path, 'preemptionPolicy');
  if (f.value === '') report(ctx, 'preemption-policy', 'Required', p, valueAt(f.e), msg.required());
  else if (!PREEMPTION_POLICIES.includes(f.value)) report(ctx, 'preemption-policy', 'NotSupported', p, valueAt(f.e), msg.notSupported(f.value, PREEMPTION_POLICIES));
};

/** `validateReadinessGates`: each conditionType is a qualified name. */
const readinessGates: PodSpecRule = (ctx, { spec, path }) => {
  const s = seqField(spec, 'readinessGates');
  if (!s) return;
  s.items.forEach((n, i) => {
    const g = itemMap(n);
    if (!g) return;
    const t = strField(g, 'conditionType');
    if (!t) return;
    const p = childPath(indexPath(childPath(path, 'readinessGates'), i), 'conditionType');
    for (const m of isQualifiedName(t.value)) report(ctx, 'readiness-gate', 'Invalid', p, t.e ? valueAt(t.e) : missingAt(g, nodeAt(n)), msg.invalid(t.value, m));
  });
};

/** `validateSchedulingGates`: qualified names, unique; errors sit on the index, not `.name`. */
const schedulingGates: PodSpecRule = (ctx, { spec, path }) => {
  const s = seqField(spec, 'schedulingGates');
  if (!s) return;
  const seen = new Map<string, { start: number; end: number }>();
  s.items.forEach((item, i) => {
    const g = itemMap(item);
    if (!g) return;
    const n = strField(g, 'name');
    if (!n) return;
    const p = indexPath(childPath(path, 'schedulingGates'), i);
    const at = n.e ? valueAt(n.e) : missingAt(g, nodeAt(item));
    for (const m of isQualifiedName(n.value)) report(ctx, 'scheduling-gate', 'Invalid', p, at, msg.invalid(n.value, m));
    const first = seen.get(n.value);
    if (first) report(ctx, 'duplicate-scheduling-gate', 'Duplicate', p, at, msg.duplicate(n.value), [{ span: first, message: 'first defined here' }]);
    else seen.set(n.value, at);
  });
};

/** `ValidateHostAliases`: a (sloppy) IP and DNS-subdomain hostnames. */
const hostAliases: PodSpecRule = (ctx, { spec, path }) => {
  const s = seqField(spec, 'hostAliases');
  if (!s) return;
  s.items.forEach((item, i) => {
    const a = itemMap(item);
    if (!a) return;
    const p = indexPath(childPath(path, 'hostAliases'), i);
    const ip = strField(a, 'ip');
    if (ip && !isSloppyIP(ip.value))
      report(ctx, 'host-alias-ip', 'Invalid', childPath(p, 'ip'), ip.e ? valueAt(ip.e) : missingAt(a, nodeAt(item)), msg.invalid(ip.value, INVALID_IP_MESSAGE));
    const hs = seqField(a, 'hostnames');
    const names = hs ? stringItems(hs.items) : undefined;
    names?.forEach((h, j) => {
      for (const m of isDNS1123Subdomain(h.value))
        report(ctx, 'host-alias-hostname', 'Invalid', indexPath(childPath(p, 'hostnames'), j), nodeAt(h.node), msg.invalid(h.value, m));
    });
  });
};

/** `validatePodHostName` (HostnameOverride, beta on in 1.35). */
const hostnameOverride: PodSpecRule = (ctx, { spec, path }) => {
  const f = strField(spec, 'hostnameOverride');
  if (!f?.e || !f.set) return;
  const p = childPath(path, 'hostnameOverride');
  const at = valueAt(f.e);
  const rule = 'hostname-override';
  if (isTrue(spec, 'setHostnameAsFQDN'))
    report(ctx, rule, 'Forbidden', p, at, msg.forbidden('may not be specified when setHostnameAsFQDN is true'));
  if (isTrue(spec, 'hostNetwork')) report(ctx, rule, 'Forbidden', p, at, msg.forbidden('may not be specified when hostNetwork is true'));
  if (utf8Length(f.value) > HOSTNAME_OVERRIDE_MAX) report(ctx, rule, 'TooLong', p, at, msg.tooLong(HOSTNAME_OVERRIDE_MAX));
  for (const m of isDNS1123Subdomain(f.value)) report(ctx, rule, 'Invalid', p, at, msg.invalid(f.value, m));
};

function isTrue(map: KMap, key: string): boolean {
  const v = entry(map, key)?.value;
  return v?.kind === 'scalar' && v.v.type === 'bool' && v.v.value === true;
}

const TOP_LEVEL: PodSpecRule[] = [
  containersRequired,
  restartPolicy,
  dnsPolicy,
  nodeSelector,
  serviceAccountName,
  nodeName,
  nodeNameWithGates,
  ephemeralContainers,
  activeDeadlineSeconds,
  hostname,
  subdomain,
  priorityClassName,
  runtimeClassName,
  preemptionPolicy,
  readinessGates,
  schedulingGates,
  hostAliases,
  hostnameOverride,
];

export const podSpecRules: PodSpecRule[] = [...TOP_LEVEL, ...dnsRules, ...osRules, resizePolicy];
