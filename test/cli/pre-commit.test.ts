/**
 * The pre-commit hook (.pre-commit-hooks.yaml) run by Debian's `pre-commit` against a scratch git
 * repository. The hook is taken from our file as is (id, entry, language, files …) into a
 * `repo: local` configuration, so no network is needed; `podsight` on PATH is the built CLI, as
 * the npm package installs it. Skipped, with the reason, where pre-commit is not installed (CI
 * installs it: .ci/run).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

const GOOD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: good\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';
const BAD = GOOD.replace('name: good', 'name: bad').replace('image: nginx:1.27', 'image: nginx:1.27\n    foo: bar');

describe('pre-commit hook', { skip: hasPreCommit ? false : 'pre-commit is not installed (apt-get install pre-commit; .ci/run installs it)' }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
  };
  const preCommit = (...files: string[]) => spawnSync('pre-commit', ['run', '--color', 'never', '--files', ...files], { cwd: dir, encoding: 'utf8', env });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-pre-commit-'));
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'podsight'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'podsight'), 0o755);
    env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, PRE_COMMIT_HOME: join(dir, '.cache'), GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    const hook = hooks.find((h) => h.id === 'podsight');
    assert.ok(hook, 'the podsight hook is declared');
    writeFileSync(join(dir, '.pre-commit-config.yaml'), JSON.stringify({ repos: [{ repo: 'local', hooks: [hook] }] }, null, 2));
    writeFileSync(join(dir, '.podsight.yaml'), 'exclude: [vendor]\n');
    mkdirSync(join(dir, 'vendor'));
    writeFileSync(join(dir, 'good.yaml'), GOOD);
    writeFileSync(join(dir, 'bad.yml'), BAD);
    writeFileSync(join(dir, 'vendor', 'bad.yaml'), BAD);
    writeFileSync(join(dir, 'notes.txt'), BAD);
    git('init', '-q');
    git('config', 'user.email', 'test@example.org');
    git('config', 'user.name', 'test');
    git('add', '-A');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes clean manifests, and files that are not YAML are not given to it', () => {
    const r = preCommit('good.yaml', 'notes.txt', 'vendor/bad.yaml');
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /^podsight\.+Passed$/m);
  });

  it('fails on a manifest the API server would reject, and says why', () => {
    const r = preCommit('good.yaml', 'bad.yml');
    assert.equal(r.status, 1, `${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /^podsight\.+Failed$/m);
    assert.match(r.stdout, /bad\.yml:9:5: error \[unknown-field\] unknown field "spec\.containers\[0\]\.foo"/);
  });
});
