// The probe the API is sent never loses a record the client would keep: whatever nameMatches()
// accepts contains apiProbe() (case aside), so filtering on our side after the API's own
// substring filter finds everything. Forms are built from stems and endings, names at random.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiProbe, nameMatches } from '../../src/tools/name-match.js';

const STEMS = ['Семёнов', 'Фёдоров', 'Лебедев', 'Пушкин', 'Достоевск', 'Толст', 'Шевчук', 'Ёлкин'];
const ENDINGS = ['', 'а', 'у', 'ым', 'е', 'ой', 'ою', 'ы', 'ых', 'ий', 'ая', 'ого', 'ому', 'ую'];
const form = fc
  .tuple(fc.constantFrom(...STEMS), fc.constantFrom(...ENDINGS), fc.boolean(), fc.boolean())
  .map(([stem, end, yo, upper]) => {
    const word = stem + end;
    const spelt = yo ? word : word.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
    return upper ? spelt.toUpperCase() : spelt;
  });

describe('name matching', () => {
  it('keeps only records that contain the probe sent to the API', () => {
    fc.assert(
      fc.property(
        form,
        form,
        fc.constantFrom('person', 'text') as fc.Arbitrary<'person' | 'text'>,
        (query, value, kind) => {
          if (!nameMatches(query, value, kind)) return;
          expect(value.toLowerCase()).toContain(apiProbe(query, kind).toLowerCase());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('tells different surnames apart', () => {
    for (const [query, value] of [
      ['Семенову', 'Семенихин'],
      ['Иванова', 'Иваненко'],
      ['Кима', 'Кимов'],
      ['Петровского', 'Петров'],
    ]) {
      expect(nameMatches(query!, value, 'person'), `${query} ~ ${value}`).toBe(false);
    }
  });
});
