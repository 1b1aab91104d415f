// The report's language: words (one table per language) and numbers and dates as each language
// writes them ("10 000", "63,5", "17 ноября 2026 г., 11:02 МСК" in Russian). Dates are shown as
// the API wrote them: the session's own wall clock and offset, never re-zoned.
import type { Lang } from './schema.js';

const WORDS = {
  en: {
    title: 'Attendance report',
    session: 'session',
    event: 'event',
    period: 'period',
    to: 'to',
    sessions: ['session', 'sessions'],
    people: ['person', 'people'],
    registrations: ['registration', 'registrations'],
    minutes: 'min',
    registeredPeople: 'registered',
    cameBy: 'came',
    cameToNone: 'came to none of their sessions',
    didNotCome: 'did not come',
    registrationsLine: 'Registrations',
    attendedRegs: 'attended',
    missedRegs: 'missed',
    sessionsHeading: 'Sessions',
    sessionsTable: '| date | session | registered | came | % | peak online |',
    latestSessions: 'latest',
    noShowsHeading: 'No-shows',
    noShowsNote: 'people who came to none of their sessions',
    missed: 'missed',
    andMore: 'and {n} more',
    attendeesHeading: 'Who came',
    watchHeading: 'Watch time',
    watchOf: 'of the people who came, per session',
    median: 'median',
    mean: 'mean',
    joinHeading: 'Joining and leaving',
    joinedBuckets: {
      '0-5': 'on time (≤5 min)',
      '5-15': '5–15 min late',
      '15-30': '15–30 min late',
      '30+': '30+ min late',
    },
    stayed: 'stayed to the end',
    leftEarly: 'left early',
    peak: 'Peak',
    online: 'online',
    atMinute: 'minute',
    curve: 'Online by minute since the start (every {n} min)',
    platforms: 'Platforms',
    countries: 'Countries',
    other: 'other',
    unknown: 'unknown',
    engagedHeading: 'Most engaged (people who came)',
    engagedTable: '| name | e-mail | watched in total, min | questions | chat | involvement |',
    questionsHeading: 'Questions',
    asked: 'asked',
    answered: 'answered',
    unanswered: 'unanswered',
    inAllSessions: 'in all {n} sessions (statistics)',
    inLatest: 'In the latest {n} sessions, whose questions were read',
    unansweredHeading: 'Unanswered questions',
    from: 'from',
    times: 'asked {n} times',
    chatHeading: 'Chat',
    chatLine: '{n} messages',
    perAttendee: '{n} per person who came',
    pollsHeading: 'Polls',
    respondents: 'answered',
    freeText: 'free-text answers',
    testsHeading: 'Tests',
    passedOf: '{p} of {t} passed ({pct})',
    fullFigures: 'Figures in full (per-minute curve, lists) are in structuredContent.',
    chartAttached: 'Chart attached as an image.',
    note: 'Note',
    chartOnline: 'People online, by minute',
    chartRegistered: 'registered',
    chartPeak: 'peak',
    chartSessions: 'Attendance by session',
    chartAttended: 'came',
  },
  ru: {
    title: 'Отчёт о посещаемости',
    session: 'сессия',
    event: 'мероприятие',
    period: 'период',
    to: 'по',
    sessions: ['сессия', 'сессии', 'сессий'],
    people: ['человек', 'человека', 'человек'],
    registrations: ['регистрация', 'регистрации', 'регистраций'],
    minutes: 'мин',
    registeredPeople: 'зарегистрировались',
    cameBy: 'пришли',
    cameToNone: 'не пришли ни на одну из своих сессий',
    didNotCome: 'не пришли',
    registrationsLine: 'Регистрации',
    attendedRegs: 'с посещением',
    missedRegs: 'без посещения',
    sessionsHeading: 'Сессии',
    sessionsTable: '| дата | сессия | зарегистрировано | пришли | % | пик онлайн |',
    latestSessions: 'последние',
    noShowsHeading: 'Не пришли',
    noShowsNote: 'люди, не пришедшие ни на одну из своих сессий',
    missed: 'пропущено',
    andMore: 'и ещё {n}',
    attendeesHeading: 'Кто пришёл',
    watchHeading: 'Время просмотра',
    watchOf: 'у пришедших, за сессию',
    median: 'медиана',
    mean: 'среднее',
    joinHeading: 'Вход и выход',
    joinedBuckets: {
      '0-5': 'вовремя (≤5 мин)',
      '5-15': 'опоздали на 5–15 мин',
      '15-30': 'опоздали на 15–30 мин',
      '30+': 'опоздали на 30+ мин',
    },
    stayed: 'досидели до конца',
    leftEarly: 'ушли раньше',
    peak: 'Пик',
    online: 'онлайн',
    atMinute: 'минута',
    curve: 'Онлайн по минутам от начала (шаг {n} мин)',
    platforms: 'Платформы',
    countries: 'Страны',
    other: 'другие',
    unknown: 'неизвестно',
    engagedHeading: 'Самые активные (из пришедших)',
    engagedTable: '| имя | e-mail | смотрели всего, мин | вопросы | чат | вовлечённость |',
    questionsHeading: 'Вопросы',
    asked: 'задано',
    answered: 'с ответом',
    unanswered: 'без ответа',
    inAllSessions: 'во всех {n} сессиях (статистика)',
    inLatest: 'В последних {n} сессиях, вопросы которых прочитаны',
    unansweredHeading: 'Вопросы без ответа',
    from: 'от',
    times: 'задан {n} раза',
    chatHeading: 'Чат',
    chatLine: 'сообщений: {n}',
    perAttendee: '{n} на пришедшего',
    pollsHeading: 'Опросы',
    respondents: 'ответили',
    freeText: 'свободных ответов',
    testsHeading: 'Тесты',
    passedOf: 'сдали {p} из {t} ({pct})',
    fullFigures: 'Все цифры (кривая по минутам, списки) — в structuredContent.',
    chartAttached: 'График приложен картинкой.',
    note: 'Примечание',
    chartOnline: 'Онлайн по минутам',
    chartRegistered: 'зарегистрировано',
    chartPeak: 'пик',
    chartSessions: 'Посещаемость по сессиям',
    chartAttended: 'пришли',
  },
} as const;

type Words = (typeof WORDS)['en'] | (typeof WORDS)['ru'];

const LOCALE: Record<Lang, string> = { en: 'en-GB', ru: 'ru-RU' };
const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const MONTHS_RU = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/** Wall clock and offset as the API wrote them: `2026-11-17T11:02:00+0300`, or a plain date. */
const WALL =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/;

export interface Locale {
  lang: Lang;
  w: Words;
  /** 10 000 / 10,000; 63,5 / 63.5 */
  num: (v: number | undefined) => string;
  pct: (v: number | undefined) => string;
  /** "17 ноября 2026 г., 11:02 МСК" / "17 Nov 2026, 11:02 UTC+3" (time only when given). */
  date: (iso: string | undefined) => string;
  /** "17.11.2026" / "17 Nov 2026" */
  day: (iso: string | undefined) => string;
  /** "11:02" */
  time: (iso: string | undefined) => string;
  /** Plural form: plural(5, w.sessions) → "5 сессий". */
  count: (n: number, forms: readonly string[]) => string;
  fill: (template: string, values: Record<string, string | number>) => string;
}

function zoneLabel(lang: Lang, offset: string | undefined): string {
  if (!offset) return '';
  if (offset === 'Z') return ' UTC';
  const sign = offset[0];
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.slice(2);
  if (lang === 'ru' && sign === '+' && hours === 3 && minutes === '00') return ' МСК';
  return ` UTC${sign}${hours}${minutes === '00' ? '' : `:${minutes}`}`;
}

export function localeFor(lang: Lang): Locale {
  const w = WORDS[lang];
  const numbers = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 1 });
  const plural = new Intl.PluralRules(LOCALE[lang]);
  const num = (v: number | undefined) => numbers.format(v ?? 0);
  const parts = (iso: string | undefined) => (iso ? WALL.exec(iso) : null);
  const day = (iso: string | undefined) => {
    const m = parts(iso);
    if (!m) return iso ?? '';
    const [, y, mo, d] = m;
    return lang === 'ru' ? `${d}.${mo}.${y}` : `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}`;
  };
  const time = (iso: string | undefined) => {
    const m = parts(iso);
    return m && m[4] ? `${m[4]}:${m[5]}` : '';
  };
  const date = (iso: string | undefined) => {
    const m = parts(iso);
    if (!m) return iso ?? '';
    const [, y, mo, d, hh, mm, offset] = m;
    const longDay =
      lang === 'ru'
        ? `${Number(d)} ${MONTHS_RU[Number(mo) - 1]} ${y} г.`
        : `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}`;
    return hh ? `${longDay}, ${hh}:${mm}${zoneLabel(lang, offset)}` : longDay;
  };
  const count = (n: number, forms: readonly string[]) => {
    const rule = plural.select(n);
    const form =
      forms.length === 3
        ? rule === 'one'
          ? forms[0]
          : rule === 'few'
            ? forms[1]
            : forms[2]
        : rule === 'one'
          ? forms[0]
          : forms[1];
    return `${num(n)} ${form}`;
  };
  return {
    lang,
    w,
    num,
    pct: (v) => `${num(v)}%`,
    date,
    day,
    time,
    count,
    fill: (template, values) =>
      template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? '')),
  };
}
