/**
 * Schema-driven completion (issue 17): field names, enum values, apiVersion/kind pairs and
 * skeletons, at the positions of test/fixtures/completion-positions.ts, and what accepting an
 * item writes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { COMPLETION_CASES } from '../fixtures/completion-positions';
import { cursor, parse, service } from './sharing/util';
import { validate } from '../helpers/engine';
import { enumFields } from '../../server/src/service/features/enums';
import { SKELETONS } from '../../server/src/service/features/skeletons';
import { supportedValues } from '../../server/src/service/rules/valueFixes';

function items(marked: string, snippets = false): CompletionItem[] {
  const { text, position } = cursor(marked);
  return service.completion(parse(text), position, undefined, { snippets })?.items ?? [];
}

/** The text after accepting the item labelled `label` (its edit and additional edits). */
function accept(marked: string, label: string, snippets = false): string {
  const { text } = cursor(marked);
  const item = items(marked, snippets).find((i) => i.label === label);
  assert.ok(item?.textEdit && 'range' in item.textEdit, `no item ${label}`);
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const edits: TextEdit[] = [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of edits) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

const errors = (yaml: string) => validate(yaml).filter((d) => d.severity === 1).map((d) => `${d.code}: ${d.message}`);

describe('schema completion at real positions', () => {
  for (const c of COMPLETION_CASES) {
    it(c.name, () => {
      const got = items(c.marked).map((i) => i.label);
      for (const l of c.offers) assert.ok(got.includes(l), `${l} not offered; got ${got.join(', ')}`);
      for (const l of c.not ?? []) assert.ok(!got.includes(l), `${l} offered`);
    });
  }
});

describe('what a field name writes', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  ¦\n';

  it('carries its type and documentation, required fields first', () => {
    const all = items('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - ¦\n');
    const name = all.find((i) => i.label === 'name')!;
    assert.equal(name.detail, 'string');
    assert.match((name.documentation as { value: string }).value, /^\*Required\.\*\n\nName of the container specified as a DNS\\_LABEL/);
    const ports = all.find((i) => i.label === 'ports')!;
    assert.equal(ports.detail, '[]ContainerPort');
    const sorted = [...all].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);
    assert.equal(sorted[0], 'name', 'the required field first');
  });

  it('by its type: a scalar, an object, a list (plain text)', () => {
    assert.equal(accept(POD, 'restartPolicy'), POD.replace('¦', 'restartPolicy: '));
    assert.equal(accept(POD, 'securityContext'), POD.replace('¦', 'securityContext:\n    '));
    assert.equal(accept(POD, 'containers'), POD.replace('¦', 'containers:\n  - '));
    assert.equal(accept(POD, 'nodeSelector'), POD.replace('¦', 'nodeSelector:\n    '));
    // Enum values and children come next: the item asks the editor to suggest again.
    assert.equal(items(POD).find((i) => i.label === 'restartPolicy')?.command?.command, 'editor.action.triggerSuggest');
  });

  it('with snippet placeholders and choices where the client takes snippets', () => {
    assert.equal(accept(POD, 'restartPolicy', true), POD.replace('¦', 'restartPolicy: ${1|Always,OnFailure,Never|}'));
    assert.equal(accept(POD, 'hostNetwork', true), POD.replace('¦', 'hostNetwork: ${1|true,false|}'));
    assert.equal(accept(POD, 'hostname', true), POD.replace('¦', 'hostname: $0'));
    assert.equal(accept(POD, 'containers', true), POD.replace('¦', 'containers:\n  - $0'));
    assert.equal(items(POD, true).find((i) => i.label === 'hostname')?.insertTextFormat, 2);
    assert.equal(items(POD, false).find((i) => i.label === 'hostname')?.insertTextFormat, undefined);
  });

  it('keeps the file’s line breaks', () => {
    const crlf = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\nspec:\r\n  ¦\r\n';
    assert.equal(accept(crlf, 'securityContext'), crlf.replace('¦', 'securityContext:\r\n    '));
  });

  it('a value typed right after the colon gets its space', () => {
    const marked = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  restartPolicy:¦\n';
    assert.equal(accept(marked, 'Never'), marked.replace('¦', ' Never'));
  });

  it('offers nothing from the schema in a map of user keys or outside Kubernetes objects', () => {
    assert.deepEqual(items('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    ¦\n').map((i) => i.label), []);
    assert.deepEqual(items('services:\n  web:\n    ¦\n').map((i) => i.label), []);
    assert.deepEqual(items('apiVersion: example.com/v1\nkind: Widget\nspec:\n  ¦\n').map((i) => i.label), []);
  });
});

describe('apiVersion and kind complete each other', () => {
  it('a kind brings its apiVersion when there is none', () => {
    assert.equal(accept('kind: ¦\n', 'Deployment'), 'apiVersion: apps/v1\nkind: Deployment\n');
    assert.equal(accept('metadata:\n  name: x\nkind: ¦\n', 'CronJob'), 'metadata:\n  name: x\napiVersion: batch/v1\nkind: CronJob\n');
    // With an apiVersion written, only its kinds, and nothing added.
    assert.equal(accept('apiVersion: v1\nkind: ¦\n', 'Pod'), 'apiVersion: v1\nkind: Pod\n');
  });

  it('an apiVersion brings the kind when there is none', () => {
    assert.equal(accept('apiVersion: ¦\n', 'batch/v1 Job'), 'apiVersion: batch/v1\nkind: Job\n');
    assert.equal(accept('apiVersion: ¦\n', 'v1 Node'), 'apiVersion: v1\nkind: Node\n');
    assert.equal(accept('apiVersion: ¦\nkind: StatefulSet\n', 'apps/v1'), 'apiVersion: apps/v1\nkind: StatefulSet\n');
  });
});

describe('skeletons', () => {
  it('one per kind, each validating without an error, snippet and plain alike', () => {
    assert.deepEqual(SKELETONS.map((s) => s.kind), ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Node']);
    for (const s of SKELETONS) {
      const plain = accept('¦', s.kind);
      assert.equal(plain, s.plain);
      assert.deepEqual(errors(plain), [], s.kind);
      assert.match(plain, new RegExp(`^apiVersion: ${s.apiVersion.replace('/', '\\/')}\nkind: ${s.kind}\n`));
      assert.equal(accept('¦', s.kind, true), s.snippet);
    }
    // Mirrored placeholders take the first one's default: the selector matches the labels.
    assert.match(SKELETONS[1].plain, /matchLabels:\n      app: web\n[^]*labels:\n        app: web\n/);
  });

  it('only in an empty document (or after ---), not in one with content', () => {
    assert.ok(!items('apiVersion: v1\n¦\n').some((i) => i.kind === 15));
    assert.ok(items('# a comment\n¦\n').some((i) => i.label === 'Deployment' && i.kind === 15));
  });
});

describe('the enum table', () => {
  it('agrees with the values the rules call supported', () => {
    // Each listed field given a bogus value inside a Pod (or its kind): the NotSupported
    // message lists the supported values, which must be the table's.
    const where: Record<string, (v: string) => string> = {
      'V1PodSpec.restartPolicy': (v) => `  restartPolicy: ${v}\n`,
      'V1PodSpec.dnsPolicy': (v) => `  dnsPolicy: ${v}\n`,
      'V1PodSpec.preemptionPolicy': (v) => `  preemptionPolicy: ${v}\n`,
      'V1Container.imagePullPolicy': (v) => `  containers:\n  - name: a\n    image: a:1\n    imagePullPolicy: ${v}\n`,
      'V1Container.terminationMessagePolicy': (v) => `  containers:\n  - name: a\n    image: a:1\n    terminationMessagePolicy: ${v}\n`,
      'V1ContainerPort.protocol': (v) => `  containers:\n  - name: a\n    image: a:1\n    ports:\n    - containerPort: 80\n      protocol: ${v}\n`,
      'V1Toleration.effect': (v) => `  tolerations:\n  - key: k\n    operator: Exists\n    effect: ${v}\n`,
      'V1TopologySpreadConstraint.whenUnsatisfiable': (v) => `  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: ${v}\n    labelSelector: {}\n`,
      'V1SeccompProfile.type': (v) => `  securityContext:\n    seccompProfile:\n      type: ${v}\n`,
      'V1PodOS.name': (v) => `  os:\n    name: ${v}\n`,
      'V1PodSecurityContext.fsGroupChangePolicy': (v) => `  securityContext:\n    fsGroupChangePolicy: ${v}\n`,
      'V1PodSecurityContext.supplementalGroupsPolicy': (v) => `  securityContext:\n    supplementalGroupsPolicy: ${v}\n`,
      'V1VolumeMount.mountPropagation': (v) => `  containers:\n  - name: a\n    image: a:1\n    volumeMounts:\n    - name: d\n      mountPath: /d\n      mountPropagation: ${v}\n  volumes:\n  - name: d\n    emptyDir: {}\n`,
      'V1HostPathVolumeSource.type': (v) => `  volumes:\n  - name: d\n    hostPath:\n      path: /d\n      type: ${v}\n`,
    };
    const table = new Map(enumFields());
    let checked = 0;
    for (const [field, make] of Object.entries(where)) {
      const body = make('Bogus');
      const yaml = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${body.includes('containers:') ? '' : '  containers:\n  - name: a\n    image: a:1\n'}${body}`;
      const d = validate(yaml).find((x) => (x.data as { errorType?: string } | undefined)?.errorType === 'NotSupported');
      assert.ok(d, `${field}: no NotSupported`);
      // The table may order them for people; the set must be upstream's (without "").
      assert.deepEqual([...table.get(field)!].sort(), supportedValues(d.message).filter((s) => s !== '').sort(), field);
      checked++;
    }
    assert.equal(checked, Object.keys(where).length);
  });
});
