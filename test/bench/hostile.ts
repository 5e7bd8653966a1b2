/**
 * The hostile-input budget of `npm run bench`: any file under podsight.maxFileSize (20 MiB)
 * validates in ≤ 5 s and ≤ 1 GB. The families of test/helpers/families.ts are first screened
 * at 1 MB in this process (validation time and heap per character); the worst of them are then
 * built near the size cap and validated (parse + validate, what opening the file costs) in a
 * fresh process each, which reports its time and its peak heap and resident memory.
 *
 * Alone: `node --import tsx test/bench/hostile.ts [--json]`. BENCH_HOSTILE_MB sets the size
 * (default 19, under the 20 MiB cap), BENCH_HOSTILE_WORST how many families go to full size
 * (default 6), BENCH_HOSTILE_FAMILIES a comma-separated list of family names to run instead.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FAMILIES, type Family } from '../helpers/families';
import { PodsightService } from '../../server/src/service';

export const HOSTILE_TIME_BUDGET_MS = 5000;
export const HOSTILE_MEMORY_BUDGET_MB = 1024;

export interface HostileResult {
  family: string;
  chars: number;
  /** Wall time of parse + validate, and the CPU time of the process during it. */
  ms: number;
  cpuMs: number;
  diagnostics: number;
  /** Peak V8 heap (sampled after parse and after validate) and peak resident set (VmHWM). */
  heapMB: number;
  rssMB: number;
  /** Resident set of the process before the text was built. */
  startRssMB: number;
}

const MIB = 2 ** 20;

function statusMB(field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Child: build one family at `chars` characters, open it, report. */
function child(name: string, chars: number): void {
  const f = FAMILIES.find((x) => x.name === name);
  if (!f) throw new Error(`no family ${name}`);
  const svc = new PodsightService({ rulesDocUrl: 'https://podsight.dev/rules.md' });
  // Warm the engine on a small text of the same family (JIT), as a running server would be.
  svc.validate(svc.parse('file:///warm.yaml', 1, f.make(50_000)));
  const startRssMB = statusMB('VmRSS');
  const text = f.make(chars);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const file = svc.parse('file:///hostile.yaml', 1, text);
  const heapParsed = process.memoryUsage().heapUsed;
  const ds = svc.validate(file);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const heapMB = Math.max(heapParsed, process.memoryUsage().heapUsed) / MIB;
  const out: HostileResult = { family: name, chars: text.length, ms, cpuMs, diagnostics: ds.length, heapMB, rssMB: statusMB('VmHWM'), startRssMB };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Validation ms and heap growth per character of a family at about 1 MB, in this process. */
function screen(f: Family, svc: PodsightService): { msPerMB: number; heapPerMB: number } {
  const text = f.make(MIB);
  svc.validate(svc.parse('file:///screen.yaml', 1, text)); // warm
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const ds = svc.validate(svc.parse('file:///screen.yaml', 1, text));
  const ms = performance.now() - t0;
  const heap = process.memoryUsage().heapUsed - before;
  void ds;
  return { msPerMB: (ms * MIB) / text.length, heapPerMB: heap / text.length };
}

export function runHostile(log: (s: string) => void = () => {}): HostileResult[] {
  const chars = Math.floor(Number(process.env.BENCH_HOSTILE_MB ?? 19) * MIB);
  let names: string[];
  if (process.env.BENCH_HOSTILE_FAMILIES) names = process.env.BENCH_HOSTILE_FAMILIES.split(',').map((s) => s.trim());
  else {
    const svc = new PodsightService();
    const scores = FAMILIES.map((f) => ({ f, ...screen(f, svc) }));
    const worst = Number(process.env.BENCH_HOSTILE_WORST ?? 6);
    const byTime = [...scores].sort((a, b) => b.msPerMB - a.msPerMB).slice(0, worst);
    const byHeap = [...scores].sort((a, b) => b.heapPerMB - a.heapPerMB).slice(0, 2);
    names = [...new Set([...byTime, ...byHeap].map((s) => s.f.name))];
    log(`hostile: screened ${FAMILIES.length} families at 1 MiB; slowest: ${byTime.map((s) => `${s.f.name} (${s.msPerMB.toFixed(0)} ms/MiB)`).join(', ')}`);
  }
  const results: HostileResult[] = [];
  for (const name of names) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', name, String(chars)], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 600_000 });
    const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
    try {
      results.push(JSON.parse(line) as HostileResult);
      const x = results[results.length - 1];
      log(`hostile: ${name}: ${(x.chars / MIB).toFixed(1)} MiB in ${x.ms.toFixed(0)} ms (CPU ${x.cpuMs.toFixed(0)} ms), heap ${x.heapMB.toFixed(0)} MB, peak RSS ${x.rssMB.toFixed(0)} MB, ${x.diagnostics.toLocaleString('en-US')} diagnostics`);
    } catch {
      const err = (r.stderr ?? '').split('\n').find((l) => /Error\b/.test(l)) ?? (r.stderr ?? '').trim().split('\n').slice(-2).join(' ');
      const why = r.signal ? `killed (${r.signal})` : `exit ${r.status}: ${err.slice(0, 200)}`;
      results.push({ family: name, chars, ms: NaN, cpuMs: NaN, diagnostics: NaN, heapMB: NaN, rssMB: NaN, startRssMB: NaN });
      log(`hostile: ${name}: failed, ${why}`);
    }
  }
  return results;
}

if (require.main === module) {
  const i = process.argv.indexOf('--child');
  if (i >= 0) child(process.argv[i + 1], Number(process.argv[i + 2]));
  else {
    const results = runHostile((s) => process.stderr.write(`${s}\n`));
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ results })}\n`);
    else {
      for (const r of results) {
        const ok = r.ms <= HOSTILE_TIME_BUDGET_MS && r.rssMB <= HOSTILE_MEMORY_BUDGET_MB;
        console.log(`${r.family.padEnd(50)} ${(r.chars / MIB).toFixed(1)} MiB  ${r.ms.toFixed(0).padStart(6)} ms (CPU ${r.cpuMs.toFixed(0)})  heap ${r.heapMB.toFixed(0).padStart(5)} MB  RSS ${r.rssMB.toFixed(0).padStart(5)} MB  ${ok ? 'met' : 'NOT MET'}`);
      }
    }
  }
}
