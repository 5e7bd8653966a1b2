import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../helpers/lsp';

const URI = 'file:///project/pod.yaml';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    foo: bar\n';

describe('language server over stdio', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => {
    await s.close();
  });

  it('publishes diagnostics on open, with the error on the unknown key', async () => {
    const wait = s.diagnostics(URI);
    s.open(URI, POD);
    const ds = await wait;
    const d = ds.find((x) => x.code === 'unknown-field');
    assert.ok(d, JSON.stringify(ds));
    assert.equal(d.message, 'unknown field "spec.containers[0].foo"');
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'podsight');
    assert.deepEqual(d.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 7 } });
    // object: the identity SARIF fingerprints use (stable while lines move).
    assert.deepEqual(d.data, { field: 'spec.containers[0].foo', errorType: 'UnknownField', object: 'v1/Pod /demo' });
    assert.match(d.codeDescription?.href ?? '', /docs\/rules\.md#unknown-field$/);
  });

  it('applies incremental changes and re-validates', async () => {
    const wait = s.diagnostics(URI, (p) => p.version === 2);
    // Replace `foo: bar` (line 8) with `tty: true`: the document becomes valid.
    s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 8, character: 4 }, end: { line: 8, character: 12 } }, text: 'tty: true' }],
    });
    assert.deepEqual(await wait, []);
    const wait3 = s.diagnostics(URI, (p) => p.version === 3);
    s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ range: { start: { line: 8, character: 9 }, end: { line: 8, character: 13 } }, text: '"yes"' }],
    });
    const ds = await wait3;
    assert.equal(ds.length, 1);
    assert.equal((ds[0].data as { field: string }).field, 'spec.containers[0].tty');
  });

  it('answers hover with field documentation', async () => {
    const h = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 7, character: 6 } })) as {
      contents: { kind: string; value: string };
    };
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /Container image name/);
    assert.match(h.contents.value, /kubernetes-api\/workload-resources\/pod-v1\/#Container/);
  });

  it('honours cancellation of a pending request', async () => {
    // The request and its cancellation go out in one write, so the server reads the
    // cancellation before it dispatches the request, and must answer RequestCancelled.
    const id = 'cancel-test';
    const frame = (m: object): string => {
      const body = JSON.stringify(m);
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const response = new Promise<{ error?: { code: number } }>((resolve) => {
      let buf = '';
      const onData = (b: Buffer): void => {
        buf += b.toString();
        const at = buf.indexOf(`"id":"${id}"`);
        if (at < 0) return;
        const start = buf.lastIndexOf('{"jsonrpc"', at);
        const headerEnd = buf.lastIndexOf('\r\n\r\n', start);
        const len = Number(/Content-Length: (\d+)/.exec(buf.slice(buf.lastIndexOf('Content-Length', headerEnd)))?.[1]);
        if (buf.length < start + len) return;
        s.proc.stdout!.off('data', onData);
        resolve(JSON.parse(buf.slice(start, start + len)));
      };
      s.proc.stdout!.on('data', onData);
    });
    s.proc.stdin!.write(
      frame({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 7, character: 6 } } }) +
        frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }),
    );
    const r = await response;
    assert.equal(r.error?.code, -32800);
  });

  it('clears diagnostics when a document closes', async () => {
    const wait = s.diagnostics(URI, (p) => p.diagnostics.length === 0);
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    assert.deepEqual(await wait, []);
  });

  it('leaves non-Kubernetes YAML alone', async () => {
    const uri = 'file:///project/values.yaml';
    const wait = s.diagnostics(uri);
    s.open(uri, 'replicas: [1, 2\nname: {{ .Values.x }}\n');
    assert.deepEqual(await wait, []);
  });

  it('validates multi-document files and List items', async () => {
    const uri = 'file:///project/nodes.yaml';
    const wait = s.diagnostics(uri);
    s.open(uri, `${POD}---\napiVersion: v1\nkind: NodeList\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: n1\n  spec:\n    unschedulable: "true"\n`);
    const ds = await wait;
    const fields = ds.map((d) => (d.data as { field: string }).field).sort();
    assert.deepEqual(fields, ['spec.containers[0].foo', 'spec.unschedulable']);
    const node = ds.find((d) => (d.data as { field: string }).field === 'spec.unschedulable')!;
    assert.equal(node.range.start.line, 18);
  });
});

describe('language server settings', () => {
  it('re-levels rules from workspace configuration', async () => {
    const s = await startServer({ rules: { 'unknown-field': 'warning' } });
    try {
      const wait = s.diagnostics(URI);
      s.open(URI, POD);
      const ds = await wait;
      assert.equal(ds.find((d) => d.code === 'unknown-field')?.severity, 2);
    } finally {
      await s.close();
    }
  });
});

describe('language server quick fixes', () => {
  it('answers codeAction with the fixes of the diagnostics in context', async () => {
    const s = await startServer();
    try {
      const uri = 'file:///project/typo.yaml';
      const wait = s.diagnostics(uri);
      s.open(uri, POD.replace('    foo: bar\n', '    imge: nginx\n').replace('    image: nginx:1.27\n', ''));
      const ds = await wait;
      const typo = ds.find((d) => d.code === 'unknown-field');
      assert.ok(typo);
      const actions = (await s.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: typo.range,
        context: { diagnostics: [typo] },
      })) as Array<{ title: string; kind: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
      assert.equal(actions[0].title, 'Change to "image"');
      assert.equal(actions[0].kind, 'quickfix');
      assert.equal(actions[0].edit.changes[uri][0].newText, 'image');
    } finally {
      await s.close();
    }
  });
});

describe('scheduling preview lens', () => {
  it('is offered only to a client that declares the preview command', async () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';
    for (const [init, expected] of [[undefined, 1], [{ previewCommand: 'podsight.previewScheduling' }, 2]] as const) {
      const s = await startServer({}, { initializationOptions: init });
      try {
        const uri = 'file:///project/lens.yaml';
        const wait = s.diagnostics(uri);
        s.open(uri, yaml);
        await wait;
        const lenses = (await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ command?: { command: string } }>;
        assert.equal(lenses.length, expected);
        if (expected === 2) assert.equal(lenses[1].command?.command, 'podsight.previewScheduling');
      } finally {
        await s.close();
      }
    }
  });
});
