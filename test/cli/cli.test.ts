import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const EXAMPLES = join(__dirname, '..', '..', 'examples');

function run(args: string[], input?: string, cwd?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const VALID = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    foo: bar\n';

describe('podsight check', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-cli-'));
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'ok.yaml'), VALID);
    writeFileSync(join(dir, 'nested', 'deeper', 'bad.yml'), BROKEN);
    writeFileSync(join(dir, 'nested', 'notes.txt'), BROKEN);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ rules: { 'unknown-field': 'warning' } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the findings of a file in reading order, in every format', () => {
    // Findings of different stages (strict decoding, then rules on later and earlier lines).
    const text = [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: order', 'spec:', '  containers:', '  - name: app',
      '    image: nginx:1.27', '    foo: bar', '    ports:', '    - containerPort: "80"', '    volumeMounts:',
      '    - name: data', '      mountPath: /data', '    resources:', '      limits:', '        memory: 512Mi',
      '      requests:', '        memory: 1Gi', '  restartPolicy: Sometimes', '',
    ].join('\n');
    const starts = (ds: Array<{ range: { start: { line: number; character: number } } }>) => ds.map((d) => [d.range.start.line, d.range.start.character]);
    const sorted = (xs: number[][]) => xs.every((x, i) => i === 0 || xs[i - 1][0] < x[0] || (xs[i - 1][0] === x[0] && xs[i - 1][1] <= x[1]));
    const json = JSON.parse(run(['check', '--format', 'json', '-'], text).out);
    const js = starts(json.files[0].diagnostics);
    assert.ok(js.length >= 5, JSON.stringify(js));
    assert.ok(sorted(js), `JSON out of order: ${JSON.stringify(js)}`);
    const sarif = JSON.parse(run(['check', '--format', 'sarif', '-'], text).out);
    const ss = sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }) => [r.locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startColumn]);
    assert.ok(sorted(ss), `SARIF out of order: ${JSON.stringify(ss)}`);
    const ts = run(['check', '-'], text).out.split('\n').filter((l) => /^<stdin>:\d+:\d+:/.test(l)).map((l) => l.split(':').slice(1, 3).map(Number));
    assert.equal(ts.length, js.length);
    assert.ok(sorted(ts), `text out of order: ${JSON.stringify(ts)}`);
  });

  it('exits 0 on a clean file', () => {
    const r = run(['check', join(dir, 'ok.yaml')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /0 errors/);
  });

  it('reports the JSON contract with field and errorType, exit 1', () => {
    const r = run(['check', '--format', 'json', 'nested/deeper/bad.yml'], undefined, dir);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out);
    assert.equal(report.version, 1);
    assert.equal(report.files[0].file, 'nested/deeper/bad.yml');
    assert.deepEqual(report.files[0].diagnostics, [
      {
        severity: 'error',
        code: 'unknown-field',
        message: 'unknown field "spec.containers[0].foo"',
        field: 'spec.containers[0].foo',
        errorType: 'UnknownField',
        range: { start: { line: 8, character: 4 }, end: { line: 8, character: 7 } },
      },
    ]);
  });

  it('recurses into directories for *.yaml and *.yml only', () => {
    const r = run(['check', '--format=json', dir]);
    const files = JSON.parse(r.out).files.map((f: { file: string }) => f.file.replace(/\\/g, '/'));
    assert.equal(files.length, 2);
    assert.ok(files[0].endsWith('nested/deeper/bad.yml'));
    assert.ok(files[1].endsWith('ok.yaml'));
    assert.equal(r.code, 1);
  });

  it('reads stdin with -', () => {
    const r = run(['check', '-'], BROKEN);
    assert.equal(r.code, 1);
    assert.match(r.out, /^<stdin>:9:5: error \[unknown-field\] unknown field "spec\.containers\[0\]\.foo"$/m);
  });

  it('writes SARIF 2.1.0 for code scanning', () => {
    const r = run(['check', '--format', 'sarif', 'nested/deeper/bad.yml'], undefined, dir);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'podsight');
    assert.equal(run0.tool.driver.rules[run0.results[0].ruleIndex].id, 'unknown-field');
    assert.deepEqual(run0.results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: 'nested/deeper/bad.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 5, endLine: 9, endColumn: 8 },
    });
    assert.equal(run0.results[0].level, 'error');
  });

  it('takes rule levels from --config', () => {
    const r = run(['check', '--config', join(dir, 'config.json'), join(dir, 'nested')]);
    assert.equal(r.code, 0, 'a warning is not an error');
    assert.match(r.out, /warning \[unknown-field\]/);
  });

  it('bad usage and unreadable input exit 2 with one line, no stack trace', () => {
    for (const args of [[], ['frobnicate'], ['check'], ['check', '--format', 'xml', 'x'], ['check', '--nope', 'x'], ['check', join(dir, 'missing.yaml')], ['check', '--fail-on', 'info', 'x'], ['check', '--max-warnings', '-1', 'x'], ['check', '--exclude', '{a', 'x']]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
      const lines = r.err.trim().split('\n');
      assert.equal(lines.length, 1, r.err);
      assert.match(lines[0], /^podsight: /);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
  });

  it('an invalid --config file: exit 2, one line per problem at its position, no stack trace', () => {
    const r = run(['check', '--config', join(dir, 'ok.yaml'), dir]);
    assert.equal(r.code, 2, r.out);
    const lines = r.err.trim().split('\n');
    assert.equal(lines[0], 'podsight: invalid configuration:');
    assert.match(lines[1], /^podsight: .*ok\.yaml:1:1: error apiVersion: unknown setting/);
    assert.match(lines[4], /^podsight: .*ok\.yaml:5:1: error spec: unknown setting/);
    assert.doesNotMatch(r.err, /\n\s+at /);
  });

  it('prints help and version', () => {
    assert.match(run(['--help']).out, /Usage: podsight check/);
    assert.match(run(['--version']).out, /^\d+\.\d+\.\d+\n$/);
  });

  it('reports the mistakes in examples/ and nothing else there', () => {
    const r = run(['check', '--format', 'json', EXAMPLES]);
    const report = JSON.parse(r.out) as { files: Array<{ file: string; diagnostics: Array<{ severity: string; field: string }> }> };
    for (const f of report.files) {
      const errors = f.diagnostics.filter((d) => d.severity === 'error');
      if (f.file.endsWith('mistakes.yaml')) assert.ok(errors.some((d) => d.field === 'spec.containers[0].foo'));
      else assert.deepEqual(errors, [], f.file);
    }
  });
});
