/**
 * Growth guard: for every family of hostile manifests (test/helpers/families.ts), the engine's
 * work per character must not grow faster than n·log n. Each family is built at two sizes in
 * this run (n and GROWTH×n characters); validation (parse + rules + quick fixes) and the editor
 * features (inlay hints, code lenses, symbols, folding, and hover / references / definition /
 * completion at a few positions) are timed in CPU time, best of several runs, and the heap
 * they retain is measured after a full collection. A quadratic step shows as a per-character
 * cost that grows GROWTH-fold; n·log n grows it by little more than 1, so the threshold below
 * leaves a wide margin for a busy machine, and a family over it is measured again before it
 * fails. Timings are compared with each other, never with a wall-clock budget (that is in
 * `npm run bench`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAMILIES, type Family } from '../helpers/families';
import { service } from '../helpers/engine';
import type { ManifestFile } from '../../server/src/service';
import { findingsCap } from '../../server/src/service/validate';

/** Size factor between the two measurements. */
const GROWTH = 4;
/** Characters of the smaller input. */
const BASE = Number(process.env.GROWTH_BASE ?? 12_000);
/** Allowed growth of the cost per character (n·log n from 12k to 48k is about 1.15). */
const MAX_RATIO = 2.5;
/** Absolute slack for costs too small to time precisely (ms of CPU, MB of heap). */
const SLACK_MS = 3;
const SLACK_MB = 0.5;
const RUNS = 2;
/** GROWTH_VERBOSE=1 prints every family's measurements; GROWTH_ONLY=text keeps the families whose name has it. */
const VERBOSE = !!process.env.GROWTH_VERBOSE;
const ONLY = process.env.GROWTH_ONLY;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function probesOf(f: Family, text: string): number[] {
  return f.probes ? f.probes(text) : [Math.floor(text.length / 2), Math.max(0, text.length - 5)];
}

function validate(text: string): { file: ManifestFile; out: unknown[] } {
  const file = service.parse('file:///growth.yaml', 1, text);
  return { file, out: service.validate(file) };
}

function features(file: ManifestFile, probes: number[]): unknown[] {
  const out: unknown[] = [service.inlayHints(file), service.codeLenses(file), service.documentSymbols(file), service.foldingRanges(file)];
  for (const o of probes) {
    const p = file.lines.positionAt(o);
    out.push(service.hover(file, p), service.references(file, p), service.definition(file, p), service.completion(file, p));
  }
  return out;
}

interface Cost {
  chars: number;
  validateMs: number;
  featuresMs: number;
}

/** Best CPU times of `runs` runs of validation and of the features on the validated file. */
function time(f: Family, text: string, runs: number): Cost {
  const probes = probesOf(f, text);
  let validateMs = Infinity;
  let featuresMs = Infinity;
  for (let r = 0; r < runs; r++) {
    let t = cpuMs();
    const { file } = validate(text);
    validateMs = Math.min(validateMs, cpuMs() - t);
    t = cpuMs();
    features(file, probes);
    featuresMs = Math.min(featuresMs, cpuMs() - t);
  }
  return { chars: text.length, validateMs, featuresMs };
}

/**
 * Memory (MB) a client keeps of a text: the parsed file with its caches, the diagnostics and
 * the features' answers, counted over the objects themselves (8 bytes a slot, 2 a character;
 * a string is counted at every reference). Counted rather than read from the V8 heap, whose
 * used size after a collection still moves by megabytes with what the engine did before.
 */
function retained(f: Family, text: string): number {
  const { file, out } = validate(text);
  return footprint([file, out, features(file, probesOf(f, text))]) / 2 ** 20;
}

function footprint(roots: unknown[]): number {
  const seen = new Set<object>();
  const stack: unknown[] = [...roots];
  let bytes = 0;
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') bytes += 2 * v.length;
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') bytes += 8;
    else if (v !== null && typeof v === 'object') {
      if (seen.has(v)) continue;
      seen.add(v);
      if (v instanceof Map) {
        bytes += 16 + 16 * v.size;
        for (const [k, x] of v) stack.push(k, x);
      } else if (v instanceof Set) {
        bytes += 16 + 8 * v.size;
        for (const x of v) stack.push(x);
      } else {
        const values = Array.isArray(v) ? v : Object.values(v);
        bytes += 16 + 8 * values.length;
        for (const x of values) stack.push(x);
      }
    }
  }
  return bytes;
}

/** Why the larger input costs too much more per character, or undefined. */
function excess(what: string, k: number, small: number, large: number, slack: number, unit: string): string | undefined {
  const s = Math.max(small, 0);
  const l = Math.max(large, 0);
  if (l <= MAX_RATIO * k * s + slack) return undefined;
  return `${what} ${s.toFixed(1)} → ${l.toFixed(1)} ${unit} for ${k.toFixed(1)}× the text (${(l / Math.max(s, 1e-3) / k).toFixed(1)}× per character)`;
}

test(`every hostile family costs at most n·log n: ${FAMILIES.length} families at ${BASE.toLocaleString('en-US')} and ${(GROWTH * BASE).toLocaleString('en-US')} characters`, (t) => {
  const failures: string[] = [];
  // Every finding built and fixed, as below the cap: past it work per finding would be hidden.
  const cap = findingsCap.perRule;
  findingsCap.perRule = Infinity;
  t.after(() => {
    findingsCap.perRule = cap;
  });
  // Warm the engine up (every JIT tier) on a few families, so the first ones measured are not
  // charged for compiling it.
  for (const f of FAMILIES.slice(0, 8)) time(f, f.make(GROWTH * BASE), 2);
  for (const f of FAMILIES.filter((x) => !ONLY || x.name.includes(ONLY))) {
    const small = f.make(BASE);
    const large = f.make(GROWTH * BASE);
    const k = large.length / small.length;
    let why: string | undefined;
    let last: number[] = [];
    // A busy machine can slow one measurement down: a family fails on time only if it fails
    // again with more runs.
    for (let attempt = 0; attempt < 3; attempt++) {
      const runs = RUNS + 2 * attempt;
      // Warm up on the larger text first: code the smaller one leaves cold would make it look
      // slow per character, and hide growth.
      time(f, large, 1);
      const s = time(f, small, runs);
      const l = time(f, large, runs);
      last = [s.validateMs, l.validateMs, s.featuresMs, l.featuresMs];
      why = excess('validation', k, s.validateMs, l.validateMs, SLACK_MS, 'ms') ?? excess('features', k, s.featuresMs, l.featuresMs, SLACK_MS, 'ms');
      if (!why) break;
    }
    const hs = retained(f, small);
    const hl = retained(f, large);
    why ??= excess('retained memory', k, hs, hl, SLACK_MB, 'MB');
    if (VERBOSE) console.log(`${f.name.padEnd(52)} ${last.map((x) => x.toFixed(1).padStart(7)).join(' ')} memory ${hs.toFixed(1)} → ${hl.toFixed(1)} MB${why ? '  OVER' : ''}`);
    if (why) failures.push(`${f.name}: ${why}`);
  }
  assert.deepEqual(failures, [], `work per character grows faster than n·log n:\n${failures.join('\n')}`);
});
