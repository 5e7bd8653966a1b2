/**
 * `tolerations.MergeTolerations` (pkg/util/tolerations): the union of two lists without the
 * tolerations another one already covers (`isSuperset`); of equal ones the first stays.
 *
 * Upstream compares every pair. Here each toleration asks grouped counts instead (by key, value,
 * effect; NoExecute seconds sorted), so a hostile list of many thousands stays n·log n. Since
 * `isSuperset` is transitive, upstream's result is: a toleration with a superset outside its
 * class of mutual supersets is dropped; of each remaining class, one member stays — the first
 * copy of the class's last member that comes after every member that differs from it.
 */
import { int, str, type PlainObject } from '../../model/plain';

interface Toleration {
  key: string;
  operator: string;
  value: string;
  effect: string;
  seconds: number | undefined;
  identity: string;
}

function read(t: PlainObject): Toleration {
  const key = str(t.key) ?? '';
  const operator = str(t.operator) ?? '';
  const value = str(t.value) ?? '';
  const effect = str(t.effect) ?? '';
  const seconds = int(t.tolerationSeconds);
  return { key, operator, value, effect, seconds, identity: `${key}\u0000${operator}\u0000${value}\u0000${effect}\u0000${seconds ?? ''}` };
}

interface Group {
  count: number;
  /** NoExecute members without tolerationSeconds (they cover any duration). */
  unbounded: number;
  seconds: number[];
}

const NO_EXECUTE = 'NoExecute';

// NUL cannot occur in a decoded key, value or effect the API server accepts; joining with it
// keeps keys distinct without the cost of JSON.stringify on every toleration.
function groupKey(kind: 'exists' | 'equal', key: string, value: string, effect: string): string {
  return `${kind}\u0000${key}\u0000${kind === 'equal' ? value : ''}\u0000${effect}`;
}

/** Members of `g` that tolerate `t` as far as effect and NoExecute seconds go. */
function covering(g: Group | undefined, effect: string, t: Toleration): number {
  if (!g) return 0;
  if (effect !== NO_EXECUTE) return g.count;
  if (t.seconds === undefined) return g.unbounded;
  // Members with seconds >= t.seconds (sorted ascending).
  let lo = 0;
  let hi = g.seconds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (g.seconds[mid] < t.seconds) lo = mid + 1;
    else hi = mid;
  }
  return g.unbounded + (g.seconds.length - lo);
}

/**
 * Members of one class tolerate each other: same key and effect, both Exists (any value) or both
 * an explicit Equal with the same value, and (NoExecute) the same seconds. Other operators form
 * a class with their exact copies only.
 */
function classOf(t: Toleration): string {
  const seconds = t.effect === NO_EXECUTE ? `${t.seconds ?? 'nil'}` : '*';
  if (t.operator === 'Exists') return `E\u0000${t.key}\u0000${t.effect}\u0000${seconds}`;
  if (t.operator === 'Equal') return `Q\u0000${t.key}\u0000${t.value}\u0000${t.effect}\u0000${seconds}`;
  return `I\u0000${t.identity}`;
}

export function mergeTolerations(first: readonly PlainObject[], second: readonly PlainObject[]): PlainObject[] {
  const all = [...first, ...second];
  const tolerations = all.map(read);
  const classKeys = tolerations.map(classOf);
  const groups = new Map<string, Group>();
  // Per class: its size, its last member, and (below) the member upstream keeps.
  const size = new Map<string, number>();
  const last = new Map<string, number>();
  tolerations.forEach((t, i) => {
    const c = classKeys[i];
    size.set(c, (size.get(c) ?? 0) + 1);
    last.set(c, i);
    const kind = t.operator === 'Exists' ? 'exists' : t.operator === 'Equal' || t.operator === '' ? 'equal' : undefined;
    if (!kind) return; // an unknown operator covers nothing but its copies
    const k = groupKey(kind, t.key, t.value, t.effect);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { count: 0, unbounded: 0, seconds: [] }));
    g.count++;
    if (t.seconds === undefined) g.unbounded++;
    else g.seconds.push(t.seconds);
  });
  for (const g of groups.values()) g.seconds.sort((a, b) => a - b);

  // Of each class, the first copy of its last member after every member that differs from it.
  const lastOther = new Map<string, number>();
  tolerations.forEach((t, i) => {
    const c = classKeys[i];
    if (t.identity !== tolerations[last.get(c)!].identity) lastOther.set(c, i);
  });
  const keeper = new Map<string, number>();
  tolerations.forEach((t, i) => {
    const c = classKeys[i];
    if (keeper.has(c) || i <= (lastOther.get(c) ?? -1) || t.identity !== tolerations[last.get(c)!].identity) return;
    keeper.set(c, i);
  });

  const out: PlainObject[] = [];
  tolerations.forEach((t, i) => {
    if (keeper.get(classKeys[i]) !== i) return;
    let supersets = 0;
    for (let pass = 0; pass < (t.effect === '' ? 1 : 2); pass++) {
      const e = pass === 0 ? '' : t.effect;
      supersets += covering(groups.get(groupKey('exists', t.key, '', e)), e, t);
      // An empty key with Exists matches every key.
      if (t.key !== '') supersets += covering(groups.get(groupKey('exists', '', '', e)), e, t);
      // Equal (or empty) operators cover only tolerations that say Equal with the same value.
      if (t.operator === 'Equal') supersets += covering(groups.get(groupKey('equal', t.key, t.value, e)), e, t);
    }
    // The class itself was counted when its members cover each other under the rules above.
    if (t.operator === 'Exists' || t.operator === 'Equal') supersets -= size.get(classKeys[i])!;
    if (supersets === 0) out.push(all[i]);
  });
  return out;
}
