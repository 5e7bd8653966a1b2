/**
 * The language server and the project configuration file, over stdio with the real server:
 * the nearest .podsight.yaml above a document re-levels rules under the editor's settings (the
 * editor wins per rule), excludes files, decides the closed-world rule when the editor leaves it
 * unset, is re-read when it changes on disk, and gets its own problems as diagnostics at their
 * positions when open. Rule codes link to docs/rules.md hosted, at the rule's anchor.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type TestServer } from '../helpers/lsp';

const ROOT = join(__dirname, '..', '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const RULES_MD = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  serviceAccountName: robot\n  containers:\n  - name: app\n    image: nginx\n    foo: bar\n';

describe('language server: .podsight.yaml', () => {
  let dir: string;
  let server: TestServer;
  const uri = (p: string) => pathToFileURL(join(dir, p)).href;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-lsp-config-'));
    mkdirSync(join(dir, 'apps', 'vendor'), { recursive: true });
    writeFileSync(join(dir, '.podsight.yaml'), 'rules:\n  image-latest-tag: error\n  unknown-field: hint\nexclude: [vendor]\nworkspace:\n  isWholeCluster: true\n');
    // The editor re-levels unknown-field itself: it wins over the file for that rule.
    server = await startServer({ rules: { 'unknown-field': 'warning' } }, { rootUri: pathToFileURL(dir).href });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('merges the file under the editor settings, decides the closed world, and links rules to their anchors', async () => {
    const u = uri('apps/pod.yaml');
    const got = server.diagnostics(u);
    server.open(u, POD);
    const ds = await got;
    const level = (code: string) => ds.filter((d) => d.code === code).map((d) => d.severity);
    assert.deepEqual(level('image-latest-tag'), [1], 'the file makes it an error');
    assert.deepEqual(level('unknown-field'), [2], 'the editor setting wins for this rule');
    // workspace.isWholeCluster: true from the file (the editor leaves it unset): the undeclared ServiceAccount is an error.
    assert.ok(ds.some((d) => d.severity === 1 && /robot/.test(String(d.message))), JSON.stringify(ds.map((d) => d.message)));
    const repo = PKG.repository.url.replace(/\.git$/, '');
    for (const d of ds) {
      assert.equal(d.codeDescription?.href, `${repo}/blob/main/docs/rules.md#${d.code}`);
      assert.match(RULES_MD, new RegExp(`^## ${String(d.code)}$`, 'm'), `docs/rules.md has the anchor #${d.code}`);
    }
  });

  it('does not validate an excluded file', async () => {
    const u = uri('apps/vendor/pod.yaml');
    const got = server.diagnostics(u);
    server.open(u, POD);
    assert.deepEqual(await got, []);
  });

  it('reads the file again when it changes on disk', async () => {
    const u = uri('apps/pod.yaml');
    writeFileSync(join(dir, '.podsight.yaml'), 'rules:\n  image-latest-tag: off\n');
    const got = server.diagnostics(u, (p) => !p.diagnostics.some((d) => d.code === 'image-latest-tag'));
    server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('.podsight.yaml'), type: 2 }] });
    const ds = await got;
    assert.ok(ds.some((d) => d.code === 'unknown-field'), 'the rest still validated');
    assert.ok(!ds.some((d) => /robot/.test(String(d.message)) && d.severity === 1), 'no longer the whole cluster');
  });

  it('reports an open configuration file’s problems at their positions', async () => {
    const u = uri('.podsight.yaml');
    const got = server.diagnostics(u);
    server.open(u, 'kubernetesVersion: "1.30"\nrules:\n  unknown-field: loud\nexclude: vendor\n');
    const ds = await got;
    assert.deepEqual(
      ds.map((d) => [d.range.start.line, d.range.start.character, d.severity, String(d.message)]),
      [
        [0, 19, 1, 'kubernetesVersion: "1.30" is not supported; supported: "1.35"'],
        [2, 17, 1, 'rules.unknown-field: "loud" is not supported; supported: "error", "warning", "information", "hint", "off"'],
        [3, 9, 1, 'exclude: expected a list, got string'],
      ],
    );
  });
});
