/** Renders the rule documentation (docs/rules.md) from the rule table. */
import { RULES, type RuleDoc, type RuleInfo } from '../diagnostics/catalog';

export function renderRuleDocs(): string {
  const rules = Object.entries(RULES as Record<string, RuleInfo & { doc?: RuleDoc }>);
  const lines = [
    '# Podsight rules',
    '',
    'Every diagnostic Podsight reports carries one of these ids as its `code`. Re-level or turn',
    'off a rule with the `podsight.rules` setting (`{"rule-id": "warning"}`, `"off"`), or the',
    "CLI's `--config FILE`; silence one place with `# podsight-disable-next-line rule-id` on the",
    'line above, or a whole object with the annotation `podsight.io/ignore: "rule-id,…"`.',
    '',
    'Rules marked **upstream** mirror a rejection by the Kubernetes API server (kubectl strict',
    'decoding or field validation); the others are Podsight advice about what the API server',
    'accepts but will fail or surprise at run time.',
    '',
    '| Rule | Default | Kind | Summary |',
    '|---|---|---|---|',
    ...rules.map(([id, r]) => `| [\`${id}\`](#${id}) | ${r.severity} | ${r.upstream ? 'upstream' : 'advice'} | ${r.summary} |`),
    '',
  ];
  for (const [id, r] of rules) {
    lines.push(`## ${id}`, '', `Default severity: **${r.severity}** · ${r.upstream ? 'the API server rejects this' : 'Podsight advice'}`, '', r.summary, '');
    if (r.doc?.why) lines.push(`**Why:** ${r.doc.why}`, '');
    if (r.doc?.example) lines.push('**Example:**', '', '```yaml', r.doc.example.trimEnd(), '```', '');
    if (r.doc?.fix) lines.push(`**Fix:** ${r.doc.fix}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
