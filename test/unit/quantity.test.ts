import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareQuantities, milliValue, parseQuantity, quantityFromNumber, QUANTITY_FORMAT_MESSAGE, QUANTITY_SUFFIX_MESSAGE, type Quantity } from '../../server/src/service/util/quantity';

function q(s: string): Quantity {
  const r = parseQuantity(s);
  assert.ok(r.ok, `${s} should parse`);
  return r.q;
}

test('accepts the upstream grammar', () => {
  for (const s of ['1', '0.5', '.5', '5.', '+1', '-1', '1.G', '100m', '1Ki', '1E', '1e3', '1E-3', ' 2Gi ', '1n', '1u']) assert.ok(parseQuantity(s).ok, s);
});

test('rejects with the upstream messages', () => {
  for (const s of ['', 'abc', '1 Gi', '1.5.5', '.', 'e', '1KB', '1GB', '1KI']) assert.deepEqual(parseQuantity(s), { ok: false, message: QUANTITY_FORMAT_MESSAGE }, s);
  for (const s of ['1K', '1ki', '1e', '1Mi3', '1mi']) assert.deepEqual(parseQuantity(s), { ok: false, message: QUANTITY_SUFFIX_MESSAGE }, s);
});

test('values compare exactly', () => {
  assert.equal(compareQuantities(q('1k'), q('1Ki')), -1);
  assert.equal(compareQuantities(q('1e3'), q('1k')), 0);
  assert.equal(compareQuantities(q('1E3'), q('1000')), 0);
  assert.equal(compareQuantities(q('1E'), q('1e18')), 0);
  assert.equal(compareQuantities(q('1Gi'), q('1G')), 1);
  assert.equal(milliValue(q('250m')), 250n);
  assert.equal(milliValue(q('1.0009')), 1001n); // rounded up to milli precision
  assert.equal(milliValue(q('1.0001')), 1001n);
  assert.equal(milliValue(q('0.0001')), 1n);
  assert.equal(milliValue(q('2Ki')), 2048000n);
});

test('JSON numbers parse through their decimal text', () => {
  const r = quantityFromNumber(0.5);
  assert.ok(r.ok && milliValue(r.q) === 500n);
  const big = quantityFromNumber(1000);
  assert.ok(big.ok && milliValue(big.q) === 1000000n);
});
