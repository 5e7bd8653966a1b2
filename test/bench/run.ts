/**
 * `npm run bench`: measures Podsight against baselines taken in the same run, on the
 * deterministic workloads of generate.ts, and writes test-results/bench.json.
 *
 * - engine: full validation of a file vs the parse floor (`yaml` parseAllDocuments +
 *   LineCounter on the same text), as a ratio;
 * - server: through the real `dist/server.js --stdio`, didOpen → diagnostics and a
 *   one-character edit → diagnostics (p50/p95, wall time including the debounce);
 * - CLI: `podsight check` throughput in resources per second;
 * - server heap after the edits.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseAllDocuments, LineCounter } from 'yaml';
import { PodsightService } from '../../server/src/service';
import { manifestOfLines } from './generate';
import { startServer } from '../helpers/lsp';
import { SERVER_STATS_REQUEST, type ServerStats } from '../../server/src/protocol';

const ROOT = join(__dirname, '..', '..');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const EDITS = Number(process.env.BENCH_EDITS ?? 40);

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function timeIt(f: () => void, reps: number): number {
  f(); // warm
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = process.hrtime.bigint();
    f();
    runs.push(ms(t));
  }
  return median(runs);
}

async function main(): Promise<void> {
  const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, sizes: {} };
  const rows: string[][] = [['workload', 'floor ms', 'podsight ms', 'ratio', 'open→diag ms', 'edit→diag p50', 'edit→diag p95', 'server RSS MB']];
  const svc = new PodsightService();
  for (const lines of SIZES) {
    const text = manifestOfLines(lines);
    const reps = lines >= 50000 ? 5 : 15;
    const floor = timeIt(() => parseAllDocuments(text, { lineCounter: new LineCounter() }), reps);
    const full = timeIt(() => svc.validate(svc.parse('file:///b.yaml', 1, text)), reps);

    const server = await startServer({ validate: { debounceMs: 0 } });
    const uri = `file:///bench-${lines}.yaml`;
    const t0 = process.hrtime.bigint();
    const first = server.diagnostics(uri, () => true, 120_000);
    server.open(uri, text);
    await first;
    const open = ms(t0);
    // One-character edits in the middle of the file, inserted then removed (valid YAML kept).
    const lineCount = text.split('\n').length;
    const editTimes: number[] = [];
    for (let v = 2; v < EDITS + 2; v++) {
      const line = Math.floor(lineCount / 2) + (v % 7);
      const insert = v % 2 === 0;
      const change = insert
        ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '#' }
        : { range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 1 } }, text: '' };
      const te = process.hrtime.bigint();
      const wait = server.diagnostics(uri, (p) => p.version === v, 60_000);
      server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
      await wait;
      editTimes.push(ms(te));
    }
    const stats = (await server.conn.sendRequest(SERVER_STATS_REQUEST)) as ServerStats;
    const heap = stats.rssMB;
    await server.close();
    const entry = { lines, floorMs: floor, podsightMs: full, ratio: full / floor, openMs: open, editP50: median(editTimes), editP95: pct(editTimes, 95), heapMB: heap };
    (report.sizes as Record<string, unknown>)[String(lines)] = entry;
    rows.push([`${lines.toLocaleString('en-US')} lines`, floor.toFixed(1), full.toFixed(1), `${(full / floor).toFixed(2)}×`, open.toFixed(0), entry.editP50.toFixed(1), entry.editP95.toFixed(1), heap === null ? 'n/a' : heap.toFixed(0)]);
  }

  // CLI throughput: one directory of Pod files, resources per second through dist/cli.js.
  const dir = mkdtempSync(join(tmpdir(), 'podsight-bench-'));
  try {
    const text = manifestOfLines(60000, 7);
    const resources = text.split('\n---\n').length;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'all.yaml'), text);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', dir], { maxBuffer: 1 << 28 });
      if (r.status !== 0 && r.status !== 1) throw new Error(`cli failed: ${r.stderr}`);
      runs.push(ms(t));
    }
    const perSec = resources / (median(runs) / 1000);
    report.cli = { resources, ms: median(runs), resourcesPerSecond: perSec };
    rows.push([`CLI check ${resources.toLocaleString('en-US')} resources`, '', median(runs).toFixed(0), '', '', '', '', `${Math.round(perSec).toLocaleString('en-US')} resources/s`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Scheduling throughput: its own script, so it can also be run alone.
  const sched = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'scheduler.ts'), ...(process.env.BENCH_QUICK ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (sched.status !== 0) throw new Error(`scheduler bench failed: ${sched.stderr}`);
  report.scheduling = sched.stdout.trim().split('\n');

  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', 'bench.json'), JSON.stringify(report, null, 2));
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(`| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
  console.log('\nScheduling (simulate, after parsing):');
  for (const line of report.scheduling as string[]) console.log(`  ${line}`);
  console.log('\nwritten: test-results/bench.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
