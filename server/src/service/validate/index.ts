/**
 * Validation of one document: syntax problems, then, per Kubernetes object, structural
 * findings (strict decoding) and the field rules. Results are cached on the document, so an
 * edit elsewhere in the file costs nothing here.
 */
import type { ManifestDocument, K8sObject } from '../parse/manifests';
import { rootModel } from '../schema';
import { podSpecOf } from '../model/podSpecs';
import { OBJECT_RULES, POD_SPEC_RULES } from '../rules';
import { attachQuickFixes } from '../rules/quickFixes';
import type { RuleContext } from '../rules/context';
import { validateStructure } from './structure';
import type { Finding } from './finding';
import { kindFinding } from './kindFindings';

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
}

function validateObject(obj: K8sObject, text: string): Finding[] {
  const model = rootModel(obj.apiVersion, obj.kind);
  const findings = model ? validateStructure(obj.node, model) : [];
  const ctx: RuleContext = { object: obj, out: findings };
  for (const rule of OBJECT_RULES) rule(ctx);
  const site = podSpecOf(obj);
  if (site) for (const rule of POD_SPEC_RULES) rule(ctx, site);
  attachQuickFixes(obj, text, findings);
  return findings;
}

export function validateDocument(doc: ManifestDocument): DocumentFindings {
  const cached = doc.cache.get(CACHE_KEY) as DocumentFindings | undefined;
  if (cached) return cached;
  const result: DocumentFindings = {
    syntax: doc.syntax.map((s) => ({ rule: s.code, message: s.message, span: { start: s.start, end: s.end } })),
    kinds: doc.kindProblems.map((site) => kindFinding(site, doc.text)),
    objects: doc.objects.map((object) => ({ object, findings: validateObject(object, doc.text) })),
  };
  doc.cache.set(CACHE_KEY, result);
  return result;
}
