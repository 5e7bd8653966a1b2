/**
 * The sharing features through the real server process: hover, inlay hints, code lens,
 * definition, references, rename, completion (with Nodes from open documents and from the
 * workspace folder on disk), document symbols and folding ranges.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { CodeLens, CompletionList, DocumentSymbol, FoldingRange, Hover, InlayHint, Location, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { SERVER, startServer, type TestServer } from '../helpers/lsp';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const read = (name: string): string => readFileSync(join(EXAMPLES, name), 'utf8');
const WEB = read('web-pod.yaml');
const NODES = read('nodes.yaml');
const JOB = read('gpu-job.yaml');

function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, at + delta);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

function slice(text: string, r: Range): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(off(r.start), off(r.end));
}

describe('sharing features over LSP', () => {
  let s: TestServer;
  const webUri = 'file:///project/examples/web-pod.yaml';
  const nodesUri = 'file:///project/examples/nodes.yaml';
  const jobUri = 'file:///project/examples/gpu-job.yaml';
  const req = <R>(method: string, params: object): Promise<R> => s.conn.sendRequest(method, params) as Promise<R>;

  before(async () => {
    s = await startServer();
    const opened = s.diagnostics(webUri);
    s.open(webUri, WEB);
    await opened;
  });
  after(async () => {
    await s.close();
  });

  it('hover shows what is shared above the field documentation', async () => {
    const h = await req<Hover>('textDocument/hover', { textDocument: { uri: webUri }, position: pos(WEB, '- name: html\n    emptyDir', 9) });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /^\*\*emptyDir `html`\*\*: written by `fetch-content` \(init\) at `\/html`; read by `nginx` at `\/usr\/share\/nginx\/html` \(read-only\)/);
    assert.match(value, /\n---\n[\s\S]*\*\*name\*\* `string`/);
  });

  it('inlay hints after ports and volume names', async () => {
    const hints = await req<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: webUri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
    assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [
      [pos(WEB, 'containerPort: 8080').line, 'reachable by log-shipper, metrics'],
      [pos(WEB, 'containerPort: 9113').line, 'reachable by log-shipper, nginx'],
      [pos(WEB, '- name: html\n    emptyDir').line, 'fetch-content:/html rw · nginx:/usr/share/nginx/html ro'],
      [pos(WEB, '- name: logs\n    emptyDir').line, 'log-shipper:/var/log/nginx ro · nginx:/var/log/nginx rw'],
    ]);
  });

  it('a code lens on the Pod spec', async () => {
    const lenses = await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: webUri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command?.title, '3 containers (1 sidecar) share one Pod IP · :8080 :9113 · 2 shared volumes · 1 init container first');
    assert.equal(lenses[0].range.start.line, pos(WEB, '\nspec:').line + 1);
  });

  it('definition and references between volumes and mounts, ports and probes', async () => {
    const def = await req<Location[]>('textDocument/definition', { textDocument: { uri: webUri }, position: pos(WEB, 'port: http', 7) });
    assert.deepEqual(def.map((l) => [l.range.start.line, slice(WEB, l.range)]), [[pos(WEB, 'name: http').line, 'http']]);
    const refs = await req<Location[]>('textDocument/references', { textDocument: { uri: webUri }, position: pos(WEB, '- name: html\n    emptyDir', 9), context: { includeDeclaration: true } });
    assert.equal(refs.length, 3);
    assert.ok(refs.every((r) => r.uri === webUri && slice(WEB, r.range) === 'html'));
  });

  it('rename a volume renames its mounts; prepareRename refuses other names', async () => {
    const at = pos(WEB, '- name: logs\n    emptyDir', 9);
    const prep = await req<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: webUri }, position: at });
    assert.equal(prep.placeholder, 'logs');
    assert.equal(await req('textDocument/prepareRename', { textDocument: { uri: webUri }, position: pos(WEB, 'image: nginx', 9) }), null);
    const edit = await req<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: webUri }, position: at, newName: 'access-logs' });
    const edits = edit.changes?.[webUri] ?? [];
    assert.equal(edits.length, 3);
    assert.ok(edits.every((e) => e.newText === 'access-logs' && slice(WEB, e.range) === 'logs'));
    await assert.rejects(req('textDocument/rename', { textDocument: { uri: webUri }, position: at, newName: 'Bad_Name' }), /not a valid volume name/);
  });

  it('completion of volume names, and of Node labels from other open documents as they change', async () => {
    const marked = WEB.replace('    - name: logs\n      mountPath: /var/log/nginx\n  - name: metrics', '    - name: \n      mountPath: /var/log/nginx\n  - name: metrics');
    const uri = 'file:///project/examples/web-edit.yaml';
    s.open(uri, marked);
    const vols = await req<CompletionList>('textDocument/completion', { textDocument: { uri }, position: pos(marked, '- name: \n', 8) });
    assert.deepEqual(vols.items.map((i) => i.label), ['html', 'logs']);

    const at = pos(JOB, 'accelerator: nvidia-l4', 13);
    const job = JOB.replace('accelerator: nvidia-l4', 'accelerator: ');
    s.open(jobUri, job);
    const none = await req<CompletionList | null>('textDocument/completion', { textDocument: { uri: jobUri }, position: at });
    assert.equal(none, null, 'no Nodes known yet');
    s.open(nodesUri, NODES);
    const some = await req<CompletionList>('textDocument/completion', { textDocument: { uri: jobUri }, position: at });
    assert.deepEqual(some.items.map((i) => i.label), ['nvidia-l4']);
    // Edit the Node: the index follows the open document.
    const line = pos(NODES, 'accelerator: nvidia-l4', 13);
    s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: nodesUri, version: 2 },
      contentChanges: [{ range: { start: line, end: { line: line.line, character: line.character + 'nvidia-l4'.length } }, text: 'nvidia-h100' }],
    });
    const changed = await req<CompletionList>('textDocument/completion', { textDocument: { uri: jobUri }, position: at });
    assert.deepEqual(changed.items.map((i) => i.label), ['nvidia-h100']);
    // Closing it (it does not exist on disk) forgets its Nodes.
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: nodesUri } });
    assert.equal(await req('textDocument/completion', { textDocument: { uri: jobUri }, position: at }), null);
  });

  it('document symbols per Kubernetes document and folding ranges', async () => {
    const syms = await req<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: webUri } });
    assert.deepEqual(syms.map((x) => [x.name, (x.children ?? []).map((c) => c.name)]), [['Pod web', ['fetch-content', 'log-shipper', 'nginx', 'metrics', 'html', 'logs']]]);
    const folds = await req<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: webUri } });
    assert.ok(folds.some((f) => f.startLine === pos(WEB, '\nspec:').line + 1 && f.endLine === WEB.trimEnd().split('\n').length - 1), JSON.stringify(folds));
  });
});

describe('sharing settings over LSP', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ inlayHints: { ports: false }, codeLens: { enable: false } });
  });
  after(async () => {
    await s.close();
  });

  it('podsight.inlayHints.ports and podsight.codeLens.enable turn them off', async () => {
    const uri = 'file:///project/examples/web-pod.yaml';
    const opened = s.diagnostics(uri);
    s.open(uri, WEB);
    await opened;
    const hints = (await s.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } })) as InlayHint[];
    assert.deepEqual(hints.map((h) => h.label), ['fetch-content:/html rw · nginx:/usr/share/nginx/html ro', 'log-shipper:/var/log/nginx ro · nginx:/var/log/nginx rw']);
    assert.deepEqual(await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
  });
});

describe('Nodes from the workspace folder on disk', () => {
  it('are read at start, followed through file-watcher events, and capabilities are declared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsight-ws-'));
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    try {
      writeFileSync(join(dir, 'nodes.yaml'), NODES);
      writeFileSync(join(dir, 'not-nodes.yaml'), WEB);
      const registrations: string[] = [];
      conn.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string }> }) => {
        registrations.push(...p.registrations.map((r) => r.method));
        return null;
      });
      conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
      conn.onNotification('textDocument/publishDiagnostics', () => undefined);
      conn.onNotification('window/logMessage', () => undefined);
      conn.listen();
      const init = (await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(dir).href,
        capabilities: { workspace: { workspaceFolders: true, configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
        workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      })) as { capabilities: Record<string, unknown> };
      for (const cap of ['inlayHintProvider', 'codeLensProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'completionProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'hoverProvider', 'codeActionProvider']) {
        assert.ok(init.capabilities[cap], `capability ${cap}`);
      }
      assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
      conn.sendNotification('initialized', {});
      const jobUri = pathToFileURL(join(dir, 'job.yaml')).href;
      const job = JOB.replace('accelerator: nvidia-l4', 'accelerator: ');
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri: jobUri, languageId: 'yaml', version: 1, text: job } });
      // The folder comes from initialize; the server reads it once initialized.
      const at = pos(JOB, 'accelerator: nvidia-l4', 13);
      const complete = async (): Promise<string[]> => (((await conn.sendRequest('textDocument/completion', { textDocument: { uri: jobUri }, position: at })) as CompletionList | null)?.items ?? []).map((i) => i.label);
      // The scan reads the folder asynchronously: ask until it has (each ask is one round trip).
      const until = async (want: string, what: string): Promise<void> => {
        for (let i = 0; i < 2000; i++) if ((await complete()).join() === want) return;
        assert.fail(`${what}: completion never became ${want}; last ${(await complete()).join()}`);
      };
      await until('nvidia-l4', 'initial scan');
      assert.deepEqual(registrations, ['workspace/didChangeWatchedFiles']);
      // Hover knows the disk Nodes too.
      const h = (await conn.sendRequest('textDocument/hover', { textDocument: { uri: jobUri }, position: pos(JOB, 'key: nvidia', 2) })) as Hover;
      assert.match((h.contents as { value: string }).value, /^Tolerates `nvidia.com\/gpu=present:NoSchedule` of `gpu-1`\./);
      writeFileSync(join(dir, 'nodes.yaml'), NODES.replace('accelerator: nvidia-l4', 'accelerator: nvidia-b200'));
      conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'nodes.yaml')).href, type: 2 }] });
      await until('nvidia-b200', 'after a change on disk');
      rmSync(join(dir, 'nodes.yaml'));
      conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'nodes.yaml')).href, type: 3 }] });
      await until('', 'after deletion');
    } finally {
      try {
        await conn.sendRequest('shutdown');
        conn.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
        proc.once('exit', () => (clearTimeout(t), resolve()));
      });
      conn.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
