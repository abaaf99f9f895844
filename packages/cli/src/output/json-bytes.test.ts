import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonBytes } from './json-bytes.js';

/** What JsonBytes writes for the value, as bytes. */
function written(value: unknown, w = new JsonBytes(16)): Buffer {
  w.pos = 0;
  w.line(value);
  return Buffer.from(w.buf.subarray(0, w.pos));
}

/** What JSON.stringify gives, encoded, with the line feed. */
function stringified(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
}

describe('JsonBytes writes the bytes of JSON.stringify', () => {
  it('for any JSON value, any string (lone surrogates and control characters too), any key', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string());
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie('v')),
        fc.dictionary(text, tie('v')),
      ),
    })).v;
    const w = new JsonBytes(8);
    fc.assert(
      fc.property(value, (v) => {
        if (v === undefined) return;
        expect(written(v, w).equals(stringified(v))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('for numbers at the edges, sparse arrays, left-out values, integer keys and __proto__', () => {
    const values: unknown[] = [
      [0, -0, 1, 9, 10, 99, 100, 2 ** 30 - 1, 2 ** 30, 2 ** 31, 2 ** 53, -1, 0.1, 1e21, 1e-7, -1.5e300, NaN, Infinity, -Infinity],
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      [undefined, () => 1, Symbol('s')],
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
      { b: 1, 2: 'two', a: 2, 1: 'one', '-1': 'minus' },
      JSON.parse('{"__proto__":{"x":1},"y":[{"__proto__":null}]}'),
      Object.create(null, { k: { value: 'v', enumerable: true }, hidden: { value: 'h', enumerable: false } }),
      '\u2028\u2029\u007f\u0000\u001f"\\/',
      '\ud83d\ude00 \ud83d \ude00 end\ud800',
    ];
    for (const v of values) expect(written(v).toString()).toBe(stringified(v).toString());
  });

  it('hands what is not plain data to JSON.stringify (toJSON, Date, Map, boxed values), and deep nesting', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200; i++) deep = i % 2 ? [deep] : { d: deep };
    const values: unknown[] = [
      { when: new Date(0), m: new Map([[1, 2]]), s: new Set([1]), n: new Number(3), t: new String('x'), b: new Boolean(false) },
      { toJSON: (key: string) => `key:${key}` },
      {
        nested: { toJSON: () => ({ replaced: true }) },
        keyed: { toJSON: (key: string) => `under ${key}` },
        gone: { toJSON: () => undefined },
      },
      [{ toJSON: (key: string) => `at ${key}` }, { toJSON: () => undefined }],
      [new Date(86400000)],
      deep,
    ];
    for (const v of values) expect(written(v).toString()).toBe(stringified(v).toString());
    expect(() => written({ big: 1n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => written(cycle)).toThrow(TypeError);
  });

  it("copies a rule's hints, note and sources from kept bytes only when they are the same and in that order", () => {
    const hints = ['For example: “She told me.”', 'Say what you did.'];
    const source = ['deegan-2017'];
    const finding = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      ruleId: 'r',
      message: 'm',
      hints,
      note: 'A note with "quotes" and é.',
      source,
      dimension: 'stance',
      ...extra,
    });
    const w = new JsonBytes(8);
    const cases: unknown[] = [
      finding(),
      finding(),
      [finding(), finding({ also: [finding()] })],
      finding({ note: 'another note' }),
      { ruleId: 'r', hints, dimension: 'x', note: 'n', source },
      { ruleId: 'r', note: 'n', hints, source },
      { hints, note: 'n' },
      { hints, note: 'A note with "quotes" and é.', source: ['other'] },
      { hints: [...hints, 'more'], note: 'n', source },
      { hints: [], note: 'n', source },
      { hints: [1, 2], note: 'n', source },
      finding(),
    ];
    for (const v of cases) expect(written(v, w).toString()).toBe(stringified(v).toString());
    // a rule's arrays changed after their bytes were kept: the new values are written
    hints[0] = 'changed';
    source.push('added');
    expect(written(finding(), w).toString()).toBe(stringified(finding()).toString());
  });

  it('grows its buffer for a long line', () => {
    const v = { text: 'x'.repeat(100_000), list: Array.from({ length: 5000 }, (_, i) => ({ i, s: `é${i}` })) };
    expect(written(v, new JsonBytes(4)).equals(stringified(v))).toBe(true);
  });
});
