/**
 * Plain-words explanations of the sharing model: hover Markdown, code lens summaries and inlay
 * hint labels. Names come from the manifest and are escaped as inline code in Markdown.
 */
import { entry, stringAt } from '../parse/tree';
import { concurrent } from './compute';
import { lifetimeSentence, lifetimeTag, sourceMarkdown, sourceParts } from './volumes';
import { LISTED, code, joinOf, list, listOf, mdText, plain } from './markdown';

export { code, list, plain };
import type { ContainerShare, MountShare, PodSharing, PortRef, PortShare, SharingTarget, VolumeNameRef, VolumeShare } from './types';

const ROLE: Record<string, string> = { container: 'container', init: 'init container', sidecar: 'sidecar', ephemeral: 'ephemeral container' };

/** `` `nginx` ``, `` `log-shipper` (sidecar) ``. */
export function who(c: ContainerShare): string {
  const n = code(c.label);
  return c.role === 'container' ? n : `${n} (${c.role === 'init' ? 'init' : c.role})`;
}

/** `8080/TCP` in Markdown (the protocol is the manifest's string). */
export function portText(p: PortShare): string {
  return `${p.number ?? '?'}/${mdText(p.protocol)}`;
}

/** `8080/TCP` as plain text, for lenses and hints. */
function portPlain(p: PortShare): string {
  return `${p.number ?? '?'}/${plain(p.protocol, 20)}`;
}

function portTitle(p: PortShare): string {
  return `port ${portText(p)}${p.name ? ` ${code(p.name)}` : ''} of ${code(p.container.label)}`;
}

/** Containers that can reach `c` over localhost while it runs: the first few, and how many. */
export function reachers(pod: PodSharing, c: ContainerShare): { first: ContainerShare[]; count: number } {
  return { first: pod.beside.firstBeside(c, LISTED), count: pod.beside.countBeside(c) };
}

function mountWhere(m: MountShare, withVolume = false): string {
  const mods: string[] = [];
  if (m.readOnly) mods.push('read-only');
  if (m.subPath) mods.push(`subPath ${code(m.subPath)}`);
  if (m.subPathExpr) mods.push(`subPathExpr ${code(m.subPathExpr)}`);
  if (m.propagation && m.propagation !== 'None') mods.push(`propagation ${mdText(m.propagation)}`);
  if (m.list === 'volumeDevices') mods.push('block device');
  const at = m.mountPath !== undefined ? ` at ${code(m.mountPath)}` : '';
  return `${who(m.container)}${withVolume && m.volumeName !== undefined ? ` mounts ${code(m.volumeName)}` : ''}${at}${mods.length ? ` (${mods.join(', ')})` : ''}`;
}

function mountsSentence(v: VolumeShare, except?: MountShare): string | undefined {
  const ms = v.mounts.filter((m) => m !== except);
  if (ms.length === 0) return undefined;
  const rw = ms.filter((m) => !m.readOnly).map((m) => mountWhere(m));
  const ro = ms.filter((m) => m.readOnly).map((m) => mountWhere(m));
  const parts: string[] = [];
  if (rw.length) parts.push(`written by ${list(rw)}`);
  if (ro.length) parts.push(`read by ${list(ro)}`);
  return parts.join('; ');
}

function distinctContainers(ms: MountShare[]): ContainerShare[] {
  return [...new Set(ms.map((m) => m.container))];
}

/** Whether an init container fills the volume before long-running containers read it. */
function fillNote(v: VolumeShare): string | undefined {
  const writers = v.mounts.filter((m) => !m.readOnly && m.container.role === 'init').map((m) => m.container);
  const readers = v.mounts.filter((m) => m.container.role === 'container' || m.container.role === 'sidecar').map((m) => m.container);
  if (writers.length === 0 || readers.length === 0) return undefined;
  return `${list([...new Set(writers)].map(who))} run${writers.length === 1 ? 's' : ''} first, so ${list([...new Set(readers)].map((c) => code(c.label)))} start${readers.length === 1 ? 's' : ''} with what ${writers.length === 1 ? 'it' : 'they'} wrote.`;
}

function volumeWarnings(v: VolumeShare): string[] {
  const out: string[] = [];
  if (v.mounts.length === 0 && v.nameRefs.length === 0) out.push('⚠ No container mounts it.');
  if (v.lifetime === 'view') {
    const sub = v.mounts.filter((m) => m.subPath || m.subPathExpr);
    if (sub.length) out.push(`${list(sub.map((m) => code(m.container.label)))} mount${sub.length === 1 ? 's' : ''} it with subPath: no updates reach ${sub.length === 1 ? 'that mount' : 'those mounts'}.`);
  }
  if (v.source === 'hostPath') {
    const rw = v.mounts.filter((m) => !m.readOnly);
    if (rw.length) out.push(`⚠ ${list(rw.map((m) => code(m.container.label)))} can write to the Node's filesystem.`);
  }
  const bidi = v.mounts.filter((m) => m.propagation === 'Bidirectional');
  if (bidi.length) out.push(`Mounts made by ${list(bidi.map((m) => code(m.container.label)))} inside it propagate back to the Node (Bidirectional; privileged containers only).`);
  return out;
}

export function volumeMarkdown(_pod: PodSharing, v: VolumeShare): string {
  const name = v.name !== undefined ? code(v.name) : `#${v.index + 1}`;
  const [kind, detail] = sourceParts(v);
  const head = `**${kind} ${name}**${detail ? ` (${code(detail)})` : ''}`;
  const users = distinctContainers(v.mounts);
  const who1 = mountsSentence(v);
  const lines = [`${head}${who1 ? `: ${who1}` : ''}${users.length > 1 ? ` — shared by ${users.length} containers` : ''}.`];
  const fill = fillNote(v);
  if (fill) lines.push('', fill);
  for (const r of v.nameRefs) lines.push('', `${who(r.container)} reads an env var from it (${r.where}).`);
  lines.push('', lifetimeSentence(v));
  const warn = volumeWarnings(v);
  if (warn.length) lines.push('', warn.join('  \n'));
  return lines.join('\n');
}

function entryBool(m: MountShare, key: string): boolean | undefined {
  const e = entry(m.node, key);
  return e && e.value.kind === 'scalar' && e.value.v.type === 'bool' ? e.value.v.value : undefined;
}

export function mountMarkdown(pod: PodSharing, m: MountShare): string {
  const lines: string[] = [];
  const vname = m.volumeName !== undefined ? code(m.volumeName) : 'a volume';
  const at = m.mountPath !== undefined ? ` at ${code(m.mountPath)}` : '';
  const mode = m.readOnly ? 'read-only' : 'read-write';
  lines.push(`**${code(m.container.label)} mounts ${vname}**${at} (${mode})`);
  const v = m.volume;
  if (!v) {
    const names = pod.volumes.map((x) => x.name).filter((x): x is string => x !== undefined);
    lines.push('', `⚠ This Pod declares no volume named ${vname}${names.length ? ` (volumes: ${list(names.map(code))})` : ''}: the API server rejects the mount.`);
    return lines.join('\n');
  }
  const tag = lifetimeTag(v.lifetime);
  lines.push('', `${sourceMarkdown(v)}${tag ? ` — ${tag}` : ''}.`);
  const others = mountsSentence(v, m);
  if (others) lines.push('', `Also ${others}.`);
  else lines.push('', `No other container mounts ${vname}.`);
  const fill = fillNote(v);
  if (fill && others) lines.push('', fill);
  if (m.subPath || m.subPathExpr) {
    lines.push('', `Only ${m.subPath ? code(m.subPath) : `the expanded ${code(m.subPathExpr ?? '')}`} of the volume is mounted${v.lifetime === 'view' ? '; with subPath the container never sees updates of the source' : ''}.`);
  }
  const writesAsked = entryBool(m, 'readOnly') === false;
  if (v.lifetime === 'view' && writesAsked) lines.push('', `${v.source} volumes are always mounted read-only.`);
  if (m.readOnly && m.recursiveReadOnly === 'Enabled') lines.push('', 'Read-only all the way down, including submounts (recursiveReadOnly).');
  if (m.propagation === 'HostToContainer') lines.push('', 'Sees mounts made later on the Node under this path (HostToContainer).');
  if (m.propagation === 'Bidirectional') lines.push('', 'Mounts it makes here propagate to the Node and other Pods (Bidirectional; privileged containers only).');
  return lines.join('\n');
}

function reachSentence(pod: PodSharing, p: PortShare): string | undefined {
  if (p.number === undefined) return undefined;
  const others = reachers(pod, p.container);
  const whom = listOf(others.first.map(who), others.count);
  if (p.container.role === 'init') {
    const base = `${code(p.container.label)} is an init container: it listens only while it runs, before the app containers start.`;
    return others.count ? `${base} ${whom} can reach it at localhost:${p.number} meanwhile.` : base;
  }
  if (others.count === 0) return undefined;
  return `${whom} can reach this at localhost:${p.number}.`;
}

/** Distinct strings, in order. */
function distinct(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** How many distinct items a (possibly cut) list of colliding ports stands for. */
function collisionTotal(p: PortShare, listed: number, containers: number): number {
  return p.collisionCount > p.collisions.length ? Math.max(listed, containers) : listed;
}

function collisionSentence(p: PortShare): string | undefined {
  if (p.collisionCount === 0) return undefined;
  if (p.collidingContainers === 0) return `⚠ ${code(p.container.label)} declares ${portText(p)} twice.`;
  const names = [...new Set([p.container, ...p.collisions.map((q) => q.container)])].map((c) => code(c.label));
  const total = collisionTotal(p, names.length, 1 + p.collidingContainers);
  return `⚠ ${listOf(names, total)} ${total === 2 ? 'both' : 'all'} declare ${portText(p)} — only one can bind it.`;
}

function refUse(r: PortRef): string {
  return `${r.where}${r.container !== r.target?.container ? ` of ${code(r.container.label)}` : ''}`;
}

export function portMarkdown(pod: PodSharing, p: PortShare, field?: string): string {
  const lines = [`**${portTitle(p)}**`];
  if (pod.hostNetwork.value) {
    lines.push('', `Bound on the **Node's IP** (\`hostNetwork: true\`): anything that reaches the Node reaches it, and no other Pod or process on that Node can use ${portText(p)}.`);
  } else {
    lines.push('', `On the Pod's IP, one port space for all its containers.`);
  }
  const reach = reachSentence(pod, p);
  if (reach) lines.push('', reach);
  const clash = collisionSentence(p);
  if (clash) lines.push('', clash);
  if (p.hostPort !== undefined && !pod.hostNetwork.value) {
    lines.push('', `Published on the Node's IP${p.hostIP ? ` ${code(p.hostIP)}` : ''} at port ${p.hostPort}: one such Pod per Node — the scheduler only picks Nodes where ${p.hostPort}/${mdText(p.protocol)} is free.`);
  }
  if (p.refs.length) {
    const named = p.refs.filter((r) => r.name !== undefined);
    const numbered = p.refs.filter((r) => r.name === undefined);
    if (named.length) lines.push('', `Used by name in ${list(named.map(refUse))}.`);
    if (numbered.length) lines.push('', `Used by number in ${list(numbered.map(refUse))}.`);
  } else if (field === 'name' && p.name) {
    lines.push('', `Probes and lifecycle hooks of ${code(p.container.label)}, and Services, can refer to it as ${code(p.name)}.`);
  }
  return lines.join('\n');
}

export function portRefMarkdown(_pod: PodSharing, r: PortRef): string {
  const shown = r.name !== undefined ? code(r.name) : String(r.number);
  const t = r.target;
  if (!t) {
    if (r.name !== undefined) {
      const names = r.container.ports.map((p) => p.name).filter((x): x is string => x !== undefined);
      return `**${r.where}** port ${shown}\n\n⚠ ${code(r.container.label)} declares no port named ${shown}${names.length ? ` (its ports: ${list(names.map(code))})` : ''}: the kubelet cannot resolve it, so this check fails.`;
    }
    return `**${r.where}** port ${shown}\n\nNo container of this Pod declares ${r.number}; that is fine if the process listens there (declaring ports is informational).`;
  }
  const lines = [`**${r.where}** → ${portTitle(t)}`];
  if (r.name !== undefined) lines.push('', `The kubelet resolves ${shown} among the ports of ${code(r.container.label)}.`);
  if (t.container !== r.container) {
    lines.push('', `⚠ ${t.number} is declared by ${who(t.container)}, not ${code(r.container.label)}: they share the Pod's network, so this check of ${code(r.container.label)} reaches ${code(t.container.label)}.`);
  }
  return lines.join('\n');
}

function lifecycleSentence(pod: PodSharing, c: ContainerShare): string {
  const inits = pod.containers.filter((x) => x.role === 'init');
  const sidecars = pod.containers.filter((x) => x.role === 'sidecar');
  const apps = pod.containers.filter((x) => x.role === 'container');
  switch (c.role) {
    case 'init': {
      const order = inits.indexOf(c) + 1;
      const withSidecars = sidecars.filter((s) => concurrent(s, c));
      return `Runs to completion before the app containers start, one init container at a time (step ${order} of ${inits.length}).${withSidecars.length ? ` Sidecar${withSidecars.length > 1 ? 's' : ''} ${list(withSidecars.map((s) => code(s.label)))} already run${withSidecars.length === 1 ? 's' : ''} beside it.` : ''}`;
    }
    case 'sidecar': {
      const later = inits.filter((x) => x.ref.index > c.ref.index);
      const targets = [...later.map(who), ...apps.map((x) => code(x.label))];
      return `Init container with \`restartPolicy: Always\`: starts before ${targets.length ? list(targets) : 'the app containers'}, keeps running alongside them (restarted if it exits), and is stopped after them.`;
    }
    case 'ephemeral':
      return 'Added to the running Pod for debugging; it joins the Pod\'s namespaces and is never restarted.';
    default: {
      const parts: string[] = [];
      if (inits.length) parts.push(`Starts after ${list(inits.map((x) => code(x.label)))} ${inits.length === 1 ? 'has' : 'have'} completed`);
      if (sidecars.length) parts.push(`${parts.length ? 'sidecar' : 'Sidecar'}${sidecars.length > 1 ? 's' : ''} ${list(sidecars.map((x) => code(x.label)))} start${sidecars.length === 1 ? 's' : ''} before it and run${sidecars.length === 1 ? 's' : ''} alongside`);
      if (parts.length) return `${parts.join('; ')}.`;
      const others = apps.filter((x) => x !== c);
      return others.length ? `Starts alongside ${list(others.map((x) => code(x.label)))} (in order, without waiting for each other).` : 'The only app container of the Pod.';
    }
  }
}

export function containerMarkdown(pod: PodSharing, c: ContainerShare): string {
  const lines = [`**${ROLE[c.role]} ${code(c.label)}**`, '', lifecycleSentence(pod, c)];
  const mates = reachers(pod, c);
  const mateList = listOf(mates.first.map(who), mates.count);
  if (pod.hostNetwork.value) lines.push('', `Network: the Node's (\`hostNetwork\`) — its ports bind on the Node's IP${mates.count ? `, shared with ${mateList}` : ''}.`);
  else if (mates.count) lines.push('', `Network: one Pod IP and port space with ${mateList} — they reach each other at localhost.`);
  else if (pod.containers.length > 1) lines.push('', 'Network: the Pod\'s IP, but no other container runs beside it.');
  const ports = c.ports.filter((p) => p.number !== undefined);
  const alsoDeclaredBy = (p: PortShare): string => {
    const labels = distinct(p.collisions.map((q) => code(q.container.label)));
    return listOf(labels, collisionTotal(p, labels.length, p.collidingContainers));
  };
  if (ports.length) lines.push('', `Ports: ${ports.map((p) => `${portText(p)}${p.name ? ` ${code(p.name)}` : ''}${p.collisionCount ? ' ⚠ also declared by ' + alsoDeclaredBy(p) : ''}`).join(', ')}.`);
  if (c.mounts.length) {
    // A container may mount one volume many times: who else mounts it, once per volume.
    const users = new Map<VolumeShare, ContainerShare[]>();
    const usersOf = (v: VolumeShare): ContainerShare[] => {
      let u = users.get(v);
      if (!u) users.set(v, (u = distinctContainers(v.mounts).filter((x) => x !== c)));
      return u;
    };
    const vs = c.mounts.map((m) => {
      const others = m.volume ? usersOf(m.volume) : [];
      const mode = m.readOnly ? 'ro' : 'rw';
      return `${m.volumeName !== undefined ? code(m.volumeName) : '?'}${m.mountPath !== undefined ? ` at ${code(m.mountPath)}` : ''} (${mode}${others.length ? `, with ${list(others.map((o) => code(o.label)))}` : ''})`;
    });
    lines.push('', `Volumes: ${vs.join(', ')}.`);
  }
  const ipcMates = pod.containers.filter((x) => x !== c && x.role !== 'init' && c.role !== 'init');
  if (pod.hostIPC.value) lines.push('', 'IPC: the Node\'s (`hostIPC`).');
  else if (ipcMates.length) lines.push('', `IPC: shared with ${list(ipcMates.map((x) => code(x.label)))} (SysV shared memory, message queues).`);
  if (pod.hostPID.value) lines.push('', 'Processes: sees every process of the Node (`hostPID`).');
  else if (pod.shareProcessNamespace.value) lines.push('', `Processes: sees and can signal those of ${list(pod.containers.filter((x) => x !== c).map((x) => code(x.label))) || 'the other containers'} (\`shareProcessNamespace\`).`);
  return lines.join('\n');
}

function fqdn(pod: PodSharing): string | undefined {
  if (!pod.subdomain) return undefined;
  const host = pod.hostname?.value ?? (pod.object.kind === 'Pod' ? (pod.object.name ?? '<pod-name>') : '<pod-name>');
  return `${host}.${pod.subdomain.value}.${pod.object.namespace ?? '<namespace>'}.svc.cluster.local`;
}

export function flagMarkdown(pod: PodSharing, flag: Extract<SharingTarget, { kind: 'flag' }>['flag']): string {
  const names = pod.containers.filter((c) => c.role !== 'init').map((c) => code(c.label));
  const all = names.length ? list(names) : 'the containers';
  switch (flag) {
    case 'hostNetwork': {
      if (!pod.hostNetwork.value) return `**hostNetwork: false** — ${all} share the Pod's own network namespace: one Pod IP, one port space, localhost between them; nothing is bound on the Node's IP except through hostPort.`;
      const ports = pod.ports.filter((p) => p.number !== undefined).map(portText);
      const dns = stringAt(pod.site.spec, 'dnsPolicy');
      const lines = [
        `**hostNetwork: true** — the Pod uses the Node's network namespace: ${all} see the Node's interfaces and its localhost services, and bind ports on the Node's IP${ports.length ? ` (${[...new Set(ports)].join(', ')})` : ''}.`,
        '',
        'Only one such Pod per Node can bind each port: the scheduler skips Nodes where they are taken.',
      ];
      if (dns !== 'ClusterFirstWithHostNet') lines.push('', 'DNS: without `dnsPolicy: ClusterFirstWithHostNet` the containers use the Node\'s resolver and cannot resolve Service names.');
      return lines.join('\n');
    }
    case 'hostIPC':
      return pod.hostIPC.value
        ? `**hostIPC: true** — ${all} use the Node's IPC namespace: SysV shared memory, semaphores and POSIX message queues are shared with every process on the Node.`
        : `**hostIPC: false** — ${all} share one IPC namespace of the Pod's own (SysV shared memory, message queues); nothing with the Node.`;
    case 'hostPID':
      return pod.hostPID.value
        ? `**hostPID: true** — ${all} see every process on the Node (\`ps\`, \`/proc\`), and with enough privileges can signal or trace them.`
        : `**hostPID: false** — the Node's processes are invisible to ${all}.`;
    case 'shareProcessNamespace':
      return pod.shareProcessNamespace.value
        ? `**shareProcessNamespace: true** — ${all} see each other's processes and can signal them; the pause container is PID 1 (so a container's own process is not), and each container's files are reachable at \`/proc/<pid>/root\`.`
        : `**shareProcessNamespace: false** — each container has its own PID namespace: ${all} cannot see each other's processes.`;
    case 'hostUsers':
      return pod.hostUsers?.value === false
        ? '**hostUsers: false** — the Pod gets its own user namespace: root in its containers maps to an unprivileged user on the Node.'
        : '**hostUsers: true** — the containers use the Node\'s user namespace: root in a container is root on the Node.';
    case 'hostname': {
      const f = fqdn(pod);
      return `**hostname** — \`hostname\` in ${all} returns ${pod.hostname ? code(pod.hostname.value) : 'this value'} (default: the Pod's name).${f ? ` With a headless Service named ${code(pod.subdomain!.value)}, it resolves as ${code(f)}.` : ''}`;
    }
    case 'subdomain': {
      const f = fqdn(pod);
      return `**subdomain** — with a headless Service named ${pod.subdomain ? code(pod.subdomain.value) : 'like this'} in the same namespace, the Pod gets the DNS name ${f ? code(f) : '`<hostname>.<subdomain>.<namespace>.svc.cluster.local`'}.`;
    }
    case 'setHostnameAsFQDN':
      return `**setHostnameAsFQDN: ${pod.setHostnameAsFQDN?.value ? 'true' : 'false'}** — ${pod.setHostnameAsFQDN?.value ? `\`hostname\` in ${all} returns the fully qualified name${fqdn(pod) ? ` ${code(fqdn(pod)!)}` : ''}.` : '`hostname` returns the short name.'}`;
  }
}

export function listMarkdown(pod: PodSharing, which: 'containers' | 'initContainers' | 'volumes'): string {
  if (which === 'volumes') {
    if (pod.volumes.length === 0) return '**volumes** — none declared.';
    const rows = pod.volumes.map((v) => {
      const users = distinctContainers(v.mounts).map((c) => code(c.label));
      const tag = lifetimeTag(v.lifetime);
      return `- ${v.name !== undefined ? code(v.name) : `#${v.index + 1}`}: ${sourceMarkdown(v)}${tag ? `, ${tag}` : ''} — ${users.length ? list(users) : 'not mounted'}`;
    });
    return ['**volumes**', '', ...rows].join('\n');
  }
  if (which === 'initContainers') {
    const inits = pod.containers.filter((c) => c.role === 'init');
    const sidecars = pod.containers.filter((c) => c.role === 'sidecar');
    const lines = ['**initContainers** — started one at a time, in order, before the app containers.'];
    if (inits.length) lines.push('', `Run to completion: ${list(inits.map((c) => code(c.label)))}.`);
    if (sidecars.length) lines.push('', `Sidecars (\`restartPolicy: Always\`), started in order and kept running beside the app containers: ${list(sidecars.map((c) => code(c.label)))}.`);
    return lines.join('\n');
  }
  return `**containers** — ${mdText(summary(pod))}.`;
}

/** Markdown for any sharing target. */
export function targetMarkdown(pod: PodSharing, t: SharingTarget): string {
  switch (t.kind) {
    case 'container':
      return containerMarkdown(pod, t.container);
    case 'port':
      return portMarkdown(pod, t.port, t.field);
    case 'portRef':
      return portRefMarkdown(pod, t.ref);
    case 'volume':
      return volumeMarkdown(pod, t.volume);
    case 'mount':
      return mountMarkdown(pod, t.mount);
    case 'volumeRef':
      return volumeRefMarkdown(pod, t.ref);
    case 'flag':
      return flagMarkdown(pod, t.flag);
    case 'list':
      return listMarkdown(pod, t.list);
  }
}

function volumeRefMarkdown(pod: PodSharing, r: VolumeNameRef): string {
  if (!r.volume) {
    const names = pod.volumes.map((x) => x.name).filter((x): x is string => x !== undefined);
    return `**fileKeyRef volume ${code(r.name)}**\n\n⚠ This Pod declares no volume named ${code(r.name)}${names.length ? ` (volumes: ${list(names.map(code))})` : ''}.`;
  }
  return `**${who(r.container)} reads a value from ${code(r.name)}**\n\n${sourceMarkdown(r.volume)} — ${lifetimeTag(r.volume.lifetime) || 'see the volume'}.`;
}

/** Distinct served ports among long-running containers: `:8080 :9113/UDP`. */
function portsSummary(pod: PodSharing): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of pod.ports) {
    if (p.number === undefined || p.container.role === 'init') continue;
    const key = `${p.number}/${p.protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p.protocol === 'TCP' ? `:${p.number}` : `:${p.number}/${plain(p.protocol, 20)}`);
  }
  return out;
}

export function sharedVolumes(pod: PodSharing): VolumeShare[] {
  return pod.volumes.filter((v) => distinctContainers(v.mounts).length > 1);
}

/** One line: "3 containers (1 sidecar) share one Pod IP · :8080 :9113 · 2 shared volumes". */
export function summary(pod: PodSharing): string {
  const running = pod.containers.filter((c) => c.role === 'container' || c.role === 'sidecar');
  const sidecars = running.filter((c) => c.role === 'sidecar').length;
  const inits = pod.containers.filter((c) => c.role === 'init').length;
  const n = running.length;
  const who = `${n} container${n === 1 ? '' : 's'}${sidecars ? ` (${sidecars} sidecar${sidecars > 1 ? 's' : ''})` : ''}`;
  const parts: string[] = [];
  if (pod.hostNetwork.value) parts.push(`${who} on the Node's network`);
  else parts.push(n > 1 ? `${who} share one Pod IP` : `${who} on its own Pod IP`);
  const ports = portsSummary(pod);
  if (ports.length) parts.push(ports.length > 6 ? `${ports.slice(0, 6).join(' ')} +${ports.length - 6}` : ports.join(' '));
  const clashes = new Set(pod.ports.filter((p) => p.collisionCount).map(portPlain));
  if (clashes.size) parts.push(`⚠ ${[...clashes].join(', ')} declared twice`);
  const shared = sharedVolumes(pod).length;
  if (shared) parts.push(`${shared} shared volume${shared > 1 ? 's' : ''}`);
  else if (pod.volumes.length) parts.push(`${pod.volumes.length} volume${pod.volumes.length > 1 ? 's' : ''}`);
  if (inits) parts.push(`${inits} init container${inits > 1 ? 's' : ''} first`);
  if (pod.hostPID.value) parts.push('hostPID');
  else if (pod.shareProcessNamespace.value) parts.push('shared PIDs');
  if (pod.hostIPC.value) parts.push('hostIPC');
  return parts.join(' · ');
}

/** Inlay label after a containerPort: who can reach it, or what collides. */
export function portHint(pod: PodSharing, p: PortShare): string | undefined {
  if (p.number === undefined) return undefined;
  const parts: string[] = [];
  if (pod.hostNetwork.value) parts.push("on the Node's IP");
  else if (p.hostPort !== undefined) parts.push(`Node :${p.hostPort}`);
  const r = reachers(pod, p.container);
  if (r.count) parts.push(`reachable by ${joinOf(r.first.map((c) => plain(c.label, 30)), r.count)}`);
  const clash = distinct(p.collisions.filter((q) => q.container !== p.container).map((q) => plain(q.container.label, 30)));
  if (p.collidingContainers) parts.push(`⚠ also ${joinOf(clash, collisionTotal(p, clash.length, p.collidingContainers))}`);
  else if (p.collisionCount) parts.push('⚠ declared twice');
  return parts.length ? parts.join(' · ') : undefined;
}

/** Inlay label after a volume's name: `app:/data rw · sidecar:/logs ro`. */
export function volumeHint(v: VolumeShare): string {
  if (v.mounts.length === 0) return v.nameRefs.length ? `read by ${[...new Set(v.nameRefs.map((r) => plain(r.container.label, 30)))].join(', ')} (fileKeyRef)` : 'not mounted';
  const shown = v.mounts.slice(0, 4).map((m) => `${plain(m.container.label, 30)}:${plain(m.mountPath ?? '?', 40)} ${m.readOnly ? 'ro' : 'rw'}`);
  if (v.mounts.length > 4) shown.push(`+${v.mounts.length - 4}`);
  return shown.join(' · ');
}
