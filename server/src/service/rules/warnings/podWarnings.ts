/**
 * More of the API server's own warnings for Pods and Pod templates (pkg/api/pod/warnings.go,
 * `warningsForPodSpecAndMeta`, 1.35): deprecated annotations, a negative grace period, Pod
 * (anti-)affinity terms without a labelSelector, invalid label values in preferred node
 * affinity, IP addresses in non-standard forms, a port name used by two running containers,
 * and fractional byte values in the overhead and in ephemeral volume claims. Warnings only.
 */
import type { KMap, Span } from '../../parse/tree';
import { childPath, indexPath, keyPath } from '../../diagnostics/finding';
import { isValidLabelValue } from '../../util/names';
import { isInteger, parseQuantity } from '../../util/quantity';
import { entry, report, type PodSpecRule, type RuleContext } from '../context';
import { containersOf, isRestartable } from '../container/walk';
import { isSloppyIP } from '../spec/ip';
import { ipFormWarning } from '../spec/ipForms';
import { intField, itemMap, nodeAt, seqField, strField, stringItems, structField, valueAt } from '../spec/values';

const DEPRECATED_ANNOTATIONS: Array<[string, string]> = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
];
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_MESSAGE = 'non-functional in v1.27+; use the "seccompProfile" field instead';
const APPARMOR_MESSAGE = 'deprecated since v1.30; use the "appArmorProfile" field instead';

function hasStruct(map: KMap | undefined, key: string): boolean {
  return !!map && !!structField(map, key)?.m;
}

/** Deprecated annotations, and the legacy seccomp/AppArmor annotations without their fields. */
const deprecatedAnnotations: PodSpecRule = (ctx, site) => {
  const ann = site.metadata ? structField(site.metadata, 'annotations')?.m : undefined;
  if (!ann) return;
  const path = childPath(site.metadataPath, 'annotations');
  const warn = (key: string, text: string) => {
    const e = entry(ann, key);
    if (e) report(ctx, 'deprecated-annotation', undefined, keyPath(path, key), e.keySpan, text);
  };
  for (const [key, text] of DEPRECATED_ANNOTATIONS) warn(key, text);
  const podSC = structField(site.spec, 'securityContext')?.m ?? undefined;
  if (!hasStruct(podSC, 'seccompProfile')) warn(SECCOMP_POD, SECCOMP_MESSAGE);
  // A Pod's AppArmor annotations are handled while it is prepared for storage; templates warn here.
  const template = ctx.object.kind !== 'Pod';
  const podAppArmor = hasStruct(podSC, 'appArmorProfile');
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const ref of containersOf(site.spec, site.path, kind)) {
      const name = strField(ref.c, 'name')?.value ?? '';
      const sc = structField(ref.c, 'securityContext')?.m ?? undefined;
      if (!hasStruct(sc, 'seccompProfile')) warn(SECCOMP_CONTAINER + name, SECCOMP_MESSAGE);
      if (template && !podAppArmor && !hasStruct(sc, 'appArmorProfile')) warn(APPARMOR_CONTAINER + name, APPARMOR_MESSAGE);
    }
  }
};

const negativeGracePeriod: PodSpecRule = (ctx, site) => {
  const f = intField(site.spec, 'terminationGracePeriodSeconds');
  if (!f?.e || f.value === undefined || f.value >= 0) return;
  report(ctx, 'negative-grace-period', undefined, childPath(site.path, 'terminationGracePeriodSeconds'), valueAt(f.e), 'must be >= 0; negative values are invalid and will be treated as 1');
};

/** A Pod (anti-)affinity term whose labelSelector is absent or null selects no Pod at all. */
function termsWithoutSelector(ctx: RuleContext, affinity: KMap, kind: string, path: string): void {
  const a = structField(affinity, kind)?.m;
  if (!a) return;
  const base = childPath(path, kind);
  const check = (term: KMap | undefined, at: Span, p: string) => {
    if (term && structField(term, 'labelSelector')?.m === null)
      report(ctx, 'affinity-term-without-selector', undefined, childPath(p, 'labelSelector'), at, 'a null labelSelector results in matching no pod');
  };
  const req = seqField(a, 'requiredDuringSchedulingIgnoredDuringExecution');
  req?.items.forEach((item, i) => check(itemMap(item), nodeAt(item), indexPath(childPath(base, 'requiredDuringSchedulingIgnoredDuringExecution'), i)));
  const pref = seqField(a, 'preferredDuringSchedulingIgnoredDuringExecution');
  pref?.items.forEach((item, i) => {
    const w = itemMap(item);
    const t = w ? structField(w, 'podAffinityTerm') : undefined;
    if (!w || !t) return;
    // A missing podAffinityTerm is the zero term: its selector is null too.
    const term = t.m ?? { kind: 'map' as const, start: w.start, end: w.start, entries: [] };
    check(term, t.e ? t.e.keySpan : nodeAt(item), childPath(indexPath(childPath(base, 'preferredDuringSchedulingIgnoredDuringExecution'), i), 'podAffinityTerm'));
  });
}

const affinityWarnings: PodSpecRule = (ctx, site) => {
  const affinity = structField(site.spec, 'affinity')?.m;
  if (!affinity) return;
  const path = childPath(site.path, 'affinity');
  termsWithoutSelector(ctx, affinity, 'podAffinity', path);
  termsWithoutSelector(ctx, affinity, 'podAntiAffinity', path);
  // Preferred node affinity values are not validated, only warned about.
  const node = structField(affinity, 'nodeAffinity')?.m;
  const pref = node ? seqField(node, 'preferredDuringSchedulingIgnoredDuringExecution') : undefined;
  const prefPath = childPath(childPath(path, 'nodeAffinity'), 'preferredDuringSchedulingIgnoredDuringExecution');
  pref?.items.forEach((item, i) => {
    const w = itemMap(item);
    const term = w ? structField(w, 'preference')?.m : undefined;
    const exprs = term ? seqField(term, 'matchExpressions') : undefined;
    exprs?.items.forEach((x, j) => {
      const m = itemMap(x);
      const values = m ? seqField(m, 'values') : undefined;
      const list = values ? stringItems(values.items) : undefined;
      list?.forEach((v, k) => {
        const p = indexPath(childPath(indexPath(childPath(childPath(indexPath(prefPath, i), 'preference'), 'matchExpressions'), j), 'values'), k);
        for (const d of isValidLabelValue(v.value)) report(ctx, 'preferred-affinity-label-value', undefined, p, nodeAt(v.node), `${v.value} is invalid, ${d}`);
      });
    });
  });
};

/** `GetWarningsForIP` on the legacy IP fields of a Pod spec. */
const ipForms: PodSpecRule = (ctx, site) => {
  const warn = (value: string, path: string, at: Span) => {
    if (!isSloppyIP(value)) return; // invalid: an error elsewhere
    const w = ipFormWarning(value);
    if (w) report(ctx, 'non-standard-ip', undefined, path, at, w);
  };
  const dns = structField(site.spec, 'dnsConfig')?.m;
  const ns = dns ? seqField(dns, 'nameservers') : undefined;
  const list = ns ? stringItems(ns.items) : undefined;
  list?.forEach((v, i) => warn(v.value, indexPath(childPath(childPath(site.path, 'dnsConfig'), 'nameservers'), i), nodeAt(v.node)));
  seqField(site.spec, 'hostAliases')?.items.forEach((item, i) => {
    const a = itemMap(item);
    const ip = a ? strField(a, 'ip') : undefined;
    if (ip?.e) warn(ip.value, childPath(indexPath(childPath(site.path, 'hostAliases'), i), 'ip'), valueAt(ip.e));
  });
};

/**
 * One port name in two running containers (regular containers and sidecars): a Service or
 * probe that selects the port by name uses the first. Within one container a repeated name
 * is already an error (duplicate-port-name).
 */
const sharedPortNames: PodSpecRule = (ctx, site) => {
  const first = new Map<string, { path: string; at: Span; container: number }>();
  let n = 0;
  for (const kind of ['initContainers', 'containers'] as const) {
    for (const ref of containersOf(site.spec, site.path, kind)) {
      n++;
      if (kind === 'initContainers' && !isRestartable(ref.c)) continue;
      seqField(ref.c, 'ports')?.items.forEach((item, i) => {
        const p = itemMap(item);
        const name = p ? strField(p, 'name') : undefined;
        if (!name?.e || name.value === '') return;
        const path = indexPath(childPath(ref.path, 'ports'), i);
        const prev = first.get(name.value);
        if (!prev) first.set(name.value, { path, at: valueAt(name.e), container: n });
        else if (prev.container !== n)
          report(ctx, 'shared-port-name', undefined, path, valueAt(name.e), `duplicate port name ${JSON.stringify(name.value)} with ${prev.path}, services and probes that select ports by name will use ${prev.path}`, [
            { span: prev.at, message: `"${name.value}" is first used here` },
          ]);
      });
    }
  }
};

const BYTE_RESOURCES = ['memory', 'ephemeral-storage'];

function fractional(ctx: RuleContext, list: KMap, names: string[], path: string): void {
  for (const name of names) {
    const e = entry(list, name);
    if (!e || e.value.kind !== 'scalar') continue;
    const text = e.value.v.type === 'string' ? e.value.v.value : e.value.text;
    const q = parseQuantity(text);
    if (q.ok && !isInteger(q.q)) report(ctx, 'fractional-byte-value', undefined, keyPath(path, name), valueAt(e), `fractional byte value "${text.trim()}" is invalid, must be an integer`);
  }
}

/** Fractional byte values in `spec.overhead` and in ephemeral volume claim templates. */
const fractionalElsewhere: PodSpecRule = (ctx, site) => {
  const overhead = structField(site.spec, 'overhead')?.m;
  if (overhead) fractional(ctx, overhead, BYTE_RESOURCES, childPath(site.path, 'overhead'));
  seqField(site.spec, 'volumes')?.items.forEach((item, i) => {
    const v = itemMap(item);
    const tmpl = v ? structField(structField(v, 'ephemeral')?.m ?? emptyMap, 'volumeClaimTemplate')?.m : undefined;
    const spec = tmpl ? structField(tmpl, 'spec')?.m : undefined;
    const res = spec ? structField(spec, 'resources')?.m : undefined;
    if (!res) return;
    const base = childPath(childPath(childPath(childPath(indexPath(childPath(site.path, 'volumes'), i), 'ephemeral'), 'volumeClaimTemplate'), 'spec'), 'resources');
    for (const kind of ['requests', 'limits']) {
      const list = structField(res, kind)?.m;
      if (list) fractional(ctx, list, ['storage'], childPath(base, kind));
    }
  });
};

const emptyMap: KMap = { kind: 'map', start: 0, end: 0, entries: [] };

export const podWarningRules: PodSpecRule[] = [deprecatedAnnotations, negativeGracePeriod, affinityWarnings, ipForms, sharedPortNames, fractionalElsewhere];
