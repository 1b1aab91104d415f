// The streaming array splitter against JSON.parse (the independent truth): any array, any
// spacing, cut into any chunks, gives the same elements; a cut-off body is called truncated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArrayError, JsonArraySplitter } from '../../src/api/json-array-stream.js';

function split(text: string, cuts: number[]): unknown[] {
  const bytes = Buffer.from(text, 'utf8');
  const items: unknown[] = [];
  const splitter = new JsonArraySplitter((item) => items.push(item));
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    splitter.write(bytes.subarray(from, cut));
    from = cut;
  }
  splitter.write(bytes.subarray(from));
  splitter.end();
  return items;
}

describe('JsonArraySplitter', () => {
  it('gives the elements JSON.parse gives, however the bytes are chunked and spaced', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue()),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.constantFrom(undefined, 1, '\n\t '),
        (array, cuts, space) => {
          const text = JSON.stringify(array, null, space);
          expect(split(text, cuts)).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps multi-byte characters cut between chunks whole', () => {
    const text = JSON.stringify([{ name: 'Семёнов ⟦x⟧ "q" \\' }, 'ёлка', 12.5, null, true]);
    for (let cut = 0; cut <= Buffer.byteLength(text); cut++) {
      expect(split(text, [cut])).toEqual(JSON.parse(text));
    }
  });

  it('calls a body cut off inside the array truncated, and reads a non-array as no elements', () => {
    const text = JSON.stringify([{ a: 1 }, { b: [2, 3] }]);
    for (let end = 1; end < text.length; end++) {
      expect(() => split(text.slice(0, end), []), text.slice(0, end)).toThrow(JsonArrayError);
    }
    expect(split('{"error":{"code":1}}', [])).toEqual([]);
    expect(split('', [])).toEqual([]);
    expect(split('  []  ', [3])).toEqual([]);
  });
});
