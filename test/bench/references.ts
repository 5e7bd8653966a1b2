/**
 * References (issue 14) against their budgets, through the real server over stdio:
 * - a workspace folder of 5,000 manifest files (ConfigMaps, Secrets, Pods and Deployments that
 *   reference them) indexed by the server: wall time from `initialized` until the model holds
 *   every file (serverStats.workspaceFiles, asked every 20 ms), and the server's RSS then;
 *   budget ≤ 5 s and ≤ 300 MB;
 * - a key of a ConfigMap renamed while a 10k-line file of Pods that reference it is open (and
 *   20 unrelated documents): wall time from didChange of the ConfigMap to the diagnostics of
 *   the 10k-line file that flag the key (debounce 0); budget ≤ 50 ms; and how many of the
 *   unrelated documents were validated again (should be 0).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer } from '../helpers/lsp';

export interface ReferencesResult {
  files: number;
  indexMs: number;
  indexRssMB: number;
  editLines: number;
  editMs: number[];
  unrelatedRevalidated: number;
}

const cm = (i: number, key: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-${i}\n  namespace: ns-${i % 50}\ndata:\n  ${key}: value-${i}\n  other: x\n`;
const secret = (i: number) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: sec-${i}\n  namespace: ns-${i % 50}\nstringData:\n  password: p${i}\n`;
const pod = (i: number, ns: string, cmName: string, key: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: ${ns}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    env:\n    - name: V\n      valueFrom:\n        configMapKeyRef:\n          name: ${cmName}\n          key: ${key}\n    - name: P\n      valueFrom:\n        secretKeyRef:\n          name: sec-${i}\n          key: password\n  volumes:\n  - name: c\n    configMap:\n      name: ${cmName}\n`;
const deployment = (i: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  namespace: ns-${i % 50}\nspec:\n  selector:\n    matchLabels: {app: web-${i}}\n  template:\n    metadata:\n      labels: {app: web-${i}}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n        envFrom:\n        - configMapRef:\n            name: cfg-${i}\n`;

async function until(pred: () => Promise<boolean>, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not reached within ${limitMs} ms`);
}

export async function measureReferences(files = 5000, editLines = 10_000, edits = 15): Promise<ReferencesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'podsight-bench-refs-'));
  try {
    for (let i = 0; i < files; i++) {
      const k = i % 4;
      const text = k === 0 ? cm(i, 'level') : k === 1 ? secret(i) : k === 2 ? pod(i, `ns-${i % 50}`, `cfg-${i - 2}`, 'level') : deployment(i);
      writeFileSync(join(dir, `m-${String(i).padStart(5, '0')}.yaml`), text);
    }
    const root = pathToFileURL(dir).href;
    const s = await startServer({ validate: { debounceMs: 0 } }, { rootUri: root });
    s.conn.onRequest('workspace/workspaceFolders', () => [{ uri: root, name: 'ws' }]);
    const stats = async () => (await s.conn.sendRequest('podsight/serverStats')) as { rssMB: number; workspaceFiles: number };
    try {
      // Indexing starts on `initialized` (sent by startServer); a first document open waits for nothing.
      const t0 = process.hrtime.bigint();
      await until(async () => (await stats()).workspaceFiles >= files, 60_000);
      const indexMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const indexRssMB = (await stats()).rssMB;

      // The edit: a ConfigMap in its own open file, a 10k-line file of Pods that read its key.
      const cmUri = pathToFileURL(join(dir, 'edit-cm.yaml')).href;
      const bigUri = pathToFileURL(join(dir, 'edit-pods.yaml')).href;
      const perPod = pod(0, 'edit', 'edit-cfg', 'level').split('\n').length;
      const big = Array.from({ length: Math.ceil(editLines / perPod) }, (_, i) => pod(i, 'edit', 'edit-cfg', 'level')).join('---\n');
      const unrelated = Array.from({ length: 20 }, (_, i) => pathToFileURL(join(dir, `unrelated-${i}.yaml`)).href);
      const opened = s.diagnostics(bigUri);
      s.open(cmUri, cm(0, 'level').replace('cfg-0', 'edit-cfg').replace('ns-0', 'edit'));
      s.open(bigUri, big);
      await opened;
      for (const [i, u] of unrelated.entries()) {
        const o = s.diagnostics(u);
        s.open(u, pod(i, `ns-${i}`, `cfg-${i * 4}`, 'level'));
        await o;
      }
      let unrelatedRevalidated = 0;
      const unrelatedSet = new Set(unrelated);
      s.onDiagnostics((p: PublishDiagnosticsParams) => void (unrelatedSet.has(p.uri) && unrelatedRevalidated++));
      const editMs: number[] = [];
      for (let v = 0; v < edits; v++) {
        const key = v % 2 === 0 ? 'lvl' : 'level';
        const flagged = s.diagnostics(bigUri, (p) => p.diagnostics.some((d) => d.code === 'reference-configmap-key-not-found') === (key === 'lvl'));
        const t = process.hrtime.bigint();
        s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: cmUri, version: v + 2 }, contentChanges: [{ text: cm(0, key).replace('cfg-0', 'edit-cfg').replace('ns-0', 'edit') }] });
        await flagged;
        editMs.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      await stats(); // every notification sent before this answer has arrived
      return { files, indexMs, indexRssMB, editLines: big.split('\n').length, editMs, unrelatedRevalidated };
    } finally {
      await s.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function referencesLine(r: ReferencesResult): string {
  const sorted = [...r.editMs].sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length / 2)];
  const max = sorted[sorted.length - 1];
  return `workspace of ${r.files.toLocaleString('en-US')} files indexed in ${r.indexMs.toFixed(0)} ms, RSS ${r.indexRssMB.toFixed(0)} MB (budget ≤ 5,000 ms, ≤ 300 MB: ${r.indexMs <= 5000 && r.indexRssMB <= 300 ? 'met' : 'NOT MET'}); ConfigMap key renamed → diagnostics of the ${r.editLines.toLocaleString('en-US')}-line referencing file p50 ${p50.toFixed(1)} / max ${max.toFixed(1)} ms (budget ≤ 50 ms: ${max <= 50 ? 'met' : 'NOT MET'}), unrelated open documents validated again: ${r.unrelatedRevalidated}`;
}

if (require.main === module) {
  measureReferences().then((r) => console.log(referencesLine(r)), (e: Error) => (console.error(e), process.exit(1)));
}
