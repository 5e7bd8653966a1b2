import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleDocs } from '../../server/src/service/rules/docs';

test('docs/rules.md documents every rule (run `npm run docs` after changing the rule table)', () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  assert.equal(committed, renderRuleDocs());
});
