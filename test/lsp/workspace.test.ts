/**
 * The server's one workspace (lsp/workspace.ts), through the real server process over stdio, on
 * a temporary workspace folder: declarations on disk and in open documents change the
 * diagnostics of other open documents, the watcher's events keep them current, the closed-world
 * rule follows the settings, "Preview as stored" answers from the same workspace, and the
 * scheduling simulation reads open (unsaved) documents and files on disk together.
 *
 * Waiting is on events: a publishDiagnostics that satisfies a predicate, or the answer to a
 * request sent after a notification (the server applies watcher events received before a
 * request that reads the workspace).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type StartOptions, type TestServer } from '../helpers/lsp';
import {
  PREVIEW_COMMAND,
  SIMULATE_REQUEST,
  STORED_COMMAND,
  STORED_OBJECT_REQUEST,
  type SimulateResult,
  type StoredObjectResult,
} from '../../server/src/protocol';

// workspace/didChangeWatchedFiles change types (FileChangeType).
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;
const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

interface Workspace {
  dir: string;
  root: string;
  s: TestServer;
  uri(name: string): string;
  write(name: string, text: string): void;
  /** Tells the server what changed on disk, as an editor's file watcher does. */
  changed(...changes: Array<[name: string, type: number]>): void;
  dispose(): Promise<void>;
}

/** A temporary workspace folder holding `files`, and the real server started on it (watching files). */
async function workspace(files: Record<string, string>, settings: Record<string, unknown> = {}, options: StartOptions = {}): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), 'podsight-ws-'));
  const write = (name: string, text: string): void => {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  const root = pathToFileURL(dir).href;
  const s = await startServer(settings, { rootUri: root, watchFiles: true, ...options });
  const uri = (name: string): string => pathToFileURL(join(dir, name)).href;
  return {
    dir,
    root,
    s,
    uri,
    write,
    changed: (...changes) => s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([name, type]) => ({ uri: uri(name), type })) }),
    async dispose() {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const byCode = (ds: Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);
const has = (code: string, pred: (d: Diagnostic) => boolean = () => true) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code && pred(d));
const lacks = (code: string) => (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => d.code === code);
const all =
  (...preds: Array<(p: PublishDiagnosticsParams) => boolean>) =>
  (p: PublishDiagnosticsParams) =>
    preds.every((f) => f(p));
/** 0-based line of the first line of `text` that is exactly `line`. */
function lineOf(text: string, line: string): number {
  const i = text.split('\n').indexOf(line);
  assert.ok(i >= 0, `no line ${JSON.stringify(line)}`);
  return i;
}

const namespaceAndLimits = (o: { defaultRequest: string; default: string; max: string }) => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: LimitRange
metadata:
  name: limits
  namespace: shop
spec:
  limits:
  - type: Container
    defaultRequest:
      cpu: ${o.defaultRequest}
    default:
      cpu: ${o.default}
    max:
      cpu: "${o.max}"
`;

const SHOP_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: app
    image: nginx:1.27
  - name: big
    image: nginx:1.27
    resources:
      limits:
        cpu: "2"
`;

describe('declarations on disk', () => {
  it('a LimitRange and a Namespace in a file on disk judge an open Pod; the watcher’s events revalidate it', { timeout: 60_000 }, async () => {
    const cluster = namespaceAndLimits({ defaultRequest: '250m', default: '500m', max: '1' });
    const ws = await workspace({ 'base/cluster.yaml': cluster, 'pod.yaml': SHOP_POD });
    try {
      const pod = ws.uri('pod.yaml');
      const clusterUri = ws.uri('base/cluster.yaml');
      const opened = ws.s.diagnostics(pod, has('admission-limit-range'));
      ws.s.open(pod, SHOP_POD);
      let ds = await opened;

      const [defaults] = byCode(ds, 'admission-limit-range-defaults');
      assert.equal(defaults.message, 'LimitRanger sets requests cpu=250m and limits cpu=500m for container app from LimitRange "limits" (annotation kubernetes.io/limit-ranger)');
      assert.equal(defaults.severity, INFORMATION);
      assert.equal(defaults.relatedInformation?.length, 1);
      assert.equal(defaults.relatedInformation[0].location.uri, clusterUri);
      // On the value of spec.limits (the list of items).
      assert.deepEqual(defaults.relatedInformation[0].location.range.start, { line: lineOf(cluster, '  - type: Container'), character: 2 });
      assert.equal(defaults.relatedInformation[0].message, 'LimitRange "limits" sets the defaults');

      const [max] = byCode(ds, 'admission-limit-range');
      assert.equal(max.message, 'pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
      assert.equal(max.severity, ERROR);
      assert.deepEqual(max.data, { field: 'spec.containers[1].resources.limits[cpu]', errorType: 'Forbidden', stage: 'admission', object: 'v1/Pod shop/web' });
      assert.equal(max.range.start.line, lineOf(SHOP_POD, '        cpu: "2"'));
      assert.equal(max.relatedInformation?.[0].location.uri, clusterUri);
      assert.deepEqual(max.relatedInformation[0].location.range, { start: { line: lineOf(cluster, '    max:') + 1, character: 11 }, end: { line: lineOf(cluster, '    max:') + 1, character: 14 } });
      assert.equal(max.relatedInformation[0].message, 'LimitRange "limits" sets max cpu 1');
      // The Namespace is declared: NamespaceLifecycle has nothing to say.
      assert.deepEqual(byCode(ds, 'admission-namespace-not-found'), []);

      // The LimitRange is edited on disk: new defaults, a maximum the Pod now meets.
      const edited = namespaceAndLimits({ defaultRequest: '100m', default: '200m', max: '4' });
      let next = ws.s.diagnostics(pod, all(lacks('admission-limit-range'), has('admission-limit-range-defaults')));
      ws.write('base/cluster.yaml', edited);
      ws.changed(['base/cluster.yaml', CHANGED]);
      ds = await next;
      assert.deepEqual(
        byCode(ds, 'admission-limit-range-defaults').map((d) => d.message),
        ['LimitRanger sets requests cpu=100m and limits cpu=200m for container app from LimitRange "limits" (annotation kubernetes.io/limit-ranger)'],
      );

      // Deleted: no LimitRange, and the Namespace is no longer declared anywhere.
      next = ws.s.diagnostics(pod, all(lacks('admission-limit-range-defaults'), has('admission-namespace-not-found')));
      rmSync(join(ws.dir, 'base', 'cluster.yaml'));
      ws.changed(['base/cluster.yaml', DELETED]);
      ds = await next;
      const [ns] = byCode(ds, 'admission-namespace-not-found');
      assert.equal(ns.message, 'Namespace "shop" is not declared here (the workspace declares no Namespaces); if the cluster lacks it too: namespaces "shop" not found');
      assert.equal(ns.severity, INFORMATION);
      assert.deepEqual(byCode(ds, 'admission-limit-range'), []);

      // Created again: the findings come back.
      next = ws.s.diagnostics(pod, all(has('admission-limit-range'), lacks('admission-namespace-not-found')));
      ws.write('base/cluster.yaml', cluster);
      ws.changed(['base/cluster.yaml', CREATED]);
      ds = await next;
      assert.equal(byCode(ds, 'admission-limit-range')[0].message, max.message);

      // The folder holding it is deleted: watchers report the folder alone, and that is enough.
      next = ws.s.diagnostics(pod, all(lacks('admission-limit-range'), has('admission-namespace-not-found')));
      rmSync(join(ws.dir, 'base'), { recursive: true });
      ws.changed(['base', DELETED]);
      await next;
    } finally {
      await ws.dispose();
    }
  });

  it('a change under node_modules or outside the folders brings nothing in; removing the folder drops what it declared', { timeout: 60_000 }, async () => {
    const outside = mkdtempSync(join(tmpdir(), 'podsight-outside-'));
    const cluster = namespaceAndLimits({ defaultRequest: '250m', default: '500m', max: '1' });
    const ws = await workspace({ 'pod.yaml': SHOP_POD, 'cluster.yaml': cluster }, {}, { folderEvents: true });
    try {
      const pod = ws.uri('pod.yaml');
      const opened = ws.s.diagnostics(pod, has('admission-limit-range'));
      ws.s.open(pod, SHOP_POD);
      await opened;
      // Neither of these is where the walk looks; the events are ignored. The request after
      // them (answered once they are applied) shows the model unchanged.
      // Either LimitRange, if read, would set other defaults and reject both containers.
      const strict = (name: string) => namespaceAndLimits({ defaultRequest: '1m', default: '2m', max: '100m' }).replace('name: limits', `name: ${name}`);
      ws.write('node_modules/chart/limits.yaml', strict('vendored'));
      ws.write('.git/limits.yaml', strict('dotted'));
      ws.changed(['node_modules/chart/limits.yaml', CREATED], ['.git/limits.yaml', CREATED]);
      const far = join(outside, 'limits.yaml');
      writeFileSync(far, strict('far'));
      ws.s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(far).href, type: CREATED }] });
      const stored = (await ws.s.conn.sendRequest(STORED_OBJECT_REQUEST, { textDocument: { uri: pod }, position: { line: 1, character: 0 } })) as StoredObjectResult;
      assert.deepEqual(stored.rejected, ['pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2']);
      const spec = parseYaml(stored.yaml).spec;
      assert.deepEqual(spec.containers[0].resources, { limits: { cpu: '500m' }, requests: { cpu: '250m' } });

      // The workspace folder is removed: what it declared goes with it. The watcher registered
      // for the first scan stays the one registration.
      let registrations = 0;
      ws.s.conn.onRequest('client/registerCapability', () => void registrations++);
      const next = ws.s.diagnostics(pod, all(lacks('admission-limit-range'), has('admission-namespace-not-found')));
      ws.s.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: ws.root, name: 'workspace' }] } });
      await next;
      assert.equal(registrations, 0);
    } finally {
      await ws.dispose();
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('podsight.maxFileSize changed', () => {
  it('walks the folder again: a file now over the limit is no longer declared', { timeout: 60_000 }, async () => {
    // The Pod is under 1,024 characters; the file declaring the LimitRange is over it.
    const cluster = `${namespaceAndLimits({ defaultRequest: '250m', default: '500m', max: '1' })}${'#'.repeat(2000)}\n`;
    let maxFileSize = 1_000_000;
    const logged: string[] = [];
    const ws = await workspace({ 'cluster.yaml': cluster, 'pod.yaml': SHOP_POD }, {}, {
      configuration: (item) => (item.section === 'podsight' ? { maxFileSize } : null),
    });
    ws.s.conn.onNotification('window/logMessage', (p: { message: string }) => void logged.push(p.message));
    try {
      const pod = ws.uri('pod.yaml');
      const opened = ws.s.diagnostics(pod, has('admission-limit-range'));
      ws.s.open(pod, SHOP_POD);
      await opened;
      maxFileSize = 1024;
      const next = ws.s.diagnostics(pod, all(lacks('admission-limit-range'), has('admission-namespace-not-found')));
      ws.s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { podsight: { maxFileSize } } });
      await next;
      assert.ok(logged.some((l) => l.startsWith(`podsight: skipped ${join(ws.dir, 'cluster.yaml')}: `) && l.endsWith('is more than the size limit (1,024 bytes)')), logged.join('\n'));
    } finally {
      await ws.dispose();
    }
  });
});

const ROBOT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  serviceAccountName: robot
  priorityClassName: urgent
  containers:
  - name: app
    image: nginx:1.27
`;
const accounts = (name: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: shop
`;
const URGENT = 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: urgent\nvalue: 1000\n';
const SA_MISSING = 'admission-service-account-not-found';
const PC_MISSING = 'admission-priority-class-not-found';

describe('open documents declare too', () => {
  it('an unsaved document’s declarations are seen by another open document; closing it falls back to the disk version, or to nothing', { timeout: 60_000 }, async () => {
    const outside = mkdtempSync(join(tmpdir(), 'podsight-outside-'));
    const ws = await workspace({ 'accounts.yaml': accounts('builder'), 'pod.yaml': ROBOT_POD });
    try {
      const pod = ws.uri('pod.yaml');
      // The disk declares ServiceAccounts in "shop", not "robot": a warning. No PriorityClass anywhere: information.
      const opened = ws.s.diagnostics(pod, has(SA_MISSING, (d) => d.severity === WARNING));
      ws.s.open(pod, ROBOT_POD);
      let ds = await opened;
      assert.equal(
        byCode(ds, SA_MISSING)[0].message,
        'pods "web" is forbidden: error looking up service account shop/robot: serviceaccount "robot" not found (the workspace declares ServiceAccounts in namespace "shop" but not this one; declare it, or set podsight.workspace.isWholeCluster to make this an error)',
      );
      assert.equal(byCode(ds, PC_MISSING)[0].severity, INFORMATION);
      assert.equal(byCode(ds, PC_MISSING)[0].message, 'PriorityClass "urgent" is not declared here (the workspace declares no PriorityClasses); if the cluster lacks it too: pods "web" is forbidden: no PriorityClass with name urgent was found');

      // accounts.yaml opened and edited, not saved: the open text wins over the disk.
      let next = ws.s.diagnostics(pod, lacks(SA_MISSING));
      ws.s.open(ws.uri('accounts.yaml'), accounts('robot'));
      ds = await next;
      assert.deepEqual(byCode(ds, PC_MISSING).length, 1);

      // A new, never saved document declares the PriorityClass.
      next = ws.s.diagnostics(pod, lacks(PC_MISSING));
      ws.s.open('untitled:Untitled-1', URGENT);
      await next;
      const stored = (await ws.s.conn.sendRequest(STORED_OBJECT_REQUEST, { textDocument: { uri: pod }, position: { line: 0, character: 0 } })) as StoredObjectResult;
      const spec = parseYaml(stored.yaml).spec;
      assert.equal(spec.priority, 1000);
      assert.equal(spec.priorityClassName, 'urgent');
      assert.equal(spec.serviceAccountName, 'robot');

      // Closed: nothing on disk declares it any more.
      next = ws.s.diagnostics(pod, has(PC_MISSING));
      ws.s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: 'untitled:Untitled-1' } });
      await next;

      // Closed: the disk version of accounts.yaml ("builder") is back.
      next = ws.s.diagnostics(pod, has(SA_MISSING, (d) => d.severity === WARNING));
      ws.s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: ws.uri('accounts.yaml') } });
      await next;

      // A file outside the workspace folder, opened: its declarations count while it is open,
      // and not once it is closed, though it is on disk.
      const far = join(outside, 'classes.yaml');
      writeFileSync(far, URGENT);
      next = ws.s.diagnostics(pod, lacks(PC_MISSING));
      ws.s.open(pathToFileURL(far).href, URGENT);
      await next;
      next = ws.s.diagnostics(pod, has(PC_MISSING));
      ws.s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: pathToFileURL(far).href } });
      await next;
      // A request after the close is answered once the read the close started is done: the
      // model still lacks the PriorityClass.
      const after = (await ws.s.conn.sendRequest(STORED_OBJECT_REQUEST, { textDocument: { uri: pod }, position: { line: 0, character: 0 } })) as StoredObjectResult;
      assert.equal(parseYaml(after.yaml).spec.priority, undefined);
    } finally {
      await ws.dispose();
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

const ROBOT_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      serviceAccountName: robot
      containers:
      - name: app
        image: nginx:1.27
`;
const BUILDER = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n  namespace: shop\n';

describe('the closed-world rule follows podsight.workspace.isWholeCluster', () => {
  it('information or a warning when the workspace is not the whole cluster, errors when it is; a configuration change revalidates every open document', { timeout: 60_000 }, async () => {
    let whole = false;
    const asked: Array<string | undefined> = [];
    // As VS Code answers: the whole `podsight` section resolved for the item's scope (the
    // workspace setting shows in every folder of a one-folder workspace).
    const ws = await workspace({ 'sa.yaml': BUILDER }, {}, {
      configuration: (item) => {
        if (item.section !== 'podsight') return null;
        asked.push(item.scopeUri);
        return { validate: { enable: true, debounceMs: 15 }, rules: {}, workspace: { isWholeCluster: whole } };
      },
    });
    try {
      const pod = ws.uri('pod.yaml');
      const deploy = ws.uri('deploy.yaml');
      const sa = (severity: number) => has(SA_MISSING, (d) => d.severity === severity);
      const ns = (severity: number) => has('admission-namespace-not-found', (d) => d.severity === severity);
      let podDs = ws.s.diagnostics(pod, all(sa(WARNING), ns(INFORMATION)));
      let deployDs = ws.s.diagnostics(deploy, all(sa(WARNING), ns(INFORMATION)));
      ws.s.open(pod, ROBOT_POD.replace('  priorityClassName: urgent\n', ''));
      ws.s.open(deploy, ROBOT_DEPLOYMENT);
      let ds = await podDs;
      assert.match(String(byCode(ds, SA_MISSING)[0].message), /\(the workspace declares ServiceAccounts in namespace "shop" but not this one; declare it, or set podsight\.workspace\.isWholeCluster to make this an error\)$/);
      assert.equal(byCode(ds, 'admission-namespace-not-found')[0].message, 'Namespace "shop" is not declared here (the workspace declares no Namespaces); if the cluster lacks it too: namespaces "shop" not found');
      await deployDs;
      // Settings were asked for the folder's scope (documents) and for the workspace's (the rule).
      assert.ok(asked.includes(`${ws.root}/`), JSON.stringify(asked));
      assert.ok(asked.includes(undefined), JSON.stringify(asked));

      whole = true;
      podDs = ws.s.diagnostics(pod, all(sa(ERROR), ns(ERROR)));
      // A workload is created whatever its Pods' service account: its template gets a warning.
      deployDs = ws.s.diagnostics(deploy, all(sa(WARNING), ns(ERROR), has(SA_MISSING, (d) => String(d.message).includes('whole cluster'))));
      ws.s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { podsight: { workspace: { isWholeCluster: true } } } });
      ds = await podDs;
      assert.deepEqual(
        [byCode(ds, SA_MISSING)[0], byCode(ds, 'admission-namespace-not-found')[0]].map((d) => [d.message, (d.data as { errorType?: string }).errorType]),
        [
          ['pods "web" is forbidden: error looking up service account shop/robot: serviceaccount "robot" not found (the workspace is declared to be the whole cluster, so ServiceAccount "robot" would be missing)', 'Forbidden'],
          ['namespaces "shop" not found (the workspace is declared to be the whole cluster, so Namespace "shop" would be missing)', 'NotFound'],
        ],
      );
      ds = await deployDs;
      assert.equal(
        byCode(ds, SA_MISSING)[0].message,
        'Pods that the Deployment controller creates from this template would be rejected by admission: error looking up service account shop/robot: serviceaccount "robot" not found (the workspace is declared to be the whole cluster, so ServiceAccount "robot" would be missing)',
      );

      // The Pod is now rejected: "Preview as stored" says so.
      const stored = (await ws.s.conn.sendRequest(STORED_OBJECT_REQUEST, { textDocument: { uri: pod }, position: { line: 0, character: 0 } })) as StoredObjectResult;
      assert.deepEqual(stored.rejected, [
        'namespaces "shop" not found (the workspace is declared to be the whole cluster, so Namespace "shop" would be missing)',
        'pods "web" is forbidden: error looking up service account shop/robot: serviceaccount "robot" not found (the workspace is declared to be the whole cluster, so ServiceAccount "robot" would be missing)',
      ]);

      whole = false;
      podDs = ws.s.diagnostics(pod, all(sa(WARNING), ns(INFORMATION)));
      deployDs = ws.s.diagnostics(deploy, all(sa(WARNING), ns(INFORMATION)));
      ws.s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { podsight: { workspace: { isWholeCluster: false } } } });
      await podDs;
      await deployDs;
    } finally {
      await ws.dispose();
    }
  });
});

const CLASSES = 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 1000\nglobalDefault: true\n';
const PLAIN_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`;

describe('podsight/storedObject', () => {
  it('answers the object as stored, with the workspace’s defaults; the rejection for a rejected one; an error for an unknown URI', { timeout: 60_000 }, async () => {
    const ws = await workspace({ 'classes.yaml': CLASSES, 'on-disk.yaml': PLAIN_POD.replace('name: web', 'name: on-disk') });
    try {
      const uri = ws.uri('app.yaml');
      const text = `${PLAIN_POD}---\n${DEPLOYMENT}`;
      const opened = ws.s.diagnostics(uri);
      ws.s.open(uri, text);
      await opened;
      const ask = (u: string, line: number, character = 0) => ws.s.conn.sendRequest(STORED_OBJECT_REQUEST, { textDocument: { uri: u }, position: { line, character } }) as Promise<StoredObjectResult | null>;

      const pod = (await ask(uri, 6, 6))!;
      assert.equal(pod.kind, 'Pod');
      assert.equal(pod.name, 'web');
      assert.equal(pod.rejected, undefined);
      const stored = parseYaml(pod.yaml);
      const spec = stored.spec;
      assert.equal(spec.containers[0].imagePullPolicy, 'IfNotPresent');
      assert.equal(spec.terminationGracePeriodSeconds, 30);
      assert.equal(spec.restartPolicy, 'Always');
      assert.equal(spec.serviceAccountName, 'default');
      // The globalDefault PriorityClass declared on disk.
      assert.equal(spec.priorityClassName, 'high');
      assert.equal(spec.priority, 1000);
      // The service account token, projected and mounted.
      const token = spec.volumes.find((v: { name: string }) => v.name.startsWith('kube-api-access-'));
      assert.deepEqual(token.projected.sources[0], { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
      assert.deepEqual(spec.containers[0].volumeMounts, [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: token.name, readOnly: true }]);
      assert.deepEqual(
        spec.tolerations.map((t: { key: string; tolerationSeconds: number }) => [t.key, t.tolerationSeconds]),
        [['node.kubernetes.io/not-ready', 300], ['node.kubernetes.io/unreachable', 300]],
      );

      // The Deployment in the same file: its own defaults; admission leaves its template alone.
      const deployLine = lineOf(text, 'kind: Deployment');
      const deployment = (await ask(uri, deployLine + 3))!;
      assert.equal(deployment.kind, 'Deployment');
      assert.equal(deployment.name, 'api');
      const d = parseYaml(deployment.yaml);
      assert.equal(d.spec.replicas, 1);
      assert.equal(d.spec.revisionHistoryLimit, 10);
      assert.deepEqual(d.spec.strategy, { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' });
      assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
      assert.equal(d.spec.template.spec.volumes, undefined);
      assert.equal(d.spec.template.spec.priority, undefined);

      // A manifest on disk that is not open is answered from the workspace.
      const onDisk = (await ask(ws.uri('on-disk.yaml'), 3))!;
      assert.equal(onDisk.name, 'on-disk');
      assert.equal(parseYaml(onDisk.yaml).spec.priority, 1000);

      // Outside any object: null.
      const values = ws.uri('values.yaml');
      const v = ws.s.diagnostics(values);
      ws.s.open(values, 'replicas: 3\nimage: nginx\n');
      await v;
      assert.equal(await ask(values, 0), null);

      // An unknown URI: an error that says what is wrong, not null.
      const nowhere = ws.uri('nowhere.yaml');
      await assert.rejects(ask(nowhere, 0), (err: { code: number; message: string }) => {
        assert.equal(err.code, -32602);
        assert.equal(err.message, `podsight/storedObject: ${nowhere} is neither an open document nor a manifest of the workspace`);
        return true;
      });
      await assert.rejects(ws.s.conn.sendRequest(STORED_OBJECT_REQUEST, { textDocument: { uri } }), (err: { code: number; message: string }) => {
        assert.equal(err.code, -32602);
        assert.equal(err.message, 'storedObject: position missing');
        return true;
      });
    } finally {
      await ws.dispose();
    }
  });

  it('answers a document with errors with the rejection, never a crash', { timeout: 60_000 }, async () => {
    const ws = await workspace({ 'classes.yaml': CLASSES });
    try {
      const ask = (u: string, line: number) => ws.s.conn.sendRequest(STORED_OBJECT_REQUEST, { textDocument: { uri: u }, position: { line, character: 0 } }) as Promise<StoredObjectResult | null>;
      // Field validation and strict decoding reject it.
      const broken = ws.uri('broken.yaml');
      let opened = ws.s.diagnostics(broken);
      ws.s.open(broken, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    foo: bar\n');
      const ds = await opened;
      const r = (await ask(broken, 1))!;
      assert.deepEqual(r.rejected, ['unknown field "spec.containers[0].foo"', 'spec.containers[0].image: Required value']);
      assert.deepEqual(
        ds.filter((d) => d.severity === ERROR).map((d) => d.message),
        r.rejected,
        'the rejection is what the diagnostics say',
      );
      const header = r.yaml.split('\n').slice(0, 4);
      assert.deepEqual(header, [
        '# kube-apiserver would reject this Pod: it is not stored.',
        '#   unknown field "spec.containers[0].foo"',
        '#   spec.containers[0].image: Required value',
        '# Below: what it would store once that is fixed.',
      ]);
      assert.equal(parseYaml(r.yaml).spec.priority, 1000, 'the rest is what it would store');

      // Admission rejects it, against what the workspace declares.
      const mismatch = ws.uri('mismatch.yaml');
      opened = ws.s.diagnostics(mismatch);
      ws.s.open(mismatch, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  priority: 5\n  containers:\n  - name: app\n    image: nginx:1.27\n');
      await opened;
      assert.deepEqual((await ask(mismatch, 1))!.rejected, [
        'pods "web" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
      ]);

      // Hostile shapes: wrong types everywhere, broken YAML, a control character in a name.
      const hostile = [
        'apiVersion: v1\nkind: Pod\nmetadata: 7\nspec:\n  containers: {a: [}\n',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "a\\u001b[31mb"\nspec:\n  containers: 5\n  volumes: [1, {name: [x]}]\n',
        'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n    resources: {limits: {cpu: banana}, requests: [1]}\n',
      ];
      for (const [i, text] of hostile.entries()) {
        const u = ws.uri(`hostile-${i}.yaml`);
        opened = ws.s.diagnostics(u);
        ws.s.open(u, text);
        await opened;
        const answer = await ask(u, 1);
        assert.ok(answer && (answer.rejected?.length ?? 0) > 0, `${text} → ${JSON.stringify(answer)}`);
        assert.ok(!/[\x00-\x08\x1b]/.test(answer.yaml), 'control characters are shown escaped');
        assert.equal(answer.yaml.split('\n').filter((l) => l.startsWith('#   ')).length, answer.rejected!.length);
      }
      assert.equal(ws.s.stderr(), '');
    } finally {
      await ws.dispose();
    }
  });
});

describe('Preview as stored lens', () => {
  it('is offered on Pods, Nodes and workloads when the client has the command, with the document and position as arguments', { timeout: 60_000 }, async () => {
    const node = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n';
    const text = `${PLAIN_POD}---\n${DEPLOYMENT}---\n${node}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n`;
    for (const init of [{ previewCommand: PREVIEW_COMMAND, storedCommand: STORED_COMMAND }, { previewCommand: PREVIEW_COMMAND }]) {
      const ws = await workspace({}, {}, { initializationOptions: init });
      try {
        const uri = ws.uri('all.yaml');
        const opened = ws.s.diagnostics(uri);
        ws.s.open(uri, text);
        await opened;
        const lenses = (await ws.s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ range: { start: { line: number } }; command?: { title: string; command: string; arguments?: unknown[] } }>;
        const stored = lenses.filter((l) => l.command?.title === 'Preview as stored');
        if (!init.storedCommand) {
          assert.deepEqual(stored, []);
          continue;
        }
        assert.equal(STORED_COMMAND, 'podsight.previewStored');
        const starts = text.split('\n').flatMap((l, i) => (l === 'apiVersion: v1' || l === 'apiVersion: apps/v1' ? [i] : [])).slice(0, 3);
        assert.deepEqual(
          stored.map((l) => [l.command!.command, l.command!.arguments, l.range.start.line]),
          starts.map((line) => [STORED_COMMAND, [uri, { line, character: 0 }], line]),
        );
        // Each lens's arguments are what the request takes.
        const kinds = [];
        for (const l of stored) {
          const [u, position] = l.command!.arguments as [string, { line: number; character: number }];
          kinds.push(((await ws.s.conn.sendRequest(STORED_OBJECT_REQUEST, { textDocument: { uri: u }, position })) as StoredObjectResult).kind);
        }
        assert.deepEqual(kinds, ['Pod', 'Deployment', 'Node']);
      } finally {
        await ws.dispose();
      }
    }
  });
});

const node = (name: string, cpu: string) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\nstatus:\n  allocatable: {cpu: "${cpu}", memory: 8Gi, pods: "110"}\n  capacity: {cpu: "${cpu}", memory: 8Gi, pods: "110"}\n`;
const pods = (cpu: string) =>
  ['a', 'b'].map((n) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources: {requests: {cpu: ${cpu}}}\n`).join('---\n');

describe('podsight/simulate over the workspace', () => {
  it('reads open unsaved Nodes and Pods on disk, and follows edits, the watcher’s events and closes', { timeout: 60_000 }, async () => {
    const ws = await workspace({ 'nodes.yaml': node('disk-node', '4'), 'pods.yaml': pods('"1"') });
    try {
      const simulate = () => ws.s.conn.sendRequest(SIMULATE_REQUEST, {}) as Promise<SimulateResult>;
      const placement = (r: SimulateResult) => r.pods.map((p) => [p.name, p.node]);
      const nodes = ws.uri('nodes.yaml');
      const opened = ws.s.diagnostics(nodes);
      ws.s.open(nodes, node('n1', '4'));
      await opened;

      // The open text of nodes.yaml, not its disk version; the Pods from disk.
      let r = await simulate();
      assert.deepEqual(r.files, [nodes, ws.uri('pods.yaml')]);
      assert.deepEqual(r.nodes.map((n) => n.name), ['n1']);
      assert.deepEqual(placement(r), [['default/a', 'n1'], ['default/b', 'n1']]);

      // An unsaved edit of the Node: one Pod fits no more.
      const edited = ws.s.diagnostics(nodes, (p) => p.version === 2);
      ws.s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: nodes, version: 2 }, contentChanges: [{ text: node('n1', '1500m') }] });
      await edited;
      r = await simulate();
      assert.deepEqual(placement(r), [['default/a', 'n1'], ['default/b', null]]);
      assert.match(r.pods[1].message ?? '', /^0\/1 nodes are available: 1 Insufficient cpu\./);

      // The Pods change on disk: the request after the watcher's event sees them.
      ws.write('pods.yaml', pods('500m'));
      ws.changed(['pods.yaml', CHANGED]);
      r = await simulate();
      assert.deepEqual(placement(r), [['default/a', 'n1'], ['default/b', 'n1']]);

      // nodes.yaml closed: its disk version.
      ws.s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: nodes } });
      r = await simulate();
      assert.deepEqual(r.nodes.map((n) => n.name), ['disk-node']);
      assert.deepEqual(placement(r), [['default/a', 'disk-node'], ['default/b', 'disk-node']]);

      // The Pods deleted on disk.
      rmSync(join(ws.dir, 'pods.yaml'));
      ws.changed(['pods.yaml', DELETED]);
      r = await simulate();
      assert.deepEqual(r.files, [nodes]);
      assert.deepEqual(r.pods, []);
    } finally {
      await ws.dispose();
    }
  });
});
