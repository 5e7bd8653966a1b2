/**
 * `podsight check` on several threads. Validation is per document, so the input is cut into
 * units of whole documents (large files are split at their `---` lines), validated on the
 * main thread and on worker threads running this same bundle, and put back in order. The
 * result is identical to validating each file whole: ranges are shifted by the unit's first
 * line, and suppression comments and size limits only ever look within a document or at the
 * whole file (oversized files stay one unit).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Diagnostic } from 'vscode-languageserver-types';
import { PodsightService, type IndexedPod, type PodsightSettings } from '../service';
import { splitDocuments } from '../service';
import { contextDocuments, mayDeclareContext } from '../service';

export interface SourceFile {
  uri: string;
  text: string;
  /** Index of this file's settings in validateFiles' `variants` (its configuration file); default: the shared settings. */
  variant?: number;
}

/** Some whole documents of one file. */
interface Unit {
  file: number;
  uri: string;
  text: string;
  /** Line of the file where `text` begins. */
  line: number;
  variant?: number;
}

interface WorkerInit {
  podsightCheckWorker: true;
  settings: PodsightSettings;
  /** Per-file settings (each file's configuration file), by SourceFile.variant. */
  variants: PodsightSettings[];
  rulesDocUrl: string;
  /** The documents of the input that declare context objects (Namespaces, LimitRanges …). */
  context: SourceFile[];
  /** The input declares Services: each unit's Pods go back with its diagnostics. */
  wantPods: boolean;
}

/** A unit to validate, or (without one) the signal to stop. */
type ToWorker = { id: number; unit?: Unit };
/** A unit's diagnostics (and its Pods, when wanted), or (without them) "ready". */
type FromWorker = { id: number; diagnostics?: Diagnostic[]; pods?: IndexedPod[] };

interface UnitResult {
  diagnostics: Diagnostic[];
  pods?: IndexedPod[];
}

/**
 * Units of about this many characters, also on one thread: the trees of a small unit die young,
 * while a whole large file's survive into the old generation and make every collection
 * expensive (measured: 20 files of 500 Pods, 1.29 s → 1.0 s on one thread).
 */
const UNIT_CHARS = 32_000;

/** Below this much text, starting a thread costs more than it saves. */
const PARALLEL_MIN_CHARS = 1_000_000;

/** Line breaks in text[from, to) as LSP counts them: LF, CRLF and a lone CR. */
function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  for (let i = text.indexOf('\r', from); i !== -1 && i < to; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) n++;
  return n;
}

/** Cuts files into units of about `target` characters, at document boundaries. */
export function planUnits(files: SourceFile[], target: number, maxFileSize: number): Unit[] {
  const units: Unit[] = [];
  files.forEach((f, file) => {
    if (f.text.length <= target || f.text.length > maxFileSize) {
      units.push({ file, uri: f.uri, text: f.text, line: 0, variant: f.variant });
      return;
    }
    let start = 0;
    let line = 0;
    const flush = (end: number): void => {
      if (end <= start) return;
      units.push({ file, uri: f.uri, text: f.text.slice(start, end), line, variant: f.variant });
      line += countLines(f.text, start, end);
      start = end;
    };
    for (const chunk of splitDocuments(f.text)) {
      if (chunk.offset - start >= target) flush(chunk.offset);
    }
    flush(f.text.length);
  });
  return units;
}

/**
 * A unit's diagnostics, but for its Services' (they read every Pod of the input, known only
 * when all units are done: see validateFiles), and its Pods when the input declares Services.
 * Its settings are its own configuration file's (a variant) or the shared ones.
 */
function validateUnit(service: PodsightService, unit: Unit, shared: PodsightSettings, variants: readonly PodsightSettings[], wantPods: boolean): UnitResult {
  const settings = unit.variant !== undefined ? (variants[unit.variant] ?? shared) : shared;
  const parsed = service.parse(unit.uri, 0, unit.text, undefined, settings);
  const diagnostics = service.validate(parsed, settings, { firstLine: unit.line, services: false });
  return wantPods ? { diagnostics, pods: service.podsOf(parsed, { firstLine: unit.line }) } : { diagnostics };
}

const SERVICE_KIND = /^[ \t-]*kind:[ \t]*["']?Service["']?[ \t]*(#.*)?\r?$/m;

/**
 * The declared cluster of a check: the given files are the workspace. Only their documents
 * that declare context objects are kept (a few Namespaces and LimitRanges beside thousands of
 * Pods), so every thread can hold them.
 */
export function contextOf(files: SourceFile[], maxFileSize: number): SourceFile[] {
  const out: SourceFile[] = [];
  for (const f of files) {
    if (f.text.length > maxFileSize || !mayDeclareContext(f.text)) continue;
    out.push({ uri: f.uri, text: contextDocuments(f.text, splitDocuments) });
  }
  return out;
}

function serviceWith(rulesDocUrl: string, settings: PodsightSettings, context: SourceFile[]): PodsightService {
  const service = new PodsightService({ rulesDocUrl });
  service.workspace.setOptions({ isWholeCluster: settings.workspace.isWholeCluster });
  for (const c of context) service.workspace.update(service.parse(c.uri, 0, c.text, undefined, settings));
  return service;
}

/** Whether this thread is a check worker (then it serves units and must not run the CLI). */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as WorkerInit | undefined)?.podsightCheckWorker === true;
}

/** The worker side: validate the units the main thread sends until told to stop. */
export function serveCheckWorker(): void {
  const init = workerData as WorkerInit;
  const service = serviceWith(init.rulesDocUrl, init.settings, init.context);
  const port = parentPort!;
  port.on('message', (msg: ToWorker) => {
    if (!msg.unit) {
      port.close();
      return;
    }
    const r = validateUnit(service, msg.unit, init.settings, init.variants, init.wantPods);
    port.postMessage({ id: msg.id, diagnostics: r.diagnostics, pods: r.pods } satisfies FromWorker);
  });
  port.postMessage({ id: -1 } satisfies FromWorker);
}

/**
 * Threads for a large check. V8 already keeps a second core busy with garbage collection and
 * compilation, so on two cores a worker only competes with it (measured 10% slower); from four
 * cores up, one thread per core.
 */
export function defaultJobs(): number {
  const cpus = availableParallelism();
  return cpus <= 2 ? 1 : Math.min(cpus, 16);
}

/**
 * Diagnostics per file, in file order. With `jobs` > 1 and enough text, units are shared out
 * between this thread and `jobs - 1` workers, each taking the next unit when it is free.
 */
export async function validateFiles(files: SourceFile[], settings: PodsightSettings, rulesDocUrl: string, jobs: number, variants: PodsightSettings[] = []): Promise<Diagnostic[][]> {
  const context = contextOf(files, settings.maxFileSize);
  const service = serviceWith(rulesDocUrl, settings, context);
  const total = files.reduce((n, f) => n + f.text.length, 0);
  const threads = total < PARALLEL_MIN_CHARS ? 1 : Math.max(1, jobs);
  const target = UNIT_CHARS;
  const units = planUnits(files, target, settings.maxFileSize);
  const wantPods = context.some((c) => SERVICE_KIND.test(c.text));
  const results: UnitResult[] = new Array(units.length);
  let next = 0;
  const take = (): number => (next < units.length ? next++ : -1);

  const workers: Array<Promise<void>> = [];
  const spawn = (): Promise<void> =>
    new Promise<void>((resolve) => {
      let current = -1;
      const worker = new Worker(__filename, { workerData: { podsightCheckWorker: true, settings, variants, rulesDocUrl, context, wantPods } satisfies WorkerInit });
      const give = (): void => {
        current = take();
        if (current === -1) {
          worker.postMessage({ id: -1 } satisfies ToWorker);
          resolve();
        } else worker.postMessage({ id: current, unit: units[current] } satisfies ToWorker);
      };
      worker.on('message', (msg: FromWorker) => {
        if (msg.diagnostics) results[msg.id] = { diagnostics: msg.diagnostics, pods: msg.pods };
        give();
      });
      // A worker that fails leaves its unit to the main thread; the answer stays complete.
      worker.on('error', () => {
        if (current !== -1 && !results[current]) results[current] = validateUnit(service, units[current], settings, variants, wantPods);
        current = -1;
        resolve();
      });
    });
  for (let i = 1; i < threads; i++) workers.push(spawn());

  // The main thread works too, yielding between units so workers get their next one promptly.
  for (let i = take(); i !== -1; i = take()) {
    results[i] = validateUnit(service, units[i], settings, variants, wantPods);
    if (threads > 1) await new Promise<void>((r) => setImmediate(r));
  }
  await Promise.all(workers);

  const perFile: Diagnostic[][] = files.map(() => []);
  units.forEach((u, i) => {
    for (const d of results[i].diagnostics) perFile[u.file].push(d);
  });
  if (wantPods) {
    // Every Pod of the input is known now: the Services are judged against all of them, on
    // this thread, in the context copies of their files (same lines as the files).
    const pods: IndexedPod[] = [];
    for (const r of results) if (r.pods) for (const p of r.pods) pods.push(p);
    service.workspace.setExternalPods(pods, { only: true });
    const index = new Map(files.map((f, i) => [f.uri, i]));
    for (const c of context) {
      const parsed = service.workspace.get(c.uri);
      const i = index.get(c.uri);
      if (parsed && i !== undefined) perFile[i].push(...service.serviceDiagnostics(parsed, settings));
    }
  }
  return perFile;
}
