/**
 * Developer tool: runs test/fixtures/scheduler.jsonl through the engine and prints each case
 * whose placement, feasible set or message differs from the expectation.
 * Usage: node --import tsx test/tools/scheduler-fixtures.ts [id-substring] [--verbose]
 */
import { parseManifestFile } from '../../server/src/service/parse/manifests';
import { simulate } from '../../server/src/service/scheduler';
import { SCHEDULER_CASES } from '../helpers/schedulerCases';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filter = args.find((a) => !a.startsWith('--')) ?? '';
let pass = 0;
let fail = 0;
for (const c of SCHEDULER_CASES) {
  if (filter && !c.id.includes(filter)) continue;
  const report = simulate([parseManifestFile('file:///nodes.yaml', 0, c.nodes), parseManifestFile('file:///pods.yaml', 0, c.pods)]);
  const problems: string[] = [];
  for (const e of c.expect) {
    // `pod` is the Pod's name (its namespace when it is not unique: `ns/name`).
    const got = report.pods.find((p) => (e.pod.includes('/') ? p.name === e.pod : p.podName === e.pod));
    if (!got) {
      problems.push(`${e.pod}: missing`);
      continue;
    }
    if (typeof e.node === 'string' && e.node.startsWith('any-of:')) {
      const set = e.node.slice('any-of:['.length, -1).split(',');
      if (!got.node || !set.includes(got.node)) problems.push(`${e.pod}: node ${got.node} not in ${set}`);
    } else if (got.node !== e.node) problems.push(`${e.pod}: node ${got.node} ≠ ${e.node}`);
    if (e.feasible && JSON.stringify([...(got.feasible ?? [])].sort()) !== JSON.stringify([...e.feasible].sort())) problems.push(`${e.pod}: feasible ${JSON.stringify(got.feasible)} ≠ ${JSON.stringify(e.feasible)}`);
    if (e.message !== undefined && got.message !== e.message) problems.push(`${e.pod}: message\n      got ${got.message}\n      exp ${e.message}`);
    if (verbose) console.log(c.id, JSON.stringify({ pod: got.name, node: got.node, filters: got.filters, scores: got.scores }, null, 1));
  }
  if (problems.length) {
    fail++;
    console.log(`✗ ${c.id}\n    ${problems.join('\n    ')}`);
  } else pass++;
}
console.log(`${pass} passed, ${fail} failed`);
