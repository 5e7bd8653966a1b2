/**
 * The simulation of `podsight/simulate` in slices: the engine runs steps (one Pod admitted or
 * one scheduling cycle each) for about SLICE_MS, then the server yields to its event loop
 * (setImmediate), so other requests are answered meanwhile and a `$/cancelRequest` is seen,
 * and asks whether to go on. The report is made the same way, Pod by Pod, with the size of
 * the answer counted: past the bound the request fails with a clear message instead of
 * building a string V8 cannot hold.
 */
import { AUTO_DETAIL_LIMIT, DEFAULT_MAX_PODS, scheduleReportParts, Simulation, type PodReachLookup, type ReportNode, type ReportPod, type ScheduleReport, type SimulateOptions, type SimulationResult } from '../service';
import type { ManifestFile } from '../service';
import { SIMULATE_LIMITS, type SimulateParams } from '../protocol';

/** Work between two looks at the event loop: well under the 1 s a request may block the server. */
export const SLICE_MS = 20;
/** Largest answer sent (JSON characters): a summary of 200,000 Pods is about 90 MB. */
export const MAX_ANSWER_CHARS = 128 * 1024 * 1024;

export type Stop = 'cancelled' | 'superseded';

export class AnswerTooLarge extends Error {}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the simulation slice by slice and returns its live result (Nodes, Pods, records), or
 * why it stopped.
 */
export async function runInSlices(files: readonly ManifestFile[], options: SimulateOptions, stop: () => Stop | undefined, now: () => number = () => performance.now()): Promise<SimulationResult | Stop> {
  // The server never answers per-Node detail of every Pod past what `auto` keeps: the answer
  // would grow with Pods × Nodes (detailFor asks for the Pods that matter).
  const sim = new Simulation(files, { maxPods: DEFAULT_MAX_PODS, ...options, maxDetailPairs: AUTO_DETAIL_LIMIT });
  for (;;) {
    const t0 = now();
    let done = false;
    while (!(done = sim.step()) && now() - t0 < SLICE_MS);
    if (done) break;
    await yieldToEventLoop();
    const s = stop();
    if (s) return s;
  }
  return sim.result();
}

/**
 * Simulates, slice by slice. `stop` is asked after each slice (and before the report): an
 * answer other than undefined ends the work and is returned.
 */
export async function simulateInSlices(
  files: readonly ManifestFile[],
  options: SimulateOptions,
  stop: () => Stop | undefined,
  limits: { maxAnswerChars?: number; now?: () => number } = {},
  /** Who selects each Pod (Services, NetworkPolicies), for the Pod entries. */
  reach?: PodReachLookup,
): Promise<ScheduleReport | Stop> {
  const now = limits.now ?? (() => performance.now());
  const maxChars = limits.maxAnswerChars ?? MAX_ANSWER_CHARS;
  const result = await runInSlices(files, options, stop, now);
  if (typeof result === 'string') return result;
  const parts = scheduleReportParts(result, { reach });
  let chars = JSON.stringify(parts.head).length;
  const made = async <T>(items: Iterable<T>): Promise<T[] | Stop> => {
    const out: T[] = [];
    let t0 = now();
    for (const item of items) {
      out.push(item);
      chars += JSON.stringify(item).length + 1;
      if (chars > maxChars) {
        const bound = maxChars >= 2 ** 20 ? `${Math.round(maxChars / 2 ** 20)} MiB` : `${maxChars} characters`;
        throw new AnswerTooLarge(`the simulation's answer would be larger than ${bound} (${parts.nodeCount} Nodes, ${parts.podCount} Pods); podsight schedule --format json writes the whole report`);
      }
      if (now() - t0 >= SLICE_MS) {
        await yieldToEventLoop();
        const s = stop();
        if (s) return s;
        t0 = now();
      }
    }
    return out;
  };
  const nodes = await made<ReportNode>(parts.nodes());
  if (typeof nodes === 'string') return nodes;
  const pods = await made<ReportPod>(parts.pods());
  if (typeof pods === 'string') return pods;
  return { ...parts.head, nodes, pods };
}

/** Why the request's parameters are refused (one line), or undefined. */
export function checkSimulateParams(params: SimulateParams): string | undefined {
  const L = SIMULATE_LIMITS;
  const names = (what: string, list: unknown, max: number): string | undefined => {
    if (list === undefined) return undefined;
    if (!Array.isArray(list)) return `${what} must be a list of names`;
    if (list.length > max) return `${what} has ${list.length} entries, more than ${max}`;
    if (!list.every((n) => typeof n === 'string' && n.length <= L.maxNameLength)) return `${what} must hold names of at most ${L.maxNameLength} characters`;
    return undefined;
  };
  const w = params.whatIf;
  if (params.allNodes !== undefined && typeof params.allNodes !== 'boolean') return 'allNodes must be true or false';
  const c = params.capacity;
  if (c !== undefined) {
    if (typeof c !== 'object' || c === null || typeof c.workload !== 'string' || c.workload.length > L.maxNameLength) return 'capacity must be { workload: "Kind/namespace/name" }';
    if (c.max !== undefined && (typeof c.max !== 'number' || !Number.isInteger(c.max) || c.max < 1 || c.max > L.maxCapacity)) return `capacity.max must be a whole number from 1 to ${L.maxCapacity}`;
  }
  const problem =
    names('detailFor', params.detailFor, L.maxDetailFor) ??
    (w === undefined ? undefined : typeof w !== 'object' || w === null || Array.isArray(w) ? 'whatIf must be an object' : undefined) ??
    names('whatIf.cordon', w?.cordon, L.maxWhatIfEntries) ??
    names('whatIf.uncordon', w?.uncordon, L.maxWhatIfEntries) ??
    names('whatIf.remove', w?.remove, L.maxWhatIfEntries) ??
    names('whatIf.drain', w?.drain, L.maxWhatIfEntries);
  if (problem) return problem;
  const copies = w?.copies;
  if (copies !== undefined) {
    if (typeof copies !== 'object' || copies === null || Array.isArray(copies)) return 'whatIf.copies must map Node names to numbers of copies';
    let total = 0;
    for (const [name, n] of Object.entries(copies)) {
      if (name.length > L.maxNameLength) return `whatIf.copies keys must be at most ${L.maxNameLength} characters`;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return `whatIf.copies[${JSON.stringify(name)}] must be a whole number of copies`;
      total += n;
      if (total > L.maxCopies) return `whatIf.copies adds more than ${L.maxCopies} Nodes`;
    }
  }
  const replicas = w?.replicas;
  if (replicas === undefined) return undefined;
  if (typeof replicas !== 'object' || replicas === null || Array.isArray(replicas)) return 'whatIf.replicas must map workloads to replica counts';
  const entries = Object.entries(replicas);
  if (entries.length > L.maxWhatIfEntries) return `whatIf.replicas has ${entries.length} entries, more than ${L.maxWhatIfEntries}`;
  for (const [key, n] of entries) {
    if (key.length > L.maxNameLength) return `whatIf.replicas keys must be at most ${L.maxNameLength} characters`;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return `whatIf.replicas[${JSON.stringify(key)}] must be a whole number of replicas`;
    if (n > L.maxReplicas) return `whatIf.replicas[${JSON.stringify(key)}] is ${n}, more than ${L.maxReplicas} replicas`;
  }
  return undefined;
}
