/**
 * Rule family: mounts — upstream `ValidateVolumeMounts`, `ValidateVolumeDevices`,
 * `validateMountPropagation`, `validateMountRecursiveReadOnly`, run for every container
 * (init, regular, ephemeral) against the volume lookup table of rules/volume/analyze.ts, and
 * the ephemeral-container subPath ban. Upstream quirk: subPath, subPathExpr,
 * mountPropagation and recursiveReadOnly errors carry no mount index. See docs/rules.md.
 */
import type { KMap, Span } from '../parse/tree';
import { childPath, indexPath } from '../diagnostics/finding';
import { entry, msg, report, type PodSpecRule, type RuleContext } from './context';
import { itemMap, seqField, strField, structField, valueAt, type StrField } from './spec/values';
import { localDescendingErrors, backstepErrors } from './volume/paths';
import { at, boolValue, itemAnchor } from './volume/read';
import { analyzeVolumes, type VolumeAnalysis } from './volume/analyze';
import type { RuleId } from '../diagnostics/catalog';

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RRO_VALUES = ['Disabled', 'Enabled', 'IfPossible'];

interface Mount {
  m: KMap;
  anchor: Span;
  name: StrField;
  mountPath: StrField;
}

interface Device {
  m: KMap;
  anchor: Span;
  name: StrField;
  devicePath: StrField;
}

/** Decodable list items with their string fields (undecodable items are skipped). */
function readList<T>(c: KMap, key: string, a: string, b: string, make: (m: KMap, anchor: Span, x: StrField, y: StrField) => T): Array<T | undefined> {
  const s = seqField(c, key);
  if (!s) return [];
  return s.items.map((item) => {
    const m = itemMap(item);
    const x = m && strField(m, a);
    const y = m && strField(m, b);
    return m && x && y ? make(m, itemAnchor(item), x, y) : undefined;
  });
}

/** A NotFound, with a pointer to the same-named volume when it exists but has errors. */
function notFound(ctx: RuleContext, rule: RuleId, path: string, name: StrField, anchor: Span, vols: VolumeAnalysis): void {
  const w = vols.written.get(name.value);
  const related = w && !w.registered ? [{ span: w.nameSpan, message: `volume "${name.value}" is defined here but has errors, so the API server does not register it` }] : undefined;
  report(ctx, rule, 'NotFound', path, at(name.e, anchor), msg.notFound(name.value), related);
}

function checkMounts(ctx: RuleContext, c: KMap, cPath: string, mounts: Array<Mount | undefined>, devices: Array<Device | undefined>, vols: VolumeAnalysis): void {
  const listPath = childPath(cPath, 'volumeMounts');
  // GetVolumeDeviceMap: name → devicePath, later entries win.
  const devMap = new Map<string, string>();
  for (const d of devices) if (d) devMap.set(d.name.value, d.devicePath.value);
  const devPaths = new Set(devMap.values());
  const seen = new Map<string, Span>();
  const sc = structField(c, 'securityContext');
  const privileged = sc?.m ? boolValue(sc.m, 'privileged') === true : false;
  mounts.forEach((mt, k) => {
    if (!mt) return;
    const p = indexPath(listPath, k);
    const nameAt = at(mt.name.e, mt.anchor);
    const pathAt = at(mt.mountPath.e, mt.anchor);
    if (mt.name.value === '') report(ctx, 'volume-mount-name', 'Required', childPath(p, 'name'), nameAt, msg.required());
    if (!vols.registered.has(mt.name.value)) notFound(ctx, 'volume-mount-name', childPath(p, 'name'), mt.name, mt.anchor, vols);
    if (mt.mountPath.value === '') report(ctx, 'volume-mount-path', 'Required', childPath(p, 'mountPath'), pathAt, msg.required());
    const first = seen.get(mt.mountPath.value);
    if (first) report(ctx, 'volume-mount-path', 'Invalid', childPath(p, 'mountPath'), pathAt, msg.invalid(mt.mountPath.value, 'must be unique'), [{ span: first, message: 'first mounted here' }]);
    else seen.set(mt.mountPath.value, pathAt);
    if (devMap.has(mt.name.value))
      report(ctx, 'volume-mount-device-conflict', 'Invalid', childPath(p, 'name'), nameAt, msg.invalid(mt.name.value, 'must not already exist in volumeDevices'));
    if (devPaths.has(mt.mountPath.value))
      report(ctx, 'volume-mount-device-conflict', 'Invalid', childPath(p, 'mountPath'), pathAt, msg.invalid(mt.mountPath.value, 'must not already exist as a path in volumeDevices'));
    const sub = strField(mt.m, 'subPath');
    const expr = strField(mt.m, 'subPathExpr');
    if (sub && sub.value !== '')
      for (const d of localDescendingErrors(sub.value)) report(ctx, 'volume-mount-sub-path', 'Invalid', childPath(listPath, 'subPath'), at(sub.e, mt.anchor), msg.invalid(sub.value, d));
    if (expr && expr.value !== '') {
      if (sub && sub.value !== '')
        report(ctx, 'volume-mount-sub-path', 'Invalid', childPath(p, 'subPathExpr'), at(expr.e, mt.anchor), msg.invalid(expr.value, 'subPathExpr and subPath are mutually exclusive'));
      for (const d of localDescendingErrors(expr.value)) report(ctx, 'volume-mount-sub-path', 'Invalid', childPath(listPath, 'subPathExpr'), at(expr.e, mt.anchor), msg.invalid(expr.value, d));
    }
    const prop = strField(mt.m, 'mountPropagation');
    if (prop?.set) {
      const pp = childPath(listPath, 'mountPropagation');
      const span = at(prop.e, mt.anchor);
      if (!PROPAGATIONS.includes(prop.value)) report(ctx, 'mount-propagation', 'NotSupported', pp, span, msg.notSupported(prop.value, PROPAGATIONS));
      if (prop.value === 'Bidirectional' && !privileged)
        report(ctx, 'mount-propagation', 'Forbidden', pp, span, msg.forbidden('Bidirectional mount propagation is available only to privileged containers'));
    }
    const rro = strField(mt.m, 'recursiveReadOnly');
    if (rro?.set) {
      const rp = childPath(listPath, 'recursiveReadOnly');
      const span = at(rro.e, mt.anchor);
      if (rro.value === 'Enabled' || rro.value === 'IfPossible') {
        if (boolValue(mt.m, 'readOnly') !== true) report(ctx, 'recursive-read-only', 'Forbidden', rp, span, msg.forbidden('may only be specified when readOnly is true'));
        if (prop?.set && prop.value !== 'None')
          report(ctx, 'recursive-read-only', 'Forbidden', rp, span, msg.forbidden('may only be specified when mountPropagation is None or not specified'));
      } else if (rro.value !== 'Disabled') report(ctx, 'recursive-read-only', 'NotSupported', rp, span, msg.notSupported(rro.value, RRO_VALUES));
    }
  });
}

function checkDevices(ctx: RuleContext, cPath: string, mounts: Array<Mount | undefined>, devices: Array<Device | undefined>, vols: VolumeAnalysis): void {
  const listPath = childPath(cPath, 'volumeDevices');
  // GetVolumeMountMap: name → mountPath, later entries win.
  const mountMap = new Map<string, string>();
  for (const m of mounts) if (m) mountMap.set(m.name.value, m.mountPath.value);
  const mountPaths = new Set(mountMap.values());
  const names = new Set<string>();
  const paths = new Set<string>();
  const R = 'volume-device';
  devices.forEach((d, k) => {
    if (!d) return;
    const p = indexPath(listPath, k);
    const nPath = childPath(p, 'name');
    const dPath = childPath(p, 'devicePath');
    const nameAt = at(d.name.e, d.anchor);
    const pathAt = at(d.devicePath.e, d.anchor);
    const name = d.name.value;
    const dev = d.devicePath.value;
    const vol = vols.registered.get(name);
    if (name === '') report(ctx, R, 'Required', nPath, nameAt, msg.required());
    if (names.has(name)) report(ctx, R, 'Invalid', nPath, nameAt, msg.invalid(name, 'must be unique'));
    if (vol && vol.source !== 'persistentVolumeClaim' && vol.source !== 'ephemeral')
      report(ctx, R, 'Invalid', nPath, nameAt, msg.invalid(name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (!vol) notFound(ctx, R, nPath, d.name, d.anchor, vols);
    if (dev === '') report(ctx, R, 'Required', dPath, pathAt, msg.required());
    if (paths.has(dev)) report(ctx, R, 'Invalid', dPath, pathAt, msg.invalid(dev, 'must be unique'));
    if (dev !== '' && backstepErrors(dev).length > 0) report(ctx, R, 'Invalid', dPath, pathAt, msg.invalid(dev, "can not contain backsteps ('..')"));
    else paths.add(dev);
    if (mountMap.has(name)) report(ctx, 'volume-mount-device-conflict', 'Invalid', nPath, nameAt, msg.invalid(name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(dev)) report(ctx, 'volume-mount-device-conflict', 'Invalid', dPath, pathAt, msg.invalid(dev, 'must not already exist as a path in volumeMounts'));
    if (name !== '') names.add(name);
  });
}

/** `validateEphemeralContainers`: subpaths are bind mounts that could leak, so they are banned. */
function checkEphemeralSubPaths(ctx: RuleContext, cPath: string, mounts: Array<Mount | undefined>): void {
  mounts.forEach((mt, k) => {
    if (!mt) return;
    for (const key of ['subPath', 'subPathExpr']) {
      const f = strField(mt.m, key);
      if (f?.e && f.value !== '')
        report(ctx, 'ephemeral-container-sub-path', 'Forbidden', childPath(indexPath(childPath(cPath, 'volumeMounts'), k), key), valueAt(f.e), msg.forbidden('cannot be set for an Ephemeral Container'));
    }
  });
}

const mountsAndDevices: PodSpecRule = (ctx, site) => {
  let vols: VolumeAnalysis | undefined;
  for (const list of CONTAINER_LISTS) {
    const cs = seqField(site.spec, list);
    if (!cs) continue;
    const listPath = childPath(site.path, list);
    cs.items.forEach((item, i) => {
      const c = itemMap(item);
      // Most containers of a large Pod mount nothing: nothing to read or name for them.
      if (!c || (!entry(c, 'volumeMounts') && !entry(c, 'volumeDevices'))) return;
      const cPath = indexPath(listPath, i);
      const mounts = readList(c, 'volumeMounts', 'name', 'mountPath', (m, anchor, name, mountPath): Mount => ({ m, anchor, name, mountPath }));
      const devices = readList(c, 'volumeDevices', 'name', 'devicePath', (m, anchor, name, devicePath): Device => ({ m, anchor, name, devicePath }));
      if (mounts.length === 0 && devices.length === 0) return;
      vols ??= analyzeVolumes(ctx.object, site);
      checkMounts(ctx, c, cPath, mounts, devices, vols);
      checkDevices(ctx, cPath, mounts, devices, vols);
      if (list === 'ephemeralContainers') checkEphemeralSubPaths(ctx, cPath, mounts);
    });
  }
};

export const mountsRules: PodSpecRule[] = [mountsAndDevices];
