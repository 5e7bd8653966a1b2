import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVERYTHING, labelSelector, matchNodeSelector, matches, NOTHING, nodeSelector, parseInt64 } from '../../../server/src/service/scheduler/labels';

test('a nil label selector matches nothing, an empty one everything', () => {
  assert.equal(labelSelector(undefined), NOTHING);
  assert.equal(labelSelector(null), NOTHING);
  assert.equal(labelSelector({}), EVERYTHING);
  assert.equal(matches(labelSelector({}), {}), true);
  assert.equal(matches(labelSelector(null), { a: 'b' }), false);
});

test('matchLabels and matchExpressions are ANDed; NotIn and DoesNotExist match a missing label', () => {
  const sel = labelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });
  assert.equal(matches(sel, { app: 'web' }), true);
  assert.equal(matches(sel, { app: 'web', tier: 'db' }), false);
  assert.equal(matches(sel, { app: 'api' }), false);
  assert.equal(matches(labelSelector({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }), {}), true);
});

test('invalid label selector requirements match nothing (upstream parse errors)', () => {
  assert.equal(labelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), NOTHING);
  assert.equal(labelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }), NOTHING);
  assert.equal(labelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }), NOTHING);
});

test('equal selectors share a signature whatever the order', () => {
  const a = labelSelector({ matchLabels: { a: '1', b: '2' } });
  const b = labelSelector({ matchExpressions: [{ key: 'b', operator: 'In', values: ['2'] }], matchLabels: { a: '1' } });
  assert.equal(a.sig, b.sig);
});

test('parseInt64 is strconv.ParseInt(s, 10, 64)', () => {
  assert.equal(parseInt64('42'), 42n);
  assert.equal(parseInt64('+7'), 7n);
  assert.equal(parseInt64('-7'), -7n);
  assert.equal(parseInt64('9223372036854775807'), 9223372036854775807n);
  assert.equal(parseInt64('9223372036854775808'), undefined);
  for (const bad of ['1.5', '0x10', '', ' 1', '1e3']) assert.equal(parseInt64(bad), undefined, bad);
});

test('node selector terms: ORed terms, ANDed requirements, Gt/Lt strict, matchFields metadata.name', () => {
  const node = { name: 'n1', labels: { gen: '5', zone: 'a' } };
  const ns = (terms: unknown[]) => nodeSelector({ nodeSelectorTerms: terms });
  assert.equal(matchNodeSelector(ns([{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }, { key: 'gen', operator: 'Lt', values: ['6'] }] }]), node), true);
  assert.equal(matchNodeSelector(ns([{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['5'] }] }]), node), false);
  assert.equal(matchNodeSelector(ns([{ matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['1'] }] }]), node), false, 'unparsable label never matches Gt');
  assert.equal(matchNodeSelector(ns([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }]), node), true);
  assert.equal(matchNodeSelector(ns([{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }]), node), false);
  assert.equal(matchNodeSelector(ns([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1', 'n2'] }] }]), node), false, 'matchFields needs exactly one value');
  assert.equal(matchNodeSelector(ns([{}]), node), false, 'empty terms are dropped; no term matches nothing');
  assert.equal(matchNodeSelector(ns([]), node), false);
  assert.equal(matchNodeSelector(ns([{ matchExpressions: [{ key: 'zone', operator: 'Bogus' }] }, { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]), node), true, 'an invalid term fails alone');
});

test('a requirement whose key or value labels.NewRequirement rejects makes its term or selector match nothing', () => {
  const node = { name: 'n1', labels: { zone: 'a b', 'x/y/z': 'v', ok: 'v' } };
  const ns = (terms: unknown[]) => nodeSelector({ nodeSelectorTerms: terms });
  // Values that are not label values never match, even a Node label written the same way.
  assert.equal(matchNodeSelector(ns([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a b'] }] }]), node), false);
  assert.equal(matchNodeSelector(ns([{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['-bad'] }] }]), node), false, 'NotIn would match; the parse error wins');
  assert.equal(matchNodeSelector(ns([{ matchExpressions: [{ key: 'x/y/z', operator: 'Exists' }] }]), node), false, 'a key that is not a qualified name');
  // The term fails alone: another term still matches.
  assert.equal(matchNodeSelector(ns([{ matchExpressions: [{ key: 'x/y/z', operator: 'Exists' }] }, { matchExpressions: [{ key: 'ok', operator: 'In', values: ['v'] }] }]), node), true);
  // Label selectors (affinity, spread): matchLabels go through the same parse.
  assert.equal(labelSelector({ matchLabels: { app: 'has space' } }), NOTHING);
  assert.equal(labelSelector({ matchLabels: { 'bad key!': 'v' } }), NOTHING);
  assert.equal(matches(labelSelector({ matchLabels: { app: 'web' } }), { app: 'web' }), true);
});
