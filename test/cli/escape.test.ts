/**
 * The CLI's human-readable outputs show hostile strings escaped: ESC ]0;title BEL, ESC [2J,
 * OSC 8 links, U+202E and NUL in Node and Pod names, namespaces, labels, taints, notes,
 * warnings and diagnostic messages never reach the terminal raw. JSON keeps them as they are.
 * (File names in notes and in check's report: test/cli/input.test.ts.)
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISPLAY_ATTACK, DISPLAY_ATTACK_SHOWN, HIDDEN_CHAR, displayAttackManifests } from '../helpers/hostile';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const A = DISPLAY_ATTACK;
const SHOWN = DISPLAY_ATTACK_SHOWN;

const { nodes: NODES, pods: PODS } = displayAttackManifests();

describe('escaped text outputs', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-escape-'));
    writeFileSync(join(dir, 'nodes.yaml'), NODES);
    writeFileSync(join(dir, 'pods.yaml'), PODS);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('schedule text: names, namespaces, labels, taints, messages, notes and warnings', () => {
    // As written: the API server would refuse these names, and the placed lines are under test.
    const r = run(['schedule', '--as-written', '.'], dir);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, HIDDEN_CHAR, JSON.stringify(r.out));
    for (const shown of [
      `node${SHOWN}  zone zone${SHOWN}  [taint key${SHOWN}=value${SHOWN}:NoSchedule]`,
      `  ns${SHOWN}/pod${SHOWN}  scheduled`,
      `Unschedulable (1):\n  default/stuck${SHOWN}\n    0/1 nodes are available: 1 node(s) had untolerated taint(s).`,
      `Node "node${SHOWN}" is declared more than once`,
      `ns${SHOWN}/pod${SHOWN}: PriorityClass "prio${SHOWN}" is not declared`,
    ]) {
      assert.ok(r.out.includes(shown), `missing ${JSON.stringify(shown)} in\n${r.out}`);
    }
  });

  it('schedule JSON keeps the strings as they are', () => {
    const r = run(['schedule', '--format', 'json', '--as-written', '.'], dir);
    const report = JSON.parse(r.out) as { nodes: Array<{ name: string; labels: Record<string, string> }>; pods: Array<{ name: string }> };
    assert.equal(report.nodes[0].name, `node${A}`);
    assert.equal(report.nodes[0].labels['topology.kubernetes.io/zone'], `zone${A}`);
    assert.ok(report.pods.some((p) => p.name === `ns${A}/pod${A}`));
  });

  it('check text: messages quoting the strings, one line each', () => {
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.out, HIDDEN_CHAR, JSON.stringify(r.out));
    assert.match(r.out, /^pods\.yaml:\d+:\d+: error \[unknown-field\] unknown field "spec\.containers\[0\]\.field\\x1b\]0;pwned\\x07\\x1b\[2J.*\\u202e\\x00"$/m);
    // Every line is a finding or the summary: no line was broken by a value.
    for (const line of r.out.trim().split('\n')) assert.match(line, /^(nodes|pods)\.yaml:\d+:\d+: |^\d+ errors?, /, line);
  });

  it('bad usage quoting the argument is escaped too', () => {
    // (An argument cannot hold NUL.)
    const r = run(['check', `--format=${A.replace('\x00', '')}`, '.'], dir);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.err.trimEnd(), HIDDEN_CHAR);
    assert.ok(r.err.includes(SHOWN.replace('\\x00', '')), r.err);
  });
});
