/**
 * The engine's reading of .podsight.yaml (config/configFile.ts) and its glob matcher
 * (config/glob.ts): what is kept, what is reported where, and patterns as documented.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, globMatches, mergeConfig, parseConfig, DEFAULT_SETTINGS, type Glob } from '../../server/src/service';

const glob = (p: string): Glob => {
  const g = compileGlob(p);
  assert.notEqual(typeof g, 'string', `${p}: ${String(g)}`);
  return g as Glob;
};

test('globs: * within a segment, ** across, names at any depth, folders cover what is below, braces and classes', () => {
  const cases: Array<[string, string, boolean]> = [
    ['vendor', 'vendor/a.yaml', true],
    ['vendor', 'apps/vendor/x/a.yaml', true],
    ['vendor', 'vendors/a.yaml', false],
    ['*.tmpl.yaml', 'deep/er/x.tmpl.yaml', true],
    ['apps/*.yaml', 'apps/a.yaml', true],
    ['apps/*.yaml', 'apps/b/a.yaml', false],
    ['apps/**/*.yaml', 'apps/a.yaml', true],
    ['apps/**/*.yaml', 'apps/b/c/a.yaml', true],
    ['/apps', 'x/apps/a.yaml', false],
    ['{dev,test}/*.yaml', 'test/a.yaml', true],
    ['{dev,test}/*.yaml', 'prod/a.yaml', false],
    ['pod-[0-9].yaml', 'pod-7.yaml', true],
    ['pod-[!0-9].yaml', 'pod-7.yaml', false],
    ['p?d.yaml', 'pod.yaml', true],
    ['*', '../outside.yaml', false],
  ];
  for (const [p, path, want] of cases) assert.equal(globMatches(glob(p), path), want, `${p} vs ${path}`);
  assert.match(String(compileGlob('{a')), /unclosed/);
  assert.match(String(compileGlob('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}')), /more than 64 alternatives/);
});

test('globs: a hostile pattern costs pattern × path, not an exponential backtrack', () => {
  const g = glob(`${'*a'.repeat(200)}b`);
  const path = 'a'.repeat(500);
  const t = process.hrtime.bigint();
  assert.equal(globMatches(g, path), false);
  assert.ok(Number(process.hrtime.bigint() - t) / 1e6 < 2000, 'bounded');
});

test('the configuration: the valid parts kept, the rest reported at its position', () => {
  const { config, problems } = parseConfig('rules:\n  unknown-field: warning\n  image-latest-tag: sometimes\nexclude:\n  - vendor\n  - 3\nworkspace: {isWholeCluster: true}\n');
  assert.deepEqual(config.rules, { 'unknown-field': 'warning' });
  assert.deepEqual(
    config.exclude.map((g) => g.source),
    ['vendor'],
  );
  assert.equal(config.workspace.isWholeCluster, true);
  assert.deepEqual(
    problems.map((p) => [p.range.start.line, p.range.start.character, p.message]),
    [
      [2, 20, 'rules.image-latest-tag: "sometimes" is not supported; supported: "error", "warning", "information", "hint", "off"'],
      [5, 4, 'exclude[1]: expected a string, got integer'],
    ],
  );
  assert.deepEqual(parseConfig('').problems, []);
  assert.match(parseConfig('- a\n- b\n').problems[0].message, /the file: expected a mapping, got a list/);
  assert.match(parseConfig('a: &x [1]\nb: *x\n').problems.map((p) => p.message).join('\n'), /unknown setting/);
});

test('merged under the editor settings: the editor wins per rule, and for the closed world only when it set it', () => {
  const { config } = parseConfig('rules:\n  unknown-field: off\n  image-latest-tag: error\nworkspace:\n  isWholeCluster: true\n');
  const editor = { ...DEFAULT_SETTINGS, rules: { 'unknown-field': 'warning' as const } };
  const merged = mergeConfig(editor, config, false);
  assert.deepEqual(merged.rules, { 'unknown-field': 'warning', 'image-latest-tag': 'error' });
  assert.equal(merged.workspace.isWholeCluster, true);
  assert.equal(mergeConfig(editor, config, true).workspace.isWholeCluster, false);
});
