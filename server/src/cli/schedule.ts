/**
 * `podsight schedule`: the scheduling simulation of the files and directories given, as a
 * readable table (Pods by Node, then the Pods that were not placed, with the scheduler's
 * message), as the JSON report of DESIGN.md, or as the preview panel in one HTML file (html.ts).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScheduleArgs } from './args';
import { htmlAroundData, makeNonce, readWebviewBundle, scriptElementEscape, type WebviewBundle } from './html';
import { jsonChunks, LazyArray, LazyObject } from './jsonStream';
import { ProgressBar, type TerminalLike } from './progress';
import { ChunkSink, type WritableLike } from './sink';
import { DEFAULT_SETTINGS, PodsightService } from '../service';
import type { InputText } from './inputs';
import { formatAmount, scheduleReportParts, Simulation, toScheduleReport, type ReportNode, type ReportPod, type ScheduleReport, type ScheduleReportParts, type SimulationResult } from '../service';
import type { ManifestFile, SimulateOptions } from '../service';
import { escapeText } from '../service';

export interface ScheduleIO {
  /** The texts of the PATHs given (files, directories, `-` for stdin), files over `maxBytes` skipped. */
  load(paths: readonly string[], maxBytes: number): Promise<InputText[]>;
  /** Where the report goes (stdout), written in chunks with backpressure. */
  out: WritableLike & { isTTY?: boolean };
  /** One line for the user (stderr). */
  error(text: string): void;
  /** The terminal to draw progress on (stderr when it is a TTY and progress is wanted). */
  progress?: TerminalLike;
  /** Where the preview bundle is (default: dist/webview beside the bundled dist/cli.js). */
  webviewDir?: string;
}

/** A problem with the input or the output that ends the command with exit status 2. */
export class ScheduleError extends Error {}

const count = (n: number): string => n.toLocaleString('en-US');
/**
 * `--detail full` keeps every Pod's verdict on every Node: about 100 bytes per pair, so past
 * this many pairs (about 1 GB) the report is in summary detail, with a note, rather than the
 * process running out of memory.
 */
export const MAX_FULL_DETAIL_PAIRS = 10_000_000;

export async function runSchedule(args: ScheduleArgs, io: ScheduleIO): Promise<number> {
  let bundle: WebviewBundle | undefined;
  if (args.format === 'html') {
    // Before any work: without the bundle there is nothing to write.
    try {
      bundle = readWebviewBundle(io.webviewDir ?? join(__dirname, 'webview'));
    } catch (err) {
      io.error(`podsight: ${(err as Error).message}`);
      return 2;
    }
  }
  const maxBytes = args.maxFileSize ?? DEFAULT_SETTINGS.maxFileSize;
  const inputs = await io.load(args.paths, maxBytes);
  const service = new PodsightService();
  const bar = io.progress ? new ProgressBar(io.progress) : undefined;
  // What is read is within the byte limit, so within the engine's character limit too.
  const settings = { ...DEFAULT_SETTINGS, maxFileSize: Math.max(DEFAULT_SETTINGS.maxFileSize, maxBytes) };
  const files: ManifestFile[] = [];
  let result: SimulationResult;
  try {
    for (const f of inputs) {
      bar?.update('Parsing   ', files.length, inputs.length, 'files');
      files.push(service.parse(f.path === '-' ? 'stdin:' : pathToFileURL(f.path).href, 0, f.text, undefined, settings));
    }
    // The given PATHs are the workspace: what they declare is what each Pod is admitted against.
    service.workspace.setOptions({ isWholeCluster: args.wholeCluster === true });
    for (const f of files) service.workspace.update(f);
    result = simulateWithProgress(files, args, bar, args.asWritten ? undefined : service.schedulingAdmission(files));
  } finally {
    bar?.clear();
  }
  const parts = scheduleReportParts(result, { reach: service.reachLookup(files) });
  const sink = new ChunkSink(io.out);
  // A bar while writing only where it cannot mix with the report on one terminal.
  const writeBar = io.out.isTTY ? undefined : bar;
  try {
    if (bundle) {
      // Exactly what the panel host posts after `podsight/simulate` (client/src/preview/panel.ts).
      const report = new LazyObject([...reportEntries(parts, writeBar), ['files', files.map((f) => f.uri)]]);
      const message = new LazyObject([['type', 'result'], ['result', report], ['whatIf', {}]]);
      const [before, after] = htmlAroundData({ bundle, nonce: makeNonce() });
      await sink.write(before);
      for (const chunk of jsonChunks(message, false)) await sink.write(scriptElementEscape(chunk));
      await sink.write(after);
    } else if (args.format === 'json') {
      for (const chunk of jsonChunks(new LazyObject(reportEntries(parts, writeBar)), true)) await sink.write(chunk);
      await sink.write('\n');
    } else {
      // Line by line: the lines share the report's strings; joined, a large report could pass V8's string limit.
      for (const line of scheduleTextLines(toScheduleReport(result))) await sink.write(`${line}\n`);
    }
    await sink.flush();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return 0; // the reader went away: nothing left to tell it
    throw new ScheduleError(`cannot write the report: ${(err as Error).message}`);
  } finally {
    writeBar?.clear();
  }
  // The capacity question's extra replicas are a probe, not Pods the workspace asks for.
  const notPlaced = result.pods.some((p) => !p.pod.held && (p.status === 'unschedulable' || p.status === 'rejected' || p.status === 'preempted' || (p.status === 'pinned' && p.node === null)));
  return args.failOnUnschedulable && notPlaced ? 1 : 0;
}

const RETRYING: string[] = [];

/** Runs the simulation step by step: the Pod limit checked before any Pod is admitted, progress drawn between steps. */
function simulateWithProgress(files: ManifestFile[], args: ScheduleArgs, bar: ProgressBar | undefined, admit: SimulateOptions['admit']): SimulationResult {
  const capacity = args.capacity ? { workload: args.capacity, ...(args.capacityMax ? { max: args.capacityMax } : {}) } : undefined;
  const sim = new Simulation(files, { admit, capacity, ...(args.whatIf ? { whatIf: args.whatIf } : {}), isWholeCluster: args.wholeCluster === true, schedulerVersion: args.schedulerVersion, detail: args.detail, seed: args.seed, maxPods: args.maxPods, maxDetailPairs: MAX_FULL_DETAIL_PAIRS, ...(args.allNodes ? { percentageOfNodesToScore: 100 } : {}) });
  let checked = false;
  while (!sim.step()) {
    if (!checked) {
      const c = sim.podCount();
      if (c) {
        checked = true;
        if (c.wanted > c.max) {
          throw new ScheduleError(`the manifests make ${count(c.wanted)} Pods (Pod manifests and workload replicas), more than the limit of ${count(c.max)}; raise it with --max-pods ${c.wanted}`);
        }
      }
    }
    if (bar) {
      const p = sim.progress();
      bar.update(p.phase === 'reading' ? 'Reading   ' : p.pass === 0 ? 'Scheduling' : (RETRYING[p.pass] ??= `Retrying (pass ${p.pass + 1})`), p.done, p.total, 'Pods');
    }
  }
  return sim.result();
}

/** The report's members in its key order; the Nodes and Pods made while they are written. */
function reportEntries(parts: ScheduleReportParts, bar: ProgressBar | undefined): Array<[string, unknown]> {
  function* pods(): Iterable<ReportPod> {
    let i = 0;
    for (const p of parts.pods()) {
      yield p;
      bar?.update('Writing   ', i, parts.podCount, 'Pods');
      i++;
    }
  }
  return [...Object.entries(parts.head), ['nodes', new LazyArray(() => parts.nodes())], ['pods', new LazyArray(pods)]];
}

function pct(used: number, total: number): string {
  if (total <= 0) return used > 0 ? ' (over)' : '';
  return ` (${Math.round((100 * used) / total)}%)`;
}

function usage(n: ReportNode, resource: string): string | undefined {
  const alloc = n.allocatable[resource] ?? 0;
  const used = n.requested[resource] ?? 0;
  if (alloc === 0 && used === 0) return undefined;
  // cpu: whole cores when both are whole, else both in millicores (`800m/1930m`, not `3/3920m`).
  const fmt = (v: number) => (resource === 'cpu' && (used % 1000 !== 0 || alloc % 1000 !== 0) ? `${v}m` : formatAmount(resource, v));
  return `${resource} ${fmt(used)}/${fmt(alloc)}${pct(used, alloc)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The text table: a summary line, each Node with its usage and Pods, then the Pods not placed. */
export function scheduleTextLines(report: ScheduleReport): string[] {
  const lines: string[] = [];
  const s = report.summary;
  const parts = [`${s.scheduled} scheduled`];
  if (s.pinned) parts.push(`${s.pinned} pinned`);
  if (s.unschedulable) parts.push(`${s.unschedulable} unschedulable`);
  for (const k of ['preempted', 'gated', 'ignored', 'rejected'] as const) if (s[k]) parts.push(`${s[k]} ${k}`);
  lines.push(`kube-scheduler ${report.schedulerVersion} default profile: ${plural(s.nodes, 'Node')}, ${plural(s.pods, 'Pod')} — ${parts.join(', ')}`);
  const byName = new Map(report.pods.map((p) => [p.name, p]));
  for (const n of report.nodes) {
    lines.push('');
    const flags: string[] = [];
    if (n.unschedulable) flags.push('cordoned');
    for (const t of n.taints) flags.push(`taint ${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
    const zone = n.labels['topology.kubernetes.io/zone'];
    lines.push(`${n.name}${zone ? `  zone ${zone}` : ''}${flags.length ? `  [${flags.join(', ')}]` : ''}`);
    const use = [...new Set(['cpu', 'memory', 'ephemeral-storage', ...Object.keys(n.allocatable), ...Object.keys(n.requested)])]
      .filter((r) => r !== 'pods')
      .map((r) => usage(n, r))
      .filter((x): x is string => !!x);
    use.push(`pods ${n.requested.pods ?? 0}/${n.allocatable.pods ?? 0}`);
    lines.push(`  ${use.join('   ')}`);
    if (n.pods.length === 0) lines.push('  (no Pods)');
    // Padded as shown: an escaped name is wider than the raw one.
    const width = Math.min(60, Math.max(0, ...n.pods.map((k) => escapeText(k).length)));
    for (const key of n.pods) {
      const p = byName.get(key);
      if (!p) continue;
      lines.push(`  ${escapeText(key).padEnd(width)}  ${podNote(p)}`);
    }
  }
  // The capacity probe's blocker is told in the capacity section.
  const notPlaced = report.pods.filter((p) => p.node === null && !p.capacityProbe);
  const unschedulable = notPlaced.filter((p) => p.status === 'unschedulable');
  if (unschedulable.length) {
    lines.push('', `Unschedulable (${unschedulable.length}):`);
    for (const p of unschedulable) lines.push(`  ${p.name}`, `    ${p.message ?? ''}`);
  }
  const others = notPlaced.filter((p) => p.status !== 'unschedulable');
  if (others.length) {
    lines.push('', `Not scheduled (${others.length}):`);
    for (const p of others) lines.push(`  ${p.name}  ${p.status}: ${p.message ?? ''}`);
  }
  const c = report.capacity;
  if (c) {
    lines.push('', `Capacity of ${c.workload} (${plural(c.current, 'replica')} now):`);
    if (c.problem) lines.push(`  cannot tell: ${c.problem}`);
    else if (c.blocker) lines.push(`  ${plural(c.fit, 'more replica')} fit; the next one (${c.blocker.pod}) does not:`, `    ${c.blocker.message}`);
    else lines.push(`  at least ${plural(c.fit, 'more replica')} fit (${c.max} tried; --capacity-max to try more)`);
  }
  const warned = report.pods.filter((p) => p.warnings?.length);
  if (warned.length || report.notes.length) {
    lines.push('', 'Notes:');
    for (const n of report.notes) lines.push(`  ${n}`);
    for (const p of warned) for (const w of p.warnings!) lines.push(`  ${p.name}: ${w}`);
  }
  // Every string above may come from a manifest: each line is shown with its control, escape
  // and bidi characters made visible (a no-op on text already escaped).
  return lines.map((l) => escapeText(l));
}

function podNote(p: ReportPod): string {
  const bits: string[] = [p.status];
  if (p.ties && p.ties.length > 1) bits.push(`tie between ${p.ties.join(', ')}`);
  if (p.preemption) bits.push(`after preempting ${p.preemption.victims.join(', ')}`);
  if (p.workload) bits.push(`${p.workload.kind} ${p.workload.name}`);
  return bits.join(' · ');
}
