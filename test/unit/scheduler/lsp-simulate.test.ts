/**
 * The `podsight/simulate` handler (server/src/lsp/simulate.ts) with a stand-in connection:
 * workspace = files on disk under the folders + open documents (which win), caching, and the
 * change notification.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import { registerSimulate } from '../../../server/src/lsp/simulate';
import { parseManifestFile, type ManifestFile } from '../../../server/src/service/parse/manifests';
import { SIMULATE_REQUEST, SIMULATION_CHANGED_NOTIFICATION, type SimulateParams, type SimulateResult } from '../../../server/src/protocol';
import { node, pod } from './helpers';

type Handler = (params: SimulateParams | null, token: CancellationToken) => Promise<SimulateResult>;

function setup(folder: string) {
  let handler: Handler | undefined;
  const notifications: Array<{ method: string; params: unknown }> = [];
  const connection = {
    onRequest: (method: string, h: Handler) => {
      assert.equal(method, SIMULATE_REQUEST);
      handler = h;
    },
    sendNotification: (method: string, params: unknown) => notifications.push({ method, params }),
    console: { error: (m: string) => assert.fail(m) },
    workspace: { getWorkspaceFolders: async () => [{ uri: pathToFileURL(folder).href, name: 'w' }] },
  } as unknown as Connection;
  const open = new Map<string, TextDocument>();
  const listeners: Array<(e: { document: TextDocument }) => void> = [];
  const documents = {
    all: () => [...open.values()],
    get: (uri: string) => open.get(uri),
    onDidChangeContent: (l: (e: { document: TextDocument }) => void) => (listeners.push(l), { dispose() {} }),
    onDidClose: () => ({ dispose() {} }),
  } as unknown as TextDocuments<TextDocument>;
  const parsed = new Map<string, ManifestFile>();
  let parses = 0;
  const fileFor = (doc: TextDocument) => {
    const prev = parsed.get(doc.uri);
    if (prev && prev.version === doc.version) return prev;
    const f = parseManifestFile(doc.uri, doc.version, doc.getText(), prev);
    parsed.set(doc.uri, f);
    return f;
  };
  const h = registerSimulate({
    connection,
    documents,
    fileFor,
    parse: (uri, v, text, prev) => (parses++, parseManifestFile(uri, v, text, prev)),
    notifyDelayMs: 5,
  });
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) } as CancellationToken;
  return {
    h,
    notifications,
    parses: () => parses,
    ask: (params: SimulateParams = {}) => handler!(params, token),
    openDoc(uri: string, text: string, version = 1) {
      const doc = TextDocument.create(uri, 'yaml', version, text);
      open.set(uri, doc);
      for (const l of listeners) l({ document: doc });
    },
  };
}

test('simulates disk files under the workspace folders plus open documents', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsight-lsp-'));
  try {
    mkdirSync(join(dir, 'cluster'));
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'cluster', 'nodes.yaml'), `${node({ name: 'a', cpu: '2' })}\n---\n${node({ name: 'b', cpu: '1' })}\n`);
    writeFileSync(join(dir, 'app.yaml'), pod({ name: 'web', cpu: '1500m' }));
    writeFileSync(join(dir, 'node_modules', 'junk.yaml'), pod({ name: 'junk' }));
    writeFileSync(join(dir, 'other.yaml'), 'just: config\n');
    const s = setup(dir);
    const r1 = await s.ask();
    assert.deepEqual(r1.nodes.map((n) => n.name), ['a', 'b']);
    assert.deepEqual(r1.pods.map((p) => [p.name, p.node]), [['default/web', 'a']]);
    assert.equal(r1.files.length, 2, 'only relevant files, node_modules skipped');
    assert.equal(r1.pods[0].source?.uri, pathToFileURL(join(dir, 'app.yaml')).href);

    // Unchanged inputs: answered from memory, nothing re-read.
    const parses = s.parses();
    assert.equal(await s.ask(), r1);
    assert.equal(s.parses(), parses);

    // An open document wins over its disk copy (unsaved edits).
    const appUri = pathToFileURL(join(dir, 'app.yaml')).href;
    s.openDoc(appUri, pod({ name: 'web', cpu: '3' }));
    const r2 = await s.ask();
    assert.equal(r2.pods[0].node, null);
    assert.match(r2.pods[0].message ?? '', /^0\/2 nodes are available: 2 Insufficient cpu\./);
    await new Promise((res) => setTimeout(res, 20));
    assert.deepEqual(s.notifications, [{ method: SIMULATION_CHANGED_NOTIFICATION, params: { uris: [appUri] } }]);

    // A changed disk file is re-read.
    writeFileSync(join(dir, 'cluster', 'nodes.yaml'), node({ name: 'big', cpu: '8' }));
    utimesSync(join(dir, 'cluster', 'nodes.yaml'), new Date(), new Date(Date.now() + 5000));
    const r3 = await s.ask({ whatIf: { cordon: [] } });
    assert.deepEqual(r3.nodes.map((n) => n.name), ['big']);
    assert.equal(r3.pods[0].node, 'big');

    // Parameters reach the engine.
    const r4 = await s.ask({ schedulerVersion: '1.33', whatIf: { remove: ['big'] } });
    assert.equal(r4.schedulerVersion, '1.33');
    assert.equal(r4.pods[0].message, 'no nodes available to schedule pods');
    s.h.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('explicit folders in the request replace the workspace folders', async () => {
  const a = mkdtempSync(join(tmpdir(), 'podsight-lsp-a-'));
  const b = mkdtempSync(join(tmpdir(), 'podsight-lsp-b-'));
  try {
    writeFileSync(join(a, 'n.yaml'), node({ name: 'from-a' }));
    writeFileSync(join(b, 'n.yaml'), node({ name: 'from-b' }));
    const s = setup(a);
    assert.deepEqual((await s.ask()).nodes.map((n) => n.name), ['from-a']);
    assert.deepEqual((await s.ask({ folders: [pathToFileURL(b).href] })).nodes.map((n) => n.name), ['from-b']);
    s.h.dispose();
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});
