// The report's notes (what it could not show, and why) in both report languages: a Russian
// report must not say "Примечание: no finished sessions…". Each note is built where its facts
// are known and worded once the report's language is.
import type { Lang } from './schema.js';

type Params = Record<string, string | number>;

const NOTES = {
  notFinished: {
    en: 'session {id} has not finished (status {status}): statistics exist only for finished sessions',
    ru: 'сессия {id} ещё не завершена (статус {status}): статистика есть только у завершённых сессий',
  },
  noSessions: {
    en: 'event {id} has no sessions',
    ru: 'у мероприятия {id} нет сессий',
  },
  noFinished: {
    en: 'no finished sessions in this scope: statistics appear once a session has ended',
    ru: 'здесь нет завершённых сессий: статистика появляется после окончания сессии',
  },
  latestBefore: {
    en: 'the latest finished session before it: «{name}», {at} (eventSessionId {id})',
    ru: 'последняя завершённая сессия перед ним: «{name}», {at} (eventSessionId {id})',
  },
  latestQuestions: {
    en: 'questions, polls and tests are read for the latest {n} of {total} sessions',
    ru: 'вопросы, опросы и тесты прочитаны для последних {n} из {total} сессий',
  },
  latestSessions: {
    en: 'sessions lists the latest {n} of {total}',
    ru: 'в списке сессий последние {n} из {total}',
  },
  noPeople: {
    en: 'the statistics listed no people for these sessions',
    ru: 'статистика этих сессий не назвала ни одного человека',
  },
  attendeesCut: {
    en: 'listed {n} of the people who came to stay under the result size limit: export_attendance has everyone',
    ru: 'показаны {n} из пришедших, чтобы уложиться в размер ответа: export_attendance выгрузит всех',
  },
} satisfies Record<string, Record<Lang, string>>;

export interface Note {
  key: keyof typeof NOTES;
  params?: Params;
}

export function noteText(note: Note, lang: Lang): string {
  return NOTES[note.key][lang].replace(/\{(\w+)\}/g, (_, k: string) =>
    String(note.params?.[k] ?? ''),
  );
}

/** Several notes as one line of the report, in its language. */
export const notesText = (notes: Note[], lang: Lang) =>
  notes.map((n) => noteText(n, lang)).join('; ');
