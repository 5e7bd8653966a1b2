/**
 * The PodSecurity plugin configuration (PodSecurityConfiguration of an AdmissionConfiguration,
 * pod-security.admission.config.k8s.io/v1): default levels for unlabelled modes and exemptions.
 * Without one, kube-apiserver runs with every default `privileged:latest` and no exemptions.
 */
import { isObj, type PlainObject } from '../../model/plain';
import { isDNS1123Label, isDNS1123Subdomain } from '../../util/names';
import { goQuote } from './text';
import { PRIVILEGED_POLICY, parseLevel, parseVersion, type Policy } from './levels';

export interface PodSecurityExemptions {
  usernames: string[];
  namespaces: string[];
  runtimeClasses: string[];
}

export interface PodSecurityConfig {
  defaults: Policy;
  exemptions: PodSecurityExemptions;
}

export const DEFAULT_POD_SECURITY_CONFIG: PodSecurityConfig = {
  defaults: PRIVILEGED_POLICY,
  exemptions: { usernames: [], namespaces: [], runtimeClasses: [] },
};

/** A configuration problem, as upstream's field error (`defaults.enforce`, `exemptions.namespaces[0]`). */
export interface ConfigError {
  field: string;
  message: string;
}

function invalid(value: string, detail: string): string {
  return `Invalid value: ${goQuote(value)}: ${detail}`;
}

function readExemptions(
  source: PlainObject | undefined,
  key: keyof PodSecurityExemptions,
  validate: (v: string) => string | undefined,
  errors: ConfigError[],
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const list = source?.[key];
  if (!Array.isArray(list)) return out;
  list.forEach((item, i) => {
    if (typeof item !== 'string') return;
    const field = `exemptions.${key}[${i}]`;
    const problem = validate(item);
    if (problem) errors.push({ field, message: invalid(item, problem) });
    else if (seen.has(item)) errors.push({ field, message: `Duplicate value: ${goQuote(item)}` });
    else {
      seen.add(item);
      out.push(item);
    }
  });
  return out;
}

/**
 * Reads a PodSecurityConfiguration (plain JSON): empty defaults become privileged/latest as the
 * v1 defaulter does; invalid values are reported with upstream's validation texts and left at
 * their defaults (kube-apiserver would refuse to start), invalid exemptions are dropped.
 */
export function readPodSecurityConfig(value: unknown): { config: PodSecurityConfig; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const root = isObj(value) ? value : undefined;
  const defaults = isObj(root?.defaults) ? root.defaults : undefined;
  const policy: Policy = { enforce: { ...PRIVILEGED_POLICY.enforce }, audit: { ...PRIVILEGED_POLICY.audit }, warn: { ...PRIVILEGED_POLICY.warn } };
  // Upstream validates in this order: enforce, warn, audit; then namespaces, runtimeClasses, usernames.
  for (const mode of ['enforce', 'warn', 'audit'] as const) {
    const level = defaults?.[mode];
    if (typeof level === 'string' && level !== '') {
      const r = parseLevel(level);
      if (r.error) errors.push({ field: `defaults.${mode}`, message: invalid(level, r.error) });
      else policy[mode].level = r.level;
    }
    const version = defaults?.[`${mode}-version`];
    if (typeof version === 'string' && version !== '') {
      const r = parseVersion(version);
      if (r.error) errors.push({ field: `defaults.${mode}-version`, message: invalid(version, r.error) });
      else policy[mode].version = r.version;
    }
  }
  const ex = isObj(root?.exemptions) ? root.exemptions : undefined;
  const joined = (errs: string[]): string | undefined => (errs.length > 0 ? errs.join(', ') : undefined);
  const namespaces = readExemptions(ex, 'namespaces', (v) => joined(isDNS1123Label(v)), errors);
  const runtimeClasses = readExemptions(ex, 'runtimeClasses', (v) => joined(isDNS1123Subdomain(v)), errors);
  const usernames = readExemptions(ex, 'usernames', (v) => (v === '' ? 'username must not be empty' : undefined), errors);
  const exemptions: PodSecurityExemptions = { usernames, namespaces, runtimeClasses };
  return { config: { defaults: policy, exemptions }, errors };
}

export function exemptNamespace(config: PodSecurityConfig, namespace: string): boolean {
  return namespace !== '' && config.exemptions.namespaces.includes(namespace);
}

export function exemptUser(config: PodSecurityConfig, username: string | undefined): boolean {
  return !!username && config.exemptions.usernames.includes(username);
}

export function exemptRuntimeClass(config: PodSecurityConfig, runtimeClassName: string | undefined): boolean {
  return !!runtimeClassName && config.exemptions.runtimeClasses.includes(runtimeClassName);
}
