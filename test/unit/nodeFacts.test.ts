/**
 * The Node manifest explains itself (service/nodeFacts/): lens, inlay hint and hovers on a
 * generated cluster, checked against the simulation's own report (placement, requests) and
 * against what the generator wrote (who selects a label, who tolerates a taint, who shares a
 * host port or path). The CLI's per-Node JSON fields come from the same Nodes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { PodsightService, runSimulation, toScheduleReport, type ManifestFile } from '../../server/src/service';

interface Cluster {
  service: PodsightService;
  nodes: ManifestFile;
  pods: ManifestFile;
  files: ManifestFile[];
}

/** `n` Nodes (every third tainted `dedicated=db:NoSchedule`, zones a/b), and a mix of Pods. */
function cluster(n: number): Cluster {
  const nodeDocs: string[] = [];
  for (let i = 0; i < n; i++) {
    const taint = i % 3 === 0 ? `spec:\n  taints:\n  - key: dedicated\n    value: db\n    effect: NoSchedule\n` : '';
    nodeDocs.push(`apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${i}\n  labels:\n    zone: z${i % 2 ? 'b' : 'a'}\n    disk: ${i % 2 ? 'hdd' : 'ssd'}\n${taint}status:\n  capacity:\n    cpu: "4"\n    memory: 8Gi\n    pods: "110"\n  allocatable:\n    cpu: 3800m\n    memory: 7Gi\n    pods: "110"\n`);
  }
  const podDocs: string[] = [];
  // A Deployment that needs ssd (nodeSelector) and tolerates the db taint.
  podDocs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\n  namespace: data\nspec:\n  replicas: ${n}\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      nodeSelector:\n        disk: ssd\n      tolerations:\n      - key: dedicated\n        operator: Equal\n        value: db\n        effect: NoSchedule\n      containers:\n      - name: db\n        image: postgres:16\n        resources:\n          requests: {cpu: 500m, memory: 1Gi}\n`);
  // A template spread over zones (topology key), which does not tolerate the taint.
  podDocs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${n}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: zone\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels: {app: web}\n      containers:\n      - name: web\n        image: nginx:1.27\n        resources:\n          requests: {cpu: 100m, memory: 128Mi}\n`);
  // Two Pods bound to node-1 that share a hostPath (one writes, one reads) and a hostNetwork Pod.
  podDocs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: writer\nspec:\n  nodeName: node-1\n  containers:\n  - name: w\n    image: busybox\n    volumeMounts:\n    - name: logs\n      mountPath: /logs\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log/app\n`);
  podDocs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: reader\nspec:\n  nodeName: node-1\n  hostNetwork: true\n  containers:\n  - name: r\n    image: busybox\n    ports:\n    - containerPort: 9100\n    volumeMounts:\n    - name: logs\n      mountPath: /logs\n      readOnly: true\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log/app\n`);
  // Pending: too big for any Node, but its selector takes every ssd Node.
  podDocs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: huge\nspec:\n  nodeSelector:\n    disk: ssd\n  containers:\n  - name: h\n    image: busybox\n    resources:\n      requests: {cpu: "6", memory: 1Gi}\n`);
  const service = new PodsightService();
  const nodes = service.parse('file:///ws/nodes.yaml', 1, nodeDocs.join('---\n'));
  const pods = service.parse('file:///ws/pods.yaml', 1, podDocs.join('---\n'));
  const files = [nodes, pods];
  for (const f of files) service.workspace.update(f);
  return { service, nodes, pods, files };
}

function text(h: Hover | null): string {
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

function posOf(file: ManifestFile, needle: string, from = 0, delta = 1): { line: number; character: number } {
  const i = file.text.indexOf(needle, from);
  assert.ok(i >= 0, `no ${needle}`);
  return file.lines.positionAt(i + delta);
}

function nodeStart(file: ManifestFile, name: string): number {
  const i = file.text.indexOf(`name: ${name}\n`);
  assert.ok(i >= 0);
  return i;
}

test('a lens above each Node: its Pods and its use, as the simulation placed them', () => {
  const c = cluster(12);
  const sim = runSimulation(c.files, { admit: c.service.schedulingAdmission(c.files) });
  const report = toScheduleReport(sim);
  const lenses = c.service.codeLenses(c.nodes, undefined, 'podsight.previewScheduling', undefined, sim);
  const nodeLenses = lenses.filter((l) => l.command?.arguments?.[0]?.focusNode !== undefined);
  assert.equal(nodeLenses.length, 2 * report.nodes.length);
  for (const n of report.nodes) {
    const mine = nodeLenses.filter((l) => l.command!.arguments![0].focusNode === n.name).map((l) => l.command!.title);
    assert.equal(mine.length, 2, n.name);
    const count = n.pods.length;
    assert.match(mine[0], count === 0 ? /^No Pods placed here$/ : new RegExp(`^${count} Pods?: `));
    const firstPod = n.pods[0]?.split('/')[1];
    if (firstPod) assert.ok(mine[0].includes(firstPod), mine[0]);
    const cpu = (n.requested.cpu / 1000).toString();
    assert.ok(mine[1].startsWith(`cpu ${Math.round(n.requested.cpu / 10) / 100}/3.8 (${Math.round((n.requested.cpu / 3800) * 100)} %)`), `${mine[1]} (${cpu})`);
    assert.ok(mine[1].includes(`pods ${count}/110`), mine[1]);
  }
  // Without the simulation, no Node lens (and no focus argument).
  assert.equal(c.service.codeLenses(c.nodes, undefined, 'x').filter((l) => l.command?.arguments?.[0]?.focusNode).length, 0);
});

test('the hover of a label names who selects it and who would stop fitting without it', () => {
  const c = cluster(12);
  const sim = runSimulation(c.files, { admit: c.service.schedulingAdmission(c.files) });
  const report = toScheduleReport(sim);
  // node-0: ssd, zone a, tainted: db replicas land there (they need ssd and tolerate the taint).
  const node0 = report.nodes.find((n) => n.name === 'node-0')!;
  const dbHere = node0.pods.filter((p) => p.startsWith('data/db-'));
  assert.ok(dbHere.length > 0, 'the generator puts db replicas on node-0');
  const at = nodeStart(c.nodes, 'node-0');
  const disk = text(c.service.hover(c.nodes, posOf(c.nodes, 'disk: ssd', at), undefined, sim));
  assert.match(disk, /Label `disk=ssd` of `node-0`/);
  assert.match(disk, /Deployment `data\/db`: nodeSelector/);
  assert.match(disk, /Pod `default\/huge`: nodeSelector/);
  assert.match(disk, new RegExp(`Without it, ${dbHere.length} Pods? placed here would stop fitting`));
  for (const p of dbHere) assert.ok(disk.includes(`\`${p}\`: its nodeSelector needs it`), p);
  const zone = text(c.service.hover(c.nodes, posOf(c.nodes, 'zone: za', at), undefined, sim));
  assert.match(zone, /Deployment `default\/web`: topology spread \(maxSkew 1, DoNotSchedule\)/);
  const webHere = node0.pods.filter((p) => p.startsWith('default/web-')).length;
  if (webHere) assert.match(zone, /a DoNotSchedule topology spread constraint counts domains by it/);
});

test('the hover of a taint: who tolerates it, who is repelled; pending Pods turned away in the inlay hint', () => {
  const c = cluster(9);
  const sim = runSimulation(c.files, { admit: c.service.schedulingAdmission(c.files) });
  const at = nodeStart(c.nodes, 'node-3');
  const h = text(c.service.hover(c.nodes, posOf(c.nodes, 'key: dedicated', at, 2), undefined, sim));
  assert.match(h, /Taint `dedicated=db:NoSchedule` of `node-3`/);
  assert.match(h, /Tolerated by 1 template or Pod:\n- Deployment `data\/db`/);
  // node-3 is hdd: web and the bare Pods without selectors are repelled; huge (ssd only) is not.
  assert.match(h, /Deployment `default\/web`/);
  assert.doesNotMatch(h.split('Repelled')[1], /huge/);
  // Inlay hints: one per Node, the count of placed Pods as the report says.
  const report = toScheduleReport(sim);
  const hints = c.service.inlayHints(c.nodes, undefined, undefined, sim);
  assert.equal(hints.length, report.nodes.length);
  for (const [i, n] of report.nodes.entries()) {
    const label = String(hints[i].label);
    assert.ok(label.startsWith(`${n.pods.length} Pod`), label);
    // huge needs ssd (even Nodes): those turn it away for room; odd ones are not its Nodes.
    assert.equal(label.includes('1 pending turned away'), i % 2 === 0, `${n.name}: ${label}`);
  }
  const off = c.service.inlayHints(c.nodes, undefined, { inlayHints: { ports: true, volumes: true, nodes: false }, codeLens: { enable: true } }, sim);
  assert.equal(off.length, 0);
});

test('allocatable and capacity: requested, reserved, headroom, and how much more a pending Pod needs', () => {
  const c = cluster(6);
  const sim = runSimulation(c.files, { admit: c.service.schedulingAdmission(c.files) });
  const report = toScheduleReport(sim);
  const n2 = report.nodes.find((n) => n.name === 'node-2')!;
  const at = nodeStart(c.nodes, 'node-2');
  const h = text(c.service.hover(c.nodes, posOf(c.nodes, 'allocatable:', at), undefined, sim));
  const m = (x: number) => (x % 1000 === 0 ? String(x / 1000) : `${x}m`);
  assert.ok(h.includes(`| \`cpu\` | 3800m | ${m(n2.requested.cpu)} (${Math.round((n2.requested.cpu / 3800) * 100)} %) | — | ${m(3800 - n2.requested.cpu)} |`), h);
  assert.equal(n2.headroom.cpu, 3800 - n2.requested.cpu);
  // huge asks for 6 cpu: node-2 (ssd) has 3800m minus what is placed.
  assert.ok(h.includes(`\`default/huge\` needs ${m(6000 - (3800 - n2.requested.cpu))} more \`cpu\``), h);
  const cap = text(c.service.hover(c.nodes, posOf(c.nodes, 'capacity:', at), undefined, sim));
  assert.ok(cap.includes('| `cpu` | 4 | 200m | 3800m |'), cap);
  assert.ok(cap.includes('| `memory` | 8Gi | 1Gi | 7Gi |'), cap);
});

test('what the Pods on one Node share of it: the Node name hover, the Pod hovers and the JSON', () => {
  const c = cluster(3);
  const sim = runSimulation(c.files, { admit: c.service.schedulingAdmission(c.files) });
  const report = toScheduleReport(sim);
  const n1 = report.nodes.find((n) => n.name === 'node-1')!;
  assert.deepEqual(n1.sharing?.hostPaths, [{ path: '/var/log/app', pods: [{ pod: 'default/writer', readOnly: false, containers: ['w'] }, { pod: 'default/reader', readOnly: true, containers: ['r'] }] }]);
  assert.deepEqual(n1.sharing?.hostNetwork, ['default/reader']);
  assert.deepEqual(n1.sharing?.hostPorts, [{ port: 9100, protocol: 'TCP', pods: [{ pod: 'default/reader', ip: '0.0.0.0', hostNetwork: true }], clash: false }]);
  assert.equal(report.nodes.find((n) => n.name === 'node-2')!.sharing, undefined);
  const name = text(c.service.hover(c.nodes, posOf(c.nodes, 'name: node-1', 0, 8), undefined, sim));
  assert.match(name, /hostPath `\/var\/log\/app` shared by 2 Pods: written by `default\/writer`, read by `default\/reader`/);
  assert.match(name, /Uses the Node's network namespace .*`default\/reader`/);
  // In the Pod manifest: the hostPath volume's hover names the other Pod on node-1.
  const w = c.pods.text.indexOf('name: writer');
  const vol = text(c.service.hover(c.pods, posOf(c.pods, 'hostPath:', w, 2), undefined, sim));
  assert.match(vol, /On the Node \(hostPath \/var\/log\/app\)/);
  assert.match(vol, /`default\/writer` on `node-1`: shared with `default\/reader \(reads\)`/);
  const r = c.pods.text.indexOf('name: reader');
  const port = text(c.service.hover(c.pods, posOf(c.pods, 'containerPort: 9100', r, 16), undefined, sim));
  assert.match(port, /On the Node \(host port 9100\/TCP\)[^]*`default\/reader` on `node-1`: no other Pod there shares it/);
});

test('two Pods bound to one Node on the same host port: a clash, named', () => {
  const service = new PodsightService();
  const node = service.parse('file:///n.yaml', 1, 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n');
  const pod = (name: string, ip?: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: n1\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 80\n      hostPort: 8080\n${ip ? `      hostIP: ${ip}\n` : ''}`;
  const pods = service.parse('file:///p.yaml', 1, [pod('a'), pod('b', '10.0.0.1'), pod('c', '10.0.0.2')].join('---\n'));
  for (const f of [node, pods]) service.workspace.update(f);
  const sim = runSimulation([node, pods]);
  const use = toScheduleReport(sim).nodes[0].sharing!.hostPorts[0];
  assert.equal(use.clash, true);
  assert.deepEqual(use.pods.map((p) => p.ip), ['0.0.0.0', '10.0.0.1', '10.0.0.2']);
  const h = text(service.hover(node, posOf(node, 'name: n1', 0, 7), undefined, sim));
  assert.match(h, /⚠ Host port 8080\/TCP held twice/);
  // Distinct specific IPs alone do not clash.
  const two = service.parse('file:///q.yaml', 1, [pod('b', '10.0.0.1'), pod('c', '10.0.0.2')].join('---\n'));
  assert.equal(toScheduleReport(runSimulation([node, two])).nodes[0].sharing!.hostPorts[0].clash, false);
});
