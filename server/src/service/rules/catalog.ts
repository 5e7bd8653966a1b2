/**
 * The rule table: every diagnostic Podsight emits has an id here, a default severity and a
 * one-line summary. Users re-level or silence rules by id (`podsight.rules`, inline comments,
 * the `podsight.io/ignore` annotation); docs/rules.md documents each id.
 */
import type { Severity } from '../validate/finding';

export interface RuleInfo {
  severity: Severity;
  summary: string;
  /** True for rules mirroring an API-server rejection. */
  upstream: boolean;
}

export const RULES = {
  'yaml-syntax': { severity: 'error', summary: 'The YAML cannot be parsed.', upstream: true },
  'yaml-complexity': { severity: 'error', summary: 'The document expands to too many nodes (alias bomb, merge-key chain) to be read safely.', upstream: true },
  'yaml-alias': { severity: 'error', summary: 'An alias names no anchor, or an anchor contains itself.', upstream: true },
  'file-too-large': { severity: 'warning', summary: 'The file is larger than podsight.maxFileSize and was not validated.', upstream: false },
  'duplicate-key': { severity: 'error', summary: 'A mapping repeats a key; kubectl strict decoding rejects it.', upstream: true },
  'unknown-field': { severity: 'error', summary: 'A field the Kubernetes API does not define; kubectl strict decoding rejects it.', upstream: true },
  'invalid-type': { severity: 'error', summary: 'A value of the wrong JSON type for its field.', upstream: true },
  'required-field': { severity: 'error', summary: 'A field the API requires is missing.', upstream: true },
  'invalid-quantity': { severity: 'error', summary: 'A resource quantity that does not follow the Quantity grammar.', upstream: true },
  'unsupported-value': { severity: 'error', summary: 'A value outside the set the API server supports for its field.', upstream: true },
} satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export function ruleInfo(id: string): RuleInfo | undefined {
  return Object.prototype.hasOwnProperty.call(RULES, id) ? (RULES as Record<string, RuleInfo>)[id] : undefined;
}
