/**
 * The injection grammar, tokenized by the same TextMate engine VS Code uses, injected into a
 * stand-in `source.yaml` grammar (VS Code's own YAML grammar is not a package).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';

const root = join(__dirname, '..', '..');
let grammar: IGrammar;

async function load(): Promise<IGrammar> {
  if (grammar) return grammar;
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const injection = readFileSync(join(root, 'syntaxes', 'kubernetes.injection.tmLanguage.json'), 'utf8');
  const yamlStandIn = JSON.stringify({ scopeName: 'source.yaml', patterns: [{ match: '#.*$', name: 'comment.line.number-sign.yaml' }] });
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) =>
      scope === 'source.yaml' ? parseRawGrammar(yamlStandIn, 'yaml.json') : scope === 'podsight.kubernetes.injection' ? parseRawGrammar(injection, 'inj.json') : null,
    getInjections: (scope) => (scope === 'source.yaml' ? ['podsight.kubernetes.injection'] : undefined),
  });
  const g = await registry.loadGrammar('source.yaml');
  assert.ok(g);
  grammar = g;
  return g;
}

async function scopesOf(line: string): Promise<Array<[string, string]>> {
  const g = await load();
  const r = g.tokenizeLine(line, INITIAL);
  return r.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]] as [string, string]);
}

function scopeOf(tokens: Array<[string, string]>, text: string): string | undefined {
  return tokens.find(([t]) => t === text)?.[1];
}

test('kind values of Kubernetes kinds', async () => {
  const t = await scopesOf('kind: Deployment');
  assert.equal(scopeOf(t, 'Deployment'), 'entity.name.type.kind.kubernetes');
  assert.equal(scopeOf(await scopesOf('kind: Frobnicator'), 'Frobnicator'), undefined);
});

test('apiVersion group and version', async () => {
  const t = await scopesOf('apiVersion: apps/v1');
  assert.equal(scopeOf(t, 'apps'), 'entity.name.namespace.api-group.kubernetes');
  assert.equal(scopeOf(t, 'v1'), 'support.type.api-version.kubernetes');
  assert.equal(scopeOf(await scopesOf('apiVersion: "v1beta2"'), 'v1beta2'), 'support.type.api-version.kubernetes');
});

test('resource quantities: number and unit', async () => {
  const t = await scopesOf('        memory: 512Mi');
  assert.equal(scopeOf(t, '512'), 'constant.numeric.quantity.kubernetes');
  assert.equal(scopeOf(t, 'Mi'), 'keyword.other.unit.quantity.kubernetes');
  const gpu = await scopesOf('    nvidia.com/gpu: "2"');
  assert.equal(scopeOf(gpu, '2'), 'constant.numeric.quantity.kubernetes');
  const cpu = await scopesOf('  cpu: 250m  # a quarter core');
  assert.equal(scopeOf(cpu, 'm'), 'keyword.other.unit.quantity.kubernetes');
  assert.equal(scopeOf(await scopesOf('  memory: lots'), 'lots'), undefined, 'not a quantity');
  assert.equal(scopeOf(await scopesOf('  image: nginx:512Mi'), '512'), undefined, 'only quantity keys');
});
