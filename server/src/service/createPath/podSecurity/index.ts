/**
 * PodSecurity admission (pod-security-admission 1.35) for the create path: namespace labels,
 * every baseline and restricted check at every policy version, and the findings kube-apiserver's
 * answer amounts to for Pods, workload templates and Namespaces.
 */
export type { CreateFinding, DeclaredLookup } from './createFinding';
export type { Violation } from './check';
export {
  LEVELS,
  LATEST,
  LEVEL_ERROR,
  VERSION_ERROR,
  PRIVILEGED_POLICY,
  compareLevels,
  levelLabel,
  levelVersionString,
  minorVersion,
  namespaceLabels,
  parseLevel,
  parseVersion,
  policyToEvaluate,
  versionLabel,
  versionString,
  type Level,
  type LevelVersion,
  type Mode,
  type NamespacePolicy,
  type Policy,
  type Version,
} from './levels';
export { DEFAULT_POD_SECURITY_CONFIG, readPodSecurityConfig, type ConfigError, type PodSecurityConfig, type PodSecurityExemptions } from './config';
export { CHECKS, MAX_POLICY_MINOR, checksFor, forbiddenDetail, forbiddenReason, type PodSecurityResult } from './evaluate';
export {
  BUILT_IN_NAMESPACES,
  POD_PATHS,
  RULE_AUDIT,
  RULE_ENFORCE,
  RULE_EXEMPT_NAMESPACE,
  RULE_LABELS,
  RULE_WARN,
  evaluatePodSecurity,
  findNamespace,
  hasPodSpec,
  podSecurityForNamespace,
  podSecurityForObject,
  podViewOf,
  type PodPaths,
  type PodSecurityNamespace,
  type PodSecurityRequest,
} from './admission';
