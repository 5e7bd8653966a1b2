/**
 * Does a Kubernetes 1.35 API server serve this apiVersion/kind? kubectl asks discovery before it
 * sends anything (cli-runtime's mapper.infoForData → RESTMapping), so a pair no group version
 * serves fails there with `no matches for kind "…" in version "…"` (apimachinery's
 * NoKindMatchError). Two answers come from the API server instead: discovery also maps each kind
 * written all in lower case, so `kind: pod` reaches the server, whose decoder rejects it; and
 * served kinds that are deprecated are accepted with a warning.
 *
 * Only built-in API groups are judged. Any other group is probably a CustomResourceDefinition
 * (or another tool's file) and is left alone, as are Lists (kubectl maps `List` and `<Kind>List`
 * in every served version and judges their items one by one).
 *
 * Pure: strings in, a resolution out. Never throws.
 */
import generated from './generated/api-kinds.json';
import { closestNames } from '../util/closestNames';
import {
  DEPRECATED_KINDS,
  HISTORICAL_GROUPS,
  LEGACY_SCHEME,
  NEWER_KINDS,
  NON_RESOURCE_KINDS,
  OWN_SCHEME_GROUPS,
  RELEASE,
  REMOVED_KINDS,
  REMOVED_VERSIONS,
  servedByDefault,
  type Removal,
} from './kindsData';

export { RELEASE as KINDS_RELEASE } from './kindsData';

interface KindTable {
  source: string;
  kubernetesVersion: string;
  /** `group/version` (core: `v1`) → kind → `n` namespaced | `c` cluster-scoped. */
  versions: Record<string, Record<string, string>>;
}

const table = generated as KindTable;

/** A change to the document that makes the pair one the API server serves. */
export interface KindFix {
  title: string;
  apiVersion?: string;
  kind?: string;
  preferred?: boolean;
}

export type KindRule = 'unknown-kind' | 'removed-api-version' | 'api-version-off-by-default' | 'deprecated-api';

/** A pair Podsight reports; shaped like a create-path finding (CREATEPATH.md), plus fixes. */
export interface KindProblem {
  status: 'unknown-kind' | 'removed-version' | 'off-by-default' | 'deprecated';
  rule: KindRule;
  /** The value to change: `kind` or `apiVersion` (relative to the object). */
  field: 'kind' | 'apiVersion';
  message: string;
  severity: 'error' | 'warning';
  fixes: KindFix[];
}

export type KindResolution =
  | { status: 'known'; group: string; version: string; kind: string; namespaced: boolean }
  /** Not a built-in group, a List, or a file of another tool: not Podsight's to judge. */
  | { status: 'other' }
  | KindProblem;

export interface ResolveOptions {
  /**
   * Whether the document has a `metadata` mapping, as every API object does. Files of other
   * tools may say `apiVersion: v1` too; an unknown kind there is reported only when it looks like
   * an object (or like one of the core kinds).
   */
  hasMetadata?: boolean;
}

/** Served group versions → kind → namespaced. */
const SERVED = new Map<string, Map<string, boolean>>();
/** Built-in groups (core: '') → their served group versions, stable first by version number. */
const GROUPS = new Map<string, string[]>();
/** Kind → served group versions; lower-cased kind → kind. */
const KIND_VERSIONS = new Map<string, string[]>();
const KIND_BY_LOWER = new Map<string, string>();

function groupOf(gv: string): string {
  const slash = gv.indexOf('/');
  return slash === -1 ? '' : gv.slice(0, slash);
}

function versionOf(gv: string): string {
  return gv.slice(gv.indexOf('/') + 1);
}

for (const [gv, kinds] of Object.entries(table.versions)) {
  const group = groupOf(gv);
  if (!GROUPS.has(group)) GROUPS.set(group, []);
  if (!servedByDefault(versionOf(gv))) continue;
  const newer = NEWER_KINDS[gv] ?? {};
  const served = new Map<string, boolean>();
  for (const [kind, scope] of Object.entries(kinds)) {
    if (Object.prototype.hasOwnProperty.call(newer, kind)) continue;
    served.set(kind, scope === 'n');
    const list = KIND_VERSIONS.get(kind);
    if (list) list.push(gv);
    else KIND_VERSIONS.set(kind, [gv]);
    KIND_BY_LOWER.set(kind.toLowerCase(), kind);
  }
  SERVED.set(gv, served);
  GROUPS.get(group)!.push(gv);
}
for (const gv of Object.keys(REMOVED_VERSIONS)) if (!GROUPS.has(groupOf(gv))) GROUPS.set(groupOf(gv), []);
for (const g of HISTORICAL_GROUPS) if (!GROUPS.has(g)) GROUPS.set(g, []);
// Newest stable version first (autoscaling/v2 before autoscaling/v1), for suggestions.
for (const list of [...GROUPS.values(), ...KIND_VERSIONS.values()]) list.sort((a, b) => Number(versionOf(b).slice(1)) - Number(versionOf(a).slice(1)) || a.localeCompare(b));

const OTHER: KindResolution = { status: 'other' };
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Where the table comes from, for documentation and tests. */
export const KINDS_SOURCE = `${table.source} (OpenAPI of Kubernetes ${table.kubernetesVersion}), served as by Kubernetes ${RELEASE}`;

/** Served group versions and their kinds (for tests and documentation). */
export function servedKinds(): ReadonlyMap<string, ReadonlyMap<string, boolean>> {
  return SERVED;
}

/** Whether `group` is one of the API groups built into kube-apiserver (core: ''). */
export function isBuiltinGroup(group: string): boolean {
  return GROUPS.has(group);
}

export function resolveKind(apiVersion: unknown, kind: unknown, options: ResolveOptions = {}): KindResolution {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return OTHER;
  if (kind.endsWith('List')) return OTHER;
  const slash = apiVersion.indexOf('/');
  // `a/b/c` is no group version at all (kubectl fails to parse it): another tool's file.
  if (slash !== apiVersion.lastIndexOf('/')) return OTHER;
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);

  const served = SERVED.get(apiVersion);
  if (served) {
    const namespaced = served.get(kind);
    if (namespaced !== undefined) {
      const warning = DEPRECATED_KINDS[apiVersion]?.[kind];
      if (warning) return { status: 'deprecated', rule: 'deprecated-api', field: 'kind', message: warning, severity: 'warning', fixes: [] };
      return { status: 'known', group, version, kind, namespaced };
    }
    if (NON_RESOURCE_KINDS.has(kind)) return OTHER;
    return unknownKindIn(apiVersion, group, kind, served, options);
  }

  const canonical = canonicalGroup(group, kind);
  if (canonical === undefined) return OTHER;
  if (canonical !== group) return wrongGroup(apiVersion, canonical, version, kind);

  const removal = removalOf(apiVersion, kind);
  if (removal) return removed(apiVersion, kind, removal.entry, removal.kind);
  if (NON_RESOURCE_KINDS.has(kind)) return OTHER;
  if (group === '' && !isCoreKind(kind)) return OTHER;
  if (/^v\d+(alpha|beta)\d+$/.test(version) && group !== '') return offByDefault(apiVersion, group, kind);
  return unknownVersion(apiVersion, group, version, kind);
}

function quoted(s: string): string {
  return JSON.stringify(s);
}

/** kubectl's words (apimachinery meta.NoKindMatchError with one searched version). */
function noMatch(apiVersion: string, kind: string): string {
  return `no matches for kind ${quoted(kind)} in version ${quoted(apiVersion)}`;
}

function listWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function problem(status: KindProblem['status'], rule: KindRule, field: KindProblem['field'], message: string, fixes: KindFix[]): KindProblem {
  const severity = rule === 'unknown-kind' || rule === 'removed-api-version' ? 'error' : 'warning';
  if (fixes.length === 1) fixes[0].preferred = true;
  return { status, rule, field, message, severity, fixes };
}

function isCoreKind(kind: string): boolean {
  const core = SERVED.get('v1')!;
  return core.has(kind) || core.has(KIND_BY_LOWER.get(kind.toLowerCase()) ?? '');
}

/** The served kind of `gv` a kind names up to case, if any. */
function caseOf(gv: string, kind: string): string | undefined {
  const k = KIND_BY_LOWER.get(kind.toLowerCase());
  return k !== undefined && SERVED.get(gv)?.has(k) ? k : undefined;
}

function fixTo(apiVersion: string | undefined, kind: string | undefined): KindFix {
  const parts = [apiVersion !== undefined ? `apiVersion: ${apiVersion}` : '', kind !== undefined ? `kind: ${kind}` : ''].filter(Boolean);
  return { title: `Change to ${parts.join(', ')}`, apiVersion, kind };
}

/** Served group versions (newest first) with a kind named `kind` up to case, and that kind. */
function servedElsewhere(kind: string, group?: string): Array<{ gv: string; kind: string }> {
  const k = KIND_VERSIONS.has(kind) ? kind : KIND_BY_LOWER.get(kind.toLowerCase());
  if (k === undefined) return [];
  return (KIND_VERSIONS.get(k) ?? []).filter((gv) => group === undefined || groupOf(gv) === group).map((gv) => ({ gv, kind: k }));
}

function unknownKindIn(apiVersion: string, group: string, kind: string, served: Map<string, boolean>, options: ResolveOptions): KindResolution {
  const sameCase = caseOf(apiVersion, kind);
  if (sameCase !== undefined) {
    const fixes = [fixTo(undefined, sameCase)];
    if (kind === kind.toLowerCase()) {
      // Discovery maps the lower-cased kind too, so kubectl sends it and the API server's decoder
      // answers (apiserver endpoints/handlers transformDecodeError over runtime's notRegisteredErr).
      const scheme = OWN_SCHEME_GROUPS.has(group) ? '' : ` in scheme ${quoted(LEGACY_SCHEME)}`;
      const message = `${kind} in version ${quoted(versionOf(apiVersion))} cannot be handled as a ${sameCase}: no kind ${quoted(kind)} is registered for version ${quoted(apiVersion)}${scheme}`;
      return problem('unknown-kind', 'unknown-kind', 'kind', message, fixes);
    }
    return problem('unknown-kind', 'unknown-kind', 'kind', `${noMatch(apiVersion, kind)}: kinds are case-sensitive, did you mean ${quoted(sameCase)}?`, fixes);
  }
  const newer = NEWER_KINDS[apiVersion];
  const later = newer && (has(newer, kind) ? kind : Object.keys(newer).find((k) => k.toLowerCase() === kind.toLowerCase()));
  if (later) {
    const { in: betaVersion, from } = newer[later];
    const message = `${noMatch(apiVersion, kind)}: Kubernetes ${RELEASE} serves ${later} only in ${betaVersion}, a beta version that is off by default; ${apiVersion} serves it from Kubernetes ${from}`;
    return problem('unknown-kind', 'unknown-kind', 'kind', message, []);
  }
  const elsewhere = servedElsewhere(kind);
  if (elsewhere.length > 0) {
    const where = listWords(elsewhere.map((e) => e.gv));
    const fixes = elsewhere.slice(0, 3).map((e) => fixTo(e.gv, e.kind === kind ? undefined : e.kind));
    return problem('unknown-kind', 'unknown-kind', 'apiVersion', `${noMatch(apiVersion, kind)}: ${elsewhere[0].kind} is served in ${where}`, fixes);
  }
  const close = closestNames(kind, served.keys());
  if (close.length > 0) {
    const message = `${noMatch(apiVersion, kind)}: did you mean ${listWords(close.map(quoted)).replace(/ and /, ' or ')}?`;
    return problem('unknown-kind', 'unknown-kind', 'kind', message, close.map((k) => fixTo(undefined, k)));
  }
  // A file of another tool that says `apiVersion: v1` is no object; an API object has metadata.
  if (group === '' && !options.hasMetadata) return OTHER;
  const kinds = [...served.keys()].sort();
  const serves = kinds.length <= 8 ? `: ${apiVersion} serves ${listWords(kinds)}` : '';
  return problem('unknown-kind', 'unknown-kind', 'kind', `${noMatch(apiVersion, kind)}${serves}`, []);
}

/**
 * The built-in group `group` means, if any. API groups are lower-case DNS names, so a group that
 * matches a built-in one only up to case is never served; `core` names the core group, whose
 * apiVersion has no group part (only claimed for the core kinds).
 */
function canonicalGroup(group: string, kind: string): string | undefined {
  if (GROUPS.has(group)) return group;
  const lower = group.toLowerCase();
  if (lower === 'core') return isCoreKind(kind) ? '' : undefined;
  return lower !== group && GROUPS.has(lower) ? lower : undefined;
}

function wrongGroup(apiVersion: string, group: string, version: string, kind: string): KindProblem {
  const candidates = [group === '' ? version : `${group}/${version}`, group === '' ? version.toLowerCase() : `${group}/${version.toLowerCase()}`];
  const right = candidates.find((gv) => SERVED.has(gv) && caseOf(gv, kind) !== undefined) ?? servedElsewhere(kind, group)[0]?.gv;
  const named = group === '' ? 'the core group, which apiVersion writes without a group name' : quoted(group);
  const message = `${noMatch(apiVersion, kind)}: did you mean ${right ? quoted(right) : named}?`;
  return problem('unknown-kind', 'unknown-kind', 'apiVersion', message, right ? [fixTo(right, fixKind(right, kind))] : []);
}

/** The kind to write with `gv` when the user's differs only in case. */
function fixKind(gv: string, kind: string): string | undefined {
  const k = caseOf(gv, kind);
  return k !== undefined && k !== kind ? k : undefined;
}

function removalOf(apiVersion: string, kind: string): { entry: Removal; kind: string } | undefined {
  const kinds = REMOVED_KINDS[apiVersion];
  if (kinds) {
    const k = has(kinds, kind) ? kind : Object.keys(kinds).find((x) => x.toLowerCase() === kind.toLowerCase());
    if (k !== undefined) return { entry: kinds[k], kind: k };
  }
  const whole = REMOVED_VERSIONS[apiVersion];
  return whole ? { entry: whole, kind } : undefined;
}

function removed(apiVersion: string, kind: string, entry: Removal, named: string): KindProblem {
  const what = REMOVED_KINDS[apiVersion] && has(REMOVED_KINDS[apiVersion], named) ? `${apiVersion} ${named}` : apiVersion;
  let message = `${noMatch(apiVersion, kind)}: ${what} was removed in Kubernetes ${entry.release}`;
  const fixes: KindFix[] = [];
  const target = entry.use && caseOf(entry.use, kind);
  if (entry.use && target) {
    message += `; use ${entry.use}`;
    fixes.push(fixTo(entry.use, target !== kind ? target : undefined));
  } else if (entry.instead) {
    message += `; ${entry.instead}`;
  } else {
    const elsewhere = servedElsewhere(kind);
    if (elsewhere.length > 0) {
      message += `; ${elsewhere[0].kind} is served in ${listWords(elsewhere.map((e) => e.gv))}`;
      fixes.push(...elsewhere.slice(0, 3).map((e) => fixTo(e.gv, e.kind === kind ? undefined : e.kind)));
    }
  }
  return problem('removed-version', 'removed-api-version', 'apiVersion', message, fixes);
}

function offByDefault(apiVersion: string, group: string, kind: string): KindProblem {
  let message = `${noMatch(apiVersion, kind)} on a cluster with default settings: Kubernetes ${RELEASE} serves alpha and beta versions only where the API server enables them (--runtime-config=${apiVersion}=true, if this release still has that version)`;
  const stable = servedElsewhere(kind, group);
  if (stable.length > 0) message += `; ${stable[0].kind} is served in ${listWords(stable.map((e) => e.gv))}`;
  return problem('off-by-default', 'api-version-off-by-default', 'apiVersion', message, stable.slice(0, 3).map((e) => fixTo(e.gv, e.kind === kind ? undefined : e.kind)));
}

function unknownVersion(apiVersion: string, group: string, version: string, kind: string): KindProblem {
  const lowered = group === '' ? version.toLowerCase() : `${group}/${version.toLowerCase()}`;
  const right = SERVED.has(lowered) && caseOf(lowered, kind) !== undefined ? [{ gv: lowered, kind: caseOf(lowered, kind)! }] : servedElsewhere(kind, group);
  let message = noMatch(apiVersion, kind);
  if (right.length > 0) message += right[0].gv === lowered ? `: did you mean ${quoted(lowered)}?` : `: ${right[0].kind} is served in ${listWords(right.map((e) => e.gv))}`;
  else if ((GROUPS.get(group) ?? []).length > 0) message += `: the ${group === '' ? 'core' : quoted(group)} group serves ${listWords(GROUPS.get(group)!)}`;
  return problem('unknown-kind', 'unknown-kind', 'apiVersion', message, right.slice(0, 3).map((e) => fixTo(e.gv, e.kind === kind ? undefined : e.kind)));
}
