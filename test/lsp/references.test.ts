/**
 * References through the real server process over stdio, on a workspace folder on disk: the
 * key typo flagged with its did-you-mean fix, definition into a file that is not open,
 * references and rename across files (the unopened disk file included in the WorkspaceEdit),
 * completion of keys, hover on a reference, and diagnostics that follow an edit of the
 * ConfigMap, for the documents that reference it only.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, Hover, Location, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { startServer } from '../helpers/lsp';

const CM = (keys: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n${keys}`;
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    env:
    - name: LEVEL
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: levl
`;
const OTHER = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: other\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';

function pos(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, at + delta);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

const refCodes = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => String(d.code).startsWith('reference-'));

it('references over LSP: diagnostics, definition, references, rename across files, completion, hover, and updates on a ConfigMap edit', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsight-refs-'));
  const root = pathToFileURL(dir).href;
  writeFileSync(join(dir, 'config.yaml'), CM('  level: debug\n  format: json\n'));
  writeFileSync(join(dir, 'pod.yaml'), POD);
  writeFileSync(join(dir, 'other.yaml'), OTHER);
  const cmUri = pathToFileURL(join(dir, 'config.yaml')).href;
  const podUri = pathToFileURL(join(dir, 'pod.yaml')).href;
  const otherUri = pathToFileURL(join(dir, 'other.yaml')).href;
  const s = await startServer({}, { rootUri: root });
  s.conn.onRequest('workspace/workspaceFolders', () => [{ uri: root, name: 'ws' }]);
  const published: string[] = [];
  s.onDiagnostics((p) => void published.push(p.uri));
  const req = <R>(method: string, params: object): Promise<R> => s.conn.sendRequest(method, params) as Promise<R>;
  try {
    // The ConfigMap is on disk only: once the scan has read it, the typo is a warning.
    const flagged = s.diagnostics(podUri, (p) => refCodes(p).some((d) => d.code === 'reference-configmap-key-not-found'));
    s.open(podUri, POD);
    s.open(otherUri, OTHER);
    let diags = refCodes({ uri: podUri, diagnostics: await flagged });
    assert.equal(diags.length, 1);
    const d = diags[0];
    assert.equal(d.code, 'reference-configmap-key-not-found');
    assert.equal(d.severity, 2);
    assert.match(String(d.message), /^couldn't find key levl in ConfigMap default\/app-config/);
    assert.deepEqual(d.range.start, pos(POD, 'levl'));
    assert.equal(d.relatedInformation?.[0].location.uri, cmUri);
    const actions = await req<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: podUri }, range: d.range, context: { diagnostics: [d] } });
    assert.deepEqual(actions[0].edit?.changes?.[podUri], [{ range: d.range, newText: 'level' }]);

    // Definition of the name and of the key: into config.yaml, which is not open.
    const defName = await req<Location[]>('textDocument/definition', { textDocument: { uri: podUri }, position: pos(POD, 'name: app-config', 8) });
    assert.deepEqual(defName, [{ uri: cmUri, range: { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } } }]);

    // References from the declaration's file (opened for that) reach the Pod.
    const cmText = CM('  level: debug\n  format: json\n');
    s.open(cmUri, cmText);
    const refs = await req<Location[]>('textDocument/references', { textDocument: { uri: cmUri }, position: pos(cmText, 'app-config', 2), context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((r) => `${r.uri === podUri ? 'pod' : r.uri === cmUri ? 'cm' : r.uri}:${r.range.start.line}`).sort(), ['cm:3', 'pod:12']);
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: cmUri } });

    // Rename the ConfigMap from the Pod: the WorkspaceEdit touches config.yaml on disk too.
    const prep = await req<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: podUri }, position: pos(POD, 'name: app-config', 8) });
    assert.equal(prep.placeholder, 'app-config');
    const edit = await req<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: podUri }, position: pos(POD, 'name: app-config', 8), newName: 'web-config' });
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [cmUri, podUri].sort());
    assert.deepEqual(edit.changes![cmUri], [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } }, newText: 'web-config' }]);

    // Completion of the keys of the named ConfigMap; hover on the name.
    const completion = await req<CompletionList>('textDocument/completion', { textDocument: { uri: podUri }, position: pos(POD, 'levl', 4) });
    assert.deepEqual(completion.items.map((i) => i.label), ['level', 'format']);
    const hover = await req<Hover>('textDocument/hover', { textDocument: { uri: podUri }, position: pos(POD, 'name: app-config', 8) });
    assert.match((hover.contents as { value: string }).value, /^\*\*ConfigMap\*\* `default\/app-config`\n\nDeclared in `config.yaml`\n\n2 keys, 9 bytes:/);

    // The ConfigMap is opened and gains the key: the Pod's warning goes; the other Pod, which
    // references nothing, is not validated again.
    s.open(cmUri, cmText, 2);
    const cleared = s.diagnostics(podUri, (p) => refCodes(p).length === 0);
    const mark = published.length;
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: cmUri, version: 3 }, contentChanges: [{ text: CM('  levl: debug\n  format: json\n') }] });
    await cleared;
    await req('textDocument/hover', { textDocument: { uri: podUri }, position: { line: 0, character: 0 } });
    assert.deepEqual(published.slice(mark).filter((u) => u === otherUri), []);

    // And back: the key renamed away flags the Pod again.
    const again = s.diagnostics(podUri, (p) => refCodes(p).length === 1);
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: cmUri, version: 4 }, contentChanges: [{ text: CM('  lvl: debug\n') }] });
    diags = refCodes({ uri: podUri, diagnostics: await again });
    assert.match(String(diags[0].message), /couldn't find key levl/);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
