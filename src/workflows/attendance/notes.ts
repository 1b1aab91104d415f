// The report's notes in the report's language. The notes are written in English where they arise
// (fetch.ts, compute.ts) and stay so in structuredContent for programs; the Markdown a person
// reads says them in the report's language, so a Russian report carries no English sentence.
import type { Lang } from './schema.js';

const RU: [RegExp, string][] = [
  [
    /^questions, polls and tests are read for the latest (\d+) of (\d+) sessions$/,
    'вопросы, опросы и тесты прочитаны по последним $1 сессиям (всего сессий: $2)',
  ],
  [/^sessions lists the latest (\d+) of (\d+)$/, 'в таблице последние $1 сессий (всего: $2)'],
  [
    /^the statistics listed no people for these sessions$/,
    'статистика не назвала людей по этим сессиям',
  ],
  [
    /^no finished sessions in this scope: statistics appear once a session has ended$/,
    'завершённых сессий нет: статистика появится, когда сессия закончится',
  ],
  [/^event (\d+) has no sessions$/, 'у мероприятия $1 нет сессий'],
];

/** `a; b` in the report's language; a note with no translation stays as written. */
export function noteIn(lang: Lang | undefined, note: string): string {
  if (lang === 'en') return note;
  return note
    .split('; ')
    .map((part) => {
      const hit = RU.find(([pattern]) => pattern.test(part));
      return hit ? part.replace(hit[0], hit[1]) : part;
    })
    .join('; ');
}
