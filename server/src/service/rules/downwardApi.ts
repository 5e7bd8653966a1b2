/**
 * Downward API facts shared by env `fieldRef`/`resourceFieldRef` and downwardAPI volume items
 * (upstream validates both with the same tables).
 */

/** Labels `ConvertDownwardAPIFieldLabel` accepts for v1. */
export const CONVERTIBLE_FIELD_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

export const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
export const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];
const CPU_DIVISORS = new Set(['1m', '1']);
const BYTE_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const BYTE_DIVISOR_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/**
 * Upstream's details for a divisor (in canonical form) that the resource does not support;
 * one entry per failed check, as upstream reports each.
 */
export function divisorProblems(resource: string, divisor: string): string[] {
  const out: string[] = [];
  const bad = (kind: string, list: string) => out.push(`only divisor's values ${list} are supported with the ${kind} resource`);
  if ((resource === 'limits.cpu' || resource === 'requests.cpu') && !CPU_DIVISORS.has(divisor)) bad('cpu', '1m and 1');
  else if ((resource === 'limits.memory' || resource === 'requests.memory') && !BYTE_DIVISORS.has(divisor)) bad('memory', BYTE_DIVISOR_LIST);
  else if ((resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') && !BYTE_DIVISORS.has(divisor)) bad('local ephemeral storage', BYTE_DIVISOR_LIST);
  if (HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p)) && !BYTE_DIVISORS.has(divisor)) bad('hugepages', BYTE_DIVISOR_LIST);
  return out;
}
