/**
 * The API server in front of the scheduling simulation: each Pod is created before it is
 * scheduled, so the simulation places what the create path stores (LimitRange defaults,
 * priority, RuntimeClass overhead, defaults) and leaves out what it refuses.
 *
 * - A Pod manifest: refused when its document does not parse, strict decoding or field
 *   validation rejects it, or an admission plugin does (the same findings the editor shows as
 *   errors); otherwise its stored spec is scheduled.
 * - A workload's Pods: none are created when the workload itself is refused; otherwise each Pod
 *   its controller creates from the template goes through the create path as a Pod, and a
 *   rejection there is the controller's `Error creating: …` event.
 * - Pods already bound (`spec.nodeName`) or read from a cluster (`metadata.uid` or
 *   `resourceVersion`: `kubectl get -o yaml` output) exist already: not created again, taken as
 *   written.
 *
 * Verdicts are kept per object, and per template spec (the replicas of a workload share it).
 * Pod manifests that differ only in their name (a generated or exported cluster: thousands of
 * Pods of one shape) share an accepted verdict: see `contentKey`.
 */
import type { ManifestFile } from '../parse/manifests';
import { documentAt, type ManifestDocument, type K8sObject } from '../parse/manifests';
import { child } from '../parse/tree';
import { isDNS1123Subdomain } from '../util/names';
import { obj, str, type PlainObject } from '../model/plain';
import { ruleInfo } from '../diagnostics/catalog';
import type { Finding } from '../diagnostics/finding';
import { createObject } from '../createPath';
import type { WorkspaceModel } from '../workspace/model';
import type { PodAdmission, PodAdmissionInput } from '../scheduler/types';
import { validateDocument } from './index';
import { createPathOf } from './createPath';

/** Findings the API server answers with a refusal: an upstream error type, or an upstream error rule. */
export function isRejection(f: Finding): boolean {
  if (f.errorType !== undefined) return true;
  const info = ruleInfo(f.rule);
  return info?.upstream === true && info.severity === 'error';
}

const MAX_REASONS = 5;

/** The API server's message for an invalid object: one error plain, several in brackets. */
function invalid(kind: string, name: string, reasons: string[]): string {
  const shown = reasons.slice(0, MAX_REASONS);
  const more = reasons.length > MAX_REASONS ? ` (and ${reasons.length - MAX_REASONS} more)` : '';
  return `${kind} "${name}" is invalid: ${shown.length === 1 ? shown[0] : `[${shown.join(', ')}]`}${more}`;
}

function fieldMessage(f: { field?: string; message: string }): string {
  return f.field && !f.message.includes(f.field) ? `${f.field}: ${f.message}` : f.message;
}

/** Admission messages carry their own envelope (`pods "x" is forbidden: …`); validation ones do not. */
function refusal(kind: string, name: string, validation: string[], admission: string[]): string | undefined {
  if (validation.length > 0) return invalid(kind, name, validation);
  return admission[0];
}

/** The generateName a controller gives its Pods (the replica's name without its random suffix). */
function generatedPrefix(kind: string, name: string | undefined): string | undefined {
  if (!name || kind === 'StatefulSet') return name;
  const dash = name.lastIndexOf('-');
  return dash > 0 ? name.slice(0, dash + 1) : name;
}

/** Distinct Pod shapes remembered (each key is a document's text): bounds the memory of a workspace of unlike Pods. */
const MAX_SHAPES = 2048;

/**
 * The document's text with its Pod's `metadata.name` blanked, for a Pod manifest alone in its
 * document whose name is a valid one; undefined otherwise. Validation and the create path read
 * the name only to judge its format (ValidateObjectMeta) and to quote it in refusals, and they
 * see nothing of the file but the object (validateDocument takes no workspace; the create path
 * reads the declared workspace, the same for every Pod): so two such documents with one key
 * and valid names are accepted alike and store the same spec. A refused Pod is never shared
 * (its message names it).
 */
function contentKey(doc: ManifestDocument, o: K8sObject): string | undefined {
  if (o.path !== '' || doc.objects.length !== 1 || doc.syntax.length > 0) return undefined;
  const name = child(child(o.node, 'metadata'), 'name');
  if (!name || name.kind !== 'scalar' || name.v.type !== 'string' || isDNS1123Subdomain(name.v.value).length > 0) return undefined;
  return `${doc.text.slice(0, name.start)}\u0000${doc.text.slice(name.end)}`;
}

interface ObjectVerdict {
  /** Why the API server refuses the object itself. */
  rejected?: string;
  stored?: PlainObject;
}

export function schedulingAdmission(files: readonly ManifestFile[], workspace: WorkspaceModel): (pod: PodAdmissionInput) => PodAdmission | undefined {
  const byUri = new Map(files.map((f) => [f.uri, f]));
  const objects = new Map<string, ObjectVerdict | null>();
  const templates = new WeakMap<PlainObject, Map<string, PodAdmission>>();
  const shapes = new Map<string, ObjectVerdict>();

  function objectVerdict(pod: PodAdmissionInput): ObjectVerdict | null {
    const { uri, range } = pod.source;
    const key = `${uri}\u0000${range.start.line}:${range.start.character}`;
    const known = objects.get(key);
    if (known !== undefined) return known;
    let verdict: ObjectVerdict | null = null;
    const file = byUri.get(uri);
    if (file) {
      const offset = file.lines.offsetAt(range.start);
      const placed = documentAt(file, offset);
      const doc = placed?.doc;
      const index = doc ? doc.objects.findIndex((o) => placed!.offset + o.node.start === offset) : -1;
      if (doc && index >= 0) {
        const o = doc.objects[index];
        const shape = contentKey(doc, o);
        const shared = shape === undefined ? undefined : shapes.get(shape);
        if (shared) {
          objects.set(key, shared);
          return shared;
        }
        const found = validateDocument(doc);
        const created = createPathOf(doc, index, workspace);
        const validation = [...found.syntax.filter(isRejection), ...(found.objects[index]?.findings ?? []).filter(isRejection)].map(fieldMessage);
        // Admission speaks per finding (the closed-world rule makes a missing object an error only
        // when the workspace is the whole cluster): only its errors refuse.
        const admission = (created?.findings ?? []).filter((f) => f.errorType !== undefined).map((f) => f.message);
        verdict = { rejected: refusal(o.kind, o.name ?? '', validation, admission), stored: created?.result.stored };
        if (shape !== undefined && !verdict.rejected && shapes.size < MAX_SHAPES) shapes.set(shape, verdict);
      }
    }
    objects.set(key, verdict);
    return verdict;
  }

  return (pod) => {
    const spec = pod.spec;
    if (str(spec.nodeName)) return undefined;
    const own = objectVerdict(pod);
    if (!own) return undefined;
    if (!pod.workload) {
      if (own.rejected) return { rejected: own.rejected };
      const stored = obj(own.stored?.spec);
      return stored ? { spec: stored } : undefined;
    }
    if (own.rejected) return { rejected: `${own.rejected}: its controller creates no Pods` };
    // The Pod the controller creates: the template's metadata and this spec, named as the
    // controller names it: StatefulSets by ordinal, the others by generateName (`web-7d4b9c-`),
    // which is also the name their `Error creating` events quote.
    const named = pod.generateName ?? generatedPrefix(pod.workload.kind, pod.name) ?? pod.workload.name;
    let bySpec = templates.get(spec);
    if (!bySpec) templates.set(spec, (bySpec = new Map()));
    const cached = bySpec.get(named);
    if (cached) return cached;
    const metadata: PlainObject = { namespace: pod.namespace, labels: { ...pod.labels } };
    if (named.endsWith('-')) metadata.generateName = named;
    else metadata.name = named;
    const result = createObject({ apiVersion: 'v1', kind: 'Pod', metadata, spec }, { declared: workspace.declared() });
    const refused = result.findings.filter((f) => f.errorType !== undefined).map((f) => f.message);
    const verdict: PodAdmission = refused.length > 0 ? { rejected: `Error creating: ${refused[0]}` } : { spec: obj(result.stored.spec) ?? spec };
    bySpec.set(named, verdict);
    return verdict;
  };
}
