/**
 * `check --format sarif` as GitHub code scanning reads it: valid against the SARIF 2.1.0 JSON
 * schema (the OASIS schema, draft-04, shipped in @microsoft/jest-sarif, checked with ajv-draft-04), and carrying
 * what GitHub uses: rules with fullDescription and help (text and Markdown), hosted helpUri /
 * informationUri with the rule's anchor, artifact locations relative to %SRCROOT% (declared in
 * originalUriBaseIds), partialFingerprints that survive lines moving, and related locations.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const RULES_MD = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a SARIF log, checked by the schema
function sarif(cwd: string, ...args: string[]): any {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', ...args], { cwd, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout);
}

const POD = (extra: string) =>
  ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '  namespace: shop', 'spec:', '  containers:', '  - name: app', '    image: nginx', '    foo: bar', '  - name: app', '    image: nginx:1.27', extra, ''].join('\n');

describe('SARIF for GitHub code scanning', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsight-sarif-'));
    writeFileSync(join(dir, 'pod.yaml'), POD(''));
    // The same objects, moved down by comment lines: the fingerprints must not change.
    writeFileSync(join(dir, 'moved.yaml'), `# a\n# b\n# c\n${POD('')}`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's language pattern is not valid with the u flag;
    const validate = ajv.compile(SCHEMA);
    const log = sarif(dir, 'pod.yaml');
    assert.ok(log.runs[0].results.length >= 3, 'findings to validate');
    const broken = structuredClone(log);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    // The check can fail: a result without its required message is refused.
    delete broken.runs[0].results[0].message;
    assert.equal(validate(broken), false);
  });

  it('describes each rule with fullDescription, help text and Markdown, and a hosted helpUri at the rule', () => {
    const log = sarif(dir, 'pod.yaml');
    const driver = log.runs[0].tool.driver;
    const repo = PKG.repository.url.replace(/\.git$/, '');
    assert.equal(driver.informationUri, `${repo}/blob/main/docs/rules.md`);
    assert.ok(driver.rules.length >= 3);
    for (const rule of driver.rules) {
      assert.ok(rule.fullDescription.text.length > rule.shortDescription.text.length - 1, rule.id);
      assert.ok(rule.help.text.includes(rule.shortDescription.text), rule.id);
      assert.match(rule.help.markdown, new RegExp(`\\[Documentation of \`${rule.id}\`\\]\\(https://`), rule.id);
      assert.equal(rule.helpUri, `${repo}/blob/main/docs/rules.md#${rule.id}`);
      assert.doesNotMatch(JSON.stringify(rule), /file:\/\//, 'no path of this machine in a rule');
      // The anchor exists: docs/rules.md has the heading GitHub turns into #rule-id.
      assert.match(RULES_MD, new RegExp(`^## ${rule.id}$`, 'm'), rule.id);
    }
    const ids = new Set(driver.rules.map((r: { id: string }) => r.id));
    for (const id of ['unknown-field', 'image-latest-tag']) assert.ok(ids.has(id), id);
  });

  it('locates artifacts relative to %SRCROOT%, declared in originalUriBaseIds', () => {
    const log = sarif(dir, 'pod.yaml');
    assert.deepEqual(log.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
    for (const r of log.runs[0].results) assert.deepEqual(r.locations[0].physicalLocation.artifactLocation, { uri: 'pod.yaml', uriBaseId: '%SRCROOT%' });
  });

  it('gives partialFingerprints that stay when lines move and differ between findings', () => {
    const at = sarif(dir, 'pod.yaml').runs[0].results;
    const moved = sarif(dir, 'moved.yaml').runs[0].results;
    assert.equal(at.length, moved.length);
    const prints = (rs: Array<{ partialFingerprints: Record<string, string> }>) => rs.map((r) => r.partialFingerprints['podsightFinding/v1']);
    assert.equal(new Set(prints(at)).size, at.length, 'one fingerprint per finding');
    assert.notEqual(at[0].locations[0].physicalLocation.region.startLine, moved[0].locations[0].physicalLocation.region.startLine);
    // Same file name in both runs, so the fingerprints are comparable: copy moved.yaml over pod.yaml.
    const other = mkdtempSync(join(tmpdir(), 'podsight-sarif-moved-'));
    try {
      writeFileSync(join(other, 'pod.yaml'), readFileSync(join(dir, 'moved.yaml')));
      assert.deepEqual(prints(sarif(other, 'pod.yaml').runs[0].results), prints(at));
      // Another object (a different name): other fingerprints.
      writeFileSync(join(other, 'pod.yaml'), POD('').replace('name: web', 'name: api'));
      const renamed = prints(sarif(other, 'pod.yaml').runs[0].results);
      assert.equal(renamed.filter((p) => prints(at).includes(p)).length, 0);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('keeps related locations (the other half of a duplicate)', () => {
    const dup = sarif(dir, 'pod.yaml').runs[0].results.find((r: { message: { text: string } }) => /Duplicate value/.test(r.message.text));
    assert.ok(dup, 'a Duplicate finding');
    assert.equal(dup.relatedLocations.length, 1);
    assert.deepEqual(dup.relatedLocations[0].physicalLocation.artifactLocation, { uri: 'pod.yaml', uriBaseId: '%SRCROOT%' });
    assert.equal(dup.relatedLocations[0].physicalLocation.region.startLine, 8);
  });

  it('takes another documentation base from --rules-doc-url', () => {
    const log = sarif(dir, '--rules-doc-url', 'https://docs.example.org/podsight/rules', 'pod.yaml');
    assert.equal(log.runs[0].tool.driver.rules[0].helpUri, `https://docs.example.org/podsight/rules#${log.runs[0].tool.driver.rules[0].id}`);
  });
});
