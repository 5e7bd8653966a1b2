/** Numbers and words as the preview shows them (resources as kubectl writes them). */

const BYTES = new Set(['memory', 'ephemeral-storage']);
export function isBytes(resource: string): boolean {
  return BYTES.has(resource) || resource.startsWith('hugepages-');
}
export function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1).replace(/\.?0+$/, '');
}
export function formatValue(resource: string, v: number): string {
  if (resource === 'cpu') return v % 1000 === 0 ? `${v / 1000}` : `${trim(v)}m`; // as kubectl writes it
  if (isBytes(resource)) {
    const units = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
    let i = 0;
    let x = v;
    while (Math.abs(x) >= 1024 && i < units.length - 1) {
      x /= 1024;
      i++;
    }
    return `${trim(x)}${units[i]}`;
  }
  return trim(v);
}
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
