// Names as people type them, matched by us where the API's own filter cannot. The API's name
// filters (E7 `name`, C1 `contactsData[...]`) are taken to be case-insensitive substrings that do
// not fold ё into е (INFERRED: nothing public says how they compare; the sandbox does exactly
// this). So we send the API a probe every wanted record must contain whatever its ё and case,
// and keep the records whose text matches as a person reads it (fold.ts: case, ё/е and
// punctuation aside; for people's names, any case and either gender of the same name).
import { fold } from './fold.js';

/**
 * Case endings of Russian surnames (and first names: Петру → Пётр, Анне → Анна), both genders
 * and the plural, longest first: -ов/-ев/-ин
 * (Семёнов: -а -у -ым -е; Семёнова: -ой -у -ою; Семёновы -ых -ыми), adjectival -ский/-ой
 * (Достоевский: -ого -ому -им -ом; Достоевская: -ой -ую), consonant stems (Шевчук: -а -у -ом -е)
 * and soft ones (Гоголь: -я -ю -ем). A surname and each of its forms share what is left
 * (Семёнов, Семёнова, Семёнову, Семёновой → семенов), so masculine and feminine forms of one
 * family name find each other: a search returns both, and the names shown tell them apart.
 * Indeclinable surnames (Шевченко, Черных) reduce to themselves. Snowball's Russian stemmer
 * was measured and rejected: it stems Семёнов to семен but Семёнова to семенов (README).
 */
const SURNAME_ENDINGS = [
  ...['ыми', 'ими', 'ого', 'его', 'ому', 'ему'],
  ...[
    'ая',
    'яя',
    'ую',
    'юю',
    'ой',
    'ей',
    'ою',
    'ею',
    'ый',
    'ий',
    'ым',
    'им',
    'ом',
    'ем',
    'ых',
    'их',
  ],
  ...['ы', 'и', 'а', 'я', 'у', 'ю', 'е', 'ь', 'й'],
];
/** Shorter stems are left whole: Ким, Ли, Кох are not cut down to one or two letters. */
const MIN_STEM = 3;

/** One folded word of a name without its case ending: `семеновой` → `семенов`. */
function nameStem(word: string): string {
  const end = SURNAME_ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= MIN_STEM);
  return end ? word.slice(0, -end.length) : word;
}

/** Does `value` match what was asked, as a person reads both? */
export function nameMatches(query: string, value: unknown, kind: 'text' | 'person'): boolean {
  if (typeof value !== 'string') return false;
  const wanted = fold(query);
  const text = fold(value);
  if (text.includes(wanted)) return true;
  if (kind === 'text') return false;
  // Each word asked (Римского-Корсакова: two) is a form of some word of the name.
  const stems = text.split(' ').map(nameStem);
  return wanted.split(' ').every((w) => stems.includes(nameStem(w)));
}

/** Where a query splits into words, and where a word may be spelt with е or ё. */
const WORD_BREAK = /[\s\p{P}\p{S}]+/u;
const YO = /[еёЕЁ]/u;

/**
 * What to send the API's filter: the longest stretch of the query (as typed, so that a
 * case-sensitive backend still finds it) without е or ё, of the name's stem for people's names.
 * `Планерка` → `План`; `Семёнову` → `нов`. Every record nameMatches() keeps contains it.
 */
export function apiProbe(query: string, kind: 'text' | 'person'): string {
  const typed = query.normalize('NFKC').trim();
  const words = typed.split(WORD_BREAK).map((word) => {
    if (kind === 'text') return word;
    const folded = fold(word);
    // fold() keeps the length of a word of letters; anything else is sent whole.
    return folded.length === word.length ? word.slice(0, nameStem(folded).length) : word;
  });
  const stretches = words.flatMap((w) => w.split(YO));
  const longest = stretches.reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest || typed;
}
