/**
 * Services and NetworkPolicies through the real server process: a Service's diagnostics against
 * a Deployment on disk, the code lenses on both sides, the port hover, the did-you-mean quick
 * fix, and a label edit in an open Pod template that makes the Service's findings change.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - name: http
          containerPort: 8080
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: http
    nodePort: 30080
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: only-front
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: front
    ports:
    - port: 9000
`;

function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, at + delta);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

const reach = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).startsWith('service-'));

describe('Services and NetworkPolicies over LSP', () => {
  let s: TestServer;
  let dir: string;
  let depUri: string;
  let svcUri: string;
  const req = <R>(method: string, params: object): Promise<R> => s.conn.sendRequest(method, params) as Promise<R>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-svc-'));
    writeFileSync(join(dir, 'deployment.yaml'), DEPLOYMENT);
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    depUri = pathToFileURL(join(dir, 'deployment.yaml')).href;
    svcUri = pathToFileURL(join(dir, 'service.yaml')).href;
    const root = pathToFileURL(dir).href;
    s = await startServer({}, { rootUri: root });
    s.conn.onRequest('workspace/workspaceFolders', () => [{ uri: root, name: 'ws' }]);
  });
  after(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a Service selecting the Deployment on disk: lens "selects 1 Pod template", no finding', async () => {
    // The first diagnostics may come before the disk scan; the lens request waits for the scan.
    const first = s.diagnostics(svcUri);
    s.open(svcUri, SERVICE);
    await first;
    const lenses = await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: svcUri } });
    const lens = lenses.find((l) => l.command?.title.startsWith('selects'));
    assert.equal(lens?.command?.title, 'selects 1 Pod template');
    assert.equal(lens?.command?.tooltip, 'Deployment web (template)');
    assert.equal(lens?.range.start.line, pos(SERVICE, 'selector:').line);
  });

  it('the Deployment, opened, is "selected by Service web (80→http)"; its port hover names the Service and the policy', async () => {
    const opened = s.diagnostics(depUri);
    s.open(depUri, DEPLOYMENT);
    await opened;
    const lenses = await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: depUri } });
    const lens = lenses.find((l) => l.command?.title.startsWith('selected by'));
    assert.equal(lens?.command?.title, 'selected by Service web (80→http)');
    assert.equal(lens?.range.start.line, pos(DEPLOYMENT, '    metadata:').line);
    const h = await req<Hover>('textDocument/hover', { textDocument: { uri: depUri }, position: pos(DEPLOYMENT, 'containerPort: 8080', 16) });
    const text = (h.contents as { value: string }).value.replace(/\\(.)/g, '$1');
    assert.match(text, /\*\*From outside the Pod\*\*/);
    assert.match(text, /Service `web` — NodePort: port 30080 on every Node's IP, and port 80 at `web\.default\.svc` inside the cluster \(targetPort `http`\)/);
    assert.match(text, /NetworkPolicies selecting this Pod: `only-front` \(Ingress, by default; podSelector `app=web`\)/);
    assert.match(text, /⚠ Ingress: isolated by `only-front`, and no ingress rule admits traffic on 8080\/TCP/);
  });

  it('relabelling the open template makes the Service select nothing, with a did-you-mean whose quick fix restores it', async () => {
    const changed = s.diagnostics(svcUri, (p) => reach(p.diagnostics).length > 0);
    s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: depUri, version: 2 },
      contentChanges: [{ text: DEPLOYMENT.replace(/app: web/g, 'app: webb') }],
    });
    const ds = reach(await changed);
    assert.deepEqual(ds.map((d) => d.code).sort(), ['service-selector-near-miss', 'service-selects-nothing']);
    const nothing = ds.find((d) => d.code === 'service-selects-nothing')!;
    assert.equal(nothing.severity, 2);
    assert.match(String(nothing.message), /declares one Pod or Pod template in namespace "default" but none with these labels/);
    const miss = ds.find((d) => d.code === 'service-selector-near-miss')!;
    assert.equal(miss.relatedInformation?.[0].location.uri, depUri);
    const actions = await req<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: svcUri }, range: miss.range, context: { diagnostics: [miss] } });
    assert.equal(actions[0].title, 'Change the selector to app: webb');
    const edit = actions[0].edit!.changes![svcUri][0];
    assert.equal(edit.newText, 'webb');
    assert.deepEqual(edit.range.start, pos(SERVICE, 'app: web', 5));
    // And back: the findings go away.
    const cleared = s.diagnostics(svcUri, (p) => reach(p.diagnostics).length === 0);
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: depUri, version: 3 }, contentChanges: [{ text: DEPLOYMENT }] });
    await cleared;
  });
});
