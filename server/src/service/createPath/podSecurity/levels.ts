/**
 * Pod Security levels, policy versions and the namespace labels that choose them
 * (k8s.io/pod-security-admission/api, release 1.35): parsing with upstream's fallbacks and
 * error texts, and the per-namespace policy with its defaulting of warn from enforce.
 */
import { isObj, type PlainObject } from '../../model/plain';

export type Level = 'privileged' | 'baseline' | 'restricted';

export const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];

/** A policy version: `latest`, or `v1.<minor>`. */
export type Version = { latest: true } | { latest: false; minor: number; text: string };

export interface LevelVersion {
  level: Level;
  version: Version;
}

export interface Policy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

export type Mode = keyof Policy;
export const MODES: readonly Mode[] = ['enforce', 'audit', 'warn'];

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';
export function levelLabel(mode: Mode): string {
  return LABEL_PREFIX + mode;
}
export function versionLabel(mode: Mode): string {
  return `${LABEL_PREFIX}${mode}-version`;
}

export const LATEST: Version = { latest: true };

export function minorVersion(minor: number): Version {
  return { latest: false, minor, text: String(minor) };
}

export function versionString(v: Version): string {
  return v.latest ? 'latest' : `v1.${v.text}`;
}

/** `restricted:latest` — LevelVersion.String(). */
export function levelVersionString(lv: LevelVersion): string {
  return `${lv.level}:${versionString(lv.version)}`;
}

export const LEVEL_ERROR = 'must be one of privileged, baseline, restricted';
export const VERSION_ERROR = 'must be "latest" or "v1.x"';

/** ParseLevel: an unknown level is an error and reads as `restricted` (fail closed). */
export function parseLevel(value: string): { level: Level; error?: string } {
  return (LEVELS as readonly string[]).includes(value) ? { level: value as Level } : { level: 'restricted', error: LEVEL_ERROR };
}

const VERSION_RE = /^v1\.([0-9]|[1-9][0-9]*)$/;
const INT64_MAX = 9223372036854775807n;

/** ParseVersion: anything but `latest` or `v1.N` is an error and reads as `latest`. */
export function parseVersion(value: string): { version: Version; error?: string } {
  if (value === 'latest') return { version: LATEST };
  const m = VERSION_RE.exec(value);
  // strconv.Atoi fails past int64; such a pin is an error, like a malformed one.
  if (!m || m[1].length > 19 || BigInt(m[1]) > INT64_MAX) return { version: LATEST, error: VERSION_ERROR };
  // Above 2^53 the number is approximate, but only its order against the newest policy (v1.35) matters.
  return { version: { latest: false, minor: Number(m[1]), text: m[1] } };
}

export function compareLevels(a: Level, b: Level): number {
  return LEVELS.indexOf(a) - LEVELS.indexOf(b);
}

export function sameVersion(a: Version, b: Version): boolean {
  return a.latest ? b.latest : !b.latest && a.text === b.text;
}

/** LevelVersion.Equivalent: two privileged levels are alike whatever their versions. */
export function equivalent(a: LevelVersion, b: LevelVersion): boolean {
  return (a.level === 'privileged' && b.level === 'privileged') || (a.level === b.level && sameVersion(a.version, b.version));
}

export function fullyPrivileged(p: Policy): boolean {
  return p.enforce.level === 'privileged' && p.audit.level === 'privileged' && p.warn.level === 'privileged';
}

/** The defaults of an API server without an AdmissionConfiguration for PodSecurity. */
export const PRIVILEGED_POLICY: Policy = {
  enforce: { level: 'privileged', version: LATEST },
  audit: { level: 'privileged', version: LATEST },
  warn: { level: 'privileged', version: LATEST },
};

/** An invalid pod-security label, as upstream's field error `metadata.labels[<label>]: Invalid value: …`. */
export interface LabelError {
  label: string;
  value: string;
  detail: string;
}

export interface NamespacePolicy {
  policy: Policy;
  errors: LabelError[];
  /** True when the warn level was copied from the enforce label (no warn label of its own). */
  warnFromEnforce: boolean;
}

/** The labels of a Namespace object as strings; values of other types are treated as absent. */
export function namespaceLabels(namespace: PlainObject | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const meta = namespace && isObj(namespace.metadata) ? namespace.metadata : undefined;
  const labels = meta && isObj(meta.labels) ? meta.labels : undefined;
  if (!labels) return out;
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    if (typeof v === 'string') out.set(k, v);
  }
  return out;
}

/**
 * PolicyToEvaluate: the namespace's labels over the configured defaults. A bad enforce level
 * fails closed (restricted); bad audit/warn levels fail open (privileged); a bad version reads
 * as latest. Without a warn label, warn follows a stricter enforce level (and its version,
 * unless warn-version is set).
 */
export function policyToEvaluate(labels: Map<string, string>, defaults: Policy = PRIVILEGED_POLICY): NamespacePolicy {
  const p: Policy = { enforce: { ...defaults.enforce }, audit: { ...defaults.audit }, warn: { ...defaults.warn } };
  const errors: LabelError[] = [];
  let hasEnforceLevel = false;
  for (const mode of MODES) {
    const level = labels.get(levelLabel(mode));
    if (level !== undefined) {
      const r = parseLevel(level);
      p[mode].level = r.error && mode !== 'enforce' ? 'privileged' : r.level;
      if (r.error) errors.push({ label: levelLabel(mode), value: level, detail: r.error });
      else if (mode === 'enforce') hasEnforceLevel = true;
    }
    const version = labels.get(versionLabel(mode));
    if (version !== undefined) {
      const r = parseVersion(version);
      p[mode].version = r.version;
      if (r.error) errors.push({ label: versionLabel(mode), value: version, detail: r.error });
    }
  }
  let warnFromEnforce = false;
  if (!labels.has(levelLabel('warn')) && hasEnforceLevel && compareLevels(p.enforce.level, p.warn.level) > 0) {
    p.warn.level = p.enforce.level;
    if (!labels.has(versionLabel('warn'))) p.warn.version = p.enforce.version;
    warnFromEnforce = true;
  }
  return { policy: p, errors, warnFromEnforce };
}
