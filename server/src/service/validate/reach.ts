/**
 * The findings of the Services a document declares (reach/findings.ts), against the Pods and
 * templates of the whole workspace. Cached with the document for the workspace's reach
 * generation: editing a Pod's image redoes nothing here; editing its labels or ports, or a
 * Service, redoes the Services.
 */
import type { ManifestDocument, K8sObject } from '../parse/manifests';
import type { WorkspaceModel } from '../workspace/model';
import { declarationsOf } from '../workspace/declarations';
import { serviceFindings } from '../reach/findings';
import type { Finding } from '../diagnostics/finding';

const CACHE_KEY = 'reach.findings';

export interface ServiceFindings {
  /** The Service as an object (for its suppression annotation). */
  object: K8sObject;
  findings: Finding[];
}

interface Cached {
  generation: string;
  value: ServiceFindings[];
}

const NONE: ServiceFindings[] = [];

export function serviceFindingsOf(doc: ManifestDocument, workspace: WorkspaceModel): ServiceFindings[] {
  const decls = declarationsOf(doc);
  if (!decls.some((d) => d.kind === 'Service')) return NONE;
  const generation = workspace.reachGeneration;
  const cached = doc.cache.get(CACHE_KEY) as Cached | undefined;
  if (cached && cached.generation === generation) return cached.value;
  const reach = workspace.reach();
  const value: ServiceFindings[] = [];
  for (const d of decls) {
    if (d.kind !== 'Service') continue;
    const s = reach.service(d.value);
    if (!s) continue; // not (yet) in the model: the host validates before it feeds the model
    const findings = serviceFindings(d.node, s, reach, (p) => workspace.locatePod(p));
    if (findings.length) value.push({ object: { apiVersion: d.apiVersion, kind: d.kind, group: '', name: d.name, node: d.node, path: '' }, findings });
  }
  doc.cache.set(CACHE_KEY, { generation, value } satisfies Cached);
  return value;
}
