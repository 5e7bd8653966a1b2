/**
 * Annotations that mean something for Pods and Pod templates (`ValidatePodSpecificAnnotations`)
 * and the create-time agreement between the legacy seccomp/AppArmor annotations and their
 * fields (`validateSeccompAnnotationsAndFields`, `validateAppArmorAnnotationsAndFieldsMatchOnCreate`).
 */
import type { KEntry, KMap, Span } from '../../parse/tree';
import { childPath, indexPath, keyPath } from '../../diagnostics/finding';
import { entry, msg, report, type RuleContext } from '../context';
import { strField, structField, valueAt } from '../spec/values';

const MIRROR = 'kubernetes.io/config.mirror';
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** An annotation's string value ('' for null); undefined for a non-string (decode error). */
function annValue(e: KEntry): string | undefined {
  const v = e.value;
  if (v.kind !== 'scalar') return undefined;
  return v.v.type === 'string' ? v.v.value : v.v.type === 'null' ? '' : undefined;
}

interface ContainerRef {
  c: KMap;
  name: string;
  path: string;
}

/** Every container of a Pod spec, as `VisitContainersWithPath` walks them. */
export function allContainers(spec: KMap | undefined, specPath: string): ContainerRef[] {
  const out: ContainerRef[] = [];
  if (!spec) return out;
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    const s = entry(spec, key)?.value;
    if (!s || s.kind !== 'seq') continue;
    s.items.forEach((c, i) => {
      if (c.kind !== 'map') return;
      out.push({ c, name: strField(c, 'name')?.value ?? '', path: indexPath(childPath(specPath, key), i) });
    });
  }
  return out;
}

/** `GetDeletionCostFromPodAnnotations`: canonical base-10 int32 (no `+`, no leading zeros). */
function validDeletionCost(v: string): boolean {
  if (v.length === 0) return false;
  const c = v[0];
  if (!(c === '-' || v === '0' || (c >= '1' && c <= '9'))) return false;
  // strconv.ParseInt(v, 10, 32): optional sign, then digits only, within int32.
  if (!/^[-+]?[0-9]+$/.test(v)) return false;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647;
}

/** `validateLocalDescendingPath` messages for a seccomp localhost profile path. */
function descendingPathErrors(p: string): string[] {
  const errs: string[] = [];
  if (p.startsWith('/')) errs.push('must be a relative path');
  if (p.split('/').includes('..')) errs.push("must not contain '..'");
  return errs;
}

/** `ValidateSeccompProfile` on an annotation value (path uses `.key`, not `[key]`). */
function validateSeccompAnnotation(ctx: RuleContext, e: KEntry, value: string, path: string): void {
  if (value === 'runtime/default' || value === 'docker/default' || value === 'unconfined') return;
  const at = valueAt(e);
  if (value.startsWith('localhost/')) {
    const rest = value.slice('localhost/'.length);
    for (const m of descendingPathErrors(rest)) report(ctx, 'seccomp-annotation', 'Invalid', path, at, msg.invalid(rest, m));
    return;
  }
  report(ctx, 'seccomp-annotation', 'Invalid', path, at, msg.invalid(value, 'must be a valid seccomp profile'));
}

/**
 * `ValidatePodSpecificAnnotations` for the annotations of a Pod or Pod template (`annPath` is
 * `metadata.annotations` or `<template>.annotations`).
 */
export function validatePodSpecificAnnotations(ctx: RuleContext, ann: KMap | undefined, annPath: string, spec: KMap | undefined): void {
  if (!ann) return;
  let containerNames: Set<string> | undefined;
  for (const e of ann.entries) {
    const value = annValue(e);
    if (value === undefined) continue;
    const k = e.key;
    if (k === MIRROR) {
      const nodeName = spec ? strField(spec, 'nodeName') : undefined;
      if (!nodeName || nodeName.value === '')
        report(ctx, 'mirror-pod-annotation', 'Invalid', keyPath(annPath, k), e.keySpan, msg.invalid(value, 'must set spec.nodeName if mirror pod annotation is set'));
    } else if (k === DELETION_COST) {
      if (!validDeletionCost(value)) report(ctx, 'pod-deletion-cost', 'Invalid', keyPath(annPath, k), valueAt(e), msg.invalid(value, 'must be a 32bit integer'));
    } else if (k === SECCOMP_POD || k.startsWith(SECCOMP_CONTAINER_PREFIX)) {
      validateSeccompAnnotation(ctx, e, value, childPath(annPath, k));
    } else if (k.startsWith(APPARMOR_PREFIX)) {
      const name = k.slice(APPARMOR_PREFIX.length);
      containerNames ??= new Set(allContainers(spec, '').map((c) => c.name));
      if (!containerNames.has(name)) report(ctx, 'apparmor-annotation', 'Invalid', keyPath(annPath, k), e.keySpan, msg.invalid(name, 'container not found'));
      if (value !== '' && value !== 'runtime/default' && value !== 'unconfined' && !value.startsWith('localhost/'))
        report(ctx, 'apparmor-annotation', 'Invalid', keyPath(annPath, k), valueAt(e), msg.invalid(value, `invalid AppArmor profile name: ${JSON.stringify(value)}`));
    }
  }
}

interface Profile {
  m: KMap;
  type: string;
  localhost: string | undefined;
}

function profileAt(holder: KMap | undefined, key: string): Profile | undefined {
  if (!holder) return undefined;
  const f = structField(holder, key);
  if (!f?.m) return undefined;
  const t = strField(f.m, 'type');
  const lp = strField(f.m, 'localhostProfile');
  return { m: f.m, type: t?.value ?? '', localhost: lp?.set ? lp.value : undefined };
}

function securityContext(m: KMap): KMap | undefined {
  return structField(m, 'securityContext')?.m ?? undefined;
}

function typeAt(p: Profile): Span {
  const t = entry(p.m, 'type');
  return t ? valueAt(t) : { start: p.m.start, end: p.m.start + 1 };
}

function localhostAt(p: Profile): Span {
  const l = entry(p.m, 'localhostProfile');
  return l ? valueAt(l) : typeAt(p);
}

/** Which part of a profile disagrees with its annotation value, if any. */
function mismatch(p: Profile, ann: string, runtimeDefaults: string[], prefix = 'localhost/'): 'type' | 'profile' | undefined {
  switch (p.type) {
    case 'Unconfined':
      return ann === 'unconfined' ? undefined : 'type';
    case 'RuntimeDefault':
      return runtimeDefaults.includes(ann) ? undefined : 'type';
    case 'Localhost':
      if (!ann.startsWith(prefix)) return 'type';
      return p.localhost === undefined || ann.slice(prefix.length) !== p.localhost ? 'profile' : undefined;
  }
  return undefined;
}

function reportMismatch(ctx: RuleContext, kind: 'seccomp' | 'apparmor', p: Profile, which: 'type' | 'profile', path: string, ann: KEntry): void {
  const rel = [{ span: valueAt(ann), message: `the ${ann.key} annotation` }];
  if (which === 'type') report(ctx, 'security-annotation-mismatch', 'Forbidden', childPath(path, 'type'), typeAt(p), msg.forbidden(`${kind} type in annotation and field must match`), rel);
  else report(ctx, 'security-annotation-mismatch', 'Forbidden', childPath(path, 'localhostProfile'), localhostAt(p), msg.forbidden(`${kind} profile in annotation and field must match`), rel);
}

/** AppArmor annotation value → field, as the Pod strategy's version-skew copy does (nil if unusable). */
function apparmorUsable(v: string): boolean {
  if (v === 'unconfined' || v === 'runtime/default') return true;
  if (!v.startsWith('localhost/')) return false;
  const p = v.slice('localhost/'.length);
  return p !== '' && p.trim() === p && p.length <= 4095;
}

/**
 * Both halves of a legacy seccomp/AppArmor setting present must agree. `isPod`: the Pod
 * strategy first copies a usable AppArmor annotation into a container without its own
 * profile, so only unusable annotations can then disagree with the Pod-level profile.
 */
export function validateSecurityAnnotationsMatch(ctx: RuleContext, ann: KMap | undefined, spec: KMap | undefined, specPath: string, isPod: boolean): void {
  if (!ann || !spec) return;
  const annEntry = (k: string): [KEntry, string] | undefined => {
    const e = entry(ann, k);
    const v = e ? annValue(e) : undefined;
    return e && v !== undefined ? [e, v] : undefined;
  };
  const podSC = securityContext(spec);
  const podSeccomp = profileAt(podSC, 'seccompProfile');
  const podAnn = annEntry(SECCOMP_POD);
  if (podSeccomp && podAnn) {
    const w = mismatch(podSeccomp, podAnn[1], ['runtime/default', 'docker/default']);
    if (w) reportMismatch(ctx, 'seccomp', podSeccomp, w, childPath(childPath(specPath, 'securityContext'), 'seccompProfile'), podAnn[0]);
  }
  const os = structField(spec, 'os')?.m;
  const windows = os ? strField(os, 'name')?.value === 'windows' : false;
  const podAppArmor = profileAt(podSC, 'appArmorProfile');
  for (const c of allContainers(spec, specPath)) {
    const sc = securityContext(c.c);
    const scPath = childPath(c.path, 'securityContext');
    const seccomp = profileAt(sc, 'seccompProfile');
    const sAnn = annEntry(SECCOMP_CONTAINER_PREFIX + c.name);
    if (seccomp && sAnn) {
      const w = mismatch(seccomp, sAnn[1], ['runtime/default', 'docker/default']);
      if (w) reportMismatch(ctx, 'seccomp', seccomp, w, childPath(scPath, 'seccompProfile'), sAnn[0]);
    }
    if (windows) continue;
    const aAnn = annEntry(APPARMOR_PREFIX + c.name);
    if (!aAnn) continue;
    const own = profileAt(sc, 'appArmorProfile');
    if (!own && isPod && apparmorUsable(aAnn[1])) continue; // copied into the field: they agree
    const p = own ?? podAppArmor;
    if (!p) continue;
    const w = mismatch(p, aAnn[1], ['runtime/default']);
    if (w) reportMismatch(ctx, 'apparmor', p, w, childPath(scPath, 'appArmorProfile'), aAnn[0]);
  }
}
