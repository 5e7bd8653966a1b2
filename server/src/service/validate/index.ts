/**
 * Validation of one document: syntax problems, then, per Kubernetes object, structural
 * findings (strict decoding) and the field rules. Results are cached on the document, so an
 * edit elsewhere in the file costs nothing here.
 */
import type { ManifestDocument, K8sObject } from '../parse/manifests';
import { rootModel } from '../schema';
import { podSpecOf } from '../model/podSpecs';
import { walkingOnce } from '../model/containers';
import { OBJECT_RULES, POD_SPEC_RULES } from '../rules';
import { attachQuickFixes } from '../rules/quickFixes';
import type { RuleContext } from '../rules/context';
import { validateStructure } from './structure';
import type { Finding } from './finding';

const CACHE_KEY = 'validation';

export interface ObjectFindings {
  object: K8sObject;
  findings: Finding[];
}

export interface DocumentFindings {
  /** Syntax and reading problems of the document. */
  syntax: Finding[];
  objects: ObjectFindings[];
}

/**
 * At most this many findings of one rule per object (and per document's syntax problems):
 * past it, one more finding says how many were left out. A hostile file can hold half a
 * million duplicates of one name; every one kept would cost a diagnostic (with its fix and
 * related location) in memory, on the wire and in the editor.
 */
export const MAX_FINDINGS_PER_RULE = 1000;

/** `findings` with each rule's beyond MAX_FINDINGS_PER_RULE replaced by one summary (in place of the first left out). */
export function capFindings(findings: Finding[], where: string): Finding[] {
  if (findings.length <= MAX_FINDINGS_PER_RULE) return findings;
  const total = new Map<string, number>();
  let over = false;
  for (const f of findings) {
    const n = (total.get(f.rule) ?? 0) + 1;
    total.set(f.rule, n);
    if (n > MAX_FINDINGS_PER_RULE) over = true;
  }
  if (!over) return findings;
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (seen.get(f.rule) ?? 0) + 1;
    seen.set(f.rule, n);
    if (n <= MAX_FINDINGS_PER_RULE) out.push(f);
    else if (n === MAX_FINDINGS_PER_RULE + 1) {
      const more = total.get(f.rule)! - MAX_FINDINGS_PER_RULE;
      const summary: Finding = {
        rule: f.rule,
        summary: true,
        span: f.span,
        message: `… and ${more.toLocaleString('en-US')} more ${f.rule} problem${more === 1 ? '' : 's'} in this ${where}, not listed: Podsight lists the first ${MAX_FINDINGS_PER_RULE.toLocaleString('en-US')} of each rule`,
      };
      if (f.errorType) summary.errorType = f.errorType;
      out.push(summary);
    }
  }
  return out;
}

function validateObject(obj: K8sObject, text: string): Finding[] {
  return walkingOnce(() => {
    const model = rootModel(obj.apiVersion, obj.kind);
    const all = model ? validateStructure(obj.node, model) : [];
    const ctx: RuleContext = { object: obj, out: all };
    for (const rule of OBJECT_RULES) rule(ctx);
    const site = podSpecOf(obj);
    if (site) for (const rule of POD_SPEC_RULES) rule(ctx, site);
    // Capped before the quick fixes: they are computed for the findings kept only.
    const findings = capFindings(all, 'object');
    attachQuickFixes(obj, text, findings);
    return findings;
  });
}

export function validateDocument(doc: ManifestDocument): DocumentFindings {
  const cached = doc.cache.get(CACHE_KEY) as DocumentFindings | undefined;
  if (cached) return cached;
  const result: DocumentFindings = {
    syntax: capFindings(doc.syntax.map((s) => ({ rule: s.code, message: s.message, span: { start: s.start, end: s.end } })), 'document'),
    objects: doc.objects.map((object) => ({ object, findings: validateObject(object, doc.text) })),
  };
  doc.cache.set(CACHE_KEY, result);
  return result;
}
