/**
 * Services and NetworkPolicies over the workspace model: which Pods and templates a Service
 * selects (namespace-aware), targetPort resolution by name and number, the closed-world cases
 * of a Service that selects nothing, the selector's did-you-mean, the code lenses on both
 * sides and the port hover.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Hover } from 'vscode-languageserver-types';
import { PodsightService, DEFAULT_SETTINGS, type DiagnosticData } from '../../../server/src/service';
import { cpu } from '../../helpers/cpu';

function workspace(files: Record<string, string>, isWholeCluster = false): { service: PodsightService; file: (name: string) => ReturnType<PodsightService['parse']> } {
  const service = new PodsightService();
  service.workspace.setOptions({ isWholeCluster });
  const parsed = new Map<string, ReturnType<PodsightService['parse']>>();
  for (const [name, text] of Object.entries(files)) {
    const f = service.parse(`file:///ws/${name}`, 1, text);
    parsed.set(name, f);
    service.workspace.update(f);
  }
  return { service, file: (name) => parsed.get(name)! };
}

function diags(files: Record<string, string>, name: string, isWholeCluster = false): Diagnostic[] {
  const { service, file } = workspace(files, isWholeCluster);
  return service.validate(file(name), DEFAULT_SETTINGS).filter((d) => String(d.code).startsWith('service-'));
}

function hoverText(h: Hover | null): string {
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

/** Offset position of the first occurrence of `needle` (+ `delta` characters) in `text`. */
function posOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `no ${needle}`);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const deployment = (name: string, labels: string, ns = '', ports = '        ports:\n        - name: http\n          containerPort: 8080\n') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
  selector:
    matchLabels:
${labels.replace(/^/gm, '      ')}
  template:
    metadata:
      labels:
${labels.replace(/^/gm, '        ')}
    spec:
      containers:
      - name: app
        image: nginx:1.27
${ports}`;

const svc = (name: string, selector: string, ports = '  - port: 80\n    targetPort: http\n', extra = '', ns = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
${extra}${selector ? `  selector:\n${selector.replace(/^/gm, '    ')}\n` : ''}  ports:
${ports}`;

test('a Service that selects its Deployment template has no finding; a lens on both sides names the other', () => {
  const files = { 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web', 'app: web') };
  assert.deepEqual(diags(files, 'svc.yaml'), []);
  const { service, file } = workspace(files);
  const svcLens = service.codeLenses(file('svc.yaml')).map((l) => l.command?.title);
  assert.deepEqual(svcLens, ['selects 1 Pod template']);
  const tooltip = service.codeLenses(file('svc.yaml'))[0].command?.tooltip;
  assert.match(String(tooltip), /Deployment web \(template\)/);
  const podLens = service.codeLenses(file('dep.yaml')).map((l) => l.command?.title);
  assert.ok(podLens.includes('selected by Service web (80→http)'), podLens.join(' | '));
  // The codeLens setting turns them off with every other lens.
  assert.deepEqual(service.codeLenses(file('svc.yaml'), { ...DEFAULT_SETTINGS, codeLens: { enable: false } } as never), []);
});

test('selection is per namespace: the same labels in another namespace are not selected', () => {
  const files = { 'dep.yaml': deployment('web', 'app: web', 'shop'), 'svc.yaml': svc('web', 'app: web') };
  const ds = diags(files, 'svc.yaml');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].code, 'service-selects-nothing');
  // No Pod is declared in namespace "default": the closed-world rule makes it information.
  assert.equal(ds[0].severity, 3);
  assert.match(String(ds[0].message), /declares no Pods or Pod templates in namespace "default"/);
  const same = { 'dep.yaml': deployment('web', 'app: web', 'shop'), 'svc.yaml': svc('web', 'app: web', undefined, '', 'shop') };
  assert.deepEqual(diags(same, 'svc.yaml'), []);
});

test('a selector needs every pair: extra Pod labels are fine, a missing one selects nothing', () => {
  const files = { 'dep.yaml': deployment('web', 'app: web\ntier: front'), 'svc.yaml': svc('web', 'app: web') };
  assert.deepEqual(diags(files, 'svc.yaml'), []);
  const files2 = { 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web', 'app: web\ntier: front') };
  const ds = diags(files2, 'svc.yaml');
  assert.deepEqual(ds.map((d) => d.code), ['service-selects-nothing']);
  // Pods of that namespace are declared: a warning, with the case in the message.
  assert.equal(ds[0].severity, 2);
  assert.match(String(ds[0].message), /declares one Pod or Pod template in namespace "default" but none with these labels/);
});

test('whole cluster: a Service that selects nothing is a warning saying so', () => {
  const ds = diags({ 'svc.yaml': svc('web', 'app: web') }, 'svc.yaml', true);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].severity, 2);
  assert.match(String(ds[0].message), /declared to be the whole cluster/);
});

test('a Service without a selector (or an ExternalName one) selects nothing by design: no finding, the lens says so', () => {
  const files = { 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('ext', '', '  - port: 80\n') };
  assert.deepEqual(diags(files, 'svc.yaml'), []);
  const { service, file } = workspace(files);
  assert.deepEqual(service.codeLenses(file('svc.yaml')).map((l) => l.command?.title), ['no selector: selects no Pods by design']);
  const en = { 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('db', 'app: web', '  - port: 80\n', '  type: ExternalName\n  externalName: db.example.com\n') };
  assert.deepEqual(diags(en, 'svc.yaml'), []);
  const w = workspace(en);
  assert.match(String(w.service.codeLenses(w.file('svc.yaml'))[0].command?.title), /^ExternalName: a DNS alias of db\.example\.com/);
  // And its Pods are not "selected by" it.
  assert.ok(!w.service.codeLenses(w.file('dep.yaml')).some((l) => /selected by/.test(String(l.command?.title))));
});

test('a near miss of a template\'s labels: did-you-mean with a quick fix on the selector value, and on a key', () => {
  const text = svc('web', 'app: wbe');
  const ds = diags({ 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': text }, 'svc.yaml');
  assert.deepEqual(ds.map((d) => d.code).sort(), ['service-selector-near-miss', 'service-selects-nothing']);
  const miss = ds.find((d) => d.code === 'service-selector-near-miss')!;
  assert.equal(miss.severity, 3);
  assert.match(String(miss.message), /did you mean app: web\? Deployment web \(template\) has that label/);
  const fix = (miss.data as DiagnosticData).fixes![0];
  assert.equal(fix.edits[0].newText, 'web');
  assert.deepEqual(fix.edits[0].range.start, posOf(text, 'wbe'));
  assert.equal(miss.relatedInformation?.[0].location.uri, 'file:///ws/dep.yaml');
  const keyMiss = diags({ 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web', 'apq: web') }, 'svc.yaml').find((d) => d.code === 'service-selector-near-miss');
  assert.ok(keyMiss);
  assert.equal((keyMiss.data as DiagnosticData).fixes![0].edits[0].newText, 'app');
  // A template that another Service already selects is no near miss.
  const taken = diags({ 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web2', 'app: wbe'), 'svc2.yaml': svc('web', 'app: web') }, 'svc.yaml');
  assert.deepEqual(taken.map((d) => d.code), ['service-selects-nothing']);
});

test('a named targetPort resolves among the selected containers\' ports with the same protocol', () => {
  const ok = diags({ 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web', 'app: web') }, 'svc.yaml');
  assert.deepEqual(ok, []);
  const text = svc('web', 'app: web', '  - port: 80\n    targetPort: htpp\n');
  const ds = diags({ 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': text }, 'svc.yaml');
  assert.deepEqual(ds.map((d) => d.code), ['service-target-port-not-found']);
  assert.equal(ds[0].severity, 2);
  assert.match(String(ds[0].message), /targetPort "htpp" names no TCP container port of none of the selected Pod|targetPort "htpp" names no TCP container port/);
  assert.equal((ds[0].data as DiagnosticData).fixes![0].edits[0].newText, 'http');
  assert.deepEqual(ds[0].range.start, posOf(text, 'htpp'));
  // The name with another protocol does not resolve (FindPort compares protocols).
  const udp = diags({ 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web', 'app: web', '  - port: 80\n    protocol: UDP\n    targetPort: http\n') }, 'svc.yaml');
  assert.deepEqual(udp.map((d) => d.code), ['service-target-port-not-found']);
  // A sidecar's named port counts; a plain init container's does not.
  const sidecar = `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    app: web
spec:
  initContainers:
  - name: proxy
    image: envoy:1
    restartPolicy: Always
    ports:
    - name: mesh
      containerPort: 15001
  - name: setup
    image: busybox:1
    ports:
    - name: boot
      containerPort: 9000
  containers:
  - name: app
    image: nginx:1.27
`;
  assert.deepEqual(diags({ 'pod.yaml': sidecar, 'svc.yaml': svc('web', 'app: web', '  - port: 80\n    targetPort: mesh\n') }, 'svc.yaml'), []);
  assert.deepEqual(diags({ 'pod.yaml': sidecar, 'svc.yaml': svc('web', 'app: web', '  - port: 80\n    targetPort: boot\n') }, 'svc.yaml').map((d) => d.code), ['service-target-port-not-found']);
});

test('a numeric targetPort need not be declared: information only when the containers list other ports', () => {
  const listed = diags({ 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web', 'app: web', '  - port: 80\n    targetPort: 8081\n') }, 'svc.yaml');
  assert.deepEqual(listed.map((d) => [d.code, d.severity]), [['service-target-port-undeclared', 3]]);
  assert.match(String(listed[0].message), /targetPort 8081 is not among the TCP ports the selected containers declare \(8080\)/);
  assert.deepEqual(diags({ 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web', 'app: web', '  - port: 80\n    targetPort: 8080\n') }, 'svc.yaml'), []);
  // No targetPort: it defaults to the port; a container listing no ports is not judged.
  assert.deepEqual(diags({ 'dep.yaml': deployment('web', 'app: web', '', ''), 'svc.yaml': svc('web', 'app: web', '  - port: 80\n') }, 'svc.yaml'), []);
  assert.deepEqual(diags({ 'dep.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web', 'app: web', '  - port: 8080\n') }, 'svc.yaml'), []);
});

test('Pods of every workload kind and bare Pods are selected; the lens counts them', () => {
  const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\n  labels:\n    app: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - name: http\n      containerPort: 8080\n`;
  const cron = `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 0 * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels:\n            app: web\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: app\n            image: nginx:1.27\n            ports:\n            - name: http\n              containerPort: 8080\n`;
  const { service, file } = workspace({ 'a.yaml': pod, 'b.yaml': cron, 'c.yaml': deployment('web', 'app: web'), 'svc.yaml': svc('web', 'app: web') });
  const lens = service.codeLenses(file('svc.yaml'))[0].command!;
  assert.equal(lens.title, 'selects 1 Pod and 2 Pod templates');
  assert.deepEqual(lens.arguments, ['one', 'nightly', 'web']);
  assert.ok(service.codeLenses(file('b.yaml')).some((l) => l.command?.title === 'selected by Service web (80→http)'));
});

const netPod = `apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  labels:
    app: api
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - name: http
      containerPort: 8080
    - name: metrics
      containerPort: 9090
`;

function portHover(files: Record<string, string>, needle: string): string {
  const { service, file } = workspace({ 'pod.yaml': netPod, ...files });
  // Markdown escapes (`ingress\[0\]`) read as the plain text they show.
  return hoverText(service.hover(file('pod.yaml'), posOf(netPod, needle, 2))).replace(/\\([\\`*_{}\[\]()#+\-.!|:=/<>~])/g, '$1');
}

test('port hover: the Services that expose the port, by type (ClusterIP, NodePort, LoadBalancer, headless)', () => {
  const cluster = svc('api', 'app: api', '  - port: 80\n    targetPort: http\n', '', 'shop');
  assert.match(portHover({ 's.yaml': cluster }, 'containerPort: 8080'), /Service `api` — ClusterIP: port 80 at `api\.shop\.svc`, inside the cluster only \(targetPort `http`\)/);
  // The metrics port is not exposed by it.
  assert.match(portHover({ 's.yaml': cluster }, 'containerPort: 9090'), /No Service declared in the workspace exposes 9090\/TCP/);
  const nodePort = svc('api', 'app: api', '  - port: 80\n    targetPort: 8080\n    nodePort: 30080\n', '  type: NodePort\n', 'shop');
  assert.match(portHover({ 's.yaml': nodePort }, 'containerPort: 8080'), /NodePort: port 30080 on every Node's IP, and port 80 at `api\.shop\.svc` inside the cluster/);
  const lb = svc('api', 'app: api', '  - port: 443\n    targetPort: 8080\n', '  type: LoadBalancer\n', 'shop');
  assert.match(portHover({ 's.yaml': lb }, 'containerPort: 8080'), /LoadBalancer: port 443 on the load balancer's address/);
  const headless = svc('api', 'app: api', '  - port: 80\n    targetPort: http\n', '  clusterIP: None\n', 'shop');
  assert.match(portHover({ 's.yaml': headless }, 'containerPort: 8080'), /headless \(clusterIP: None\): `api\.shop\.svc` resolves to the Pod IPs, and clients connect to 8080 directly/);
  // Without any Service or NetworkPolicy the hover says nothing about the outside.
  assert.doesNotMatch(portHover({}, 'containerPort: 8080'), /From outside the Pod/);
});

const np = (name: string, spec: string, ns = 'shop') => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;

test('NetworkPolicy ingress: not isolated without one; an empty podSelector selects every Pod; a matching rule admits; none → isolated', () => {
  const svcFile = { 's.yaml': svc('api', 'app: api', '  - port: 80\n    targetPort: http\n', '', 'shop') };
  assert.match(portHover(svcFile, 'containerPort: 8080'), /No NetworkPolicy declared in namespace `shop` selects this Pod: it is not isolated/);
  const denyAll = np('deny-all', '  podSelector: {}\n');
  const h = portHover({ 'np.yaml': denyAll }, 'containerPort: 8080');
  assert.match(h, /`deny-all` \(Ingress, by default; an empty podSelector: every Pod of the namespace\)/);
  assert.match(h, /⚠ Ingress: isolated by `deny-all`, and no ingress rule admits traffic on 8080\/TCP/);
  assert.match(h, /Egress: not isolated/);
  // In another namespace the policy selects nothing here.
  assert.match(portHover({ 'np.yaml': np('deny-all', '  podSelector: {}\n', 'other') }, 'containerPort: 8080'), /No NetworkPolicy declared in namespace `shop` selects this Pod/);
  const allowHttp = np('allow-http', '  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          role: front\n    ports:\n    - port: http\n');
  assert.match(portHover({ 'np.yaml': allowHttp }, 'containerPort: 8080'), /Ingress on 8080\/TCP admitted by:\n- `allow-http` ingress\[0\]: from Pods with role=front of this namespace on http\/TCP/);
  // The named port admits http only: 9090 stays isolated.
  assert.match(portHover({ 'np.yaml': allowHttp }, 'containerPort: 9090'), /isolated by `allow-http`, and no ingress rule admits traffic on 9090\/TCP/);
  const range = np('range', '  podSelector:\n    matchExpressions:\n    - key: app\n      operator: In\n      values: [api, web]\n  ingress:\n  - ports:\n    - port: 8000\n      endPort: 8999\n');
  assert.match(portHover({ 'np.yaml': range }, 'containerPort: 8080'), /admitted by:\n- `range` ingress\[0\]: from any source on 8000-8999\/TCP/);
  assert.match(portHover({ 'np.yaml': range }, 'containerPort: 9090'), /no ingress rule admits traffic on 9090\/TCP/);
  const udp = np('udp', '  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: UDP\n');
  assert.match(portHover({ 'np.yaml': udp }, 'containerPort: 8080'), /no ingress rule admits traffic on 8080\/TCP/);
  const other = np('other', '  podSelector:\n    matchLabels:\n      app: web\n');
  assert.match(portHover({ 'np.yaml': other }, 'containerPort: 8080'), /No NetworkPolicy declared in namespace `shop` selects this Pod/);
});

test('NetworkPolicy egress: policyTypes default to Egress only with egress rules; Egress without rules sends nothing', () => {
  const egressOnly = np('egress-only', '  podSelector: {}\n  policyTypes: [Egress]\n');
  const h = portHover({ 'np.yaml': egressOnly }, 'containerPort: 8080');
  assert.match(h, /Ingress: not isolated/);
  assert.match(h, /⚠ Egress: isolated by `egress-only` with no egress rule: the Pod can send nothing/);
  const withRules = np('dns', '  podSelector: {}\n  egress:\n  - to:\n    - namespaceSelector: {}\n    ports:\n    - port: 53\n      protocol: UDP\n');
  const h2 = portHover({ 'np.yaml': withRules }, 'containerPort: 8080');
  assert.match(h2, /`dns` \(Ingress, Egress, by default/);
  assert.match(h2, /Egress only as admitted by:\n- `dns` egress\[0\]: to every Pod in every Namespace on 53\/UDP/);
  // Ingress is in the defaulted types with no ingress rule: isolated.
  assert.match(h2, /⚠ Ingress: isolated by `dns`/);
});

test('an edit to a Pod\'s image does not change the reach generation; an edit to its labels does', () => {
  const service = new PodsightService();
  const s = service.parse('file:///ws/s.yaml', 1, svc('web', 'app: web'));
  service.workspace.update(s);
  const before = service.parse('file:///ws/d.yaml', 1, deployment('web', 'app: web'));
  service.workspace.update(before);
  const g0 = service.workspace.reachGeneration;
  service.workspace.update(service.parse('file:///ws/d.yaml', 2, deployment('web', 'app: web').replace('nginx:1.27', 'nginx:1.28'), before));
  assert.equal(service.workspace.reachGeneration, g0);
  service.workspace.update(service.parse('file:///ws/d.yaml', 3, deployment('web', 'app: api'), before));
  assert.notEqual(service.workspace.reachGeneration, g0);
  assert.deepEqual(service.validate(s).map((d) => d.code), ['service-selects-nothing']);
});


test('many Services and Pods: findings, lenses and near misses grow linearly, not with Services × Pods', () => {
  // Every Pod shares app: web; every Service misses its own Pod by one character, so each
  // Service selects nothing and looks for near misses among Pods that all hold a shared pair.
  const family = (n: number) => {
    const pods: string[] = [];
    const services: string[] = [];
    for (let i = 0; i < n; i++) {
      pods.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  labels:\n    app: web\n    id: pod${i}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - name: http\n      containerPort: 8080\n`);
      services.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  selector:\n    app: web\n    id: pdo${i}\n  ports:\n  - port: 80\n    targetPort: http\n`);
    }
    return { 'pods.yaml': pods.join('---\n'), 'svc.yaml': services.join('---\n') };
  };
  const run = (n: number) => {
    const files = family(n);
    return cpu(() => {
      const { service, file } = workspace(files);
      const ds = service.validate(file('svc.yaml'));
      assert.equal(ds.filter((d) => d.code === 'service-selector-near-miss').length, n);
      service.codeLenses(file('pods.yaml'));
    });
  };
  const small = run(250);
  const large = run(1000);
  // Four times the input: linear work takes about four times as long; Services × Pods sixteen.
  assert.ok(large < small * 9 + 50, `250 → ${small.toFixed(0)} ms, 1000 → ${large.toFixed(0)} ms`);
});
