/**
 * The Node manifest explains itself, through the real server process: the lens above each Node
 * (Pods placed, use against allocatable, a click that opens the preview focused on it), the
 * inlay hint after its name, hovers on a taint and a label, and — after an edit of a Pod
 * elsewhere — a refresh request and lenses that follow the new placement.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp';

const NODES = `apiVersion: v1
kind: Node
metadata:
  name: big
  labels:
    disk: ssd
status:
  allocatable: {cpu: "8", memory: 16Gi, pods: "110"}
---
apiVersion: v1
kind: Node
metadata:
  name: gpu
  labels:
    accelerator: l4
spec:
  taints:
  - key: nvidia.com/gpu
    effect: NoSchedule
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
`;

const pods = (selector: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      nodeSelector:
        ${selector}
      containers:
      - name: api
        image: nginx:1.27
        resources:
          requests: {cpu: "1", memory: 1Gi}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: train
spec:
  template:
    spec:
      restartPolicy: Never
      tolerations:
      - key: nvidia.com/gpu
        operator: Exists
        effect: NoSchedule
      nodeSelector:
        accelerator: l4
      containers:
      - name: t
        image: pytorch
        resources:
          requests: {cpu: "2"}
`;

function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, at + delta);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

const hoverText = (h: Hover | null) => ((h?.contents as { value?: string } | undefined)?.value ?? '').replace(/\\(.)/g, '$1');

describe('Node facts over LSP', () => {
  let s: TestServer;
  let dir: string;
  let nodesUri: string;
  let podsUri: string;
  const refreshes: Array<() => void> = [];
  const req = <R>(method: string, params: object): Promise<R> => s.conn.sendRequest(method, params) as Promise<R>;
  const lensTitles = async () => (await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: nodesUri } })).filter((l) => l.command?.arguments?.[0]?.focusNode);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-nodes-'));
    writeFileSync(join(dir, 'workloads.yaml'), pods('disk: ssd'));
    nodesUri = pathToFileURL(join(dir, 'nodes.yaml')).href;
    podsUri = pathToFileURL(join(dir, 'workloads.yaml')).href;
    const root = pathToFileURL(dir).href;
    s = await startServer({}, { rootUri: root, initializationOptions: { previewCommand: 'podsight.previewScheduling' } });
    s.conn.onRequest('workspace/workspaceFolders', () => [{ uri: root, name: 'ws' }]);
    s.conn.onRequest('workspace/codeLens/refresh', () => {
      for (const r of refreshes.splice(0)) r();
      return null;
    });
    s.conn.onRequest('workspace/inlayHint/refresh', () => null);
    const first = s.diagnostics(nodesUri);
    s.open(nodesUri, NODES);
    await first;
  });
  after(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a lens above each Node: the Pods the simulation places there and the use against allocatable; a click focuses the preview on it', async () => {
    const lenses = await lensTitles();
    const big = lenses.filter((l) => l.command!.arguments![0].focusNode === 'big');
    assert.equal(big.length, 2);
    assert.match(big[0].command!.title, /^3 Pods: api-[a-z0-9]+-[a-z0-9]{5}, api-/);
    assert.equal(big[1].command!.title, 'cpu 3/8 (38 %) · memory 3/16Gi (19 %) · pods 3/110');
    assert.equal(big[0].command!.command, 'podsight.previewScheduling');
    assert.equal(big[0].range.start.line, 0);
    const gpu = lenses.filter((l) => l.command!.arguments![0].focusNode === 'gpu');
    assert.match(gpu[0].command!.title, /^1 Pod: train-[a-z0-9]{5}$/);
    assert.equal(gpu[0].range.start.line, pos(NODES, 'apiVersion: v1\nkind: Node\nmetadata:\n  name: gpu').line);
  });

  it('inlay hints after the Node names', async () => {
    const hints = await req<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: nodesUri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
    const labels = hints.map((h) => [h.position.line, h.label]);
    assert.deepEqual(labels, [
      [pos(NODES, 'name: big').line, '3 Pods'],
      [pos(NODES, 'name: gpu').line, '1 Pod'],
    ]);
  });

  it('the hover of a taint names who tolerates it and who it repels', async () => {
    const h = hoverText(await req<Hover>('textDocument/hover', { textDocument: { uri: nodesUri }, position: pos(NODES, 'key: nvidia.com/gpu', 6) }));
    assert.match(h, /Taint `nvidia.com\/gpu:NoSchedule` of `gpu`/);
    assert.match(h, /Tolerated by 1 template or Pod:\n- Job `default\/train`/);
    assert.match(h, /Repelled: none/);
  });

  it('the hover of a label names who selects it and who would stop fitting without it', async () => {
    const h = hoverText(await req<Hover>('textDocument/hover', { textDocument: { uri: nodesUri }, position: pos(NODES, 'disk: ssd', 1) }));
    assert.match(h, /Label `disk=ssd` of `big`/);
    assert.match(h, /Deployment `default\/api`: nodeSelector/);
    assert.match(h, /Without it, 3 Pods placed here would stop fitting/);
  });

  it('an edit of the workloads elsewhere: the server asks for a refresh, and the lenses follow the new placement', async () => {
    const refreshed = new Promise<void>((resolve) => refreshes.push(resolve));
    s.open(podsUri, pods('disk: ssd'));
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: podsUri, version: 2 }, contentChanges: [{ text: pods('disk: hdd') }] });
    await refreshed;
    const lenses = await lensTitles();
    const big = lenses.filter((l) => l.command!.arguments![0].focusNode === 'big');
    assert.equal(big[0].command!.title, 'No Pods placed here');
    const hints = await req<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: nodesUri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
    assert.equal(hints[0].label, '0 Pods');
  });
});
