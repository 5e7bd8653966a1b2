/**
 * The linear rewrites answer exactly what the code they replaced answered. Each replaced
 * piece (a backtracking regular expression, a scan per item, a filter per port) is kept here
 * as the reference and compared with the engine on generated inputs; where a list is now cut
 * for size, the cut and its count are checked.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keyLine, valueLine } from '../../server/src/service/features/cursor';
import { isTemplated, MAX_NESTING, nestingTooDeep } from '../../server/src/service/parse/manifests';
import { entry, type KMap } from '../../server/src/service/parse/tree';
import { aggregate, type Amounts, type ContainerAmounts } from '../../server/src/service/rules/container/resourceList';
import { closestNames, editDistance } from '../../server/src/service/util/closestNames';
import { parseQuantity, stripTens, MAX_QUANTITY_DIGITS, type Quantity } from '../../server/src/service/util/quantity';
import { canonicalQuantity } from '../../server/src/service/rules/volume/quantityText';
import { clipMessage, clipValue, MAX_MESSAGE } from '../../server/src/service/util/text';
import { concurrent, sharingOfDocument } from '../../server/src/service/sharing';
import { MAX_COLLISIONS_LISTED } from '../../server/src/service/sharing/compute';
import { list, listOf, joinOf } from '../../server/src/service/sharing/markdown';
import { WorkspaceIndex, readable } from '../../server/src/service';
import { MAX_FINDINGS_PER_RULE } from '../../server/src/service/validate';
import { dataOf, errors, pod, service, validate } from '../helpers/engine';
import { cpu } from '../helpers/cpu';

const VALUE = /^(\s*(?:-\s+)*)([^\s#'"{}[\],][^:#]*?|"[^"]*"|'[^']*')[ \t]*:([ \t]*)(["']?)([^\s#"']*)$/;
const KEY_LINE = /^(\s*)(?:-[ \t]+)*([^\s#'"{}[\],][^:#]*?|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)/;
const TEMPLATE_RE = /\{\{[\s\S]*?\}\}|\{\{-?\s*$/m;

/** Short strings over the characters that matter to a pattern. */
const over = (chars: string[], maxLength = 14) => fc.array(fc.constantFrom(...chars), { maxLength }).map((cs) => cs.join(''));


describe('completion line readers', () => {
  const chars = ['-', ' ', '\t', ':', '#', '"', "'", 'a', 'b', '{', ',', '\u00a0', 'x'];

  it('read a value being typed as the regular expression did', () => {
    fc.assert(
      fc.property(over(chars), (s) => {
        const m = VALUE.exec(s);
        const v = valueLine(s);
        const want = m ? [m[1].length, m[2], m[3] === '' && m[4] === '', m[5]] : null;
        const got = v ? [v.key, s.slice(v.key, v.keyEnd), v.gap === 0 && !v.quoted, s.slice(v.typed)] : null;
        assert.deepEqual(got, want, JSON.stringify(s));
      }),
      { numRuns: 20_000, seed: 12 },
    );
  });

  it('find the key of a key line as the regular expression did', () => {
    fc.assert(
      fc.property(over(chars), (s) => {
        const m = KEY_LINE.exec(s);
        const k = keyLine(s);
        const want = m ? s.indexOf(m[2], m[1].length) : undefined;
        const got = k ? s.indexOf(s.slice(k.key, k.keyEnd), k.indent) : undefined;
        assert.equal(got, want, JSON.stringify(s));
      }),
      { numRuns: 20_000, seed: 13 },
    );
  });

  it('stay linear on the lines that made the regular expressions backtrack', () => {
    for (const make of [(n: number) => `a${' '.repeat(n)}b`, (n: number) => `${'- '.repeat(n)}x y`, (n: number) => `a${' \t'.repeat(n)}b:x y`]) {
      const small = cpu(() => (valueLine(make(20_000)), keyLine(make(20_000))));
      const large = cpu(() => (valueLine(make(160_000)), keyLine(make(160_000))));
      assert.ok(large < 8 * 3 * small + 5, `${small.toFixed(2)} → ${large.toFixed(2)} ms for 8× the line`);
    }
  });
});

describe('Helm template detection', () => {
  it('answers as the regular expression did', () => {
    fc.assert(
      fc.property(over(['{', '}', '-', ' ', '\n', '\r', '\t', '\u2028', '\u00a0', 'a'], 16), (s) => {
        assert.equal(isTemplated(s), TEMPLATE_RE.test(s), JSON.stringify(s));
      }),
      { numRuns: 20_000, seed: 14 },
    );
  });

  it('reads a document full of unclosed braces in linear time', () => {
    const small = cpu(() => isTemplated('{{ '.repeat(20_000)));
    const large = cpu(() => isTemplated('{{ '.repeat(160_000)));
    assert.ok(large < 8 * 3 * small + 5, `${small.toFixed(2)} → ${large.toFixed(2)} ms`);
  });
});

describe('nesting too deep to read', () => {
  it('is found before the parser reads it, in flow collections and one-line sequences only', () => {
    const deep = MAX_NESTING + 1;
    assert.equal(nestingTooDeep(`a: ${'['.repeat(deep)}`), 3 + MAX_NESTING);
    assert.ok(nestingTooDeep(`a: {b: ${'{c: '.repeat(deep)}`) > 0);
    assert.ok(nestingTooDeep(`a: [\n${'  [\n'.repeat(deep)}`) > 0, 'over many lines');
    assert.equal(nestingTooDeep(`${'- '.repeat(deep)}x`), 2 * MAX_NESTING);
    for (const fine of [
      `a: ${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}`,
      `${'- '.repeat(MAX_NESTING)}x`,
      `a: x${'['.repeat(5000)}`, // a plain scalar in block context
      `a: "${'['.repeat(5000)}"`,
      `a: '${'['.repeat(5000)}'''`,
      `# ${'['.repeat(5000)}\nb: 1`,
      `a: |\n  ${'- '.repeat(5000)}\n  ${'['.repeat(5000)}\nb: 1`,
      `a: ${'[], '.repeat(5000)}`,
    ])
      assert.equal(nestingTooDeep(fine), -1, fine.slice(0, 40));
  });

  it('is reported without asking the parser, in linear time', () => {
    const doc = (n: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    const ds = validate(doc(100_000));
    assert.deepEqual(ds.map((d) => [d.code, d.message]), [['yaml-syntax', 'Nesting too deep to read: this document nests more levels than can be followed']]);
    const small = cpu(() => validate(doc(50_000)));
    const large = cpu(() => validate(doc(400_000)));
    assert.ok(large < 8 * 3 * small + 5, `${small.toFixed(1)} → ${large.toFixed(1)} ms`);
    assert.equal(validate(doc(300)).filter((d) => /Nesting/.test(d.message)).length, 0, 'what the parser can read is still read');
  });
});

describe('bounded edit distance and did-you-mean', () => {
  function levenshtein(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = cur;
    }
    return prev[b.length];
  }

  it('is exact up to the bound and above it past the bound', () => {
    fc.assert(
      fc.property(over(['a', 'b', 'c'], 9), over(['a', 'b', 'c'], 9), fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const d = levenshtein(a, b);
        const got = editDistance(a, b, max);
        if (d <= max) assert.equal(got, d);
        else assert.ok(got > max);
      }),
      { numRuns: 20_000, seed: 15 },
    );
  });

  it('suggests what the scan over every known name suggested', () => {
    const reference = (name: string, known: string[]): string[] => {
      const lower = name.toLowerCase();
      const scored: Array<[string, number]> = [];
      for (const k of known) {
        if (k.toLowerCase() === lower) scored.push([k, -1]);
        else {
          const d = levenshtein(lower, k.toLowerCase());
          if (d <= 2 && d < Math.max(2, name.length / 2)) scored.push([k, d]);
        }
      }
      return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, 2).map(([k]) => k);
    };
    const known = ['image', 'imagePullPolicy', 'name', 'ports', 'env', 'envFrom', 'command', 'args', 'volumeMounts', 'İmage', 'Ports'];
    fc.assert(
      fc.property(over(['i', 'm', 'a', 'g', 'e', 'n', 'p', 'o', 'r', 't', 's', 'I', 'İ'], 10), (name) => {
        assert.deepEqual(closestNames(name, known), reference(name, known), name);
      }),
      { numRuns: 10_000, seed: 16 },
    );
  });
});

describe('quantities', () => {
  it('strips trailing zeros in one step', () => {
    for (const [n, m, z] of [[0n, 0n, 0], [7n, 7n, 0], [700n, 7n, 2], [-1200n, -12n, 2], [10n ** 400n, 1n, 400]] as const) {
      assert.deepEqual(stripTens(n), { m, zeros: z });
    }
  });

  it('print the canonical form as before', () => {
    const cases: Record<string, string> = { '1.5': '1500m', '1.5Gi': '1536Mi', '100000000': '100M', '1e3': '1e3', '0.1': '100m', '12e6': '12e6', '-2000': '-2k' };
    for (const [input, want] of Object.entries(cases)) {
      const r = parseQuantity(input);
      assert.ok(r.ok, input);
      assert.equal(canonicalQuantity(r.q), want, input);
    }
  });

  it(`leave a well-formed quantity of more than ${MAX_QUANTITY_DIGITS} digits unevaluated, with an information`, () => {
    assert.ok(parseQuantity(`1${'0'.repeat(MAX_QUANTITY_DIGITS - 1)}`).ok);
    const long = parseQuantity(`1${'0'.repeat(MAX_QUANTITY_DIGITS)}`);
    assert.ok(!long.ok && long.tooLong);
    assert.ok(!parseQuantity(`1${'0'.repeat(MAX_QUANTITY_DIGITS)}x`).ok && !('tooLong' in parseQuantity(`1${'0'.repeat(MAX_QUANTITY_DIGITS)}x`)), 'malformed stays malformed');
    const ds = validate(pod(`  containers:\n  - name: a\n    image: b\n    resources:\n      limits:\n        cpu: "1${'0'.repeat(5000)}"\n      requests:\n        cpu: "2${'0'.repeat(5000)}"\n`));
    const q = ds.filter((d) => d.code === 'quantity-too-long');
    assert.equal(q.length, 2);
    assert.equal(q[0].severity, 3);
    assert.match(q[0].message, /a quantity of 5,001 digits is more than Podsight evaluates \(1,000\): its value is not checked/);
    assert.deepEqual(ds.filter((d) => d.code === 'invalid-quantity' || d.code === 'container-resources'), [], 'not compared, not called malformed');
  });
});

describe('clipped values in messages', () => {
  it('leave what fits alone and cut the rest in the middle with a count', () => {
    assert.equal(clipValue('x'.repeat(MAX_MESSAGE)), 'x'.repeat(MAX_MESSAGE));
    const v = clipValue(`${'a'.repeat(2000)}${'b'.repeat(2000)}`);
    assert.equal(v, `${'a'.repeat(300)} … (3,500 characters omitted) … ${'b'.repeat(200)}`);
    assert.equal(clipMessage('x'.repeat(1001)), `${'x'.repeat(600)} … (101 characters omitted) … ${'x'.repeat(300)}`);
    assert.equal(readable(`\u0001${'y'.repeat(1200)}`), `\\x01${'y'.repeat(596)} … (304 characters omitted) … ${'y'.repeat(300)}`);
  });

  it('name every pod claim once per Pod, clipped when the list is longer than a message', () => {
    const claims = Array.from({ length: 200 }, (_, i) => `  - name: claim-${String(i).padStart(3, '0')}\n    resourceClaimName: x\n`).join('');
    const uses = Array.from({ length: 50 }, (_, i) => `      - name: missing-${i}\n`).join('');
    const ds = errors(pod(`  resourceClaims:\n${claims}  containers:\n  - name: a\n    image: b\n    resources:\n      claims:\n${uses}`)).filter((d) => dataOf(d).errorType === 'NotFound');
    assert.equal(ds.length, 50);
    for (const d of ds) {
      assert.ok(d.message.length < MAX_MESSAGE);
      assert.match(d.message, /must be one of the names in pod\.spec\.resourceClaims: claim-000, claim-001, .* … \([\d,]+ characters omitted\) … .*claim-199$/);
    }
    assert.match(ds[7].message, /Not found: "missing-7"/);
  });

  it('quote a long quobyte registry once for all its bad pairs', () => {
    const registry = Array.from({ length: 400 }, (_, i) => `host${i}`).join(',');
    const ds = errors(pod(`  containers:\n  - name: a\n    image: b\n  volumes:\n  - name: q\n    quobyte:\n      registry: "${registry}"\n      volume: v\n`)).filter((d) => d.code === 'volume-plugin');
    assert.equal(ds.length, 400);
    assert.ok(ds.every((d) => d.message === ds[0].message && d.message.length < MAX_MESSAGE));
    assert.match(ds[0].message, /^spec\.volumes\[0\]\.quobyte\.registry: Invalid value: "host0,host1,.* characters omitted\) … .*host399": must be a host:port pair or multiple pairs separated by commas$/);
    const short = errors(pod('  containers:\n  - name: a\n    image: b\n  volumes:\n  - name: q\n    quobyte: {registry: "a:1,b,c", volume: v}\n'));
    assert.deepEqual(short.map((d) => d.message), Array(2).fill('spec.volumes[0].quobyte.registry: Invalid value: "a:1,b,c": must be a host:port pair or multiple pairs separated by commas'));
  });

  it('render one security context for all its CAP_SYS_ADMIN findings', () => {
    const adds = Array.from({ length: 300 }, () => '        - CAP_SYS_ADMIN\n').join('');
    const ds = errors(pod(`  containers:\n  - name: a\n    image: b\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        add:\n${adds}`));
    assert.equal(ds.length, 300);
    assert.ok(ds.every((d) => d.message === ds[0].message && d.message.length < MAX_MESSAGE));
    assert.match(ds[0].message, /^spec\.containers\[0\]\.securityContext: Invalid value: \{"Capabilities":\{"Add":\["CAP_SYS_ADMIN",.* characters omitted\) … .*: cannot set `allowPrivilegeEscalation` to false and `capabilities\.Add` CAP_SYS_ADMIN$/);
  });
});

describe('duplicates reported through indexes', () => {
  it('rename every duplicate to the first free name, as the search per duplicate did', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'a-2', 'a-3', 'b-2', 'a-2-2', 'c'), { minLength: 2, maxLength: 12 }), (names) => {
        const t = pod(`  containers:\n${names.map((n) => `  - name: ${n}\n    image: x\n`).join('')}`);
        const taken = new Set<string>(names);
        for (const d of validate(t).filter((x) => x.code === 'duplicate-container-name')) {
          const name = JSON.parse(d.message.replace(/^.*Duplicate value: /, '')) as string;
          let i = 2;
          while (taken.has(`${name}-${i}`)) i++;
          assert.equal(dataOf(d).fixes?.[0].title, `Rename to "${name}-${i}"`);
        }
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('count each whole-claim overlap as the scan over all claim names did', () => {
    const claim = fc.record({ name: fc.constantFrom('g', 'h', 'g/x', ''), request: fc.constantFrom('', 'r', 's') });
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 10 }), (claims) => {
        // The reference: upstream's loop over every name seen so far.
        const names = new Set<string>();
        const want: string[] = [];
        for (const c of claims) {
          if (c.name === '') continue;
          if (names.has(c.name)) {
            want.push(c.name);
            continue;
          }
          const key = c.request ? `${c.name}/${c.request}` : c.name;
          if (names.has(key)) want.push(key);
          else if (!c.request) for (const k of names) if (k.includes('/') && k.slice(0, k.indexOf('/')) === c.name) want.push(c.name);
          names.add(key);
        }
        const items = claims.map((c) => `      - name: "${c.name}"\n${c.request ? `        request: ${c.request}\n` : ''}`).join('');
        const t = pod(`  resourceClaims:\n  - name: g\n    resourceClaimName: x\n  containers:\n  - name: a\n    image: b\n    resources:\n      claims:\n${items || '      []\n'}`);
        const got = validate(t).filter((d) => dataOf(d).errorType === 'Duplicate').map((d) => JSON.parse(d.message.replace(/^.*Duplicate value: /, '')) as string);
        assert.deepEqual(got, want);
      }),
      { numRuns: 400, seed: 18 },
    );
  });

  it('look keys up in a large map as the scan did: the first of a repeated key', () => {
    const entries = Array.from({ length: 40 }, (_, i) => ({ key: `k${i % 25}`, keySpan: { start: i, end: i + 1 }, value: { kind: 'scalar' as const, start: i, end: i, v: { type: 'int' as const, value: i }, text: String(i), plain: true } }));
    const map: KMap = { kind: 'map', start: 0, end: 40, entries };
    for (let k = 0; k < 26; k++) assert.equal(entry(map, `k${k}`), entries.find((e) => e.key === `k${k}`));
  });
});

describe('pod-level aggregation of init containers and sidecars', () => {
  /** The implementation replaced: the maximum with the whole sidecar sum after each init container. */
  function reference(regular: ContainerAmounts[], init: ContainerAmounts[]): Amounts {
    const add = (a: Quantity, b: Quantity): Quantity => {
      const den = a.den > b.den ? a.den : b.den;
      return { num: a.num * (den / a.den) + b.num * (den / b.den), den, format: a.num === 0n ? b.format : a.format };
    };
    const cmp = (a: Quantity, b: Quantity): number => {
      const x = a.num * b.den;
      const y = b.num * a.den;
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const addInto = (into: Amounts, from: Amounts) => {
      for (const [k, q] of from) into.set(k, into.get(k) ? add(into.get(k)!, q) : q);
    };
    const maxInto = (into: Amounts, from: Amounts) => {
      for (const [k, q] of from) if (!into.get(k) || cmp(q, into.get(k)!) > 0) into.set(k, q);
    };
    const total: Amounts = new Map();
    for (const c of regular) addInto(total, c.amounts);
    const sidecars: Amounts = new Map();
    const initMax: Amounts = new Map();
    for (const c of init) {
      let use: Amounts;
      if (c.sidecar) {
        addInto(total, c.amounts);
        addInto(sidecars, c.amounts);
        use = sidecars;
      } else {
        use = new Map();
        addInto(use, c.amounts);
        addInto(use, sidecars);
      }
      maxInto(initMax, use);
    }
    maxInto(total, initMax);
    return total;
  }

  const quantity = fc.record({ num: fc.bigInt({ min: -3n, max: 6n }), den: fc.constantFrom(1n, 1000n), format: fc.constantFrom('DecimalSI' as const, 'BinarySI' as const) });
  const amounts = fc.array(fc.tuple(fc.constantFrom('cpu', 'memory', 'x/a', 'x/b'), quantity), { maxLength: 3 }).map((es) => new Map(es) as Amounts);
  const container = fc.record({ amounts, sidecar: fc.boolean() });

  it('gives the same sums, maxima and formats, in the same key order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ amounts }), { maxLength: 3 }), fc.array(container, { maxLength: 8 }), (regular, init) => {
        const show = (m: Amounts) => [...m].map(([k, q]) => `${k}=${q.num}/${q.den}/${q.format}`);
        assert.deepEqual(show(aggregate(regular, init)), show(reference(regular, init)));
      }),
      { numRuns: 3000, seed: 19 },
    );
  });
});

describe('findings per rule and object', () => {
  it(`lists the first ${MAX_FINDINGS_PER_RULE.toLocaleString('en-US')} of each rule, then says how many more there are`, () => {
    const cs = Array.from({ length: MAX_FINDINGS_PER_RULE + 501 }, () => '  - name: c\n    image: nginx:1.27\n    resources: {requests: {cpu: 1m, memory: 1Mi}}\n').join('');
    const ds = validate(pod(`  containers:\n${cs}`));
    const dup = ds.filter((d) => d.code === 'duplicate-container-name');
    assert.equal(dup.length, MAX_FINDINGS_PER_RULE + 1);
    assert.equal(dup[MAX_FINDINGS_PER_RULE - 1].message, `spec.containers[${MAX_FINDINGS_PER_RULE}].name: Duplicate value: "c"`);
    const last = dup[MAX_FINDINGS_PER_RULE];
    assert.equal(last.message, `… and 500 more duplicate-container-name problems in this object, not listed: Podsight lists the first ${MAX_FINDINGS_PER_RULE.toLocaleString('en-US')} of each rule`);
    assert.equal(last.severity, 1);
    assert.equal(dataOf(last).errorType, 'Duplicate');
    assert.equal(dataOf(last).fixes, undefined);
    assert.ok(dup.slice(0, -1).every((d) => dataOf(d).fixes?.length === 1), 'the kept ones keep their quick fix');
    assert.equal(ds.length, MAX_FINDINGS_PER_RULE + 1, 'other rules are not affected');
  });

  it('counts the findings of strict decoding the same way', () => {
    const keys = Array.from({ length: MAX_FINDINGS_PER_RULE + 7 }, (_, i) => `    extra${i}: x\n`).join('');
    const ds = validate(pod(`  containers:\n  - name: a\n    image: nginx:1.27\n    resources: {requests: {cpu: 1m, memory: 1Mi}}\n${keys}`));
    const unknown = ds.filter((d) => d.code === 'unknown-field');
    assert.equal(unknown.length, MAX_FINDINGS_PER_RULE + 1);
    assert.match(unknown[MAX_FINDINGS_PER_RULE].message, /^… and 7 more unknown-field problems in this object, not listed/);
    assert.equal(dataOf(unknown[MAX_FINDINGS_PER_RULE]).errorType, 'UnknownField');
  });
});

describe('who runs beside whom, and port collisions', () => {
  const role = fc.constantFrom('init', 'sidecar', 'container', 'ephemeral');
  const spec = fc.array(fc.record({ role, ports: fc.array(fc.constantFrom(80, 81), { maxLength: 3 }) }), { minLength: 1, maxLength: 10 });

  function podOf(cs: Array<{ role: string; ports: number[] }>): string {
    const item = (c: { role: string; ports: number[] }, i: number) =>
      `  - name: c${i}\n    image: x\n${c.role === 'sidecar' ? '    restartPolicy: Always\n' : ''}${c.ports.length ? `    ports:\n${c.ports.map((p) => `    - containerPort: ${p}\n`).join('')}` : ''}`;
    const of = (r: string[]) => cs.map((c, i) => (r.includes(c.role) ? item(c, i) : '')).join('');
    return pod(`  initContainers:\n${of(['init', 'sidecar']) || '  []\n'}  containers:\n${of(['container']) || '  []\n'}  ephemeralContainers:\n${of(['ephemeral']) || '  []\n'}`);
  }

  it('lists and counts the same containers as filtering every container with concurrent()', () => {
    fc.assert(
      fc.property(spec, (cs) => {
        const [p] = sharingOfDocument(service.parse('file:///b.yaml', 1, podOf(cs)).documents[0].doc);
        for (const c of p.containers) {
          const want = p.containers.filter((x) => concurrent(x, c));
          assert.deepEqual(p.beside.firstBeside(c, 4), want.slice(0, 4));
          assert.equal(p.beside.countBeside(c), want.length);
        }
        for (const port of p.ports) {
          const want = p.ports.filter((q) => q !== port && q.number === port.number && q.protocol === port.protocol && (q.container === port.container || concurrent(q.container, port.container)));
          assert.deepEqual(port.collisions, want);
          assert.equal(port.collisionCount, want.length);
          assert.equal(port.collidingContainers, new Set(want.filter((q) => q.container !== port.container).map((q) => q.container)).size);
        }
        for (const r of p.portRefs) {
          if (r.number === undefined || r.target?.container === r.container) continue;
          assert.equal(r.target, p.ports.find((q) => q.number === r.number && q.protocol === 'TCP' && concurrent(q.container, r.container)));
        }
      }),
      { numRuns: 500, seed: 20 },
    );
  });

  it(`keeps the first ${MAX_COLLISIONS_LISTED} colliding ports of a port declared everywhere, and counts them all`, () => {
    const cs = Array.from({ length: 300 }, (_, i) => `  - name: c${i}\n    image: x\n    ports:\n    - containerPort: 80\n`).join('');
    const [p] = sharingOfDocument(service.parse('file:///c.yaml', 1, pod(`  containers:\n${cs}`)).documents[0].doc);
    assert.equal(p.ports[10].collisions.length, MAX_COLLISIONS_LISTED);
    assert.equal(p.ports[10].collisionCount, 299);
    assert.equal(p.ports[10].collidingContainers, 299);
    assert.deepEqual(p.ports[10].collisions.slice(0, 11).map((q) => q.container.label), [...Array.from({ length: 10 }, (_, i) => `c${i}`), 'c11']);
  });

  it('says how many more there are past eight names, in hovers and in hints', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    assert.equal(listOf(items.slice(0, 8), 8), list(items.slice(0, 8)));
    assert.equal(listOf(items, 10), list(items));
    assert.equal(listOf(items.slice(0, 8), 300), 'a, b, c, d, e, f, g and 293 more');
    assert.equal(joinOf(items.slice(0, 8), 8), 'a, b, c, d, e, f, g, h');
    assert.equal(joinOf(items, 300), 'a, b, c, d, e, f, g +293');
    assert.equal(listOf(['a', 'b', 'c'], 5), 'a, b, c and 2 more', 'fewer names given than counted');
    assert.equal(joinOf(['a', 'b', 'c'], 5), 'a, b, c +2');
    const cs = Array.from({ length: 30 }, (_, i) => `  - name: c${i}\n    image: x\n    ports:\n    - containerPort: 80\n`).join('');
    const hints = service.inlayHints(service.parse('file:///h.yaml', 1, pod(`  containers:\n${cs}`)));
    assert.equal(hints[0].label, 'reachable by c1, c2, c3, c4, c5, c6, c7 +22 · ⚠ also c1, c2, c3, c4, c5, c6, c7 +22');
    const hover = service.hover(service.parse('file:///h.yaml', 1, pod(`  containers:\n${cs}`)), { line: 9, character: 20 });
    const text = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /`c1`, `c2`, `c3`, `c4`, `c5`, `c6`, `c7` and 22 more can reach this at localhost:80\./);
    assert.match(text, /⚠ `c0`, `c1`, `c2`, `c3`, `c4`, `c5`, `c6` and 23 more all declare 80\/TCP — only one can bind it\./);
  });
});

describe('workspace Nodes and symbols', () => {
  it('groups label values and taints as the scans did, in first-seen order', () => {
    const nodes = Array.from({ length: 60 }, (_, i) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: n${i}\n  labels:\n    zone: z${i % 3}\n    host: h${i}\nspec:\n  taints:\n  - key: k${i % 2}\n${i % 4 ? `    value: v\n` : ''}    effect: NoSchedule\n`).join('---\n');
    const ws = new WorkspaceIndex();
    ws.update(service.parse('file:///nodes.yaml', 1, nodes));
    const zone = ws.labels().get('zone')!;
    assert.deepEqual(zone.map((v) => [v.value, v.nodes.length, v.nodes[0]]), [['z0', 20, 'n0'], ['z1', 20, 'n1'], ['z2', 20, 'n2']]);
    assert.equal(ws.labels().get('host')!.length, 60);
    assert.deepEqual(ws.taints().map((t) => [t.key, t.value, t.nodes.length]), [['k0', undefined, 15], ['k1', 'v', 30], ['k0', 'v', 15]]);
  });

  it('gives each Pod of a List its own containers', () => {
    const items = Array.from({ length: 50 }, (_, i) => `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p${i}\n  spec:\n    containers:\n    - name: c${i}\n      image: x\n`).join('');
    const symbols = service.documentSymbols(service.parse('file:///list.yaml', 1, `apiVersion: v1\nkind: List\nitems:\n${items}`));
    assert.equal(symbols.length, 50);
    symbols.forEach((s, i) => assert.deepEqual(s.children?.map((c) => c.name), [`c${i}`]));
  });
});
