// Bulk registration input → rows → validated people. Everything here is checked before a
// single registration is sent; a bad row is rejected with its reason, never dropped, and a
// changed one is named.
import { InputError } from '../tools/errors.js';
import type { FormField, Role } from '../tools/participant-input.js';
import { personColumn, type PersonColumn } from '../tools/person-columns.js';
import {
  namedValuesOf,
  PersonReader,
  type NamedValues,
  type PersonFields,
  type WirePerson,
} from '../tools/person-row.js';
import { untrusted } from '../tools/untrusted.js';
import { parseCsv, type CsvRecord } from './csv.js';

export const MAX_PEOPLE = 10_000;

export interface PersonIn extends PersonFields {
  email: string;
}

interface Row {
  /** people: 1-based position; csv: line of the file. */
  readonly row: number;
  readonly values: NamedValues;
}

/** What the input looked like, for warnings that concern every row. */
export interface RowsRead {
  rows: Row[];
  /** The header as read (CSV with a header row), for "no name column" and "ignored" notes. */
  header?: string[];
}

interface ReadyPerson extends WirePerson {
  row: number;
}

interface Rejected {
  row: number;
  email: string;
  /** Short and the same for every row with this problem (results group by it). */
  problem: string;
  /** This row's part: the offending value, the row it repeats. */
  detail?: string;
  reason: string;
}

/** A cell meant as an address, valid or not: validation later says what is wrong with it. */
const looksLikeEmail = (cell: string) => /\S@\S/.test(cell);
/** `Ivan Petrov <ivan@example.com>`, as mail programs copy addresses. */
const NAMED_ADDRESS = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/;
const NAME_COLUMNS: ReadonlySet<PersonColumn> = new Set([
  'name',
  'secondName',
  'nickname',
  'fullNameSurnameFirst',
  'fullNameGivenFirst',
]);

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
    const values: [string, string][] = named
      ? [['email', (named[2] ?? '').trim()]]
      : [['email', cell]];
    if (named?.[1]) values.push(['name', named[1].trim()]);
    return { row: line, values };
  });
}

/**
 * The column holding e-mails when no header names it: the one whose values are mostly
 * addresses, preferring a header that mentions mail (a "Mailing consent" column holds no
 * addresses, so it loses to the one that does).
 */
function emailColumn(names: string[], sample: CsvRecord[]): number {
  const mentionsMail = (i: number) => /mail|почт/i.test(names[i] ?? '');
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
export function rowsFromCsv(csv: string): RowsRead {
  const parsed = parseCsv(csv);
  if (!parsed.header)
    throw new InputError('csv', 'empty: give a header row and one row per person');
  const all = [parsed.header, ...parsed.rows];
  const bare = bareList(all);
  if (bare) return { rows: bare };
  const headerless =
    parsed.header.cells.some(looksLikeEmail) &&
    !parsed.header.cells.some((c) => personColumn(c) !== undefined);
  const records = headerless ? all : parsed.rows;
  if (records.length > MAX_PEOPLE) throw tooMany(records.length);
  const width = Math.max(...all.map((r) => r.cells.length));
  const header = headerless
    ? Array.from({ length: width }, (_, i) => `column ${i + 1}`)
    : parsed.header.cells.map((c) => c.trim());
  // Columns are read by their header; an e-mail column found by its values is renamed.
  const names = [...header];
  if (!names.some((n) => personColumn(n) === 'email')) {
    const found = emailColumn(header, records.slice(0, 50));
    if (found < 0) {
      throw new InputError(
        'csv',
        `no e-mail column: name it "email" (or «Почта», «E-mail», «Адрес эл. почты») in the header row; the header read was: ${header.join(', ')}`,
      );
    }
    names[found] = 'email';
    // "Анна Петрова;anna@x.io": the other of two columns is the name, as written.
    if (headerless && width === 2) names[1 - found] = 'name';
  }
  const rows = records.map(({ line, cells }) => ({
    row: line,
    values: names.map((n, i) => [n, cells[i] ?? ''] as const),
  }));
  return { rows, header: headerless ? undefined : header };
}

/** A `people` row whose named values are made when read, so 10,000 of them cost little. */
class PersonInRow implements Row {
  constructor(
    readonly row: number,
    private readonly person: PersonIn,
  ) {}

  get values(): NamedValues {
    return namedValuesOf(this.person);
  }
}

export function rowsFromPeople(people: PersonIn[]): RowsRead {
  return { rows: people.map((p, i) => new PersonInRow(i + 1, p)) };
}

/** What the whole input needs to be told, besides each row's outcome. */
interface Notes {
  /** Loud problems that concern every row (no name column, a phone kept nowhere). */
  warnings: string[];
  /** Columns or answer names that match no person field and no form field: not sent. */
  ignoredFields: string[];
  /** Rows changed on the way, "row 5: e-mail … sent as …". */
  changes: { row: number; change: string }[];
}

/** The problem of a row that repeats an earlier row's e-mail: left out, nothing to fix. */
export const DUPLICATE = 'duplicate e-mail';

/**
 * Every row is checked the same way (person-row.ts): e-mail, lengths, role, required form
 * answers and options, duplicates inside the input (by normalised address).
 */
export function validateRows(read: RowsRead, form: FormField[], defaultRole: Role = 'GUEST') {
  const reader = new PersonReader(form, defaultRole);
  const ready: ReadyPerson[] = [];
  const rejected: Rejected[] = [];
  const notes: Notes = { warnings: [], ignoredFields: [], changes: [] };
  const firstRow = new Map<string, number>();
  const droppedPhone: number[] = [];
  const nameSplits: string[] = [];
  for (const r of read.rows) {
    const out = reader.read(r.values);
    if (!out.ok) {
      rejected.push({
        row: r.row,
        email: shownEmail(out.email, out.problem),
        problem: out.problem,
        detail: out.detail,
        reason: out.reason,
      });
      continue;
    }
    const seen = firstRow.get(out.key);
    if (seen !== undefined) {
      rejected.push({
        row: r.row,
        email: out.person.email,
        problem: DUPLICATE,
        detail: `same as row ${seen}`,
        reason: `duplicate e-mail: same as row ${seen}`,
      });
      continue;
    }
    firstRow.set(out.key, r.row);
    for (const change of out.changes) notes.changes.push({ row: r.row, change });
    if (out.nameSplit) nameSplits.push(`row ${r.row}: ${out.nameSplit}`);
    if (out.dropped.includes('phone')) droppedPhone.push(r.row);
    ready.push({ row: r.row, ...out.person });
  }
  notes.ignoredFields = [...reader.ignored].filter((n) => !n.startsWith('column '));
  if (read.header && !read.header.some((h) => NAME_COLUMNS.has(personColumn(h) as PersonColumn))) {
    const suspect = namesColumn(read, notes.ignoredFields);
    const rename =
      'rename it «ФИО» (surname first), «Имя и фамилия» / "Full name" (given name first), or split it into «Фамилия» and «Имя»';
    if (suspect) {
      throw new InputError(
        'csv',
        `no name column found, but column "${suspect}" looks like names: ${rename}, then call again. Nothing was sent.`,
      );
    }
    notes.warnings.push(
      `NO NAME COLUMN: none of the columns (${read.header.join(', ')}) holds names, so these people are registered under their e-mail only. If the names are elsewhere, ${rename} and include it.`,
    );
  }
  if (nameSplits.length) {
    notes.warnings.push(
      `Whole names under a name column were read as first and last name in ${nameSplits.length} rows (${nameSplits[0]}); send separate first and last name columns to decide it yourself.`,
    );
  }
  if (droppedPhone.length) {
    notes.warnings.push(
      `Phone numbers of ${droppedPhone.length} people were not sent: the API's registration takes no phone, and this event's form has no phone field (add one, e.g. «Телефон», to collect them).`,
    );
  }
  return { ready, rejected, notes };
}

/** A rejected row's address as given; an invalid one is shown as input, not as our words. */
const shownEmail = (cell: string, problem: string) =>
  problem === 'invalid e-mail' ? (untrusted(cell) ?? '') : cell.trim();

const NAME_LIKE = /^\p{L}[\p{L}'’.-]*(\s+\p{L}[\p{L}'’.-]*){0,3}$/u;

/** An ignored column whose cells read like people's names (most of them, two words or more). */
function namesColumn(read: RowsRead, ignored: string[]): string | undefined {
  const sample = read.rows.slice(0, 50);
  return ignored.find((column) => {
    const cells = sample
      .map((r) => r.values.find(([n]) => n === column)?.[1].trim() ?? '')
      .filter(Boolean);
    const named = cells.filter((c) => NAME_LIKE.test(c) && c.includes(' ')).length;
    return cells.length > 0 && named >= cells.length * 0.8;
  });
}
