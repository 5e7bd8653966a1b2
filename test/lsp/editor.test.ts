/**
 * Issue 17's editor features over stdio against the real server: a Pod completed from an empty
 * document with completion alone (skeleton, then field names and enum values, each accepted
 * edit sent back as didChange), snippet support as the client declares it, and quick fixes as
 * code actions whose edits leave the document without errors.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp';

function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => off(b.range.start) - off(a.range.start))) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

class Doc {
  version = 1;
  constructor(readonly s: TestServer, readonly uri: string, public text: string) {
    s.open(uri, text);
  }
  async complete(position = endOf(this.text)): Promise<CompletionItem[]> {
    const r = (await this.s.conn.sendRequest('textDocument/completion', { textDocument: { uri: this.uri }, position })) as CompletionList | null;
    return r?.items ?? [];
  }
  /** Accepts the item labelled `label` at the end of the text, as an editor would. */
  async accept(label: string): Promise<void> {
    const item = (await this.complete()).find((i) => i.label === label);
    assert.ok(item?.textEdit && 'range' in item.textEdit, `no item ${label} at the end of:\n${this.text}`);
    this.change(apply(this.text, [item.textEdit, ...(item.additionalTextEdits ?? [])]));
  }
  change(text: string): void {
    this.text = text;
    this.s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version: ++this.version }, contentChanges: [{ text }] });
  }
  /** Types at the end of the text. */
  type(more: string): void {
    this.change(this.text + more);
  }
  diagnostics(): Promise<Diagnostic[]> {
    return this.s.diagnostics(this.uri, (p) => p.version === this.version);
  }
}

describe('completion and quick fixes over LSP', () => {
  let plain: TestServer | undefined;
  let snippets: TestServer | undefined;
  after(async () => {
    await plain?.close();
    await snippets?.close();
  });

  it('completes a Pod from an empty document, field by field, to no errors (no snippets)', async () => {
    plain = await startServer();
    const doc = new Doc(plain, 'file:///project/new-pod.yaml', '');
    // The kind brings its apiVersion.
    doc.type('kind: ');
    await doc.accept('Pod');
    assert.equal(doc.text, 'apiVersion: v1\nkind: Pod');
    doc.type('\n');
    await doc.accept('metadata');
    assert.equal(doc.text, 'apiVersion: v1\nkind: Pod\nmetadata:\n  ');
    await doc.accept('name');
    doc.type('web\n');
    await doc.accept('spec');
    await doc.accept('containers');
    assert.match(doc.text, /\nspec:\n  containers:\n  - $/);
    await doc.accept('name');
    doc.type('app\n    ');
    await doc.accept('image');
    doc.type('nginx:1.27\n    ');
    await doc.accept('imagePullPolicy');
    await doc.accept('IfNotPresent');
    assert.equal(doc.text, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    imagePullPolicy: IfNotPresent');
    assert.deepEqual((await doc.diagnostics()).filter((d) => d.severity === 1), []);
  });

  it('offers skeletons as snippets to a client that takes them, and plain text to one that does not', async () => {
    snippets = await startServer({}, { snippets: true });
    const withSnippets = new Doc(snippets, 'file:///project/a.yaml', '');
    const pod = (await withSnippets.complete()).find((i) => i.label === 'Pod');
    assert.equal(pod?.insertTextFormat, 2);
    assert.match((pod?.textEdit as TextEdit).newText, /name: \$\{1:app\}/);
    const withoutSnippets = new Doc(plain!, 'file:///project/b.yaml', '');
    const podPlain = (await withoutSnippets.complete()).find((i) => i.label === 'Pod');
    assert.equal(podPlain?.insertTextFormat, undefined);
    assert.doesNotMatch((podPlain?.textEdit as TextEdit).newText, /\$/);
  });

  it('quick fixes as code actions: restartPolicy: always, containerPort: "8080", memory: 1gb', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  restartPolicy: always\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: "8080"\n    resources:\n      limits:\n        memory: 1gb\n';
    const doc = new Doc(plain!, 'file:///project/fix.yaml', text);
    const ds = (await doc.diagnostics()).filter((d) => d.severity === 1);
    assert.deepEqual(ds.map((d) => d.code).sort(), ['invalid-quantity', 'invalid-type', 'restart-policy']);
    let fixed = text;
    for (const d of ds) {
      const actions = (await plain!.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      const titles = actions.map((a) => a.title);
      const want = d.code === 'restart-policy' ? 'Change to Always' : d.code === 'invalid-type' ? 'Remove the quotes: 8080' : 'Change to 1Gi (binary: 1 Gi = 1024³ bytes)';
      assert.ok(titles.includes(want), `${d.code}: ${titles.join(' | ')}`);
      fixed = apply(fixed, actions.find((a) => a.title === want)!.edit!.changes![doc.uri]);
    }
    assert.match(fixed, /restartPolicy: Always\n[^]*containerPort: 8080\n[^]*memory: 1Gi\n/);
    doc.change(fixed);
    assert.deepEqual((await doc.diagnostics()).filter((d) => d.severity === 1), []);
  });
});
