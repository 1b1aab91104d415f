// Spreadsheet exports of the attendance report: one row per registration (participants) or per
// session, as CSV (UTF-8 with BOM; `;` and decimal commas for Russian Excel, or `,`) or XLSX
// (write-excel-file, loaded on first use). The people list streams in (fetch.ts) and becomes
// compact rows as it arrives; the API's person objects are never kept.
import type { ToolContext } from '../../tools/define.js';
import { connectionsOf, rows, watchedSeconds, type Row } from '../../tools/rows.js';
import { collect, type ScopeInput } from './fetch.js';
import type { Lang } from './schema.js';
import type { SessionInfo } from './tally.js';

export type Cell = string | number | undefined;
type ExportRows = 'participants' | 'sessions';
type ExportFormat = 'csv' | 'xlsx';

export interface ExportInput extends ScopeInput {
  rows?: ExportRows;
  format?: ExportFormat;
  /** CSV only: `;` (Russian Excel, decimal commas) or `,` (decimal points). */
  separator?: ';' | ',';
}

export interface ExportFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
  rows: number;
  columns: string[];
  lang: Lang;
}

const MIME = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const HEADERS = {
  en: {
    participants: [
      'Session',
      'Session start',
      'First name',
      'Last name',
      'E-mail',
      'Phone',
      'Organisation',
      'Registered',
      'Attended',
      'Minutes online',
      'First join',
      'Last leave',
      'Connections',
      'Platform',
      'Country',
      'City',
      'Questions',
      'Chat messages',
    ],
    sessions: [
      'Session start',
      'Session',
      'Session id',
      'Event id',
      'Minutes',
      'Registered',
      'Attended',
      'Attended, %',
      'Questions',
      'Chat messages',
    ],
    yes: 'yes',
    no: 'no',
  },
  ru: {
    participants: [
      'Сессия',
      'Начало сессии',
      'Имя',
      'Фамилия',
      'E-mail',
      'Телефон',
      'Организация',
      'Зарегистрирован',
      'Пришёл',
      'Минут онлайн',
      'Первый вход',
      'Последний выход',
      'Подключений',
      'Платформа',
      'Страна',
      'Город',
      'Вопросов',
      'Сообщений в чате',
    ],
    sessions: [
      'Начало сессии',
      'Сессия',
      'ID сессии',
      'ID мероприятия',
      'Минут',
      'Зарегистрировано',
      'Пришли',
      'Пришли, %',
      'Вопросов',
      'Сообщений в чате',
    ],
    yes: 'да',
    no: 'нет',
  },
} as const;

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const round1 = (v: number) => Math.round(v * 10) / 10;
/** `2026-11-17T11:05:30+0300` → `2026-11-17 11:05:30`: the session's wall clock, as written. */
const wall = (v: unknown) =>
  typeof v === 'string' ? v.replace('T', ' ').replace(/(Z|[+-]\d{2}:?\d{2})$/, '') : undefined;

/**
 * Text a spreadsheet would run as a formula (= + - @, or a tab or carriage return first) is
 * prefixed with an apostrophe: participant-written cells stay text in Excel, LibreOffice and
 * Google Sheets (OWASP "CSV injection").
 */
export function neutralise(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** One row per registration in scope; form answers become columns, labels as people wrote them. */
function participantRows(lang: Lang) {
  const h = HEADERS[lang];
  const labels = new Map<string, number>();
  const out: Array<{ cells: Cell[]; answers?: Map<number, string> }> = [];
  return {
    labels,
    out,
    sink: (sessions: Map<number, SessionInfo & { name?: string }>) => (p: Row) => {
      for (const e of rows(p.eventSessions)) {
        const session = sessions.get(Number(e.id));
        if (!session) continue;
        const conns = connectionsOf(e);
        const first = conns[0];
        const last = conns[conns.length - 1];
        let answers: Map<number, string> | undefined;
        for (const f of rows(e.additionalFieldValues)) {
          const label = str(f.label) ?? str(f.key);
          const value = str(f.value);
          if (!label || !value) continue;
          if (!labels.has(label)) labels.set(label, labels.size);
          (answers ??= new Map()).set(labels.get(label)!, value);
        }
        out.push({
          answers,
          cells: [
            str(e.name) ?? session.name,
            wall(session.startsAt),
            str(p.name),
            str(p.secondName),
            str(p.email),
            str(p.phone),
            str(p.organization),
            h.yes,
            conns.length ? h.yes : h.no,
            conns.length ? round1(watchedSeconds(e) / 60) : 0,
            wall(first?.joined),
            wall(last?.leaved),
            conns.length,
            str(first?.platform),
            str(first?.country),
            str(first?.city),
            num(e.userQuestionCount) ?? 0,
            num(e.userChatMessageCount) ?? 0,
          ],
        });
      }
    },
  };
}

export async function exportAttendance(input: ExportInput, ctx: ToolContext): Promise<ExportFile> {
  const what = input.rows ?? (input.from !== undefined ? 'sessions' : 'participants');
  const format = input.format ?? 'csv';
  // The language of the headers is known only once the scope is read: collect both ways cheaply.
  let people: ReturnType<typeof participantRows> | undefined;
  const collected = await collect(input, ctx, {
    topParticipants: 0,
    noShowNames: 0,
    attendees: 0,
    peopleOnly: true,
    alsoEach:
      what === 'participants'
        ? (sessions) => {
            people = participantRows(input.lang ?? 'ru');
            return people.sink(sessions);
          }
        : undefined,
  });
  const lang = collected.lang;
  const h = HEADERS[lang];
  let columns: string[];
  let table: Cell[][];
  if (what === 'participants') {
    const p = people ?? participantRows(lang);
    columns = [...h.participants, ...p.labels.keys()];
    table = p.out.map(({ cells, answers }) => [
      ...cells,
      ...[...p.labels.values()].map((i) => answers?.get(i)),
    ]);
    if (lang !== (input.lang ?? 'ru')) {
      // yes/no were written before the language was known: translate them.
      const from = HEADERS[input.lang ?? 'ru'];
      for (const row of table) {
        for (const i of [7, 8]) row[i] = row[i] === from.yes ? h.yes : h.no;
      }
    }
  } else {
    columns = [...h.sessions];
    const stats = collected.tally?.sessions;
    table = collected.sessions.map((s) => {
      const registered = Number(s.registeredCount) || 0;
      const attended = Number(s.registeredVisitedCount) || 0;
      return [
        wall(s.startsAt),
        str(s.name),
        Number(s.id),
        Number(s.eventId) || undefined,
        round1((Number(s.duration) || 0) / 60),
        registered,
        attended,
        registered ? round1((100 * attended) / registered) : 0,
        stats?.get(Number(s.id))?.questions ?? (Number(s.questionCount) || 0),
        stats?.get(Number(s.id))?.chat ?? (Number(s.chatMessageCount) || 0),
      ];
    });
  }
  table = table.map((row) => row.map(neutralise));
  const scope = collected.scope;
  const name =
    scope.kind === 'session'
      ? `session-${scope.eventSessionId}`
      : scope.kind === 'event'
        ? `event-${scope.eventId}`
        : `period-${(scope.from ?? '').slice(0, 10)}-${(scope.to ?? 'now').slice(0, 10)}`;
  const filename = `attendance-${name}-${what}.${format}`;
  const bytes =
    format === 'csv'
      ? toCsv(columns, table, input.separator ?? ';', lang)
      : await toXlsx(columns, table, lang === 'ru' ? 'Посещаемость' : 'Attendance');
  return { filename, mimeType: MIME[format], bytes, rows: table.length, columns, lang };
}

/** RFC 4180 quoting, CRLF lines, a BOM so Excel reads UTF-8; decimal commas with `;`. */
export function toCsv(
  columns: string[],
  table: Cell[][],
  separator: ';' | ',',
  lang: Lang,
): Buffer {
  const decimal = separator === ';' ? ',' : '.';
  void lang;
  const field = (cell: Cell) => {
    if (cell === undefined) return '';
    const text = typeof cell === 'number' ? String(cell).replace('.', decimal) : cell;
    const quote = text.includes(separator) || /["\r\n]/.test(text);
    return quote ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns, ...table].map((row) => row.map(field).join(separator));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function toXlsx(columns: string[], table: Cell[][], sheet: string): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const header = columns.map((value) => ({ value, fontWeight: 'bold' as const }));
  const data = table.map((row) =>
    row.map((value) =>
      value === undefined
        ? null
        : typeof value === 'number'
          ? { value, type: Number }
          : { value, type: String },
    ),
  );
  return writeXlsxFile([header, ...data], { sheet, stickyRowsCount: 1 }).toBuffer();
}
