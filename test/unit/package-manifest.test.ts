/**
 * What package.json promises, checked against the repository: the walkthrough's commands and
 * media exist and ship in the .vsix; the configuration file's schema is contributed to the
 * editor (YAML and JSON) and is the one the engine enforces; and every package in the lock file
 * accepts the oldest Node that `engines.node` admits (no EBADENGINE warning on `npm ci`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_SCHEMA } from '../../server/src/service';

// semver (npm's own range semantics) has no bundled types; the two functions used, typed here.
const semver = require('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: { version: string }, range: string, options?: { includePrerelease?: boolean }): boolean;
};

const ROOT = join(__dirname, '..', '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const LOCK = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
const IGNORE = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');

const shipped = (path: string) => IGNORE.includes(`!${path}`);

test('the walkthrough covers the preview, the lens, Preview as stored and the CLI, with media that ship', () => {
  const [walk] = PKG.contributes.walkthroughs;
  assert.deepEqual(
    walk.steps.map((s: { id: string }) => s.id),
    ['preview', 'lens', 'stored', 'cli'],
  );
  const commands = new Set(PKG.contributes.commands.map((c: { command: string }) => c.command));
  for (const step of walk.steps) {
    const media = step.media.image ?? step.media.markdown;
    assert.ok(existsSync(join(ROOT, media)), `${step.id}: ${media} exists`);
    assert.ok(shipped(media), `${step.id}: ${media} is whitelisted in .vscodeignore`);
    if (step.media.image) assert.ok(step.media.altText, `${step.id}: alt text`);
    for (const m of step.description.matchAll(/\(command:(podsight\.[\w.]+)\)/g)) assert.ok(commands.has(m[1]), `${step.id}: ${m[1]} is a contributed command`);
  }
});

test('the configuration file schema is contributed for .podsight.yaml/.yml and .podsight.json, and ships', () => {
  const yaml = PKG.contributes.yamlValidation[0];
  assert.deepEqual(yaml.fileMatch, ['.podsight.yaml', '.podsight.yml']);
  assert.equal(PKG.contributes.jsonValidation[0].fileMatch, '.podsight.json');
  assert.equal(PKG.contributes.jsonValidation[0].url, yaml.url);
  const built = join(ROOT, yaml.url);
  assert.ok(shipped(yaml.url.replace(/^\.\//, '')), 'whitelisted in .vscodeignore');
  assert.deepEqual(JSON.parse(readFileSync(built, 'utf8')), CONFIG_SCHEMA, 'the built copy is the schema the engine enforces (npm run build)');
  // The editor setting that a configuration file may decide is unset by default.
  assert.equal(PKG.contributes.configuration.properties['podsight.workspace.isWholeCluster'].default, null);
});

test('every locked package accepts the oldest Node of engines.node (no EBADENGINE on npm ci)', () => {
  const oldest = semver.minVersion(PKG.engines.node);
  assert.ok(oldest, PKG.engines.node);
  const refused: string[] = [];
  for (const [path, entry] of Object.entries(LOCK.packages as Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>)) {
    const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
    if (!path || !range) continue;
    if (!semver.satisfies(oldest, range, { includePrerelease: true })) refused.push(`${path}@${entry.version}: node ${range}`);
  }
  assert.deepEqual(refused, [], `Node ${oldest.version} is refused by`);
});
