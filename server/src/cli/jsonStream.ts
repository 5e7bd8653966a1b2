/**
 * JSON written piece by piece: the same text as `JSON.stringify(value, null, 2)` (or compact,
 * `JSON.stringify(value)`), but the parts marked lazy are produced while they are written, so a
 * large report never exists as one object or one string (V8 cannot hold a string past about
 * 512 MiB: "Invalid string length").
 *
 * A `LazyObject` lists its entries in order (values may be lazy again); a `LazyArray` makes its
 * elements when iterated. Everything else is a plain value, written with JSON.stringify and
 * indented to its depth (a JSON text holds no raw line break outside its own layout, so
 * re-indenting its lines is exact).
 */

export class LazyObject {
  constructor(readonly entries: ReadonlyArray<readonly [string, unknown]>) {}
}

export class LazyArray {
  constructor(readonly items: () => Iterable<unknown>) {}
}

/** `indent`: true for two-space indentation (JSON.stringify(v, null, 2)), false for compact. */
export function* jsonChunks(value: unknown, indent: boolean, depth = 0): Generator<string, void, void> {
  const pad = indent ? `\n${'  '.repeat(depth)}` : '';
  const inner = indent ? `\n${'  '.repeat(depth + 1)}` : '';
  if (value instanceof LazyObject) {
    let first = true;
    for (const [key, v] of value.entries) {
      // As JSON.stringify: members whose value has no JSON form are left out.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      yield `${first ? '{' : ','}${inner}${JSON.stringify(key)}${indent ? ': ' : ':'}`;
      first = false;
      yield* jsonChunks(v, indent, depth + 1);
    }
    yield first ? '{}' : `${pad}}`;
  } else if (value instanceof LazyArray) {
    let first = true;
    for (const item of value.items()) {
      yield first ? `[${inner}` : `,${inner}`;
      first = false;
      // As JSON.stringify: an element without a JSON form is null.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* jsonChunks(item, indent, depth + 1);
    }
    yield first ? '[]' : `${pad}]`;
  } else {
    const text = indent ? JSON.stringify(value, null, 2) : JSON.stringify(value);
    yield indent && depth > 0 ? text.replace(/\n/g, pad) : text;
  }
}
