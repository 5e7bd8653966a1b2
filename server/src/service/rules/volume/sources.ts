/**
 * `validateVolumeSource`: exactly one source per volume (every later source, in upstream's
 * fixed order, is Forbidden and left unvalidated), then that source's own checks. A volume
 * with no source at all is defaulted to `emptyDir: {}` before validation, so "must specify a
 * volume type" never fires for a manifest.
 */
import type { KMap, Span } from '../../parse/tree';
import { childPath } from '../../diagnostics/finding';
import { isDNS1123Subdomain } from '../../util/names';
import { entry, msg, report, type RuleContext } from '../context';
import { strField, valueAt } from '../spec/values';
import { backstepErrors } from './paths';
import { at, checkFileMode, setEntry } from './read';
import { checkDownwardAPISource, checkItems, checkProjectedSource } from './projection';
import { checkEphemeralSource } from './ephemeral';
import * as plugins from './plugins';
import { quantityOf } from './quantityText';
import type { RuleId } from '../../diagnostics/catalog';

/** What a source validator gets. */
export interface SourceSite {
  ctx: RuleContext;
  m: KMap;
  /** Upstream path of the source (`spec.volumes[0].hostPath`). */
  path: string;
  /** The source's key, for findings about missing fields. */
  owner: Span;
  /** Images must name a reference only in Pods (`opts.ResourceIsPod`). */
  isPod: boolean;
}

type Validator = (s: SourceSite) => void;

function emptyDir(s: SourceSite): void {
  const e = setEntry(s.m, 'sizeLimit');
  const q = e ? quantityOf(e.value) : undefined;
  if (e && q && q.num < 0n)
    report(s.ctx, 'empty-dir-size-limit', 'Forbidden', childPath(s.path, 'sizeLimit'), valueAt(e), msg.forbidden('SizeLimit field must be a valid resource quantity'));
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function hostPath(s: SourceSite): void {
  const p = strField(s.m, 'path');
  if (!p) return;
  const pPath = childPath(s.path, 'path');
  // An empty path stops the hostPath checks.
  if (p.value === '') return report(s.ctx, 'host-path-volume', 'Required', pPath, at(p.e, s.owner), msg.required());
  for (const d of backstepErrors(p.value)) report(s.ctx, 'host-path-volume', 'Invalid', pPath, at(p.e, s.owner), msg.invalid(p.value, d));
  const t = strField(s.m, 'type');
  if (t?.set && !HOST_PATH_TYPES.includes(t.value))
    report(s.ctx, 'host-path-volume', 'NotSupported', childPath(s.path, 'type'), at(t.e, s.owner), msg.notSupported(t.value, HOST_PATH_TYPES));
}

function requireName(s: SourceSite, rule: RuleId, key: string): void {
  const f = strField(s.m, key);
  if (f && f.value === '') report(s.ctx, rule, 'Required', childPath(s.path, key), at(f.e, s.owner), msg.required());
}

function secret(s: SourceSite): void {
  requireName(s, 'secret-volume', 'secretName');
  checkFileMode(s.ctx, 'volume-file-mode', s.m, 'defaultMode', childPath(s.path, 'defaultMode'));
  checkItems(s.ctx, s.m, s.path);
}

function configMap(s: SourceSite): void {
  requireName(s, 'config-map-volume', 'name');
  checkFileMode(s.ctx, 'volume-file-mode', s.m, 'defaultMode', childPath(s.path, 'defaultMode'));
  checkItems(s.ctx, s.m, s.path);
}

function nfs(s: SourceSite): void {
  requireName(s, 'nfs-volume', 'server');
  const p = strField(s.m, 'path');
  if (!p) return;
  const pPath = childPath(s.path, 'path');
  if (p.value === '') report(s.ctx, 'nfs-volume', 'Required', pPath, at(p.e, s.owner), msg.required());
  if (!p.value.startsWith('/')) report(s.ctx, 'nfs-volume', 'Invalid', pPath, at(p.e, s.owner), msg.invalid(p.value, 'must be an absolute path'));
}

function persistentVolumeClaim(s: SourceSite): void {
  requireName(s, 'pvc-volume', 'claimName');
}

const CSI_DRIVER_MAX = 63;

function csi(s: SourceSite): void {
  const d = strField(s.m, 'driver');
  if (d) {
    const dPath = childPath(s.path, 'driver');
    const span = at(d.e, s.owner);
    if (d.value === '') report(s.ctx, 'csi-volume', 'Required', dPath, span, msg.required());
    else {
      if (d.value.length > CSI_DRIVER_MAX) report(s.ctx, 'csi-volume', 'TooLong', dPath, span, msg.tooLong(CSI_DRIVER_MAX));
      for (const m of isDNS1123Subdomain(d.value.toLowerCase())) report(s.ctx, 'csi-volume', 'Invalid', dPath, span, msg.invalid(d.value, m));
    }
  }
  const ref = setEntry(s.m, 'nodePublishSecretRef');
  if (!ref || ref.value.kind !== 'map') return;
  const name = strField(ref.value, 'name');
  if (!name) return;
  if (name.value === '') report(s.ctx, 'csi-volume', 'Required', childPath(s.path, 'nodePublishSecretRef.name'), at(name.e, ref.keySpan), msg.required());
  // Upstream reports an invalid secret name on `csi.name`.
  else for (const m of isDNS1123Subdomain(name.value)) report(s.ctx, 'csi-volume', 'Invalid', childPath(s.path, 'name'), at(name.e, ref.keySpan), msg.invalid(name.value, m));
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function image(s: SourceSite): void {
  const ref = strField(s.m, 'reference');
  if (s.isPod && ref && ref.value === '') report(s.ctx, 'image-volume', 'Required', childPath(s.path, 'reference'), at(ref.e, s.owner), msg.required());
  const pp = strField(s.m, 'pullPolicy');
  // An empty pullPolicy is defaulted from the reference's tag.
  if (pp && pp.value !== '' && !PULL_POLICIES.includes(pp.value))
    report(s.ctx, 'image-volume', 'NotSupported', childPath(s.path, 'pullPolicy'), at(pp.e, s.owner), msg.notSupported(pp.value, PULL_POLICIES));
}

/**
 * Upstream's order. `forbid`: the path segment of the "more than 1 volume type" error; `at`:
 * the path segment the source's own errors use (both differ from the JSON key for a few).
 */
export const VOLUME_SOURCES: ReadonlyArray<{ key: string; forbid?: string; at?: string; check: Validator }> = [
  { key: 'emptyDir', check: emptyDir },
  { key: 'hostPath', check: hostPath },
  { key: 'gitRepo', check: plugins.gitRepo },
  { key: 'gcePersistentDisk', at: 'persistentDisk', check: plugins.gcePersistentDisk },
  { key: 'awsElasticBlockStore', check: plugins.awsElasticBlockStore },
  { key: 'secret', check: secret },
  { key: 'nfs', check: nfs },
  { key: 'iscsi', check: plugins.iscsi },
  { key: 'glusterfs', check: plugins.glusterfs },
  { key: 'flocker', check: plugins.flocker },
  { key: 'persistentVolumeClaim', check: persistentVolumeClaim },
  { key: 'rbd', check: plugins.rbd },
  { key: 'cinder', check: plugins.cinder },
  { key: 'cephfs', forbid: 'cephFS', check: plugins.cephfs },
  { key: 'quobyte', check: plugins.quobyte },
  { key: 'downwardAPI', forbid: 'downwarAPI', check: (s) => checkDownwardAPISource(s.ctx, s.m, s.path) },
  { key: 'fc', check: plugins.fc },
  { key: 'flexVolume', check: plugins.flexVolume },
  { key: 'configMap', check: configMap },
  { key: 'azureFile', check: plugins.azureFile },
  { key: 'vsphereVolume', check: plugins.vsphereVolume },
  { key: 'photonPersistentDisk', check: plugins.photonPersistentDisk },
  { key: 'portworxVolume', check: plugins.portworxVolume },
  { key: 'azureDisk', check: plugins.azureDisk },
  { key: 'storageos', check: plugins.storageos },
  { key: 'projected', check: (s) => checkProjectedSource(s.ctx, s.m, s.path) },
  { key: 'scaleIO', check: plugins.scaleIO },
  { key: 'csi', check: csi },
  { key: 'ephemeral', check: (s) => checkEphemeralSource(s.ctx, s.m, s.path, s.owner) },
  { key: 'image', check: image },
];

/**
 * Validates the sources of one volume map; returns the key of the source the volume ends up
 * with (`emptyDir` when none is written: defaulting).
 */
export function checkVolumeSources(ctx: RuleContext, vol: KMap, path: string, isPod: boolean): string {
  let first: { key: string; span: Span } | undefined;
  for (const src of VOLUME_SOURCES) {
    const e = setEntry(vol, src.key);
    if (!e) continue;
    if (first) {
      report(ctx, 'volume-multiple-sources', 'Forbidden', childPath(path, src.forbid ?? src.key), e.keySpan, msg.forbidden('may not specify more than 1 volume type'), [
        { span: first.span, message: `the volume's source is already ${first.key}` },
      ]);
      continue;
    }
    first = { key: src.key, span: e.keySpan };
    if (e.value.kind === 'map') src.check({ ctx, m: e.value, path: childPath(path, src.at ?? src.key), owner: e.keySpan, isPod });
  }
  return first ? first.key : 'emptyDir';
}

/**
 * The JSON key of the source a volume has after defaulting, without validating anything:
 * the first written source in upstream's order, `emptyDir` when none is written. (For rules
 * outside this family, e.g. fileKeyRef's "must be of type emptyDir".)
 */
export function effectiveVolumeSource(vol: KMap): string {
  for (const src of VOLUME_SOURCES) if (setEntry(vol, src.key)) return src.key;
  return 'emptyDir';
}

/** The iscsi volume-name length rule, checked on the volume whatever its other sources. */
export function checkIscsiNameLength(ctx: RuleContext, vol: KMap, name: string, path: string, nameSpan: Span): void {
  const iscsi = entry(vol, 'iscsi')?.value;
  if (!iscsi || iscsi.kind !== 'map') return;
  const init = strField(iscsi, 'initiatorName');
  const portal = strField(iscsi, 'targetPortal');
  if (!init?.set || !portal) return;
  if (`${name}:${portal.value}`.length > 64)
    report(ctx, 'volume-plugin', 'Invalid', childPath(path, 'name'), nameSpan, msg.invalid(name, 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'));
}
