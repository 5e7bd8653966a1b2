import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../server/src/service';
import { dataOf, pod, textAt, validate } from '../../helpers/engine';

function byRule(yaml: string, rule: string, settings = DEFAULT_SETTINGS) {
  return validate(yaml, settings).filter((d) => d.code === rule);
}

test('two containers declaring one port: a warning on the second, related to the first', () => {
  const yaml = pod(
    '  initContainers:\n  - name: proxy\n    image: envoy:1.30\n    restartPolicy: Always\n    ports:\n    - containerPort: 9090\n  containers:\n  - name: app\n    image: app:1\n    ports:\n    - containerPort: 8080\n    - containerPort: 9090\n    - containerPort: 9090\n      protocol: UDP\n',
  );
  const ds = byRule(yaml, 'duplicate-container-port');
  assert.equal(ds.length, 1);
  const d = ds[0];
  assert.equal(d.severity, 2);
  assert.equal(dataOf(d).errorType, undefined, 'advice is not an API-server rejection');
  assert.equal(dataOf(d).field, 'spec.containers[0].ports[1]');
  assert.match(d.message, /^spec\.containers\[0\]\.ports\[1\]: duplicate port definition with spec\.initContainers\[0\]\.ports\[0\]: container "app" and sidecar "proxy" both declare 9090\/TCP; .*share one network namespace/);
  assert.equal(textAt(yaml, d), '9090');
  assert.equal(d.relatedInformation?.[0].location.range.start.line, 10);
});

test('a regular init container reusing a port: upstream warns, the message says there is no conflict', () => {
  const yaml = pod('  initContainers:\n  - name: migrate\n    image: m:1\n    ports:\n    - containerPort: 8080\n  containers:\n  - name: app\n    image: app:1\n    ports:\n    - containerPort: 8080\n');
  const ds = byRule(yaml, 'duplicate-container-port');
  assert.equal(ds.length, 1);
  assert.match(ds[0].message, /duplicate port definition with spec\.initContainers\[0\]\.ports\[0\]: init container "migrate" and container "app" both declare 8080\/TCP; an init container runs to completion before the next container starts, so they never hold the port at the same time$/);
  assert.doesNotMatch(ds[0].message, /address already in use/);
});

test('one container listing a port twice under two names claims no bind conflict', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: app:1\n    ports:\n    - name: http\n      containerPort: 8080\n    - name: web\n      containerPort: 8080\n');
  const ds = byRule(yaml, 'duplicate-container-port');
  assert.equal(ds.length, 1);
  assert.equal(dataOf(ds[0]).field, 'spec.containers[0].ports[1]');
  assert.match(ds[0].message, /duplicate port definition with spec\.containers\[0\]\.ports\[0\]: container "app" lists 8080\/TCP twice \(named "http" and "web"\)\. Nothing is bound twice .* one port under two names .* kubectl apply merges ports by containerPort/);
  assert.doesNotMatch(ds[0].message, /address already in use|only one of them can bind/);
});

test('the same containerPort with different host ports is no duplicate (upstream)', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: app:1\n    ports:\n    - {containerPort: 80, hostPort: 80}\n    - {containerPort: 80, hostPort: 81}\n');
  assert.deepEqual(byRule(yaml, 'duplicate-container-port'), []);
  assert.deepEqual(byRule(yaml, 'ambiguous-host-port'), []);
});

test('a probe naming an undeclared port', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: app:1\n    ports:\n    - name: http\n      containerPort: 8080\n    readinessProbe:\n      httpGet:\n        port: web\n    livenessProbe:\n      tcpSocket:\n        port: http\n');
  const ds = byRule(yaml, 'probe-port-undeclared');
  assert.equal(ds.length, 1);
  assert.equal(dataOf(ds[0]).field, 'spec.containers[0].readinessProbe.httpGet.port');
  assert.match(ds[0].message, /declares no port named "web" \(its ports: "http"\)/);
  assert.equal(textAt(yaml, ds[0]), 'web');
});

test('a volume nobody mounts', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: app:1\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: data\n    emptyDir: {}\n  - name: cache\n    emptyDir: {}\n');
  const ds = byRule(yaml, 'unused-volume');
  assert.deepEqual(ds.map((d) => textAt(yaml, d)), ['cache']);
  assert.equal(ds[0].severity, 3, 'information: injected sidecars often mount such volumes');
  assert.match(ds[0].message, /volume "cache" is not mounted by any container/);
});

test('untagged and :latest images are information; digests and tags are fine', () => {
  const yaml = pod('  containers:\n  - name: a\n    image: nginx\n  - name: b\n    image: nginx:latest\n  - name: c\n    image: registry:5000/nginx\n  - name: d\n    image: nginx@sha256:abc\n  - name: e\n    image: registry:5000/nginx:1.27\n');
  const ds = byRule(yaml, 'image-latest-tag');
  assert.deepEqual(ds.map((d) => textAt(yaml, d)), ['nginx', 'nginx:latest', 'registry:5000/nginx']);
  assert.ok(ds.every((d) => d.severity === 3));
});

test('image-latest-tag says what the pull policy the container really gets does', () => {
  const yaml = pod(
    '  containers:\n  - name: a\n    image: nginx\n  - name: b\n    image: nginx:latest\n    imagePullPolicy: Always\n  - name: c\n    image: nginx:latest\n    imagePullPolicy: IfNotPresent\n  - name: d\n    image: nginx\n    imagePullPolicy: Never\n  - name: e\n    image: nginx\n    imagePullPolicy: ""\n',
  );
  const messages = byRule(yaml, 'image-latest-tag').map((d) => d.message);
  assert.deepEqual(messages, [
    'spec.containers[0].image: image "nginx" has no tag, so it means :latest: imagePullPolicy defaults to Always, so the kubelet asks the registry on every container start, and containers started at different times may run different images',
    'spec.containers[1].image: image "nginx:latest" uses the :latest tag: with imagePullPolicy Always the kubelet asks the registry on every container start, and containers started at different times may run different images',
    'spec.containers[2].image: image "nginx:latest" uses the :latest tag: with imagePullPolicy IfNotPresent each node keeps the image it pulled first under that tag, so Pods on different nodes may run different images',
    'spec.containers[3].image: image "nginx" has no tag, so it means :latest: with imagePullPolicy Never the image must already be on the node, and nodes may hold different images under that tag',
    'spec.containers[4].image: image "nginx" has no tag, so it means :latest: imagePullPolicy defaults to Always, so the kubelet asks the registry on every container start, and containers started at different times may run different images',
  ]);
  // Only an absent or empty policy is defaulted: no other message claims a default.
  assert.equal(messages.filter((m) => m.includes('defaults to Always')).length, 2);
});

test('no-resource-requests is off unless enabled; limits count as requests', () => {
  const yaml = pod('  containers:\n  - name: a\n    image: a:1\n  - name: b\n    image: b:1\n    resources:\n      limits:\n        cpu: "1"\n        memory: 1Gi\n');
  assert.deepEqual(byRule(yaml, 'no-resource-requests'), []);
  const on = byRule(yaml, 'no-resource-requests', { ...DEFAULT_SETTINGS, rules: { 'no-resource-requests': 'information' } });
  assert.equal(on.length, 1);
  assert.match(on[0].message, /container "a" requests no cpu or memory/);
});
