/**
 * The API server's own warnings (pkg/api/pod/warnings.go): accepted with an HTTP 299 warning.
 * Reported as warnings, never errors.
 */
import { child, entry, type KNode } from '../parse/tree';
import { containersOf } from '../model/containers';
import { parseQuantity, isInteger } from '../util/quantity';
import type { PodSpecRule } from './context';
import { asSeq, pastCap, report, str } from './context';

const DEPRECATED_PLUGINS: Record<string, string> = {
  // GitRepoVolumeDriver is off by default since 1.33, which changes upstream's text.
  gitRepo: 'deprecated in v1.11, and disabled by default in v1.33+',
  photonPersistentDisk: 'deprecated in v1.11, non-functional in v1.16+',
  scaleIO: 'deprecated in v1.16, non-functional in v1.22+',
  flocker: 'deprecated in v1.22, non-functional in v1.25+',
  storageos: 'deprecated in v1.22, non-functional in v1.25+',
  quobyte: 'deprecated in v1.22, non-functional in v1.25+',
  glusterfs: 'deprecated in v1.25, non-functional in v1.26+',
  cephfs: 'deprecated in v1.28, non-functional in v1.31+',
  rbd: 'deprecated in v1.28, non-functional in v1.31+',
};

const DEPRECATED_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const deprecatedVolumes: PodSpecRule = (ctx, site) => {
  asSeq(child(site.spec, 'volumes')).forEach((v, i) => {
    if (v.kind !== 'map') return;
    for (const e of v.entries) {
      const why = Object.prototype.hasOwnProperty.call(DEPRECATED_PLUGINS, e.key) ? DEPRECATED_PLUGINS[e.key] : undefined;
      if (why) report(ctx, 'deprecated-volume-plugin', undefined, `${site.path}.volumes[${i}].${e.key}`, e.keySpan, why);
    }
  });
};

/** Upstream words it `<msg>` for nodeSelector keys and `<key> is <msg>` for expression and topology keys. */
function checkLabelKey(ctx: Parameters<PodSpecRule>[0], key: string, path: string, span: { start: number; end: number }, named = true): void {
  const why = Object.prototype.hasOwnProperty.call(DEPRECATED_LABELS, key) ? DEPRECATED_LABELS[key] : undefined;
  if (why) report(ctx, 'deprecated-node-label', undefined, path, span, named ? `${key} is ${why}` : why);
}

const deprecatedNodeLabels: PodSpecRule = (ctx, site) => {
  const sel = child(site.spec, 'nodeSelector');
  if (sel && sel.kind === 'map') for (const e of sel.entries) checkLabelKey(ctx, e.key, `${site.path}.nodeSelector[${e.key}]`, e.keySpan, false);
  const required = child(child(child(site.spec, 'affinity'), 'nodeAffinity'), 'requiredDuringSchedulingIgnoredDuringExecution');
  const preferred = child(child(child(site.spec, 'affinity'), 'nodeAffinity'), 'preferredDuringSchedulingIgnoredDuringExecution');
  const terms: Array<[KNode, string]> = [];
  asSeq(child(required, 'nodeSelectorTerms')).forEach((t, i) => terms.push([t, `${site.path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`]));
  asSeq(preferred).forEach((p, i) => {
    const t = child(p, 'preference');
    if (t) terms.push([t, `${site.path}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`]);
  });
  for (const [t, path] of terms) {
    asSeq(child(t, 'matchExpressions')).forEach((m, j) => {
      const e = entry(m, 'key');
      if (e && e.value.kind === 'scalar' && e.value.v.type === 'string') checkLabelKey(ctx, e.value.v.value, `${path}.matchExpressions[${j}].key`, e.value);
    });
  }
  asSeq(child(site.spec, 'topologySpreadConstraints')).forEach((c, i) => {
    const e = entry(c, 'topologyKey');
    if (e && e.value.kind === 'scalar' && e.value.v.type === 'string') checkLabelKey(ctx, e.value.v.value, `${site.path}.topologySpreadConstraints[${i}].topologyKey`, e.value);
    if (c.kind === 'map' && !entry(c, 'labelSelector')) {
      const anchor = entry(c, 'topologyKey')?.keySpan ?? { start: c.start, end: c.start };
      report(ctx, 'spread-without-selector', undefined, `${site.path}.topologySpreadConstraints[${i}].labelSelector`, anchor, 'a null labelSelector results in matching no pod');
    }
  });
};

const BYTE_RESOURCES = new Set(['memory', 'ephemeral-storage']);

const containerWarnings: PodSpecRule = (ctx, site) => {
  const hostNetwork = isHostNetwork(site.spec);
  for (const c of containersOf(site)) {
    const resources = child(c.node, 'resources');
    for (const kind of ['requests', 'limits']) {
      const list = child(resources, kind);
      if (!list || list.kind !== 'map') continue;
      for (const e of list.entries) {
        if (!BYTE_RESOURCES.has(e.key) || e.value.kind !== 'scalar') continue;
        const text = e.value.v.type === 'string' ? e.value.v.value : e.value.text;
        const q = parseQuantity(text);
        if (q.ok && !isInteger(q.q)) {
          report(ctx, 'fractional-byte-value', undefined, `${c.path}.resources.${kind}[${e.key}]`, e.value, `fractional byte value "${text.trim()}" is invalid, must be an integer`);
        }
      }
    }
    // Upstream warns unless the later definition only extends the earlier one ("$(X):more").
    const envList = asSeq(child(c.node, 'env'));
    const envNames = envList.length > 0 ? new Set<string>() : undefined;
    envList.forEach((env, i) => {
      const e = entry(env, 'name');
      if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string') return;
      const name = e.value.v.value;
      if (!envNames!.has(name)) {
        envNames!.add(name);
        return;
      }
      const ref = `$(${name})`;
      const value = str(env, 'value') ?? '';
      const fromSource = !!entry(env, 'valueFrom') && child(env, 'valueFrom')?.kind === 'map';
      if (fromSource || value === ref || !value.includes(ref))
        report(ctx, 'duplicate-env-name', undefined, `${c.path}.env[${i}]`, e.value, `hides previous definition of "${name}", which may be dropped when using apply`);
    });
    asSeq(child(c.node, 'ports')).forEach((p, i) => {
      const hostIP = entry(p, 'hostIP');
      const hostPort = child(p, 'hostPort');
      const hasHostPort = hostPort && hostPort.kind === 'scalar' && hostPort.v.type === 'int' && hostPort.v.value !== 0;
      if (hostIP && hostIP.value.kind === 'scalar' && hostIP.value.text !== '' && !hasHostPort && !hostNetwork) {
        if (pastCap(ctx, 'host-ip-without-host-port')) report(ctx, 'host-ip-without-host-port', undefined, '', hostIP.value, '');
        else report(ctx, 'host-ip-without-host-port', undefined, `${c.path}.ports[${i}]`, hostIP.value, `hostIP set without hostPort: ${goPort(p)}`);
      }
    });
  }
};

/** Go's `%+v` of a `core.ContainerPort`, as upstream prints it (protocol defaulted). */
function goPort(p: KNode): string {
  const num = (k: string) => {
    const n = child(p, k);
    return n && n.kind === 'scalar' && n.v.type === 'int' ? n.v.value : 0;
  };
  return `{Name:${str(p, 'name') ?? ''} HostPort:${num('hostPort')} ContainerPort:${num('containerPort')} Protocol:${str(p, 'protocol') || 'TCP'} HostIP:${str(p, 'hostIP') ?? ''}}`;
}

function isHostNetwork(spec: KNode): boolean {
  const h = child(spec, 'hostNetwork');
  return !!h && h.kind === 'scalar' && h.v.value === true;
}

const podWarnings: PodSpecRule = (ctx, site) => {
  const secrets = new Set<string>();
  asSeq(child(site.spec, 'imagePullSecrets')).forEach((s, i) => {
    const name = str(s, 'name') ?? '';
    const anchor = entry(s, 'name')?.value ?? { start: s.start, end: s.start };
    if (name === '') report(ctx, 'duplicate-image-pull-secret', undefined, `${site.path}.imagePullSecrets[${i}].name`, anchor, 'invalid empty name ""');
    else if (secrets.has(name)) report(ctx, 'duplicate-image-pull-secret', undefined, `${site.path}.imagePullSecrets[${i}].name`, anchor, `duplicate name "${name}"`);
    secrets.add(name);
  });
  const ips = new Set<string>();
  asSeq(child(site.spec, 'hostAliases')).forEach((a, i) => {
    const e = entry(a, 'ip');
    if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string') return;
    const ip = e.value.v.value;
    if (ips.has(ip)) report(ctx, 'duplicate-host-alias-ip', undefined, `${site.path}.hostAliases[${i}].ip`, e.value, `duplicate ip "${ip}"`);
    ips.add(ip);
  });
};

export const upstreamWarningRules: PodSpecRule[] = [deprecatedVolumes, deprecatedNodeLabels, containerWarnings, podWarnings];
