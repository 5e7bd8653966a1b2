/**
 * What keeps a hostile file within issue 12's budget (≤ 5 s, ≤ 1 GB under podsight.maxFileSize),
 * shown on small files: the documents read and the objects validated per file are limited, with
 * one warning saying what was not checked; findings past the per-rule cap are only counted;
 * plain objects keep fast properties. (test/bench/hostile.ts measures the budget itself.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { documentLimit, MAX_DOCUMENTS, parseManifestFile } from '../../server/src/service/parse/manifests';
import { findingsCap, objectLimit, validateDocument } from '../../server/src/service/validate';
import { newObject, toPlain } from '../../server/src/service/model/plain';
import { imageReferenceProblem } from '../../server/src/service/util/imageReference';
import { createObject } from '../../server/src/service/createPath';
import { renderStoredYaml } from '../../server/src/service/createPath/defaults';
import type { PlainObject } from '../../server/src/service/model/plain';
import { dataOf, pod, service, textAt } from '../helpers/engine';
import type { Diagnostic } from 'vscode-languageserver-types';

function withLimit<T>(limit: { max: number } | { perRule: number }, value: number, f: () => T): T {
  const key = 'max' in limit ? 'max' : 'perRule';
  const saved = (limit as Record<string, number>)[key];
  (limit as Record<string, number>)[key] = value;
  try {
    return f();
  } finally {
    (limit as Record<string, number>)[key] = saved;
  }
}

const typoPod = (i: number): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    imag: x\n`;

function check(text: string): Diagnostic[] {
  return service.validate(service.parse('file:///limits.yaml', 1, text));
}

const lineOf = (text: string, needle: string, from = 0): number => text.slice(0, text.indexOf(needle, from)).split('\n').length - 1;

test('past the documents read per file: the rest is one unread chunk, reported once where it starts', () => {
  const text = Array.from({ length: 8 }, (_, i) => typoPod(i)).join('---\n');
  withLimit(documentLimit, 5, () => {
    const file = parseManifestFile('u', 1, text);
    assert.equal(file.documents.length, 6);
    assert.equal(file.documents[5].doc.unread, 3);
    assert.deepEqual(file.documents.map((d) => d.doc.objects.length), [1, 1, 1, 1, 1, 0]);
    assert.equal(file.text.slice(file.documents[5].offset).split('---\n').length, 4, 'the chunk holds documents 6 to 8');

    const ds = check(text);
    assert.equal(ds.filter((d) => d.code === 'unknown-field').length, 5, 'the documents read are validated fully');
    const cut = ds.filter((d) => d.code === 'too-many-documents');
    assert.equal(cut.length, 1);
    assert.equal(cut[0].range.start.line, lineOf(text, '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p5'));
    assert.equal(cut[0].message, 'Not read: this file holds 8 documents and Podsight reads the first 5 of a file; the 3 documents from here to the end of the file are not validated and get no hover or other features');

    // An edit past the cut reads nothing again: the documents read are reused as they were.
    const edited = parseManifestFile('u', 2, text.replace('name: p7', 'name: q7'), file);
    for (let i = 0; i < 5; i++) assert.equal(edited.documents[i].doc, file.documents[i].doc);
    assert.equal(edited.documents[5].doc.unread, 3);
  });
});

test('the real document limit, and no warning for files that hold no manifests', () => {
  const plain = 'a: 1\n---\n'.repeat(MAX_DOCUMENTS + 2);
  const file = parseManifestFile('u', 1, plain);
  assert.equal(file.documents.length, MAX_DOCUMENTS + 1);
  assert.equal(file.documents[MAX_DOCUMENTS].doc.unread, 3, 'two documents and the empty one after the last ---');
  assert.deepEqual(check(plain), [], 'plain YAML (no kind) past the limit is not a manifest file: nothing said');
  const ds = check(`${plain}${typoPod(0)}`);
  assert.deepEqual(ds.map((d) => d.code), ['too-many-documents']);
});

test('past the objects validated per file: one warning on the first object not validated, also in a List', () => {
  const item = (i: number): string => typoPod(i).replace(/^(?=.)/gm, '  ').replace(/^  apiVersion/, '- apiVersion');
  const list = `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: 6 }, (_, i) => item(i)).join('')}`;
  const text = `${list}---\n${typoPod(9)}`;
  withLimit(objectLimit, 4, () => {
    const ds = check(text);
    assert.equal(ds.filter((d) => d.code === 'unknown-field').length, 4);
    const cut = ds.filter((d) => d.code === 'too-many-objects');
    assert.equal(cut.length, 1, 'one warning, none for the Pod of the next document');
    assert.equal(cut[0].range.start.line, lineOf(text, '- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p4'));
    assert.equal(textAt(text, cut[0]), 'apiVersion');
    assert.equal(cut[0].message, 'Not validated: this file holds 7 Pods, Nodes and workloads and Podsight validates the first 4 of a file; this Pod items[4] and the 2 after it are not validated');
  });
  // The cut at a document's end: the next document's object carries the warning.
  withLimit(objectLimit, 2, () => {
    const three = [0, 1, 2].map(typoPod).join('---\n');
    const ds = check(three);
    assert.equal(ds.filter((d) => d.code === 'unknown-field').length, 2);
    const cut = ds.filter((d) => d.code === 'too-many-objects');
    assert.equal(cut.length, 1);
    assert.equal(cut[0].range.start.line, lineOf(three, 'apiVersion', three.indexOf('name: p1')));
    assert.match(cut[0].message as string, /this Pod is not validated$/);
  });
});

test('a document validated in part first, then whole, keeps what it validated', () => {
  const list = `apiVersion: v1\nkind: List\nitems:\n${[0, 1, 2].map((i) => `- apiVersion: v1\n  kind: Node\n  metadata:\n    name: n${i}\n`).join('')}`;
  const doc = parseManifestFile('u', 1, list).documents[0].doc;
  const part = validateDocument(doc, 1);
  assert.equal(part.objects.length, 1);
  const first = part.objects[0];
  const whole = validateDocument(doc);
  assert.equal(whole.objects.length, 3);
  assert.equal(whole.objects[0], first);
});

/** The findings of one rule in the one object of a document, as validation keeps them. */
function findingsOf(text: string, rule: string): Array<{ message: string; omitted?: number; start: number; fixes: number }> {
  const doc = parseManifestFile('u', 1, text).documents[0].doc;
  return validateDocument(doc).objects[0].findings.filter((f) => f.rule === rule).map((f) => ({ message: f.message, omitted: f.omitted, start: f.span.start, fixes: f.fixes?.length ?? 0 }));
}

test('strict decoding past the per-rule cap only counts: one stand-in where the first left out is', () => {
  const yaml = pod(Array.from({ length: 5 }, (_, i) => `  - name: c${i}\n    image: nginx:1.27\n    imagePulPolicy: Always\n`).join('').replace(/^/, '  containers:\n'));
  withLimit(findingsCap, 3, () => {
    const fs = findingsOf(yaml, 'unknown-field');
    assert.deepEqual(fs.map((f) => f.message), [0, 1, 2].map((i) => `unknown field "spec.containers[${i}].imagePulPolicy"`).concat(['… and 2 more unknown-field problems in this object, not listed: Podsight lists the first 3 of each rule']));
    assert.deepEqual(fs.map((f) => f.fixes), [1, 1, 1, 0], 'did-you-mean fixes for the findings kept only');
    assert.equal(fs[3].omitted, 2);
    assert.equal(fs[3].start, yaml.indexOf('imagePulPolicy', yaml.indexOf('name: c3')));
  });
});

test('per-container rules past the cap only count (duplicate names, missing requests)', () => {
  const yaml = pod(`  containers:\n${'  - name: c\n    image: nginx:1.27\n'.repeat(4)}`);
  withLimit(findingsCap, 2, () => {
    const dup = findingsOf(yaml, 'duplicate-container-name');
    assert.deepEqual(dup.map((f) => f.message), ['Duplicate value: "c"', 'Duplicate value: "c"', '… and 1 more duplicate-container-name problem in this object, not listed: Podsight lists the first 2 of each rule']);
    assert.equal(dup[2].start, yaml.lastIndexOf('name: c') + 'name: '.length);
    const requests = findingsOf(yaml, 'no-resource-requests');
    assert.equal(requests.length, 3);
    assert.match(requests[0].message, /requests no cpu or memory/);
    assert.equal(requests[2].omitted, 2);
  });
  // Under the cap every finding keeps its path and words.
  const d = check(yaml);
  assert.equal(d.filter((x) => x.code === 'duplicate-container-name').map((x) => dataOf(x).field).join(), 'spec.containers[1].name,spec.containers[2].name,spec.containers[3].name');
});

test('port definitions compared pairwise: past the cap the pairs are only counted', () => {
  const yaml = pod(`  containers:\n${[0, 1, 2, 3].map((i) => `  - name: c${i}\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n`).join('')}`);
  // Entry k is compared with the k before it: 0 + 1 + 2 + 3 = 6 pairs.
  withLimit(findingsCap, 2, () => {
    const fs = findingsOf(yaml, 'duplicate-container-port');
    assert.equal(fs.length, 3);
    assert.match(fs[0].message, /^duplicate port definition with spec\.containers\[0\]\.ports\[0\]: container "c1" and container "c0" both declare 80\/TCP/);
    assert.equal(fs[2].omitted, 4);
    assert.equal(fs[2].start, yaml.indexOf('80', yaml.indexOf('name: c2')));
  });
});

test('resource entries past the cap only counted; pod-level requests still default to limits', () => {
  const names = [3, 5, 7, 9].map((n) => `hugepages-${n}Mi`);
  const list = (indent: string): string => names.map((n) => `${indent}${n}: 1Gi\n`).join('');
  const yaml = pod(`  resources:\n    limits:\n      memory: 1Gi\n${list('      ')}  containers:\n  - name: app\n    image: nginx:1.27\n`);
  withLimit(findingsCap, 2, () => {
    // 1Gi is no whole number of 3, 5, 7 or 9 MiB pages: once for each limit and each request
    // defaulted from it.
    const fs = findingsOf(yaml, 'container-resources');
    assert.equal(fs.length, 3);
    assert.match(fs[0].message, /^Invalid value: "1Gi": 1Gi is not positive integer multiple of hugepages-3Mi$/);
    assert.equal(fs[2].omitted, 6);
  });
});

test('plain objects: nothing inherited, hostile keys are own keys, and fast properties (not dictionary mode)', () => {
  const plain = toPlain(parseManifestFile('u', 1, '__proto__: 1\nconstructor: 2\nname: app\nimage: i\n').documents[0].doc.root) as Record<string, unknown>;
  assert.deepEqual(Object.keys(plain), ['__proto__', 'constructor', 'name', 'image']);
  assert.equal(plain.constructor, 2);
  assert.equal('toString' in plain, false);
  assert.equal(JSON.stringify(plain), '{"__proto__":1,"constructor":2,"name":"app","image":"i"}');
  const o = newObject();
  o.__proto__ = 'x';
  assert.equal(Object.keys(o).length, 1);
  // Object.create(null) objects are hash tables in V8: a Pod of half a million containers cost
  // three times the memory. V8's own answer, through its natives syntax:
  setFlagsFromString('--allow-natives-syntax');
  const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
  const c = toPlain(parseManifestFile('u', 1, 'name: app\nimage: nginx\n').documents[0].doc.root) as object;
  assert.equal(hasFastProperties(c), true);
  assert.equal(hasFastProperties(Object.assign(Object.create(null) as object, { name: 'app' })), false, 'the check tells the two apart');
});

test('image references are judged once per text: repeated and past the memo, the same answers', () => {
  const refs = ['nginx:1.27', 'Nginx', 'a//b', 'registry.example.com/app@sha256:' + 'a'.repeat(64), ''];
  const first = refs.map(imageReferenceProblem);
  assert.deepEqual(first.map((p) => p === undefined), [true, false, false, true, true]);
  // More distinct texts than the memo keeps: it is forgotten, never wrong.
  for (let i = 0; i < 3000; i++) assert.equal(imageReferenceProblem(`Bad${i}`), `the repository name must be lowercase ("Bad${i}")`);
  assert.deepEqual(refs.map(imageReferenceProblem), first);
});

test('the create path keeps no copy of its input for the preview: it reads the tree again, to the same stored object', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: nginx\n    ports:\n    - containerPort: 80\n');
  const file = service.parse('file:///stored.yaml', 1, yaml);
  service.validate(file); // the findings first; the stored object later, from the tree
  const preview = service.storedObject(file, { line: 0, character: 0 })!;
  const direct = createObject(toPlain(file.documents[0].doc.objects[0].node) as PlainObject, { declared: service.workspace.declared() });
  assert.equal(preview.yaml, renderStoredYaml(direct.stored, { serverAssigned: direct.serverAssigned }));
  assert.match(preview.yaml, /imagePullPolicy: Always/);
});
