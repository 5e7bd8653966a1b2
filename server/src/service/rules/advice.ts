/**
 * Podsight's own advice: what the API server accepts but will fail or surprise at run time.
 * Never errors (no errorType); users re-level them like any rule.
 */
import { child, entry, type KNode } from '../parse/tree';
import { containersOf, describeContainer, type ContainerRef } from '../model/containers';
import type { PodSpecRule, RuleContext } from './context';
import { asSeq, pastCap, report, str } from './context';

/** Handlers that may name a port: probes and lifecycle hooks, by http/tcp/grpc action. */
const PORT_HOLDERS = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE_HOOKS = ['postStart', 'preStop'];

function checkNamedPort(ctx: RuleContext, c: ContainerRef, handler: KNode | undefined, handlerPath: string, declared: Set<string>): void {
  for (const action of ['httpGet', 'tcpSocket']) {
    const e = entry(child(handler, action), 'port');
    if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string') continue;
    const name = e.value.v.value;
    if (declared.has(name) || name === '') continue;
    const known = [...declared];
    report(
      ctx,
      'probe-port-undeclared',
      undefined,
      `${handlerPath}.${action}.port`,
      e.value,
      `${describeContainer(c)} declares no port named "${name}"${known.length ? ` (its ports: ${known.map((k) => `"${k}"`).join(', ')})` : ''}: the kubelet cannot resolve it, so this ${handlerPath.includes('Probe') ? 'probe always fails' : 'handler fails'}`,
    );
  }
}

const undeclaredNamedPorts: PodSpecRule = (ctx, site) => {
  for (const c of containersOf(site)) {
    const lifecycle = child(c.node, 'lifecycle');
    // Only handlers name ports: most containers of a large Pod have none to check.
    if (!lifecycle && !entry(c.node, 'livenessProbe') && !entry(c.node, 'readinessProbe') && !entry(c.node, 'startupProbe')) continue;
    const declared = new Set<string>();
    for (const p of asSeq(child(c.node, 'ports'))) {
      const n = str(p, 'name');
      if (n) declared.add(n);
    }
    for (const key of PORT_HOLDERS) {
      const probe = child(c.node, key);
      if (probe) checkNamedPort(ctx, c, probe, `${c.path}.${key}`, declared);
    }
    for (const hook of LIFECYCLE_HOOKS) {
      const h = child(lifecycle, hook);
      if (h) checkNamedPort(ctx, c, h, `${c.path}.lifecycle.${hook}`, declared);
    }
  }
};

const unusedVolumes: PodSpecRule = (ctx, site) => {
  const volumes = asSeq(child(site.spec, 'volumes'));
  if (volumes.length === 0) return;
  const used = new Set<string>();
  for (const c of containersOf(site)) {
    for (const list of ['volumeMounts', 'volumeDevices']) for (const m of asSeq(child(c.node, list))) {
      const n = str(m, 'name');
      if (n) used.add(n);
    }
    // A fileKeyRef env var reads from a volume too.
    for (const env of asSeq(child(c.node, 'env'))) {
      const v = str(child(child(env, 'valueFrom'), 'fileKeyRef'), 'volumeName');
      if (v) used.add(v);
    }
  }
  volumes.forEach((v, i) => {
    const e = entry(v, 'name');
    if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string') return;
    const name = e.value.v.value;
    if (used.has(name)) return;
    report(ctx, 'unused-volume', undefined, `${site.path}.volumes[${i}]`, e.value, `volume "${name}" is not mounted by any container of this manifest (a sidecar injected at admission may still mount it)`);
  });
};

/**
 * What the kubelet does with a :latest image under each pull policy (kubelet image manager):
 * the advice must hold for the policy the container really gets. An empty or absent policy is
 * defaulted to Always for such images (SetDefaults_Container).
 */
function latestConsequence(policy: string | undefined): string {
  switch (policy) {
    case undefined:
    case '':
      return 'imagePullPolicy defaults to Always, so the kubelet asks the registry on every container start, and containers started at different times may run different images';
    case 'Always':
      return 'with imagePullPolicy Always the kubelet asks the registry on every container start, and containers started at different times may run different images';
    case 'IfNotPresent':
      return 'with imagePullPolicy IfNotPresent each node keeps the image it pulled first under that tag, so Pods on different nodes may run different images';
    case 'Never':
      return 'with imagePullPolicy Never the image must already be on the node, and nodes may hold different images under that tag';
    default:
      // An unsupported policy is an error of its own (image-pull-policy).
      return 'Pods may run different images under that tag';
  }
}

/** The policy as written: undefined when absent or null, '?' when not a string. */
function pullPolicy(n: KNode | undefined): string | undefined {
  if (!n || (n.kind === 'scalar' && n.v.type === 'null')) return undefined;
  return n.kind === 'scalar' && n.v.type === 'string' ? n.v.value : '?';
}

const latestTag: PodSpecRule = (ctx, site) => {
  for (const c of containersOf(site)) {
    const e = entry(c.node, 'image');
    if (!e || e.value.kind !== 'scalar' || e.value.v.type !== 'string') continue;
    const image = e.value.v.value.trim();
    if (!image || image.includes('@')) continue; // digests are pinned
    const lastSlash = image.lastIndexOf('/');
    const colon = image.indexOf(':', lastSlash + 1);
    const tag = colon === -1 ? undefined : image.slice(colon + 1);
    if (tag !== undefined && tag !== 'latest') continue;
    if (pastCap(ctx, 'image-latest-tag')) {
      report(ctx, 'image-latest-tag', undefined, '', e.value, '');
      continue;
    }
    const consequence = latestConsequence(pullPolicy(entry(c.node, 'imagePullPolicy')?.value));
    report(
      ctx,
      'image-latest-tag',
      undefined,
      `${c.path}.image`,
      e.value,
      tag === 'latest' ? `image "${image}" uses the :latest tag: ${consequence}` : `image "${image}" has no tag, so it means :latest: ${consequence}`,
    );
  }
};

const noRequests: PodSpecRule = (ctx, site) => {
  for (const c of containersOf(site)) {
    if (c.role === 'ephemeral' || c.role === 'init') continue;
    const requests = child(child(c.node, 'resources'), 'requests');
    const limits = child(child(c.node, 'resources'), 'limits');
    // Limits alone are copied into requests by the API server.
    const cpu = !!entry(requests, 'cpu') || !!entry(limits, 'cpu');
    const memory = !!entry(requests, 'memory') || !!entry(limits, 'memory');
    if (cpu && memory) continue;
    const anchor = entry(c.node, 'name')?.keySpan ?? { start: c.node.start, end: c.node.start };
    // Off by default, and true of every container of a hostile Pod: counted only past the cap.
    if (pastCap(ctx, 'no-resource-requests')) {
      report(ctx, 'no-resource-requests', undefined, '', anchor, '');
      continue;
    }
    const missing = cpu ? 'memory' : memory ? 'cpu' : 'cpu or memory';
    report(ctx, 'no-resource-requests', undefined, `${c.path}.resources.requests`, anchor, `${describeContainer(c)} requests no ${missing}: the scheduler treats it as needing none`);
  }
};

export const adviceRules: PodSpecRule[] = [undeclaredNamedPorts, unusedVolumes, latestTag, noRequests];
