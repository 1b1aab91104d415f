// One way to compare what people type: Unicode NFKC, case-folded, ё read as е (Russian writers
// use them interchangeably), punctuation and runs of spaces read as one space. Headers, labels,
// option values and names are matched through this and nothing else.

const PUNCTUATION = /[\p{P}\p{S}\s]+/gu;

/** `«Ф.И.О. участника»` → `ф и о участника`; `Семёнов` → `семенов`. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').replace(PUNCTUATION, ' ').trim();
}

/** fold() without the spaces: `Ф. И. О.` and `ФИО`, `E-mail` and `email` read the same. */
const foldCompact = (text: string) => fold(text).replace(/ /g, '');

/** Two texts that read the same to a person (case, ё/е, punctuation and spacing aside). */
export const sameText = (a: string, b: string) => foldCompact(a) === foldCompact(b);
