// Bulk registration input → rows → validated people. Everything here is checked before a
// single registration is sent; a bad row is rejected with its reason, never dropped.
import { InputError } from '../tools/errors.js';
import {
  ROLES,
  findField,
  isEmail,
  type FormField,
  type Role,
} from '../tools/participant-input.js';
import { parseCsv, type CsvRecord } from './csv.js';

export const MAX_PEOPLE = 10_000;

export interface PersonIn {
  email: string;
  name?: string;
  secondName?: string;
  patronymic?: string;
  nickname?: string;
  role?: string;
  fields?: Record<string, string>;
}

export interface Row extends PersonIn {
  /** people: 1-based position; csv: line of the file. */
  row: number;
}

/** What the API's invite takes for one user (reference P3), with form fields by key. */
export interface ReadyPerson {
  row: number;
  email: string;
  name?: string;
  secondName?: string;
  pattrName?: string;
  nickname?: string;
  role: Role;
  additionalFields?: Record<string, string>;
}

export interface Rejected {
  row: number;
  email: string;
  reason: string;
}

/** Header names (lower case, single spaces) → person fields; other columns are form answers. */
/** The person's text fields a CSV column can fill, by the header names that mean each. */
type TextColumn = Exclude<keyof PersonIn, 'fields'>;
const COLUMN_NAMES: [TextColumn, string[]][] = [
  [
    'email',
    ['email', 'e-mail', 'e mail', 'mail', 'почта', 'эл. почта', 'электронная почта', 'емейл'],
  ],
  ['name', ['name', 'first name', 'firstname', 'given name', 'имя']],
  ['secondName', ['secondname', 'second name', 'last name', 'lastname', 'surname', 'фамилия']],
  ['patronymic', ['patronymic', 'pattrname', 'patrname', 'middle name', 'отчество']],
  ['nickname', ['nickname', 'nick', 'ник', 'псевдоним']],
  ['role', ['role', 'роль']],
];
const COLUMNS = new Map(
  COLUMN_NAMES.flatMap(([key, names]) => names.map((n) => [n, key] as const)),
);
/** Name columns: ФИО is surname first (Russian order), the English ones given name first. */
const FULL_NAME: Record<string, 'surnameFirst' | 'givenFirst'> = {
  фио: 'surnameFirst',
  'full name': 'givenFirst',
  fullname: 'givenFirst',
};

const norm = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
/** A cell meant as an address, valid or not: validation later says what is wrong with it. */
const looksLikeEmail = (cell: string) => /\S@\S/.test(cell);
/** `Ivan Petrov <ivan@example.com>`, as mail programs copy addresses. */
const NAMED_ADDRESS = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/;
const isKnownColumn = (cell: string) => COLUMNS.has(norm(cell)) || norm(cell) in FULL_NAME;

function splitName(value: string, order: 'surnameFirst' | 'givenFirst') {
  const words = value.split(/\s+/).filter(Boolean);
  if (order === 'surnameFirst') {
    const [secondName = '', name = '', ...rest] = words;
    return { secondName, name, patronymic: rest.join(' ') };
  }
  const secondName = words.length > 1 ? (words.pop() ?? '') : '';
  return { secondName, name: words.join(' '), patronymic: '' };
}

function tooMany(count: number): InputError {
  return new InputError(
    'csv',
    `${count} people, at most ${MAX_PEOPLE} per call; split the list (nothing was sent)`,
  );
}

/** A pasted list of addresses, one or several per line, each maybe with a name: every one counts. */
function bareList(records: CsvRecord[]): Row[] | undefined {
  // Pasted lists mix separators ("a@x.ru, b@y.ru; c@z.ru"): split every cell on all of them.
  const cells = records.flatMap(({ line, cells }) =>
    cells
      .flatMap((c) => c.split(/[,;\t]/))
      .map((c) => ({ line, cell: c.trim() }))
      .filter((c) => c.cell !== ''),
  );
  if (!cells.every((c) => looksLikeEmail(c.cell))) return undefined;
  if (cells.length > MAX_PEOPLE) throw tooMany(cells.length);
  return cells.map(({ line, cell }) => {
    const named = NAMED_ADDRESS.exec(cell);
    return named
      ? {
          row: line,
          email: (named[2] ?? '').trim(),
          ...(named[1] ? { name: named[1].trim() } : {}),
        }
      : { row: line, email: cell };
  });
}

/**
 * The column holding e-mails when no header names it exactly: the one whose values are mostly
 * addresses, preferring a header that mentions mail (a "Mailing consent" column holds no
 * addresses, so it loses to the one that does).
 */
function emailColumn(names: string[], sample: CsvRecord[]): number {
  const mentionsMail = (i: number) => /mail|почт/.test(norm(names[i] ?? ''));
  const score = names.map(
    (_, i) =>
      sample.filter((r) => looksLikeEmail(r.cells[i] ?? '')).length * 2 + (mentionsMail(i) ? 1 : 0),
  );
  const best = Math.max(...score);
  if (best >= Math.max(2, sample.length)) return score.indexOf(best); // mostly addresses
  return names.findIndex((_, i) => mentionsMail(i)); // rows will say what is wrong with them
}

/**
 * CSV text → rows, numbered by file line. A list of bare addresses needs no header. Otherwise
 * the first line names the columns, unless it is already a person (an address and no known
 * column name): then the e-mail column is found by its values and a single other column is
 * the name as written. Over MAX_PEOPLE is an input error: nothing is sent.
 */
export function rowsFromCsv(csv: string): Row[] {
  const parsed = parseCsv(csv);
  if (!parsed.header)
    throw new InputError('csv', 'empty: give a header row and one row per person');
  const all = [parsed.header, ...parsed.rows];
  const bare = bareList(all);
  if (bare) return bare;
  const headerless =
    parsed.header.cells.some(looksLikeEmail) && !parsed.header.cells.some(isKnownColumn);
  const records = headerless ? all : parsed.rows;
  if (records.length > MAX_PEOPLE) throw tooMany(records.length);
  const width = Math.max(...all.map((r) => r.cells.length));
  const names = headerless
    ? Array.from({ length: width }, (_, i) => `column ${i + 1}`)
    : parsed.header.cells.map((c) => c.trim());
  const roles = names.map((n) => COLUMNS.get(norm(n)));
  if (!roles.includes('email')) {
    const found = emailColumn(names, records.slice(0, 50));
    if (found < 0) {
      throw new InputError(
        'csv',
        `no e-mail column: name it "email" (or "e-mail", "почта") in the header row; the header read was: ${names.join(', ')}`,
      );
    }
    roles[found] = 'email';
    if (headerless && width === 2) roles[1 - found] = 'name';
  }
  return records.map(({ line, cells }) => {
    const row: Row = { row: line, email: '' };
    const fields: Record<string, string> = {};
    names.forEach((name, i) => {
      const value = (cells[i] ?? '').trim();
      const key = roles[i];
      const fullName = FULL_NAME[norm(name)];
      if (key) row[key] = value;
      else if (fullName) {
        const parts = splitName(value, fullName);
        row.secondName ||= parts.secondName;
        row.name ||= parts.name;
        row.patronymic ||= parts.patronymic;
      } else if (name && value) fields[name] = value;
    });
    if (Object.keys(fields).length) row.fields = fields;
    return row;
  });
}

export function rowsFromPeople(people: PersonIn[]): Row[] {
  return people.map((p, i) => ({ ...p, row: i + 1 }));
}

/**
 * Every row is checked: e-mail, duplicates inside the input, role, required form fields.
 * Answers naming no form field are collected in `ignoredFields` (spreadsheets carry extras).
 */
export function validateRows(rows: Row[], form: FormField[], defaultRole: Role = 'GUEST') {
  const ready: ReadyPerson[] = [];
  const rejected: Rejected[] = [];
  const ignored = new Set<string>();
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const email = (r.email ?? '').trim();
    const reject = (reason: string) => rejected.push({ row: r.row, email, reason });
    if (!email) {
      reject('missing e-mail');
      continue;
    }
    if (!isEmail(email)) {
      reject(`invalid e-mail "${email}"`);
      continue;
    }
    const key = email.toLowerCase();
    const seen = firstRow.get(key);
    if (seen !== undefined) {
      reject(`duplicate of row ${seen}`);
      continue;
    }
    firstRow.set(key, r.row);
    const roleText = (r.role ?? '').trim().toUpperCase();
    if (roleText && !(ROLES as readonly string[]).includes(roleText)) {
      reject(`unknown role "${r.role}" (GUEST, LECTURER or ADMIN)`);
      continue;
    }
    const answers: Record<string, string> = {};
    for (const [name, value] of Object.entries(r.fields ?? {})) {
      const field = findField(form, name);
      if (!field) ignored.add(name);
      else if (String(value).trim()) answers[field.key] = String(value).trim();
    }
    const missing = form.filter((f) => f.isRequired && !answers[f.key]).map((f) => f.label);
    if (missing.length) {
      reject(`missing required field ${missing.map((m) => `"${m}"`).join(', ')}`);
      continue;
    }
    ready.push({
      row: r.row,
      email,
      name: r.name?.trim() || undefined,
      secondName: r.secondName?.trim() || undefined,
      pattrName: r.patronymic?.trim() || undefined,
      nickname: r.nickname?.trim() || undefined,
      role: (roleText || defaultRole) as Role,
      additionalFields: Object.keys(answers).length ? answers : undefined,
    });
  }
  return { ready, rejected, ignoredFields: [...ignored] };
}
