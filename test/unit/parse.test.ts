import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestFile, splitDocuments } from '../../server/src/service/parse/manifests';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
const NODE = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n';

test('splits on document markers only at line starts', () => {
  const text = `${POD}---\n${NODE}--- # comment\nfoo: "---"\n`;
  const chunks = splitDocuments(text);
  assert.equal(chunks.length, 3);
  assert.equal(chunks.map((c) => c.text).join(''), text);
  assert.ok(chunks[1].text.startsWith('---\napiVersion: v1\nkind: Node'));
});

test('detects Pods, Nodes, workloads and List items; ignores other kinds', () => {
  const list = `apiVersion: v1\nkind: NodeList\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: b\n`;
  const other = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n';
  const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n';
  const file = parseManifestFile('u', 1, [POD, list, other, deploy].join('---\n'));
  const objects = file.documents.flatMap((d) => d.doc.objects);
  assert.deepEqual(
    objects.map((o) => `${o.kind}/${o.name}@${o.path}`),
    ['Pod/a@', 'Node/a@items[0]', 'Node/b@items[1]', 'Deployment/d@'],
  );
});

test('leaves Helm templates alone', () => {
  const file = parseManifestFile('u', 1, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n');
  assert.equal(file.documents[0].doc.templated, true);
  assert.equal(file.documents[0].doc.objects.length, 0);
});

test('re-parses only the documents whose text changed', () => {
  const v1 = parseManifestFile('u', 1, `${POD}---\n${NODE}`);
  const v2 = parseManifestFile('u', 2, `${POD.replace('name: a', 'name: b')}---\n${NODE}`, v1);
  assert.notEqual(v2.documents[0].doc, v1.documents[0].doc);
  assert.equal(v2.documents[1].doc, v1.documents[1].doc, 'unchanged Node document is reused');
  assert.equal(v2.documents[0].doc.objects[0].name, 'b');
});

test('reports syntax errors and never throws on garbage', () => {
  const file = parseManifestFile('u', 1, 'apiVersion: v1\nkind: Pod\nmetadata: [\n');
  assert.ok(file.documents[0].doc.syntax.length > 0);
  for (const junk of ['\u0000\u0001\u0002', ':\n:\n-', '{{{{', '&a [*a]', '? ? ?', '- &x\n  - *x\n']) {
    assert.doesNotThrow(() => parseManifestFile('u', 1, junk));
  }
});

test('an alias bomb is stopped by the node budget', () => {
  let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  let prev = 'a';
  for (const n of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
    bomb += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = n;
  }
  const file = parseManifestFile('u', 1, `apiVersion: v1\nkind: Pod\n${bomb}`);
  const doc = file.documents[0].doc;
  assert.ok(doc.syntax.some((s) => s.code === 'yaml-complexity'));
});

test('merge keys bring in fields, written fields win', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - &base\n    name: c\n    image: nginx\n  - <<: *base\n    name: d\n';
  const file = parseManifestFile('u', 1, text);
  const spec = file.documents[0].doc.objects[0].node.entries.find((e) => e.key === 'spec')!.value;
  assert.equal(spec.kind, 'map');
  const containers = spec.kind === 'map' ? spec.entries[0].value : undefined;
  assert.equal(containers?.kind, 'seq');
  const second = containers?.kind === 'seq' ? containers.items[1] : undefined;
  assert.ok(second && second.kind === 'map');
  const keys = second.kind === 'map' ? second.entries.map((e) => `${e.key}=${e.value.kind === 'scalar' ? e.value.text : ''}`) : [];
  assert.deepEqual(keys.sort(), ['image=nginx', 'name=d']);
});

test('files over the size limit are not parsed', () => {
  const file = parseManifestFile('u', 1, POD.repeat(10), undefined, { maxFileSize: 100 });
  assert.deepEqual(file.tooLarge, { size: POD.length * 10, limit: 100 });
  assert.equal(file.documents.length, 0);
});

test('hostile shapes are answered quickly with a clear problem, never a throw', () => {
  const head = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';
  const deep = parseManifestFile('u', 1, `${head}spec: ${'['.repeat(10000)}${']'.repeat(10000)}\n`);
  assert.ok(deep.documents[0].doc.syntax.some((s) => /Nesting too deep/.test(s.message)));
  // A chain of merge keys: every level sees the keys of all earlier ones.
  const chain = Array.from({ length: 300 }, (_, i) => `m${i}: &m${i}\n  <<: ${i ? `*m${i - 1}` : '{}'}\n  k${i}: ${i}\n`).join('');
  const merged = parseManifestFile('u', 1, `${head}${chain}`);
  const root = merged.documents[0].doc.objects[0].node;
  const last = root.entries.find((e) => e.key === 'm299')!.value;
  assert.equal(last.kind === 'map' ? last.entries.length : 0, 300);
});

test('an alias takes the last anchor of its name that starts before it, also when anchors are redefined', () => {
  const file = parseManifestFile('u', 1, 'a: &x 1\nb: *x\nc: &x [2, *x]\nd: *x\ne: &y {k: *x}\nf: *y\n');
  const root = file.documents[0].doc.root;
  const show = (n: unknown): unknown => {
    const k = n as { kind: string; text?: string; items?: unknown[]; entries?: Array<{ key: string; value: unknown }> };
    if (k.kind === 'scalar') return k.text;
    if (k.kind === 'seq') return k.items!.map(show);
    return Object.fromEntries(k.entries!.map((e) => [e.key, show(e.value)]));
  };
  // Inside `c: &x [2, *x]` the alias already means c itself (the yaml package agrees): a
  // recursive alias, read as null.
  assert.deepEqual(show(root), { a: '1', b: '1', c: ['2', ''], d: ['2', ''], e: { k: ['2', ''] }, f: { k: ['2', ''] } });
});
