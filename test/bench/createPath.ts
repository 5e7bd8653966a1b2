/**
 * Measures the create path against field validation of the same file (the budget of issue 13:
 * the create path may cost at most 15 % more than validation did without it):
 * - field validation: a fresh parse of the file and the rules of every document
 *   (validateDocument: strict decoding and the rule families);
 * - the create path as validation runs it per object (validate/createPath.ts, without its cache):
 *   createObjectOfTree of the object's parsed tree against the declared workspace, reading the
 *   findings.
 * Both run in blocks of a few rounds, alternating, so that a busy machine slows both alike
 * while each block keeps its own garbage (the parse leaves much) to itself.
 *
 * npm run bench bundles this file as the server is bundled and runs the bundle: the shipped
 * code. Run through tsx (`node --import tsx test/bench/createPath.ts`) every call across
 * modules goes through an import getter, which slows this call-heavy code about twice as much
 * as it slows the parser.
 * Usage: createPath.ts [--quick] [--lines N]; the last stdout line is one JSON object (Result).
 */
import { PodsightService } from '../../server/src/service';
import { validateDocument } from '../../server/src/service/validate';
import { createObjectOfTree } from '../../server/src/service/createPath';
import { manifestOfLines } from './generate';

export interface CreatePathResult {
  lines: number;
  objects: number;
  rounds: number;
  fieldBestMs: number;
  fieldMedianMs: number;
  createBestMs: number;
  createMedianMs: number;
  /** createObject over field validation, best of each (the budget's figure), and of the medians. */
  ratio: number;
  medianRatio: number;
  findings: number;
}

const BLOCK = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function measure(lines: number, blocks: number): CreatePathResult {
  const text = manifestOfLines(lines);
  const svc = new PodsightService();
  const objects = svc.parse('file:///create-path.yaml', 1, text).documents.flatMap((p) => p.doc.objects);
  const declared = svc.workspace.declared();
  const field: number[] = [];
  const create: number[] = [];
  let findings = 0;
  // The first block warms both up and is not counted.
  for (let b = -1; b < blocks; b++) {
    for (let i = 0; i < BLOCK; i++) {
      const t = process.hrtime.bigint();
      const file = svc.parse(`file:///field-${b}-${i}.yaml`, 1, text);
      for (const placed of file.documents) validateDocument(placed.doc);
      if (b >= 0) field.push(ms(t));
    }
    for (let i = 0; i < BLOCK; i++) {
      const t = process.hrtime.bigint();
      findings = 0;
      for (const o of objects) findings += createObjectOfTree(o.node, { declared })!.findings.length;
      if (b >= 0) create.push(ms(t));
    }
  }
  // The bench file's Pods are in namespaces it does not declare: each gets that information.
  if (findings === 0) throw new Error('create path bench: no findings at all (is the create path running?)');
  const fieldBest = Math.min(...field);
  const createBest = Math.min(...create);
  return {
    lines,
    objects: objects.length,
    rounds: field.length,
    fieldBestMs: fieldBest,
    fieldMedianMs: median(field),
    createBestMs: createBest,
    createMedianMs: median(create),
    ratio: createBest / fieldBest,
    medianRatio: median(create) / median(field),
    findings,
  };
}

const args = process.argv.slice(2);
const linesAt = args.indexOf('--lines');
console.log(JSON.stringify(measure(linesAt >= 0 ? Number(args[linesAt + 1]) : 10000, args.includes('--quick') ? 3 : 7)));
