/**
 * Property-based robustness of validation: random and mutated manifests never make the engine
 * throw, every diagnostic range lies inside the document, and the same input always gives the
 * same output (also when parsed incrementally from a previous version).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { service } from '../helpers/engine';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const seeds = readdirSync(EXAMPLES)
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => readFileSync(join(EXAMPLES, n), 'utf8'));

function check(text: string, previous?: ReturnType<typeof service.parse>): string {
  const file = service.parse('file:///fuzz.yaml', 2, text, previous);
  const ds = service.validate(file);
  // Lines as LSP counts them: LF, CRLF and a lone CR end a line.
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of ds) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line} outside ${lines.length} lines: ${String(d.message)}`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `character ${p.character} outside line ${p.line}`);
    }
  }
  service.hover(file, { line: Math.floor(lines.length / 2), character: 4 });
  return JSON.stringify(ds);
}

/** A mutation: replace a slice of a seed with fragments that stress parser and rules. */
const FRAGMENTS = ['', '\n', '\r', '\r\n', ': ', '- ', '---\n', '{', '}', '[', '"', "'", '&a ', '*a', '<<: *a\n', '  ', '\t', '0644', 'yes', '-1', '1e400', '9999999999', '\u0000', '\uFFFD', '{{ x }}', 'name:', 'containers:', 'ports:\n- containerPort: 80\n', 'volumes: 3', '? x\n'];

const mutated = fc
  .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40), fc.constantFrom(...FRAGMENTS)), { minLength: 1, maxLength: 6 }))
  .map(([seed, muts]) => {
    let t = seed;
    for (const [pos, len, frag] of muts) {
      const at = Math.floor(pos * t.length);
      t = t.slice(0, at) + frag + t.slice(at + len);
    }
    return t;
  });

test('mutated manifests: no throw, ranges inside, deterministic', () => {
  fc.assert(
    fc.property(mutated, (text) => {
      const a = check(text);
      assert.equal(check(text), a);
    }),
    { numRuns: 300, seed: 20261128 },
  );
});

test('random text: no throw, ranges inside', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
      check(`apiVersion: v1\nkind: Pod\n${text}`);
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('edit sequences: incremental parses give the same diagnostics as fresh ones', () => {
  fc.assert(
    fc.property(mutated, fc.constantFrom(...seeds), (text, before) => {
      const prev = service.parse('file:///fuzz.yaml', 1, `${before}---\n${text}`);
      service.validate(prev);
      const next = `${before}---\n${text}\n---\n${before}`;
      assert.equal(check(next, prev), check(next));
    }),
    { numRuns: 150, seed: 99 },
  );
});

/**
 * Every editor feature on mutated manifests, at positions spread over the text: the features
 * no longer swallow their own failures (the host's guard logs them), so a throw here is a bug
 * this test finds. Answers are checked for ranges inside the text.
 */
test('mutated manifests: no editor feature throws; their ranges lie inside the text', () => {
  fc.assert(
    fc.property(mutated, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 8 }), (text, spots) => {
      const file = service.parse('file:///fuzz.yaml', 3, text);
      const lines = text.split(/\r\n|\r|\n/);
      const inside = (p: { line: number; character: number }, what: string) =>
        assert.ok(p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length, `${what} at ${JSON.stringify(p)}`);
      for (const h of service.inlayHints(file)) inside(h.position, 'inlay hint');
      for (const l of service.codeLenses(file, undefined, 'preview', 'stored')) inside(l.range.end, 'code lens');
      service.documentSymbols(file);
      service.foldingRanges(file);
      for (const spot of spots) {
        const line = Math.min(lines.length - 1, Math.floor(spot * lines.length));
        const position = { line, character: Math.floor(spot * 997) % (lines[line].length + 1) };
        const hover = service.hover(file, position);
        if (hover?.range) inside(hover.range.end, 'hover');
        for (const loc of [...service.definition(file, position), ...service.references(file, position)]) inside(loc.range.end, 'location');
        service.prepareRename(file, position);
        service.rename(file, position, 'renamed');
        service.completion(file, position);
        service.storedObject(file, position);
      }
    }),
    { numRuns: 200, seed: 20261204 },
  );
});
