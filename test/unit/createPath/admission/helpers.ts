/** Helpers for the admission plugin tests: plain objects as toPlain() makes them, frozen inputs. */
import { declaredObjects, type DeclaredOptions } from '../../../../server/src/service/createPath/admission/declared';
import type { AdmissionContext, AdmissionPlugin, AdmissionResult, PlainObject } from '../../../../server/src/service/createPath/admission/types';

/** A deep copy with null-prototype objects (the shape toPlain() produces), frozen so a plugin that mutates its input throws. */
export function plain(x: unknown): PlainObject {
  return freeze(toPlain(x)) as PlainObject;
}

function toPlain(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(toPlain);
  if (x !== null && typeof x === 'object') {
    const o = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(x)) o[k] = toPlain((x as Record<string, unknown>)[k]);
    return o;
  }
  return x;
}

function freeze(x: unknown): unknown {
  if (x !== null && typeof x === 'object') {
    for (const v of Object.values(x)) freeze(v);
    Object.freeze(x);
  }
  return x;
}

/**
 * Plain JSON of a result, for deepEqual against object literals. A related field of another
 * declared object carries that object (`object`, for placing it in its file): checked to be
 * there whenever a `uri` is, then left out of the comparison.
 */
export function json(x: unknown): unknown {
  return JSON.parse(
    JSON.stringify(x, function (this: Record<string, unknown>, key, value) {
      if (key === 'object' && typeof this.uri === 'string' && typeof this.field === 'string') return undefined;
      if (key === 'uri' && typeof value === 'string' && typeof this.field === 'string' && !(this.object && typeof this.object === 'object')) {
        throw new Error(`related field ${String(this.field)} names ${value} without its object`);
      }
      return value;
    }),
  );
}

export function pod(spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): PlainObject {
  return plain({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  });
}

export function deployment(podSpec: Record<string, unknown> = {}, templateMeta: Record<string, unknown> = {}): PlainObject {
  return plain({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' }, ...templateMeta }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...podSpec } },
    },
  });
}

export function ctx(objects: unknown[] = [], opts: DeclaredOptions & { namespace?: string } = {}): AdmissionContext {
  const declared = declaredObjects(
    objects.map((o, i) => ({ value: plain(o), uri: `file:///ws/${i}.yaml` })),
    opts,
  );
  return { declared, namespace: opts.namespace ?? 'shop' };
}

export function run(plugin: AdmissionPlugin, object: PlainObject, c: AdmissionContext = ctx()): AdmissionResult {
  return plugin(object, c);
}

export function spec(r: AdmissionResult): Record<string, unknown> {
  return json(r.mutated.spec) as Record<string, unknown>;
}

/**
 * Time of `run(large)` over time of `run(small)`: the two sizes alternate for several rounds
 * and the best time of each counts, so a busy machine slows both alike.
 */
export function growthRatio(run: (input: 'small' | 'large') => void, rounds = 7): number {
  const best = { small: Infinity, large: Infinity };
  run('small');
  run('large');
  for (let r = 0; r < rounds; r++) {
    for (const size of ['small', 'large'] as const) {
      const t0 = process.hrtime.bigint();
      run(size);
      best[size] = Math.min(best[size], Number(process.hrtime.bigint() - t0));
    }
  }
  return best.large / best.small;
}
