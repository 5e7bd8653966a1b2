import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, pod, validate } from '../helpers/engine';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service';

const BROKEN = pod('  containers:\n  - name: app\n    image: nginx\n    foo: bar\n');

test('rules can be re-levelled and turned off', () => {
  const warn = validate(BROKEN, { ...DEFAULT_SETTINGS, rules: { 'unknown-field': 'warning' } });
  assert.equal(warn.find((d) => d.code === 'unknown-field')?.severity, 2);
  const off = validate(BROKEN, { ...DEFAULT_SETTINGS, rules: { 'unknown-field': 'off' } });
  assert.equal(off.find((d) => d.code === 'unknown-field'), undefined);
  assert.deepEqual(validate(BROKEN, { ...DEFAULT_SETTINGS, validate: { ...DEFAULT_SETTINGS.validate, enable: false } }), []);
});

test('podsight-disable-next-line silences the next line only', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: nginx\n    # podsight-disable-next-line unknown-field\n    foo: bar\n    bar: baz\n');
  const fields = validate(yaml).filter((d) => d.code === 'unknown-field').map((d) => dataOf(d).field);
  assert.deepEqual(fields, ['spec.containers[0].bar']);
  const other = pod('  containers:\n  - name: app\n    image: nginx\n    # podsight-disable-next-line invalid-type\n    foo: bar\n');
  assert.equal(validate(other).filter((d) => d.code === 'unknown-field').length, 1, 'another rule id does not silence');
});

test('the podsight.io/ignore annotation silences rules for the object', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: nginx\n    foo: bar\n', '  annotations:\n    podsight.io/ignore: "unknown-field, invalid-type"\n');
  assert.equal(validate(yaml).filter((d) => d.code === 'unknown-field').length, 0);
});

test('diagnostics link to the rule documentation', () => {
  const d = validate(BROKEN).find((x) => x.code === 'unknown-field')!;
  assert.equal(d.codeDescription?.href, 'https://example.test/rules.md#unknown-field');
  assert.equal(d.source, 'podsight');
});

test('settings from untrusted JSON keep what is valid and name what they drop', () => {
  const { settings, problems } = normalizeSettings({ rules: { a: 'warning', b: 'loud' }, validate: { enable: 'no', debounceMs: -3 }, workspace: { isWholeCluster: 'yes' } });
  assert.deepEqual(settings.rules, { a: 'warning' });
  assert.equal(settings.validate.enable, true);
  assert.equal(settings.validate.debounceMs, DEFAULT_SETTINGS.validate.debounceMs);
  assert.equal(settings.workspace.isWholeCluster, false);
  assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), ['rules.b', 'validate.debounceMs', 'validate.enable', 'workspace.isWholeCluster']);
});

test('one normaliser for every setting, nested or dotted as VS Code hands them', () => {
  const { settings, problems } = normalizeSettings({ 'validate.debounceMs': 40, 'inlayHints.ports': false, 'inlayHints.nodes': false, codeLens: { enable: false }, workspace: { isWholeCluster: true }, maxFileSize: 1024 });
  assert.deepEqual(problems, []);
  assert.equal(settings.validate.debounceMs, 40);
  assert.deepEqual(settings.inlayHints, { ports: false, volumes: true, nodes: false });
  assert.equal(settings.codeLens.enable, false);
  assert.equal(settings.workspace.isWholeCluster, true);
  assert.equal(settings.maxFileSize, 1024);
});
