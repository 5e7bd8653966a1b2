/**
 * Where the rule documentation lives for people who click a rule id: the project's repository
 * (package.json `repository`), docs/rules.md, whose `## rule-id` headings are the anchors
 * (`#rule-id`). A hosted https URL: it opens at the rule in any browser, the editor's Problems
 * panel and GitHub code scanning alike, where a file:// path of the machine that ran the check
 * would lose the anchor or point nowhere. Hosts may override it (the CLI's --rules-doc-url, the
 * server's initializationOptions.rulesDocUrl).
 */
const pkg: { repository?: { url?: string } | string; version: string } = require('../../package.json');

/** The repository's web address, from package.json (`git+https://…/x.git` → `https://…/x`). */
export const REPOSITORY_URL = (typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '')).replace(/^git\+/, '').replace(/\.git$/, '');

export const RULES_DOC_URL = `${REPOSITORY_URL}/blob/main/docs/rules.md`;

/** The anchor of a rule's heading in docs/rules.md (GitHub's slug of `## rule-id` is the id). */
export function ruleDocUrl(base: string, ruleId: string): string {
  return `${base}#${ruleId}`;
}
