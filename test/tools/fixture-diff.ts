/**
 * Developer tool: runs test/fixtures/validation.jsonl through the engine and prints, for each
 * case whose (field, errorType) multiset differs from upstream, what is missing and extra.
 * Usage: node --import tsx test/tools/fixture-diff.ts [id-substring]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PodsightService, type DiagnosticData } from '../../server/src/service';

const filter = process.argv[2] ?? '';
const svc = new PodsightService();
let pass = 0;
let fail = 0;
for (const line of readFileSync(join(__dirname, '..', 'fixtures', 'validation.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const c = JSON.parse(line) as { id: string; yaml: string; errors: Array<{ path: string; type: string }> };
  if (filter && !c.id.includes(filter)) continue;
  const diags = svc.validate(svc.parse('file:///case.yaml', 0, c.yaml)).filter((d) => d.severity === 1);
  const got = diags.map((d) => `${(d.data as DiagnosticData | undefined)?.field} ${(d.data as DiagnosticData | undefined)?.errorType}`);
  const exp = c.errors.map((e) => `${e.path} ${e.type}`);
  const missing = [...exp];
  const extra: string[] = [];
  for (const g of got) {
    const i = missing.indexOf(g);
    if (i >= 0) missing.splice(i, 1);
    else extra.push(g);
  }
  if (missing.length === 0 && extra.length === 0) pass++;
  else {
    fail++;
    console.log(`${c.id}\n  missing: ${JSON.stringify(missing)}\n  extra:   ${JSON.stringify(extra)}`);
    for (const d of diags) console.log(`    got: ${d.message}`);
  }
}
console.log(`${pass} passed, ${fail} failed`);
