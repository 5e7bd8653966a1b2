/**
 * Inline silencing: `# podsight-disable-next-line [rule-id, …]` on the line above a problem,
 * and the `podsight.io/ignore: "rule-id,…"` annotation on an object (or its Pod template).
 * Without ids, the comment silences every rule on the next line; `*` does the same in the
 * annotation.
 */
import type { K8sObject } from '../parse/manifests';
import { child, type KNode } from '../parse/tree';
import { podSpecOf } from '../model/podSpecs';
import type { RuleId } from '../diagnostics/catalog';

export const IGNORE_ANNOTATION = 'podsight.io/ignore';
const COMMENT_RE = /#\s*podsight-disable-next-line\b([^\r\n]*)/g;

/** Line-number → rule ids silenced on that line (empty set: all rules). */
export function commentSuppressions(text: string, lineOf: (offset: number) => number): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!text.includes('podsight-disable-next-line')) return out;
  COMMENT_RE.lastIndex = 0;
  for (let m = COMMENT_RE.exec(text); m; m = COMMENT_RE.exec(text)) {
    const ids = m[1].split(/[\s,]+/).filter(Boolean);
    out.set(lineOf(m.index) + 1, new Set(ids));
  }
  return out;
}

function annotationIds(meta: KNode | undefined, into: Set<string>): void {
  const v = child(child(meta, 'annotations'), IGNORE_ANNOTATION);
  if (v && v.kind === 'scalar' && v.v.type === 'string') for (const id of v.v.value.split(/[\s,]+/)) if (id) into.add(id);
}

/** Rule ids a mapping that is no object Podsight validates silences by annotation on itself. */
export function mapSuppressions(node: KNode): Set<string> {
  const ids = new Set<string>();
  annotationIds(child(node, 'metadata'), ids);
  return ids;
}

/** Rule ids an object silences by annotation (on itself or its Pod template). */
export function annotationSuppressions(obj: K8sObject): Set<string> {
  const ids = new Set<string>();
  annotationIds(child(obj.node, 'metadata'), ids);
  const site = podSpecOf(obj);
  if (site?.metadata) annotationIds(site.metadata, ids);
  return ids;
}

export function isSilenced(rule: RuleId, line: number, comments: Map<number, Set<string>>, annotation: Set<string>): boolean {
  if (annotation.has(rule) || annotation.has('*')) return true;
  const c = comments.get(line);
  return c !== undefined && (c.size === 0 || c.has(rule));
}
