/** Numbers and words as the preview shows them (resources as kubectl writes them). */

const BYTES = new Set(['memory', 'ephemeral-storage']);
export function isBytes(resource: string): boolean {
  return BYTES.has(resource) || resource.startsWith('hugepages-');
}
export function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1).replace(/\.?0+$/, '');
}
const BYTE_UNITS = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];

/** The binary unit a byte count reads best in (the largest with a whole part of at least 1). */
function byteUnit(v: number): number {
  let i = 0;
  for (let x = Math.abs(v); x >= 1024 && i < BYTE_UNITS.length - 1; x /= 1024) i++;
  return i;
}

export function formatValue(resource: string, v: number, unitOf: number = v): string {
  if (resource === 'cpu') return v % 1000 === 0 ? `${v / 1000}` : `${trim(v)}m`; // as kubectl writes it
  if (isBytes(resource)) {
    const i = byteUnit(unitOf);
    return `${trim(v / 1024 ** i)}${BYTE_UNITS[i]}`;
  }
  return trim(v);
}

/**
 * "requested / allocatable" in one unit style: cpu both in cores when both are whole cores,
 * else both in millicores (as kubectl writes them); bytes both in the unit of the larger, so
 * 512Mi of 16Gi reads 0.5Gi / 16Gi and the two numbers compare at a glance.
 */
export function formatPair(resource: string, requested: number, allocatable: number): string {
  if (resource === 'cpu' && (requested % 1000 !== 0 || allocatable % 1000 !== 0)) return `${trim(requested)}m / ${trim(allocatable)}m`;
  const unitOf = Math.max(Math.abs(requested), Math.abs(allocatable));
  return `${formatValue(resource, requested, unitOf)} / ${formatValue(resource, allocatable, unitOf)}`;
}
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
