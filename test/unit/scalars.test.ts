import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePlain, yaml12Difference } from '../../server/src/service/parse/scalars';

test('YAML 1.1 booleans as the API server reads them', () => {
  for (const t of ['yes', 'Yes', 'on', 'ON', 'y', 'true']) assert.deepEqual(resolvePlain(t), { type: 'bool', value: true }, t);
  for (const t of ['no', 'off', 'N', 'False']) assert.deepEqual(resolvePlain(t), { type: 'bool', value: false }, t);
  assert.equal(resolvePlain('yess').type, 'string');
});

test('octal, hex, binary, underscores and floats follow go-yaml v2', () => {
  assert.deepEqual(resolvePlain('0644'), { type: 'int', value: 420 });
  assert.deepEqual(resolvePlain('0x1F'), { type: 'int', value: 31 });
  assert.deepEqual(resolvePlain('0b101'), { type: 'int', value: 5 });
  assert.deepEqual(resolvePlain('1_000'), { type: 'int', value: 1000 });
  assert.deepEqual(resolvePlain('-12'), { type: 'int', value: -12 });
  assert.deepEqual(resolvePlain('1e3'), { type: 'float', value: 1000 });
  assert.deepEqual(resolvePlain('0.5'), { type: 'float', value: 0.5 });
  assert.equal(resolvePlain('0899').type, 'float'); // not octal, but a valid float text
  assert.equal(resolvePlain('1.2.3').type, 'string');
  assert.equal(resolvePlain('500Mi').type, 'string');
  assert.equal(resolvePlain('2001-12-14').type, 'string'); // timestamps stay strings
  assert.equal(resolvePlain('~').type, 'null');
  assert.equal(resolvePlain('').type, 'null');
});

test('notes where YAML 1.2 would read a value differently', () => {
  assert.match(yaml12Difference('0644', resolvePlain('0644')) ?? '', /octal \(420 in decimal\), not 644/);
  assert.match(yaml12Difference('yes', resolvePlain('yes')) ?? '', /boolean true/);
  assert.equal(yaml12Difference('true', resolvePlain('true')), undefined);
  assert.equal(yaml12Difference('420', resolvePlain('420')), undefined);
});
