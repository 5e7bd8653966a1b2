/**
 * The server's scans of the workspace folder on disk (the scheduling simulation's and the Node
 * index's) go through the same input layer as the CLI: on a folder with two links to `.`, a
 * link to /dev/zero, a FIFO, a file over podsight.maxFileSize and a second link to a file, both
 * finish, read each file once and nothing they must not, and log each skipped path once.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { startServer } from '../helpers/lsp';
import { SIMULATE_REQUEST, type SimulateResult } from '../../server/src/protocol';

const node = (name: string, accelerator: string) =>
  `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels:\n    accelerator: ${accelerator}\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n  capacity: {cpu: "4", memory: 8Gi, pods: "110"}\n`;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources: {requests: {cpu: 100m}}\n';
const JOB = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: job\nspec:\n  nodeSelector:\n    accelerator: \n  containers:\n  - name: app\n    image: nginx:1.27\n';
const LIMIT = 65_536;
const canMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

it('the disk scans skip loops, devices, FIFOs and oversized files, and read each file once', { skip: !canMkfifo && 'no mkfifo here', timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsight-scan-'));
  const root = pathToFileURL(dir).href;
  writeFileSync(join(dir, 'nodes.yaml'), node('n1', 'nvidia-l4'));
  writeFileSync(join(dir, 'pods.yaml'), POD);
  writeFileSync(join(dir, 'big.yaml'), `${node('n-big', 'big-one')}${'#'.repeat(LIMIT)}\n`);
  symlinkSync('.', join(dir, 'a'));
  symlinkSync('.', join(dir, 'b'));
  symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
  symlinkSync('nodes.yaml', join(dir, 'z-same.yaml'));
  assert.equal(spawnSync('mkfifo', [join(dir, 'x.yaml')]).status, 0);

  const s = await startServer({ maxFileSize: LIMIT }, { rootUri: root });
  const logged: string[] = [];
  s.conn.onNotification('window/logMessage', (p: { message: string }) => void logged.push(p.message));
  s.conn.onRequest('workspace/workspaceFolders', () => [{ uri: root, name: 'ws' }]);
  try {
    // Diagnostics come once the settings (maxFileSize) are in.
    const jobUri = pathToFileURL(join(dir, 'job.yaml')).href;
    const opened = s.diagnostics(jobUri);
    s.open(jobUri, JOB);
    await opened;

    const sim = (await s.conn.sendRequest(SIMULATE_REQUEST, {})) as SimulateResult;
    // The open document, and each file on disk once (z-same.yaml is nodes.yaml again).
    assert.deepEqual(sim.files, ['job.yaml', 'nodes.yaml', 'pods.yaml'].map((n) => pathToFileURL(join(dir, n)).href));
    assert.deepEqual(sim.nodes.map((n) => n.name), ['n1']);
    assert.deepEqual(sim.pods.map((p) => p.name).sort(), ['default/job', 'default/p']);

    // The Node index read the folder too: only n1's label value, never the oversized file's.
    const at = { line: 6, character: 17 };
    const complete = async (): Promise<string> => (((await s.conn.sendRequest('textDocument/completion', { textDocument: { uri: jobUri }, position: at })) as CompletionList | null)?.items ?? []).map((i) => i.label).join();
    let got = '';
    for (let i = 0; i < 2000 && got !== 'nvidia-l4'; i++) got = await complete();
    assert.equal(got, 'nvidia-l4', 'the index never held exactly the Node from nodes.yaml');

    // A second simulation logs nothing new: each skipped path is said once.
    await s.conn.sendRequest(SIMULATE_REQUEST, {});
    const skipped = logged.filter((l) => l.startsWith('podsight: skipped '));
    const say = (name: string, why: string) => `podsight: skipped ${join(dir, name)}: ${why}`;
    for (const line of [
      say('a', `a symbolic link loop (leads back to ${dir})`),
      say('b', `a symbolic link loop (leads back to ${dir})`),
      say('big.yaml', `${(node('n-big', 'big-one').length + LIMIT + 1).toLocaleString('en-US')} bytes is more than the size limit (65,536 bytes)`),
      say('x.yaml', 'not a regular file (a FIFO)'),
      say('z-same.yaml', `the same file as ${join(dir, 'nodes.yaml')}, read once`),
      say('zero.yaml', 'not a regular file (links to a character device)'),
    ]) {
      assert.equal(skipped.filter((l) => l === line).length, 1, `${line}\nlogged:\n${logged.join('\n')}`);
    }
    assert.equal(skipped.length, 6, logged.join('\n'));
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
