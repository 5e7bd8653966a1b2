/**
 * Writes docs/rules.md from the rule table (server/src/service/diagnostics/catalog.ts), so the
 * documentation every diagnostic links to can never miss a rule. `npm run docs` runs it; a
 * unit test fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleDocs } from '../server/src/service/rules/docs';

const out = join(__dirname, '..', 'docs', 'rules.md');
writeFileSync(out, renderRuleDocs());
console.log('docs: wrote docs/rules.md');
