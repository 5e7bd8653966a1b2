/**
 * `ValidateVolumes`: names (required, DNS label, unique) and sources, producing the lookup
 * table containers resolve their mounts and devices against. Upstream quirk (§5.13): a volume
 * with any error is left out of the table, so its mounts are additionally NotFound. Computed
 * once per Pod spec and shared by the volume and mount rules.
 */
import type { K8sObject } from '../../parse/manifests';
import type { KMap, Span } from '../../parse/tree';
import type { PodSpecSite } from '../../model/podSpecs';
import type { Finding } from '../../diagnostics/finding';
import { childPath, indexPath } from '../../diagnostics/finding';
import { isDNS1123Label, isDNS1123Subdomain } from '../../util/names';
import { entry, msg, report, type RuleContext } from '../context';
import { itemMap, seqField, strField } from '../spec/values';
import { at, itemAnchor, setEntry } from './read';
import { checkIscsiNameLength, checkVolumeSources } from './sources';

export interface VolumeInfo {
  name: string;
  index: number;
  /** JSON key of the volume's effective source (`emptyDir` when defaulted). */
  source: string;
  nameSpan: Span;
  registered: boolean;
}

export interface VolumeAnalysis {
  findings: Finding[];
  /** The upstream lookup table: volumes without errors, by name. */
  registered: Map<string, VolumeInfo>;
  /** First written volume of each name, registered or not (to explain a NotFound). */
  written: Map<string, VolumeInfo>;
}

const cache = new WeakMap<KMap, VolumeAnalysis>();

/** The name the API server gives the Pod before validation (generateName gets 5 random characters). */
function podName(obj: K8sObject, site: PodSpecSite): string {
  if (obj.kind !== 'Pod' || !site.metadata) return ''; // templates are validated without Pod metadata
  const name = strField(site.metadata, 'name');
  if (name && name.value !== '') return name.value;
  const gen = strField(site.metadata, 'generateName');
  return gen && gen.value !== '' ? `${gen.value.slice(0, 58)}xxxxx` : '';
}

/**
 * StatefulSet claim templates: the controller adds a PVC volume per template to every Pod,
 * replacing a same-named volume of the Pod template. (The API server does not validate a
 * StatefulSet's Pod template at all; the Pods the controller creates from it, with these
 * volumes, are what gets validated.)
 */
function claimTemplateNames(obj: K8sObject): Array<{ name: string; span: Span }> {
  if (obj.kind !== 'StatefulSet') return [];
  const spec = entry(obj.node, 'spec')?.value;
  const list = spec?.kind === 'map' ? seqField(spec, 'volumeClaimTemplates') : undefined;
  const out: Array<{ name: string; span: Span }> = [];
  for (const item of list?.items ?? []) {
    const meta = item.kind === 'map' ? entry(item, 'metadata')?.value : undefined;
    const name = meta?.kind === 'map' ? strField(meta, 'name') : undefined;
    if (meta?.kind === 'map' && name?.e && name.value !== '') out.push({ name: name.value, span: at(name.e, itemAnchor(item)) });
  }
  return out;
}

export function analyzeVolumes(obj: K8sObject, site: PodSpecSite): VolumeAnalysis {
  const hit = cache.get(site.spec);
  if (hit) return hit;
  const ctx: RuleContext = { object: obj, out: [] };
  const result: VolumeAnalysis = { findings: ctx.out, registered: new Map(), written: new Map() };
  cache.set(site.spec, result);
  const claims = claimTemplateNames(obj);
  const claimed = new Set(claims.map((c) => c.name));
  for (const c of claims) result.registered.set(c.name, { name: c.name, index: -1, source: 'persistentVolumeClaim', nameSpan: c.span, registered: true });
  const vols = seqField(site.spec, 'volumes');
  if (!vols) return result;
  const base = childPath(site.path, 'volumes');
  const isPod = obj.kind === 'Pod';
  const pod = podName(obj, site);

  // PVCs the API server will create for this Pod's ephemeral volumes.
  const created = new Set<string>();
  if (pod !== '')
    for (const item of vols.items) {
      const m = itemMap(item);
      const n = m && strField(m, 'name');
      if (m && n && setEntry(m, 'ephemeral')) created.add(`${pod}-${n.value}`);
    }

  vols.items.forEach((item, i) => {
    const m = itemMap(item);
    const nameF = m && strField(m, 'name');
    if (!m || !nameF) return; // not decodable: strict decoding reports it
    const name = nameF.value;
    if (claimed.has(name)) return; // replaced by the claim template's PVC
    const path = indexPath(base, i);
    const namePath = childPath(path, 'name');
    const nameSpan = at(nameF.e, itemAnchor(item));
    const before = ctx.out.length;
    const source = checkVolumeSources(ctx, m, path, isPod);
    checkIscsiNameLength(ctx, m, name, path, nameSpan);
    if (source === 'ephemeral' && pod !== '' && name !== '' && entry(m, 'ephemeral')?.value.kind === 'map') {
      const pvc = `${pod}-${name}`;
      for (const d of isDNS1123Subdomain(pvc)) report(ctx, 'ephemeral-volume', 'Invalid', namePath, nameSpan, msg.invalid(name, `PVC name ${JSON.stringify(pvc)}: ${d}`));
    }
    if (name === '') report(ctx, 'volume-name', 'Required', namePath, nameSpan, msg.required());
    else for (const d of isDNS1123Label(name)) report(ctx, 'volume-name', 'Invalid', namePath, nameSpan, msg.invalid(name, d));
    const dup = result.registered.get(name);
    if (dup) report(ctx, 'duplicate-volume-name', 'Duplicate', namePath, nameSpan, msg.duplicate(name), [{ span: dup.nameSpan, message: `volume "${name}" is first defined here` }]);
    const info: VolumeInfo = { name, index: i, source, nameSpan, registered: ctx.out.length === before };
    if (info.registered) result.registered.set(name, info);
    if (!result.written.has(name)) result.written.set(name, info);
    // Not part of the volume's own errors: the volume stays registered.
    const pvcE = setEntry(m, 'persistentVolumeClaim');
    if (pvcE && pvcE.value.kind === 'map') {
      const claim = strField(pvcE.value, 'claimName');
      if (claim && created.has(claim.value))
        report(ctx, 'pvc-volume', 'Invalid', childPath(path, 'persistentVolumeClaim.claimName'), at(claim.e, pvcE.keySpan), msg.invalid(claim.value, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return result;
}
