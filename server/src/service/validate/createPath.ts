/**
 * The create path's findings on the user's text: each object of a document is run through
 * createPath/ (defaults, admission, PrepareForCreate, PodSecurity) against the declared
 * workspace, and each finding is placed on the field it names, or on the deepest field on its
 * way that is written. Results are cached with the document for the workspace's generation:
 * editing a Pod redoes only that Pod; editing a LimitRange redoes the objects it may concern.
 */
import type { ManifestDocument, K8sObject } from '../parse/manifests';
import { locateFieldPath } from '../model/fieldPath';
import { isObj, toPlain, type PlainObject } from '../model/plain';
import { createObject, type CreateFinding, type CreateResult } from '../createPath';
import type { WorkspaceModel } from '../workspace/model';
import type { Finding } from '../diagnostics/finding';

const CACHE_KEY = 'createPath';

interface Cached {
  generation: number;
  /** Per object of the document (same order as doc.objects). */
  results: Array<{ result: CreateResult; findings: Finding[] } | undefined>;
}

/** The create path of one object (stored object and findings), cached per workspace generation. */
export function createPathOf(doc: ManifestDocument, index: number, workspace: WorkspaceModel): { result: CreateResult; findings: Finding[] } | undefined {
  let cached = doc.cache.get(CACHE_KEY) as Cached | undefined;
  if (!cached || cached.generation !== workspace.generation) {
    cached = { generation: workspace.generation, results: new Array(doc.objects.length) };
    doc.cache.set(CACHE_KEY, cached);
  }
  const hit = cached.results[index];
  if (hit) return hit;
  const obj = doc.objects[index];
  if (!obj) return undefined;
  const plain = toPlain(obj.node);
  if (!isObj(plain)) return undefined;
  // The preview's full run reads the tree again: the copy is not kept with every result.
  const result = createObject(plain, { declared: workspace.declared() }, () => toPlain(obj.node) as PlainObject);
  const entry = { result, findings: result.findings.map((f) => toFinding(f, obj)) };
  cached.results[index] = entry;
  return entry;
}

const SEVERITY_OF_TYPE = 'error';

function toFinding(f: CreateFinding, obj: K8sObject): Finding {
  const at = locateFieldPath(obj.node, f.field);
  // Admission's words are whole sentences about the object (`pods "web" is forbidden: …`).
  const out: Finding = { rule: f.rule, message: f.message, span: { start: at.span.start, end: at.span.end }, field: f.field, standalone: true };
  if (f.errorType) out.errorType = f.errorType;
  if (f.stage) out.stage = f.stage;
  out.severity = f.severity ?? (f.errorType ? SEVERITY_OF_TYPE : 'warning');
  if (f.related?.length) {
    for (const r of f.related) {
      if (r.object) {
        (out.elsewhere ??= []).push({ object: r.object, field: r.field, message: r.message });
        continue;
      }
      if (r.uri) continue; // another file's object the workspace no longer holds
      const s = locateFieldPath(obj.node, r.field).span;
      (out.related ??= []).push({ span: { start: s.start, end: s.end }, message: r.message });
    }
  }
  return out;
}
