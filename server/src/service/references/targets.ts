/**
 * The objects references point at, as the workspace declares them: their names and keys (with
 * where each is written) and the claims a StatefulSet's controller creates. Lookups go through
 * Maps built once per declared list, so checking every reference of a workspace stays linear.
 */
import { child, type KMap, type KNode, type KScalar, type Span } from '../parse/tree';
import { findDeclared } from '../createPath/admission/declared';
import type { DeclaredObject, DeclaredObjects } from '../createPath/admission/types';
import { int, obj, objs, str, type PlainObject } from '../model/plain';
import type { Declaration } from '../workspace/declarations';
import type { RefKind } from './collect';

/** The maps of a ConfigMap or Secret that hold its keys. */
export const KEY_MAPS: Readonly<Record<string, readonly string[]>> = {
  ConfigMap: ['data', 'binaryData'],
  Secret: ['data', 'stringData'],
};

export interface DeclaredKey {
  key: string;
  /** The map that holds it (`data`, `binaryData`, `stringData`). */
  map: string;
  span: Span;
}

function asMap(n: KNode | undefined): KMap | undefined {
  return n && n.kind === 'map' ? n : undefined;
}

/** The keys a ConfigMap or Secret declaration writes, with their spans (chunk-relative). */
export function declaredKeys(decl: Declaration): DeclaredKey[] {
  const out: DeclaredKey[] = [];
  for (const map of KEY_MAPS[decl.kind] ?? []) {
    const m = asMap(child(decl.node, map));
    if (!m) continue;
    for (const e of m.entries) if (!e.merged) out.push({ key: e.key, map, span: e.keySpan });
  }
  return out;
}

/** The metadata.name scalar of a declaration. */
export function declaredNameNode(decl: Declaration): KScalar | undefined {
  const n = child(asMap(child(decl.node, 'metadata')), 'name');
  return n && n.kind === 'scalar' ? n : undefined;
}

/** The keys of a declared ConfigMap or Secret: those environment variables can read, and all. */
export function keysOf(kind: string, value: PlainObject): { env: Set<string>; all: Set<string> } {
  const all = new Set<string>();
  const env = new Set<string>();
  for (const map of KEY_MAPS[kind] ?? []) {
    const m = obj(value[map]);
    if (!m) continue;
    for (const k of Object.keys(m)) {
      all.add(k);
      // The kubelet reads an environment variable from a ConfigMap's `data` only; a Secret's
      // stringData is merged into its data by the API server.
      if (kind !== 'ConfigMap' || map === 'data') env.add(k);
    }
  }
  return { env, all };
}

const keyCache = new WeakMap<PlainObject, { env: Set<string>; all: Set<string> }>();

export function cachedKeysOf(kind: string, value: PlainObject): { env: Set<string>; all: Set<string> } {
  let k = keyCache.get(value);
  if (!k) keyCache.set(value, (k = keysOf(kind, value)));
  return k;
}

export interface ProvidedClaim {
  statefulSet: DeclaredObject;
  template: string;
  ordinal: number;
}

interface ClaimSource {
  statefulSet: DeclaredObject;
  template: string;
  start: number;
  replicas: number;
}

const claimIndexes = new WeakMap<readonly DeclaredObject[], Map<string, ClaimSource>>();

function claimIndex(declared: DeclaredObjects, namespace: string): Map<string, ClaimSource> {
  const list = declared.get('StatefulSet', namespace);
  let index = claimIndexes.get(list);
  if (index) return index;
  index = new Map();
  for (const sts of list) {
    const spec = obj(sts.value.spec);
    const replicas = spec && spec.replicas !== undefined ? int(spec.replicas) ?? 1 : 1;
    const start = int(obj(spec?.ordinals)?.start) ?? 0;
    for (const t of objs(spec?.volumeClaimTemplates)) {
      const template = str(obj(t.metadata)?.name);
      const key = `${template}-${sts.name}`;
      if (template && !index.has(key)) index.set(key, { statefulSet: sts, template, start, replicas });
    }
  }
  claimIndexes.set(list, index);
  return index;
}

const ORDINAL = /^(.+)-(0|[1-9][0-9]{0,8})$/;

/** The claim `<template>-<statefulset>-<ordinal>` a declared StatefulSet's controller creates, if any. */
export function providedClaim(declared: DeclaredObjects, namespace: string, name: string): ProvidedClaim | undefined {
  const m = ORDINAL.exec(name);
  if (!m) return undefined;
  const src = claimIndex(declared, namespace).get(m[1]);
  const ordinal = Number(m[2]);
  if (!src || ordinal < src.start || ordinal >= src.start + src.replicas) return undefined;
  return { statefulSet: src.statefulSet, template: src.template, ordinal };
}

/** Whether any declared StatefulSet of the namespace provides claims. */
export function providesClaims(declared: DeclaredObjects, namespace: string): boolean {
  return claimIndex(declared, namespace).size > 0;
}

/** The declared object a reference names (a claim may also be provided by a StatefulSet). */
export function resolve(declared: DeclaredObjects, kind: RefKind, namespace: string, name: string): { object?: DeclaredObject; claim?: ProvidedClaim } | undefined {
  const object = findDeclared(declared, kind, namespace, name);
  if (object) return { object };
  if (kind === 'PersistentVolumeClaim') {
    const claim = providedClaim(declared, namespace, name);
    if (claim) return { claim };
  }
  return undefined;
}
