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
import { findingsCap, omittedMessage, type Finding } from '../diagnostics/finding';
import { kindFinding } from './kindFindings';
import { lostToSyntax } from './syntaxContainment';

const CACHE_KEY = 'validation';

export interface ObjectFindings {
  object: K8sObject;
  findings: Finding[];
}

export interface DocumentFindings {
  /** Syntax and reading problems of the document. */
  syntax: Finding[];
  /** apiVersion/kind pairs the API server does not serve as written (or deprecates). */
  kinds: Finding[];
  objects: ObjectFindings[];
  /** Findings the document's syntax errors make meaningless (syntaxContainment.ts), if it has any. */
  lost?: (f: Finding) => boolean;
}

export { MAX_FINDINGS_PER_RULE, findingsCap } from '../diagnostics/finding';

/**
 * `findings` with at most MAX_FINDINGS_PER_RULE of each rule, and past them one finding that
 * says how many more there were, where the first left out was. Rules that report through
 * `report()` count theirs already (their stand-in carries `omitted`); findings pushed
 * directly (strict decoding, syntax) are counted here.
 */
export function capFindings(findings: Finding[], where: string): Finding[] {
  const max = findingsCap.perRule;
  let capped = findings.some((f) => f.omitted !== undefined);
  if (!capped && findings.length <= max) return findings;
  const kept = new Map<string, number>();
  const rest = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.omitted !== undefined) {
      const r = rest.get(f.rule);
      if (r) r.omitted! += f.omitted;
      else {
        const copy: Finding = { ...f };
        rest.set(f.rule, copy);
        out.push(copy);
      }
      continue;
    }
    const n = (kept.get(f.rule) ?? 0) + 1;
    kept.set(f.rule, n);
    if (n <= max) {
      out.push(f);
      continue;
    }
    capped = true;
    const r = rest.get(f.rule);
    if (r) r.omitted!++;
    else {
      const stand: Finding = { rule: f.rule, span: f.span, message: '', omitted: 1 };
      if (f.errorType) stand.errorType = f.errorType;
      rest.set(f.rule, stand);
      out.push(stand);
    }
  }
  if (!capped) return findings;
  for (const r of rest.values()) r.message = omittedMessage(r.rule, r.omitted!, where);
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

/**
 * Objects validated per file (the rest are reported once, by the façade). Each costs a fixed
 * amount (strict decoding, the rules, the create path): a List of 130,000 small Pods in a
 * 19 MiB file took 13 s. Documents are capped when read (parse/manifests.ts MAX_DOCUMENTS);
 * this bounds the objects of Lists, which one document can hold any number of.
 */
export const MAX_OBJECTS = 10_000;

/** The limit in force (MAX_OBJECTS; tests lower it to show the cut on small files). */
export const objectLimit = { max: MAX_OBJECTS };

/**
 * The findings of a document, of its first `limit` objects (all by default). Cached on the
 * document: a later call that wants more objects validates only those it adds, so
 * `objects` may hold more than `limit` entries.
 */
export function validateDocument(doc: ManifestDocument, limit = doc.objects.length): DocumentFindings {
  let result = doc.cache.get(CACHE_KEY) as DocumentFindings | undefined;
  if (!result) {
    const syntax = capFindings(doc.syntax.map((s) => ({ rule: s.code, message: s.message, span: { start: s.start, end: s.end } })), 'document');
    result = {
      syntax,
      kinds: doc.kindProblems.map((site) => kindFinding(site, doc.text)),
      objects: [],
      // Findings a syntax error makes meaningless are held back (syntaxContainment.ts).
      lost: lostToSyntax(syntax, doc.text),
    };
    doc.cache.set(CACHE_KEY, result);
  }
  const want = Math.min(limit, doc.objects.length);
  const lost = result.lost;
  for (let i = result.objects.length; i < want; i++) {
    const object = doc.objects[i];
    const findings = validateObject(object, doc.text);
    result.objects.push({ object, findings: lost ? findings.filter((f) => !lost(f)) : findings });
  }
  return result;
}
