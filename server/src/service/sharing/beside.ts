/**
 * Which containers of a set run at the same time as a given one (`concurrent` in compute.ts),
 * answered without scanning the set: the first few in Pod order and how many (or how much
 * weight, e.g. ports) in all. Explanations ask this for every port of a Pod, so a scan per
 * question would cost (containers × ports) on a Pod of thousands of containers.
 *
 * The rule it encodes: app containers, sidecars and ephemeral containers all run together; a
 * plain init container runs alone, beside only the sidecars declared before it.
 */
import type { ContainerShare } from './types';

/** Members of one kind, in Pod order, with prefix sums of their weights. */
class Run {
  readonly members: ContainerShare[] = [];
  /** sums[i]: total weight of members[0..i). */
  readonly sums: number[] = [0];

  add(c: ContainerShare, weight: number): void {
    this.members.push(c);
    this.sums.push(this.sums[this.sums.length - 1] + weight);
  }

  get total(): number {
    return this.sums[this.sums.length - 1];
  }

  /** Number of members whose list index is below `index` (init-list members are in index order). */
  below(index: number): number {
    let lo = 0;
    let hi = this.members.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.members[mid].ref.index < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class RunsBeside {
  private readonly sidecars = new Run();
  private readonly inits = new Run();
  /** App and ephemeral containers (after the init list in Pod order). */
  private readonly rest = new Run();
  private readonly weights = new Map<ContainerShare, number>();

  /** `members` in Pod order (init containers first, by index), each with its weight (default 1). */
  constructor(members: Iterable<ContainerShare>, weight: (c: ContainerShare) => number = () => 1) {
    for (const c of members) {
      const w = weight(c);
      this.weights.set(c, w);
      if (c.role === 'sidecar') this.sidecars.add(c, w);
      else if (c.role === 'init') this.inits.add(c, w);
      else this.rest.add(c, w);
    }
  }

  /** Total weight of the members that run beside `c` (`c` itself excluded). */
  weightBeside(c: ContainerShare): number {
    const own = this.weights.get(c) ?? 0;
    switch (c.role) {
      case 'init':
        return this.sidecars.sums[this.sidecars.below(c.ref.index)];
      case 'sidecar':
        return this.sidecars.total - own + this.rest.total + (this.inits.total - this.inits.sums[this.inits.below(c.ref.index + 1)]);
      default:
        return this.sidecars.total + this.rest.total - own;
    }
  }

  /** How many members run beside `c`. */
  countBeside(c: ContainerShare): number {
    switch (c.role) {
      case 'init':
        return this.sidecars.below(c.ref.index);
      case 'sidecar':
        return this.sidecars.members.length - (this.weights.has(c) ? 1 : 0) + this.rest.members.length + (this.inits.members.length - this.inits.below(c.ref.index + 1));
      default:
        return this.sidecars.members.length + this.rest.members.length - (this.weights.has(c) ? 1 : 0);
    }
  }

  /** The first `max` members that run beside `c`, in Pod order. */
  firstBeside(c: ContainerShare, max: number): ContainerShare[] {
    const out: ContainerShare[] = [];
    if (max <= 0) return out;
    const s = this.sidecars.members;
    if (c.role === 'init') {
      for (let i = 0; i < s.length && out.length < max && s[i].ref.index < c.ref.index; i++) out.push(s[i]);
      return out;
    }
    // The init list: every sidecar, and for a sidecar the plain init containers after it.
    const p = this.inits.members;
    let i = 0;
    let j = c.role === 'sidecar' ? this.inits.below(c.ref.index + 1) : p.length;
    while (out.length < max && (i < s.length || j < p.length)) {
      if (i < s.length && s[i] === c) {
        i++;
        continue;
      }
      if (j >= p.length || (i < s.length && s[i].ref.index < p[j].ref.index)) out.push(s[i++]);
      else out.push(p[j++]);
    }
    for (const x of this.rest.members) {
      if (out.length >= max) break;
      if (x !== c) out.push(x);
    }
    return out;
  }
}
