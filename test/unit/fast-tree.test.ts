/**
 * The fast block-YAML reader must build exactly the tree the `yaml` package path builds, or
 * decline. Compared on every fixture, the examples, generated benchmark files, random
 * documents (styles, indentation, comments and blank lines anywhere) and mutated seeds; and it
 * must actually accept most real manifests, or it would be a fast path in name only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { buildTree } from '../../server/src/service/parse/tree';
import { fastTree } from '../../server/src/service/parse/fastTree';
import { splitDocuments } from '../../server/src/service/parse/manifests';
import { manifestOfLines } from '../bench/generate';

const ROOT = join(__dirname, '..', '..');

function slow(text: string): { root: unknown; errors: number } {
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, strict: false, prettyErrors: false, keepSourceTokens: false });
  return { root: buildTree(doc).root, errors: doc.errors.length };
}

/** True when the fast reader accepted the chunk; throws when it disagrees with the full reader. */
function agrees(chunk: string): boolean {
  const fast = fastTree(chunk);
  if (!fast) return false;
  const full = slow(chunk);
  assert.equal(full.errors, 0, `fast path accepted a document the full parser rejects:\n${chunk}`);
  if (!isDeepStrictEqual(fast.root, full.root)) {
    assert.deepEqual(fast.root, full.root, `trees differ for:\n${JSON.stringify(chunk)}`);
  }
  return true;
}

function chunksOf(texts: string[]): string[] {
  return texts.flatMap((t) => splitDocuments(t).map((c) => c.text));
}

const fixtures = readFileSync(join(ROOT, 'test', 'fixtures', 'validation.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { yaml: string }).yaml);
const examples = readdirSync(join(ROOT, 'examples'))
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => readFileSync(join(ROOT, 'examples', n), 'utf8'));

/** The same text with Windows line ends. */
const crlf = (t: string): string => t.replace(/\n/g, '\r\n');

test('agrees with the full reader on fixtures and examples, and accepts most of them', () => {
  for (const texts of [[...fixtures, ...examples], [...fixtures, ...examples].map(crlf)]) {
    const chunks = chunksOf(texts);
    const accepted = chunks.filter(agrees).length;
    assert.ok(accepted / chunks.length > 0.8, `accepted only ${accepted} of ${chunks.length}`);
  }
});

test('accepts every document of the generated benchmark files', () => {
  for (const chunk of chunksOf([manifestOfLines(3000, 11), crlf(manifestOfLines(1000, 12))])) assert.ok(agrees(chunk), `declined:\n${chunk}`);
});

test('reads block scalars, flow sequences and empty collections like the full reader', () => {
  const cases = [
    'a: |\n  x\n  y\nb: 1\n',
    'a: |-\n  x\n\n  y\n\n\nb: 1\n',
    'a: |+\n  x\n\n\nb: 1\n',
    'a: >\n  x\n  y\n\n  z\nb: 1\n',
    'a: >-\n  one\n  two\n',
    '- |\n  x\n- y\n',
    'args: ["sh", "-c", \'echo ok\']\nempty: []\nmap: {}  # none\nplain: [ a b , c ]\n',
    'a:\n  b: |\n    x\n  # c\n  d: 1\n',
    // A null ending its map with a comment after it: the yaml path runs the null on to the next
    // content, and the map's end with it.
    'x:\n  a:\n    b:\n   # c\n  d: 1\n',
    'x:\n  a:\n    b:  # c\n  d: 1\n',
    // One-line flow mappings, nested (how selectors are often written).
    'labelSelector: {matchLabels: {app: sp}}\nb: 1\n',
    'a: { x: 1 , y: "q" }  # c\nb: 2\n',
    "a: {x: [1, 2], yes: {}, n: ~, s: 'it''s', e: [ ], f: { }}\n",
    'spec:\n  selector: {matchLabels: {app: web, tier: "front end"}}\n  template: {}\n',
    'a: [{b: 1}, 2, [c]]\n',
  ];
  for (const c of cases) for (const t of [c, crlf(c)]) assert.ok(agrees(t), `declined:\n${JSON.stringify(t)}`);
});

test('reads anchors and aliases like the full reader: an alias is a copy of its anchored node', () => {
  const cases = [
    'a: &x 1\nb: &y\n  c: d\ne: &z\n- f\ng: *x\nh: *y\n',
    '- &i x\n- *i\n- &m\n  k: v\n- *m\n',
    // A name defined again: an alias takes the definition before it.
    'a: &x\n  b: c\nd: &x\n  e: f\ng: *x   # c\n',
    'a: &x 1\nb:\n  - *x\n  - &x 2\n  - *x\nc: *x\n',
    'l: &l [a, b]\nm: *l\nb: &b |\n  text\nc: *b\nq: &q "quoted"  # c\nr: *q\n',
    'containers:\n- name: c0\n  env: &e0\n  - name: A\n    value: "1"\n- name: c1\n  env: *e0\n',
  ];
  for (const c of cases) for (const t of [c, crlf(c)]) assert.ok(agrees(t), `declined:\n${JSON.stringify(t)}`);
  // Copies, never shared nodes: rules cache per node (a shared spec would share findings).
  const r = fastTree('a: &x\n  b: c\nd: *x\n')!.root as { entries: Array<{ value: unknown }> };
  assert.notEqual(r.entries[0].value, r.entries[1].value);
});

test('declines what it does not model instead of guessing', () => {
  const declined = [
    'a: &x\n  b: *x\n', // recursive: the full reader reports it
    'a: &x\nb: *x\n', // an anchored null
    '- &a k: v\n- *a\n', // the anchor is the key's
    'a: *nope\n', // unresolved: the full reader reports it
    'a: &x\n  b: &x 1\n  c: *x\n', // a name defined again inside its own node
    'a: *x x\n',
    'a: &x [1]\nb: &y [*x, *x]\n', // aliases in flow collections
    'base: &b\n  k: v\nm:\n  <<: *b\n', // merge keys
    'a: !!str 1\n',
    'a: {b: 1,}\n', // a trailing comma
    'a: {b}\n', // a key without a value
    'a: {b:1}\n',
    'a: {"b": 1}\n', // quoted keys
    'a: {b: 1\n  , c: 2}\n', // over two lines
    'a: {b: c: d}\n',
    'a: {b: [1, 2}\n',
    'a: "x\\ty"\n',
    'a: one\n  two\n',
    'a:\n\tb: 1\n',
    'a: 1\rb: 2\n', // a CR that ends no line
    'a: b: c\n',
    'a:\n  b: 1\n  # trailing\n',
    '%YAML 1.1\n',
    'a: 1\n...\n',
  ];
  for (const c of declined) assert.equal(fastTree(c), undefined, `accepted:\n${c}`);
});

// Random documents: maps and sequences in every block style (some anchored), scalars in every
// style (aliases among them), with comment lines, blank lines and trailing comments inserted
// anywhere.
const SCALARS = ['a', 'x y', '80', '0644', 'yes', '~', 'null', '-1', '1e3', 'a:b', 'http://x/y', 'a#b', '"q"', "'s''q'", '"a: b"', "'#x'", 'ü', '{}', '[]', '[a, "b c", 3]', '[ x ]', '{k: v}', '{ a: [x, "y"], y: {c: 1} }', '{a: b:c}', '{a: 1, }', '{a: {b: {}}}', '|\n', '>-\n', '"tab\\t"', '&x a', '*x', '*c', '!t a', '- a', 'a: b'];
const KEYS = ['a', 'name', 'b.c/d', '"q k"', "'s k'", '1', 'yes', 'null', '~', '-k', 'k-', 'x y'];

/** `anchor`: the collection is written with `&c` (aliased by the `*c` scalars after it). */
type Gen = { kind: 'map'; entries: Array<[string, Gen]>; anchor: boolean } | { kind: 'seq'; items: Gen[]; anchor: boolean } | { kind: 'scalar'; text: string };

const genNode: fc.Memo<Gen> = fc.memo((depth) =>
  depth <= 1
    ? fc.constantFrom(...SCALARS).map((text): Gen => ({ kind: 'scalar', text }))
    : fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...SCALARS).map((text): Gen => ({ kind: 'scalar', text })) },
        { weight: 2, arbitrary: fc.tuple(fc.array(fc.tuple(fc.constantFrom(...KEYS), genNode(depth - 1)), { minLength: 1, maxLength: 4 }), fc.boolean()).map(([entries, anchor]): Gen => ({ kind: 'map', entries, anchor })) },
        { weight: 1, arbitrary: fc.tuple(fc.array(genNode(depth - 1), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([items, anchor]): Gen => ({ kind: 'seq', items, anchor })) },
      ),
);

function scalarLines(text: string, indent: number): string[] {
  if (text === '|\n' || text === '>-\n') return [text.trim(), ...['one', 'two', '', 'three'].map((l) => (l ? ' '.repeat(indent + 2) + l : ''))];
  return [text];
}

/** Renders a node whose first line continues `head`; `indent` is the column of its collection. */
function render(node: Gen, indent: number, step: number, head: string, out: string[]): void {
  if (node.kind === 'scalar') {
    const [first, ...rest] = scalarLines(node.text, indent);
    out.push(`${head}${head.endsWith(' ') || head === '' ? '' : ' '}${first}`, ...rest);
    return;
  }
  if (node.kind === 'map') {
    node.entries.forEach(([k, v], i) => {
      const lead = i === 0 && head.trim().startsWith('-') ? head : `${i === 0 && head ? `${head}\n` : ''}${' '.repeat(indent)}`;
      const prefix = `${lead}${k}:`;
      if (v.kind === 'scalar') render(v, indent, step, `${prefix} `, out);
      else {
        const lines: string[] = [];
        render(v, v.kind === 'seq' && step % 2 === 0 ? indent : indent + step, step, '', lines);
        out.push(...`${prefix}${v.anchor ? ' &c' : ''}`.split('\n'), ...lines);
      }
    });
    return;
  }
  node.items.forEach((item, i) => {
    const dash = `${i === 0 && head ? `${head}\n` : ''}${' '.repeat(indent)}- `;
    if (item.kind === 'map') render(item, indent + 2, step, dash, out);
    else if (item.kind === 'scalar') render(item, indent, step, dash, out);
    else {
      const lines: string[] = [];
      render(item, indent + 2, step, '', lines);
      out.push(...`${dash.trimEnd()}${item.anchor ? ' &c' : ''}`.split('\n'), ...lines);
    }
  });
}

const documents = fc
  .tuple(
    genNode(4),
    fc.integer({ min: 1, max: 4 }),
    fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constant(''), fc.nat(8).map((n) => `${' '.repeat(n)}# c`), fc.constant('   '))), { maxLength: 4 }),
    fc.array(fc.nat(), { maxLength: 3 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([node, step, inserts, trailing, marker, windows]) => {
    const root: Gen = node.kind === 'scalar' ? { kind: 'map', entries: [['k', node]], anchor: false } : { ...node, anchor: false };
    const lines: string[] = [];
    render(root, 0, step, '', lines);
    const all = lines.join('\n').split('\n');
    for (const t of trailing) if (all.length) all[t % all.length] += '  # t';
    for (const [at, line] of inserts) all.splice(at % (all.length + 1), 0, line);
    const text = `${marker ? '---\n' : ''}${all.join('\n')}\n`;
    return windows ? crlf(text) : text;
  });

test('random documents: accepted ones read exactly like the full reader', () => {
  let accepted = 0;
  let runs = 0;
  fc.assert(
    fc.property(documents, (text) => {
      runs++;
      if (agrees(text)) accepted++;
    }),
    { numRuns: 3000, seed: 20261128 },
  );
  assert.ok(accepted > runs / 5, `accepted only ${accepted} of ${runs} random documents`);
});

const mutatedSeeds = fc
  .tuple(
    fc.constantFrom(...chunksOf([...examples, ...fixtures]).filter((c) => fastTree(c))),
    fc.boolean(),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('indent', 'dedent', 'comment', 'blank', 'delete', 'duplicate', 'colon', 'quote', 'trail')), { minLength: 1, maxLength: 4 }),
  )
  .map(([seed, windows, muts]) => {
    const lines = seed.split('\n');
    for (const [n, op] of muts) {
      if (lines.length === 0) break;
      const i = n % lines.length;
      const l = lines[i];
      if (op === 'indent') lines[i] = ` ${l}`;
      else if (op === 'dedent') lines[i] = l.replace(/^ /, '');
      else if (op === 'comment') lines.splice(i, 0, `${' '.repeat(n % 7)}# x`);
      else if (op === 'blank') lines.splice(i, 0, '');
      else if (op === 'delete') lines.splice(i, 1);
      else if (op === 'duplicate') lines.splice(i, 0, l);
      else if (op === 'colon') lines[i] = `${l}: v`;
      else if (op === 'trail') lines[i] = `${l}  # t`;
      else lines[i] = l.replace(/: (\S)/, ': "$1');
    }
    return lines.join(windows ? '\r\n' : '\n');
  });

test('mutated manifests: accepted ones read exactly like the full reader', () => {
  fc.assert(
    fc.property(mutatedSeeds, (text) => {
      agrees(text);
    }),
    { numRuns: 3000, seed: 7 },
  );
});

// One-line flow collections from random tokens: whatever the reader accepts reads as the
// full reader reads it, and the well-formed ones (selectors, argument lists) are accepted.
const FLOW_TOKENS = ['{', '}', '[', ']', ', ', ',', ': ', ':', ' ', 'a', 'app', 'web', '1', 'yes', '~', '"q"', "'s'", '#', ' #c', '-', '- ', '?', '&x', '*x', 'b c'];
test('random one-line flow collections: accepted ones read exactly like the full reader', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FLOW_TOKENS), { minLength: 1, maxLength: 14 }), fc.boolean(), (tokens, windows) => {
      const text = `k: ${tokens[0] === '[' ? '' : '{'}${tokens.join('')}\nn: 1\n`;
      if (agrees(windows ? crlf(text) : text)) accepted++;
    }),
    { numRuns: 5000, seed: 15 },
  );
  assert.ok(accepted > 0, 'no random flow collection was accepted');
  for (const ok of ['k: {a: 1}\n', 'k: {app: web, tier: "db"}\n', 'k: {m: {a: [1, b c]}, n: {}}\n', 'k: [a, "b"]\n']) assert.ok(agrees(ok), `declined:\n${ok}`);
});
