/** CPU milliseconds of `f` (user + system), best of `runs`: the measure growth tests compare. */
export function cpu(f: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const u = process.cpuUsage();
    f();
    const d = process.cpuUsage(u);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}
