import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { normalizeSharingSettings } from '../../../server/src/service';
import { example, parse, pod, pos, service, textOf } from './util';

const web = example('web-pod.yaml');
const webFile = parse(web);

function apply(text: string, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = Object.values(edit.changes ?? {})[0] ?? [];
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => off(b.range.start) - off(a.range.start))) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

describe('inlay hints and code lens', () => {
  it('put who can reach a port after it and who mounts a volume after its name', () => {
    const hints = service.inlayHints(webFile);
    const rows = hints.map((h) => [web.split('\n')[h.position.line].trim(), h.label]);
    assert.deepEqual(rows, [
      ['containerPort: 8080', 'reachable by log-shipper, metrics'],
      ['containerPort: 9113', 'reachable by log-shipper, nginx'],
      ['- name: html', 'fetch-content:/html rw · nginx:/usr/share/nginx/html ro'],
      ['- name: logs', 'log-shipper:/var/log/nginx ro · nginx:/var/log/nginx rw'],
    ]);
    // At the end of the value.
    assert.deepEqual(hints[0].position, { line: pos(web, 'containerPort: 8080').line, character: pos(web, 'containerPort: 8080', 19).character });
    assert.equal(hints[0].paddingLeft, true);
  });

  it('only in the requested range, and not when turned off in settings', () => {
    const line = pos(web, '- name: html\n    emptyDir').line;
    const hints = service.inlayHints(webFile, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    assert.deepEqual(hints.map((h) => h.label), ['fetch-content:/html rw · nginx:/usr/share/nginx/html ro']);
    const noPorts = normalizeSharingSettings({ inlayHints: { ports: false } });
    assert.equal(service.inlayHints(webFile, undefined, noPorts).length, 2);
    const none = normalizeSharingSettings({ inlayHints: { ports: false, volumes: false } });
    assert.deepEqual(service.inlayHints(webFile, undefined, none), []);
  });

  it('marks collisions and unmounted volumes', () => {
    const t = pod('  containers:\n  - name: app\n    image: a\n    ports:\n    - containerPort: 9090\n  - name: metrics\n    image: m\n    ports:\n    - containerPort: 9090\n  volumes:\n  - name: spare\n    emptyDir: {}\n');
    assert.deepEqual(service.inlayHints(parse(t)).map((h) => h.label), ['reachable by metrics · ⚠ also metrics', 'reachable by app · ⚠ also app', 'not mounted']);
  });

  it('sum up each Pod spec in a code lens on its spec key', () => {
    const lenses = service.codeLenses(webFile);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command?.title, '3 containers (1 sidecar) share one Pod IP · :8080 :9113 · 2 shared volumes · 1 init container first');
    assert.equal(textOf(web, lenses[0].range), 'spec');
    const api = example('api-deployment.yaml');
    const l2 = service.codeLenses(parse(api));
    assert.equal(l2[0].command?.title, '1 container on its own Pod IP · :8000 · 1 volume');
    assert.equal(l2[0].range.start.line, pos(api, '    spec:\n      containers').line);
    const host = pod('  hostNetwork: true\n  hostPID: true\n  containers:\n  - name: a\n    image: a\n    ports:\n    - containerPort: 9100\n  - name: b\n    image: b\n');
    assert.equal(service.codeLenses(parse(host))[0].command?.title, "2 containers on the Node's network · :9100 · hostPID");
    assert.deepEqual(service.codeLenses(parse(web), normalizeSharingSettings({ codeLens: { enable: false } })), []);
  });

  it('adds a lens opening the scheduling preview when the client has one', () => {
    const lenses = service.codeLenses(webFile, undefined, 'podsight.previewScheduling');
    assert.equal(lenses.length, 2);
    assert.deepEqual(lenses[1].command, { title: 'Preview scheduling', command: 'podsight.previewScheduling' });
    assert.deepEqual(lenses[1].range, lenses[0].range);
  });
});

describe('definition, references, rename', () => {
  it('goes from a mount to its volume and from a named probe port to the containerPort', () => {
    const toVolume = service.definition(webFile, pos(web, 'name: html\n      mountPath: /usr', 7));
    assert.equal(toVolume.length, 1);
    assert.deepEqual(toVolume[0].range.start, pos(web, '- name: html\n    emptyDir', 8));
    const toPort = service.definition(webFile, pos(web, 'port: http', 7));
    assert.deepEqual(toPort[0].range, { start: pos(web, 'name: http', 6), end: pos(web, 'name: http', 10) });
    assert.deepEqual(service.definition(webFile, pos(web, 'image: nginx', 9)), []);
  });

  it('finds every use of a volume and of a port name', () => {
    const refs = service.references(webFile, pos(web, '- name: logs\n    emptyDir', 9), true);
    assert.deepEqual(refs.map((r) => [r.range.start.line, textOf(web, r.range)]), [
      [pos(web, '- name: logs\n    emptyDir').line, 'logs'],
      [pos(web, '- name: logs', 0, 0).line, 'logs'],
      [pos(web, '- name: logs', 0, 1).line, 'logs'],
    ]);
    assert.equal(service.references(webFile, pos(web, '- name: logs\n    emptyDir', 9), false).length, 2);
    const ports = service.references(webFile, pos(web, 'name: http', 7), true);
    assert.deepEqual(ports.map((r) => textOf(web, r.range)), ['http', 'http']);
  });

  it('renames a volume with all its mounts, in that Pod only', () => {
    const two = `${web}---\n${web.replace('name: web', 'name: web2')}`;
    const f = parse(two);
    const prep = service.prepareRename(f, pos(two, '- name: html\n    emptyDir', 10));
    assert.deepEqual(prep && { text: textOf(two, prep.range), placeholder: prep.placeholder }, { text: 'html', placeholder: 'html' });
    const r = service.rename(f, pos(two, '- name: html\n    emptyDir', 10), 'site');
    assert.ok(r && 'edit' in r);
    const out = apply(two, r.edit);
    const [first, second] = out.split('\n---\n');
    assert.equal((first.match(/name: site/g) ?? []).length, 3);
    assert.doesNotMatch(first, /name: html/);
    assert.equal((second.match(/name: html/g) ?? []).length, 3, 'the other Pod keeps its names');
    // Renaming from a mount does the same.
    const fromMount = service.rename(f, pos(two, 'name: html\n      mountPath: /html', 7), 'site');
    assert.ok(fromMount && 'edit' in fromMount);
    assert.equal(apply(two, fromMount.edit), out);
  });

  it('renames a port name with its probes, keeps quotes, refuses bad names', () => {
    const t = pod(`  containers:
  - name: a
    image: a
    ports:
    - name: "http"
      containerPort: 80
    - name: admin
      containerPort: 81
    readinessProbe:
      httpGet:
        port: 'http'
  - name: b
    image: b
    ports:
    - name: http
      containerPort: 90
    livenessProbe:
      tcpSocket:
        port: http
`);
    const f = parse(t);
    const r = service.rename(f, pos(t, 'port: \'http', 8), 'web');
    assert.ok(r && 'edit' in r);
    const out = apply(t, r.edit);
    assert.match(out, /- name: "web"\n {6}containerPort: 80/);
    assert.match(out, /port: 'web'/);
    assert.match(out, /- name: http\n {6}containerPort: 90/, 'a port of another container is another name');
    assert.match(out, /port: http\n$/);
    assert.deepEqual(service.rename(f, pos(t, 'port: \'http', 8), 'Web_1'), { error: '"Web_1" is not a valid port name: it must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)' });
    assert.deepEqual(service.rename(f, pos(t, 'port: \'http', 8), 'admin'), { error: 'Container "a" already has a port named "admin"' });
    const v = service.rename(webFile, pos(web, '- name: html\n    emptyDir', 10), 'logs');
    assert.deepEqual(v, { error: 'This Pod already has a volume named "logs"' });
    assert.match((service.rename(webFile, pos(web, '- name: html\n    emptyDir', 10), 'My.Vol') as { error: string }).error, /^"My.Vol" is not a valid volume name/);
  });

  it('prepareRename refuses everything but volume and port names', () => {
    for (const needle of ['name: nginx', 'image: nginx', 'containerPort: 8080', 'mountPath: /html', 'kind: Pod', 'app.kubernetes.io/name']) {
      assert.equal(service.prepareRename(webFile, pos(web, needle, needle.length - 2)), null, needle);
    }
    assert.equal(service.rename(webFile, pos(web, 'name: nginx', 8), 'x'), null);
  });
});

describe('sharing settings', () => {
  it('keep valid values only, nested or dotted', () => {
    assert.deepEqual(normalizeSharingSettings(undefined), { inlayHints: { ports: true, volumes: true, nodes: true }, codeLens: { enable: true } });
    assert.deepEqual(normalizeSharingSettings({ inlayHints: { ports: 'no', volumes: false }, codeLens: { enable: 0 } }), { inlayHints: { ports: true, volumes: false, nodes: true }, codeLens: { enable: true } });
    assert.deepEqual(normalizeSharingSettings({ 'inlayHints.ports': false, 'codeLens.enable': false }), { inlayHints: { ports: false, volumes: true, nodes: true }, codeLens: { enable: false } });
  });
});
