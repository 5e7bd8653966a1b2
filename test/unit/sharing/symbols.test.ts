import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { example, parse, service, textOf } from './util';

function outline(symbols: DocumentSymbol[]): string[] {
  const out: string[] = [];
  const walk = (s: DocumentSymbol[], depth: number) => {
    for (const x of s) {
      out.push(`${'  '.repeat(depth)}${x.name}${x.detail ? ` (${x.detail})` : ''}`);
      walk(x.children ?? [], depth + 1);
    }
  };
  walk(symbols, 0);
  return out;
}

describe('document symbols', () => {
  it('one per Kubernetes document, with containers and volumes beneath', () => {
    const web = example('web-pod.yaml');
    const s = service.documentSymbols(parse(web));
    assert.deepEqual(outline(s), [
      'Pod web (shop · v1)',
      '  fetch-content (init container)',
      '  log-shipper (sidecar)',
      '  nginx (container)',
      '  metrics (container)',
      '  html (emptyDir)',
      '  logs (emptyDir)',
    ]);
    assert.equal(textOf(web, s[0].selectionRange), 'web');
    assert.equal(textOf(web, s[0].children![2].selectionRange), 'nginx');
    assert.equal(s[0].kind, SymbolKind.Class);
  });

  it('Nodes, workloads, other kinds and List items', () => {
    assert.deepEqual(outline(service.documentSymbols(parse(example('nodes.yaml')))), ['Node worker-1 (v1)', 'Node worker-2 (v1)', 'Node gpu-1 (v1)']);
    assert.deepEqual(outline(service.documentSymbols(parse(example('api-deployment.yaml')))), ['Deployment api (shop · apps/v1)', '  api (container)', '  cache (emptyDir (memory))', 'Service api (shop · v1)']);
    const mixed = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\nfoo: bar\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: n1\n';
    assert.deepEqual(outline(service.documentSymbols(parse(mixed))), ['Service web (v1)', 'Node n1 (v1)']);
  });

  it('ranges contain their selection ranges even on broken input', () => {
    for (const t of ['apiVersion: v1\nkind: Pod\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [\nspec:\n  containers:\n  - {name: a\n', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - 1\n  - image: x\n  volumes: [{}]\n']) {
      const check = (s: DocumentSymbol[]) => {
        for (const x of s) {
          const r = x.range;
          const sel = x.selectionRange;
          const le = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
          assert.ok(le(r.start, sel.start) && le(sel.end, r.end), `${x.name}: ${JSON.stringify(x)}`);
          check(x.children ?? []);
        }
      };
      check(service.documentSymbols(parse(t)));
    }
  });
});

describe('folding ranges', () => {
  it('fold each document and each nested block', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    x: y\nspec:\n  containers:\n  - name: a\n    image: a\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: n\n';
    const ranges = service.foldingRanges(parse(text)).map((r) => [r.startLine, r.endLine]);
    assert.deepEqual(ranges, [
      [0, 9], // the Pod document
      [2, 5], // metadata
      [4, 5], // labels
      [6, 9], // spec
      [7, 9], // containers (and the item at line 8)
      [8, 9],
      [10, 14], // the Node document, from its --- line
      [13, 14],
    ]);
  });

  it('fold templated documents by indentation', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  labels:\n    a: b\nspec: {}\n';
    const ranges = service.foldingRanges(parse(text)).map((r) => [r.startLine, r.endLine]);
    assert.deepEqual(ranges, [[0, 6], [2, 5], [4, 5]]);
  });
});

describe('folding ranges on large files', () => {
  it('keep at most MAX_FOLDING_RANGES, outer ones first', async () => {
    const { MAX_FOLDING_RANGES } = await import('../../../server/src/service/features/symbols');
    const doc = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: b\nspec:\n  containers:\n  - name: a\n    image: a\n    ports:\n    - containerPort: 80\n      protocol: TCP\n';
    const n = Math.ceil(MAX_FOLDING_RANGES / 5);
    const text = Array.from({ length: n }, () => doc).join('---\n');
    const ranges = service.foldingRanges(parse(text));
    assert.equal(ranges.length, MAX_FOLDING_RANGES);
    const docStarts = new Set(ranges.filter((r) => r.kind === 'region').map((r) => r.startLine));
    assert.equal(docStarts.size, n, 'every document keeps its range');
  });
});
