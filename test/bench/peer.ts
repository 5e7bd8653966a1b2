/**
 * The peer, measured side by side: yaml-language-server (devDependency, the version DESIGN.md
 * names) over stdio with the strict Kubernetes 1.34 JSON schemas of ../shared/k8s-json-schema
 * (pod.json, node.json), given to it through a per-document dispatch schema (a Node document
 * gets node.json, any other pod.json), as ../shared/k8s-json-schema/SOURCE.md describes.
 *
 * What it does: schema-only validation (JSON-schema types, enums, unknown properties); none of
 * the API server's field rules, no cross-field checks. Its validation is debounced 200 ms.
 *
 * Measured on the generated files of generate.ts (`manifestOfLines`), the same as run.ts:
 * didOpen → first publishDiagnostics, a one-character edit → the next publishDiagnostics
 * (p50/p95), and the server's resident memory (VmRSS of its pid) after four edits of the
 * largest file.
 *
 * The schema directory is `../shared/k8s-json-schema` beside the repository, or
 * PODSIGHT_PEER_SCHEMA_DIR. Run alone: node --import tsx test/bench/peer.ts [lines,lines…]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { manifestOfLines } from './generate';

const ROOT = join(__dirname, '..', '..');

export interface PeerSizeResult {
  lines: number;
  /** Median of the opens; the first one separately. */
  openMs: number;
  openFirstMs: number;
  editP50: number;
  editP95: number;
  edits: number;
  /** Diagnostics after open (a sanity check that the schema is applied: 0 on valid files). */
  diagnostics: number;
}

export interface PeerResult {
  skipped?: string;
  peer?: string;
  what?: string;
  schemaDir?: string;
  sizes: Record<string, PeerSizeResult>;
  /** VmRSS of the peer's process after four edits of the largest file. */
  rssMBAfter4Edits?: number;
  rssLines?: number;
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Resident memory of a process, from /proc (Linux). */
export function vmRssMB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function peerSchemaDir(): string {
  return process.env.PODSIGHT_PEER_SCHEMA_DIR ? resolve(process.env.PODSIGHT_PEER_SCHEMA_DIR) : resolve(ROOT, '..', 'shared', 'k8s-json-schema');
}

/** Why the peer cannot be measured here, or undefined. */
/**
 * yaml-language-server's settings for the peer runs: the peer's Pod and Node schemas behind one
 * dispatching schema (written into `tmp`), for the files matching `globs`; no other store.
 */
export function peerYamlSettings(tmp: string, schemaDir: string, o: { completion: boolean; globs: string[] }): Record<string, unknown> {
  const dispatch = join(tmp, 'k8s-dispatch.json');
  writeFileSync(
    dispatch,
    JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      if: { properties: { kind: { const: 'Node' } }, required: ['kind'] },
      then: { $ref: pathToFileURL(join(schemaDir, 'node.json')).href },
      else: { $ref: pathToFileURL(join(schemaDir, 'pod.json')).href },
    }),
  );
  return {
    validate: true,
    hover: false,
    completion: o.completion,
    format: { enable: false },
    schemas: { [pathToFileURL(dispatch).href]: o.globs },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  };
}

export function peerUnavailable(): string | undefined {
  const dir = peerSchemaDir();
  for (const f of ['pod.json', 'node.json']) if (!existsSync(join(dir, f))) return `no ${f} in ${dir} (set PODSIGHT_PEER_SCHEMA_DIR)`;
  if (!existsSync(join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'))) return 'yaml-language-server is not installed (npm install)';
  return undefined;
}

export async function measurePeer(sizes: number[], editsPerSize: number, log: (s: string) => void = () => undefined, opens = 5): Promise<PeerResult> {
  const why = peerUnavailable();
  if (why) return { skipped: why, sizes: {} };
  const schemaDir = peerSchemaDir();
  const version: string = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version;
  const tmp = mkdtempSync(join(tmpdir(), 'podsight-peer-'));
  const yamlSettings = peerYamlSettings(tmp, schemaDir, { completion: false, globs: ['/bench/**/*.yaml', '*.yaml'] });

  const bin = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  const proc = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: tmp });
  let stderr = '';
  proc.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters: Array<{ uri: string; resolve: (n: number) => void }> = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
    const i = waiters.findIndex((w) => w.uri === p.uri);
    if (i >= 0) waiters.splice(i, 1)[0].resolve(p.diagnostics.length);
  });
  conn.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
    params.items.map((it) => (it.section === 'yaml' ? yamlSettings : it.section === 'editor' ? { tabSize: 2, detectIndentation: false } : it.section?.startsWith('yaml.') ? null : null)),
  );
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('telemetry/event', () => undefined);
  conn.onNotification(() => undefined);
  conn.onRequest(() => null);
  conn.listen();
  const next = (uri: string, timeoutMs = 180_000): Promise<number> =>
    new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`peer: no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
      waiters.push({ uri, resolve: (n) => (clearTimeout(timer), res(n)) });
    });

  const result: PeerResult = {
    peer: `yaml-language-server ${version}`,
    what: 'schema-only validation (strict Kubernetes 1.34 JSON schema: types, enums, unknown properties; no API-server field rules), 200 ms validation debounce',
    schemaDir,
    sizes: {},
  };
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions: {},
    });
    conn.sendNotification('initialized', {});
    conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });

    // Warm-up, and proof that the schema is applied: an unknown field must be reported.
    const warmUri = 'file:///bench/warm-up.yaml';
    let reported = 0;
    for (let attempt = 1; attempt <= 20 && reported === 0; attempt++) {
      const w = next(warmUri);
      const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  containers:\n  - name: app\n    image: nginx\n    foo${attempt}: bar\n`;
      if (attempt === 1) conn.sendNotification('textDocument/didOpen', { textDocument: { uri: warmUri, languageId: 'yaml', version: 1, text } });
      else conn.sendNotification('textDocument/didChange', { textDocument: { uri: warmUri, version: attempt }, contentChanges: [{ text }] });
      reported = await w;
    }
    if (reported === 0) return { ...result, skipped: 'yaml-language-server did not apply the schema (no diagnostic for an unknown field)' };
    conn.sendNotification('textDocument/didClose', { textDocument: { uri: warmUri } });

    const largest = Math.max(...sizes);
    for (const lines of sizes) {
      const text = manifestOfLines(lines);
      // Opened `opens` times under new names, as run.ts does for Podsight: the median counts.
      const openTimes: number[] = [];
      let uri = '';
      let diagnostics = 0;
      for (let i = 0; i < opens; i++) {
        if (uri) conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        uri = `file:///bench/bench-${lines}-${i}.yaml`;
        const t0 = process.hrtime.bigint();
        const first = next(uri);
        conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        diagnostics = await first;
        openTimes.push(ms(t0));
      }
      const openMs = pct(openTimes, 50);
      const lineCount = text.split('\n').length;
      const times: number[] = [];
      // The same one-character edits as run.ts: a `#` inserted, then removed.
      for (let v = 2; v < editsPerSize + 2; v++) {
        const line = Math.floor(lineCount / 2) + (v % 7);
        const change =
          v % 2 === 0
            ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '#' }
            : { range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 1 } }, text: '' };
        const te = process.hrtime.bigint();
        const w = next(uri);
        conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
        await w;
        times.push(ms(te));
        if (lines === largest && v === 5) {
          result.rssMBAfter4Edits = vmRssMB(proc.pid!);
          result.rssLines = lines;
        }
      }
      if (lines === largest && result.rssMBAfter4Edits === undefined) {
        result.rssMBAfter4Edits = vmRssMB(proc.pid!);
        result.rssLines = lines;
      }
      result.sizes[String(lines)] = { lines, openMs, openFirstMs: openTimes[0], editP50: pct(times, 50), editP95: pct(times, 95), edits: times.length, diagnostics };
      log(`peer ${lines} lines: open→diag ${openMs.toFixed(0)} ms, edit→diag p50 ${pct(times, 50).toFixed(0)} / p95 ${pct(times, 95).toFixed(0)} ms (${times.length} edits, ${diagnostics} diagnostics)`);
      conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    return result;
  } finally {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      conn.sendNotification('exit');
    } catch {
      // gone already
    }
    await new Promise<void>((res) => {
      if (proc.exitCode !== null) return res();
      const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
      proc.once('exit', () => (clearTimeout(t), res()));
    });
    conn.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const sizes = (process.argv[2] ?? '1000,10000,50000').split(',').map(Number);
  measurePeer(sizes, Number(process.env.BENCH_PEER_EDITS ?? 8), (s) => console.log(s)).then(
    (r) => {
      if (r.skipped) console.log(`peer comparison skipped: ${r.skipped}`);
      else console.log(`${r.peer}: ${r.what}\nRSS after four edits of the ${r.rssLines}-line file: ${r.rssMBAfter4Edits?.toFixed(0)} MB`);
      console.log(JSON.stringify(r));
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
