/**
 * The in-tree storage plugins (most of them deprecated, several removed from the kubelet but
 * still validated by the API server): the required fields and formats of upstream's
 * `validate<Plugin>VolumeSource` functions, with v1 defaulting applied (azureDisk kind and
 * caching mode). Rule id `volume-plugin`.
 */
import type { KMap, Span } from '../../parse/tree';
import { childPath, keyPath } from '../../diagnostics/finding';
import { isDNS1123Label } from '../../util/names';
import { goValue, msg, report, type RuleContext } from '../context';
import { clipValue } from '../../util/text';
import { goJSONStrings, invalidRendered, seqField, stringItems, strField, structField, valueAt, type StrField } from '../spec/values';
import { localDescendingErrors } from './paths';
import { at, boolValue, int32Value, isSet } from './read';

const RULE = 'volume-plugin';

/** What a plugin validator needs: its map, upstream path and the key to point at when a field is missing. */
export interface PluginSite {
  ctx: RuleContext;
  m: KMap;
  path: string;
  owner: Span;
}

function required(s: PluginSite, key: string, detail?: string): StrField | undefined {
  const f = strField(s.m, key);
  if (f && f.value === '') report(s.ctx, RULE, 'Required', childPath(s.path, key), at(f.e, s.owner), msg.required(detail));
  return f;
}

function requiredList(s: PluginSite, key: string): void {
  const l = seqField(s.m, key);
  if (l && l.items.length === 0) report(s.ctx, RULE, 'Required', childPath(s.path, key), l.e ? l.e.keySpan : s.owner, msg.required());
}

function invalid(s: PluginSite, key: string, f: StrField, detail: string): void {
  report(s.ctx, RULE, 'Invalid', childPath(s.path, key), at(f.e, s.owner), msg.invalid(f.value, detail));
}

function range(s: PluginSite, key: string, min: number, max: number, detail: string): void {
  const v = int32Value(s.m, key);
  if (v && (v.value < min || v.value > max)) report(s.ctx, RULE, 'Invalid', childPath(s.path, key), valueAt(v.e), msg.invalid(v.value, detail));
}

/** `secretRef` set (even `{}`) with an empty name. */
function secretRefName(s: PluginSite): void {
  const ref = structField(s.m, 'secretRef');
  if (!ref?.m) return;
  const name = strField(ref.m, 'name');
  if (name && name.value === '') report(s.ctx, RULE, 'Required', childPath(s.path, 'secretRef.name'), at(name.e, ref.e!.keySpan), msg.required());
}

// pdPartitionErrorMsg: upstream checks 0–255 but words it as 1–255.
const PARTITION = 'must be between 1 and 255, inclusive';

export function gitRepo(s: PluginSite): void {
  required(s, 'repository');
  const dir = strField(s.m, 'directory');
  if (dir) for (const d of localDescendingErrors(dir.value)) invalid(s, 'directory', dir, d);
}

export function gcePersistentDisk(s: PluginSite): void {
  required(s, 'pdName');
  range(s, 'partition', 0, 255, PARTITION);
}

export function awsElasticBlockStore(s: PluginSite): void {
  required(s, 'volumeID');
  range(s, 'partition', 0, 255, PARTITION);
}

export function glusterfs(s: PluginSite): void {
  required(s, 'endpoints');
  required(s, 'path');
}

export function flocker(s: PluginSite): void {
  const name = strField(s.m, 'datasetName');
  const uuid = strField(s.m, 'datasetUUID');
  if (!name || !uuid) return;
  if (name.value === '' && uuid.value === '') report(s.ctx, RULE, 'Required', s.path, s.owner, msg.required('one of datasetName and datasetUUID is required'));
  if (name.value !== '' && uuid.value !== '')
    report(s.ctx, RULE, 'Invalid', s.path, s.owner, msg.invalid('resource', 'datasetName and datasetUUID can not be specified simultaneously'));
  if (name.value.includes('/')) invalid(s, 'datasetName', name, "must not contain '/'");
}

export function rbd(s: PluginSite): void {
  requiredList(s, 'monitors');
  required(s, 'image');
}

export function cinder(s: PluginSite): void {
  required(s, 'volumeID');
  secretRefName(s);
}

export function cephfs(s: PluginSite): void {
  requiredList(s, 'monitors');
}

const REGISTRY = 'must be a host:port pair or multiple pairs separated by commas';

/** Go's `net.SplitHostPort` succeeds. */
function splitsHostPort(hp: string): boolean {
  const i = hp.lastIndexOf(':');
  if (i < 0) return false;
  let j = 0;
  let k = 0;
  if (hp[0] === '[') {
    const end = hp.indexOf(']');
    if (end < 0 || end + 1 === hp.length || end + 1 !== i) return false;
    j = 1;
    k = end + 1;
  } else if (hp.slice(0, i).includes(':')) return false;
  return !hp.slice(j).includes('[') && !hp.slice(k).includes(']');
}

export function quobyte(s: PluginSite): void {
  const reg = strField(s.m, 'registry');
  const tenant = strField(s.m, 'tenant');
  if (reg && tenant) {
    if (reg.value === '') report(s.ctx, RULE, 'Required', childPath(s.path, 'registry'), at(reg.e, s.owner), msg.required(REGISTRY));
    else if (tenant.value.length >= 65)
      report(s.ctx, RULE, 'Required', childPath(s.path, 'tenant'), at(tenant.e, s.owner), msg.required('must be a UUID and may not exceed a length of 64 characters'));
    else {
      // One error per bad pair, each quoting the whole registry: rendered once, clipped.
      let message: string | undefined;
      for (const pair of reg.value.split(',')) {
        if (splitsHostPort(pair)) continue;
        message ??= invalidRendered(clipValue(goValue(reg.value)), REGISTRY);
        report(s.ctx, RULE, 'Invalid', childPath(s.path, 'registry'), at(reg.e, s.owner), message);
      }
    }
  }
  required(s, 'volume');
}

export function fc(s: PluginSite): void {
  const wwns = seqField(s.m, 'targetWWNs');
  const wwids = seqField(s.m, 'wwids');
  if (!wwns || !wwids) return;
  const nW = wwns.items.length;
  const nI = wwids.items.length;
  const wPath = childPath(s.path, 'targetWWNs');
  const wAt = wwns.e ? wwns.e.keySpan : s.owner;
  if (nW < 1 && nI < 1) report(s.ctx, RULE, 'Required', wPath, wAt, msg.required('must specify either targetWWNs or wwids, but not both'));
  if (nW !== 0 && nI !== 0) {
    const list = stringItems(wwns.items);
    if (list) report(s.ctx, RULE, 'Invalid', wPath, wAt, invalidRendered(goJSONStrings(list.map((x) => x.value)), 'targetWWNs and wwids can not be specified simultaneously'));
  }
  if (nW !== 0) {
    if (!isSet(s.m, 'lun')) report(s.ctx, RULE, 'Required', childPath(s.path, 'lun'), s.owner, msg.required('lun is required if targetWWNs is specified'));
    else range(s, 'lun', 0, 255, 'must be between 0 and 255, inclusive');
  }
}

export function flexVolume(s: PluginSite): void {
  required(s, 'driver');
  const opts = structField(s.m, 'options');
  if (!opts?.m) return;
  for (const e of opts.m.entries) {
    const slash = e.key.indexOf('/');
    const ns = slash >= 0 ? e.key.slice(0, slash) : e.key;
    const normalized = `.${ns.toLowerCase()}`;
    if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io'))
      report(s.ctx, RULE, 'Invalid', keyPath(childPath(s.path, 'options'), e.key), e.keySpan, msg.invalid(e.key, 'kubernetes.io and k8s.io namespaces are reserved'));
  }
}

export function azureFile(s: PluginSite): void {
  required(s, 'secretName');
  required(s, 'shareName');
}

export function vsphereVolume(s: PluginSite): void {
  required(s, 'volumePath');
}

export function photonPersistentDisk(s: PluginSite): void {
  required(s, 'pdID');
}

export function portworxVolume(s: PluginSite): void {
  required(s, 'volumeID');
}

const CACHING_MODES = ['None', 'ReadOnly', 'ReadWrite'];
const DISK_KINDS = ['Dedicated', 'Managed', 'Shared'];

export function azureDisk(s: PluginSite): void {
  required(s, 'diskName');
  const uri = required(s, 'diskURI');
  const caching = strField(s.m, 'cachingMode');
  if (caching?.set && !CACHING_MODES.includes(caching.value))
    report(s.ctx, RULE, 'NotSupported', childPath(s.path, 'cachingMode'), at(caching.e, s.owner), msg.notSupported(caching.value, CACHING_MODES));
  const kindF = strField(s.m, 'kind');
  if (!kindF || !uri) return;
  const kind = kindF.set ? kindF.value : 'Shared'; // defaulted
  if (!DISK_KINDS.includes(kind)) report(s.ctx, RULE, 'NotSupported', childPath(s.path, 'kind'), at(kindF.e, s.owner), msg.notSupported(kind, DISK_KINDS));
  const uriPath = childPath(s.path, 'diskURI');
  if (kind === 'Managed' && !uri.value.startsWith('/subscriptions/'))
    report(s.ctx, RULE, 'NotSupported', uriPath, at(uri.e, s.owner), msg.notSupported(uri.value, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']));
  if (kind !== 'Managed' && !uri.value.startsWith('https://'))
    report(s.ctx, RULE, 'NotSupported', uriPath, at(uri.e, s.owner), msg.notSupported(uri.value, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']));
}

export function storageos(s: PluginSite): void {
  const name = required(s, 'volumeName');
  if (name && name.value !== '') for (const d of isDNS1123Label(name.value)) invalid(s, 'volumeName', name, d);
  const ns = strField(s.m, 'volumeNamespace');
  if (ns && ns.value !== '') for (const d of isDNS1123Label(ns.value)) invalid(s, 'volumeNamespace', ns, d);
  secretRefName(s);
}

export function scaleIO(s: PluginSite): void {
  required(s, 'gateway');
  required(s, 'system');
  required(s, 'volumeName');
}

const IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\t\n\f\r ]+)$/;
const EUI = /^eui.[A-Za-z0-9]{16}$/;
const NAA = /^naa.[A-Za-z0-9]{32}$/;

/** The format check upstream applies to `iqn` and `initiatorName` (after the prefix check). */
function iscsiFormatOK(v: string): boolean {
  if (v.startsWith('iqn')) return IQN.test(v);
  if (v.startsWith('eui')) return EUI.test(v);
  if (v.startsWith('naa')) return NAA.test(v);
  return true;
}

const hasIscsiPrefix = (v: string) => v.startsWith('iqn') || v.startsWith('eui') || v.startsWith('naa');

export function iscsi(s: PluginSite): void {
  required(s, 'targetPortal');
  const iqn = required(s, 'iqn');
  if (iqn && iqn.value !== '') {
    if (!hasIscsiPrefix(iqn.value)) invalid(s, 'iqn', iqn, 'must be valid format starting with iqn, eui, or naa');
    else if (!iscsiFormatOK(iqn.value)) invalid(s, 'iqn', iqn, 'must be valid format');
  }
  range(s, 'lun', 0, 255, 'must be between 0 and 255, inclusive');
  if ((boolValue(s.m, 'chapAuthDiscovery') || boolValue(s.m, 'chapAuthSession')) && !isSet(s.m, 'secretRef'))
    report(s.ctx, RULE, 'Required', childPath(s.path, 'secretRef'), s.owner, msg.required());
  const init = strField(s.m, 'initiatorName');
  if (init?.set) {
    // Path spelled `initiatorname` upstream.
    if (!hasIscsiPrefix(init.value)) invalid(s, 'initiatorname', init, 'must be valid format starting with iqn, eui, or naa');
    if (!iscsiFormatOK(init.value)) invalid(s, 'initiatorname', init, 'must be valid format');
  }
}
