import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeTolerations } from '../../../../server/src/service/createPath/admission/tolerations';
import { growthRatio, plain } from './helpers';

type T = { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number };

// The upstream algorithm, pair by pair, as the reference.
function isSuperset(ss: T, t: T): boolean {
  const eq = (a: T, b: T) => (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '') && a.tolerationSeconds === b.tolerationSeconds;
  if (eq(t, ss)) return true;
  if ((t.key ?? '') !== (ss.key ?? '') && ((ss.key ?? '') !== '' || ss.operator !== 'Exists')) return false;
  if ((t.effect ?? '') !== (ss.effect ?? '') && (ss.effect ?? '') !== '') return false;
  if (ss.effect === 'NoExecute' && ss.tolerationSeconds !== undefined) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds > ss.tolerationSeconds) return false;
  }
  switch (ss.operator ?? '') {
    case 'Equal':
    case '':
      return t.operator === 'Equal' && (t.value ?? '') === (ss.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

function reference(first: T[], second: T[]): T[] {
  const all = [...first, ...second];
  const merged: T[] = [];
  next: for (let i = 0; i < all.length; i++) {
    const t = all[i];
    for (const m of merged) if (isSuperset(m, t)) continue next;
    for (const t2 of all.slice(i + 1)) {
      const equal = isSuperset(t2, t) && isSuperset(t, t2) && JSON.stringify(t) === JSON.stringify(t2);
      if (!equal && isSuperset(t2, t)) continue next;
    }
    merged.push(t);
  }
  return merged;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomToleration(rnd: () => number): T {
  const pick = <X>(xs: X[]) => xs[Math.floor(rnd() * xs.length)];
  const t: T = {};
  const key = pick(['', 'a', 'b']);
  if (key) t.key = key;
  const op = pick([undefined, 'Equal', 'Exists', 'Bogus']);
  if (op) t.operator = op;
  const value = pick([undefined, 'x', 'y']);
  if (value) t.value = value;
  const effect = pick([undefined, 'NoSchedule', 'NoExecute']);
  if (effect) t.effect = effect;
  const secs = pick([undefined, 0, 60, 300]);
  if (secs !== undefined) t.tolerationSeconds = secs;
  return t;
}

test('the grouped merge gives exactly what the pairwise upstream algorithm gives (random lists)', () => {
  const rnd = random(7);
  for (let round = 0; round < 5000; round++) {
    const first = Array.from({ length: Math.floor(rnd() * 8) }, () => randomToleration(rnd));
    const second = Array.from({ length: Math.floor(rnd() * 4) }, () => randomToleration(rnd));
    const got = mergeTolerations(first.map(plain), second.map(plain)).map((x) => JSON.parse(JSON.stringify(x)));
    assert.deepEqual(got, reference(first, second), JSON.stringify({ first, second }));
  }
});

test('upstream examples: a superset replaces what it covers, equal ones keep the first, NoExecute seconds matter', () => {
  const m = (a: T[], b: T[]) => mergeTolerations(a.map(plain), b.map(plain)).map((x) => JSON.parse(JSON.stringify(x)));
  assert.deepEqual(m([{ key: 'k', operator: 'Equal', value: 'v' }], [{ key: 'k', operator: 'Exists' }]), [{ key: 'k', operator: 'Exists' }]);
  assert.deepEqual(m([{ key: 'k', operator: 'Exists' }], [{ key: 'k', operator: 'Exists' }]), [{ key: 'k', operator: 'Exists' }]);
  assert.deepEqual(m([{ operator: 'Exists' }], [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }]), [{ operator: 'Exists' }]);
  // A shorter NoExecute window is covered by a longer one, not the other way round.
  assert.deepEqual(
    m([{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }], [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]),
    [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  );
  // Equal copies with an empty operator: the first stays (it covers nothing but its copies).
  assert.deepEqual(m([{ key: 'k', value: 'v' }], [{ key: 'k', value: 'v' }]), [{ key: 'k', value: 'v' }]);
});

test('growth stays near linear on hostile lists of one key (8x input, interleaved, best of seven)', () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => plain({ key: 'k', operator: 'Equal', value: `v${i % 997}`, effect: 'NoExecute', tolerationSeconds: i }));
  const inputs = { small: list(4000), large: list(32000) };
  const ratio = growthRatio((size) => void mergeTolerations(inputs[size], []));
  // Linear or n·log n gives about 8–10 (up to twice that on a busy machine: caches, GC);
  // pairwise comparison would give 64.
  assert.ok(ratio < 40, `32k/4k time ratio ${ratio.toFixed(1)}`);
});
