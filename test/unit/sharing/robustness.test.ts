import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { WorkspaceIndex } from '../../../server/src/service';
import { example, service } from './util';

const ws = new WorkspaceIndex();
ws.update(service.parse('file:///w/nodes.yaml', 1, example('nodes.yaml')));

/** Runs every sharing feature at the given offsets; any exception fails the property. */
function exercise(text: string, offsets: number[]): void {
  const f = service.parse('file:///w/fuzz.yaml', 1, text);
  service.inlayHints(f);
  service.codeLenses(f);
  service.documentSymbols(f);
  service.foldingRanges(f);
  for (const o of offsets) {
    const p = f.lines.positionAt(Math.max(0, Math.min(o, text.length)));
    service.hover(f, p, ws);
    service.definition(f, p);
    service.references(f, p, true);
    service.prepareRename(f, p);
    service.rename(f, p, 'renamed');
    service.completion(f, p, ws);
  }
}

const KEYS = ['containers', 'initContainers', 'volumes', 'ports', 'volumeMounts', 'name', 'containerPort', 'hostPort', 'hostNetwork', 'hostPID', 'shareProcessNamespace', 'emptyDir', 'readinessProbe', 'httpGet', 'port', 'restartPolicy', 'nodeSelector', 'tolerations', 'mountPath', 'readOnly', 'subPath'];

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('http', 'data', 'Always', 8080, 0, -1, true, null, '', 'a`b', '\u0000', 'x'.repeat(300)),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('v'), { maxKeys: 5 }),
  ),
})).v;

describe('never throws', () => {
  it('on random Pod specs (structure fuzzing)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }), fc.array(fc.nat(), { maxLength: 12 }), (spec, offsets) => {
        const text = stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
        exercise(text, offsets.map((o) => o % (text.length + 1)));
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it('on half-typed edits of the examples (text mutation)', () => {
    const base = example('web-pod.yaml');
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(40), fc.constantFrom('', ' ', ':', '- ', '\n', '"', '[', '{', '&a ', '*a', '<<: ', '\t', '  - name: '), (at, del, ins) => {
        const text = base.slice(0, at) + ins + base.slice(Math.min(base.length, at + del));
        exercise(text, [at, at + ins.length, Math.max(0, at - 1)]);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('on every position of the examples', () => {
    for (const name of ['web-pod.yaml', 'api-deployment.yaml', 'gpu-job.yaml', 'mistakes.yaml', 'nodes.yaml']) {
      const text = example(name);
      const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
      assert.doesNotThrow(() => exercise(text, offsets), name);
    }
  });
});
