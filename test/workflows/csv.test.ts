// CSV as users paste it: the parser and the header mapping of bulk registration.
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../src/workflows/csv.js';
import type { FormField } from '../../src/tools/participant-input.js';
import { rowsFromCsv, validateRows } from '../../src/workflows/registration-rows.js';

describe('parseCsv', () => {
  it.each([
    ['a,b;c', ','],
    ['a;b;c,d', ';'],
    ['a\tb\tc', '\t'],
    ['"x;y;z",b', ','],
    ['email', ','],
  ])('detects the delimiter of %j as %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('handles a BOM, CRLF, quotes with "" and line breaks, and skips blank lines', () => {
    const csv = '\uFEFFemail;name\r\n"a@x.io";"Ann ""A"";\nB"\r\n;\r\n\r\nb@x.io;Bob';
    expect(parseCsv(csv)).toEqual({
      header: { line: 1, cells: ['email', 'name'] },
      rows: [
        { line: 2, cells: ['a@x.io', 'Ann "A";\nB'] },
        { line: 6, cells: ['b@x.io', 'Bob'] },
      ],
      delimiter: ';',
    });
  });

  it('reads a last line without a newline and an empty input', () => {
    expect(parseCsv('email\nx@y.io').rows).toEqual([{ line: 2, cells: ['x@y.io'] }]);
    expect(parseCsv('')).toEqual({ header: undefined, rows: [], delimiter: ',' });
  });
});

/** The people a CSV gives, as they would be sent (no form), with the notes about the input. */
function read(csv: string, form: FormField[] = []) {
  const { ready, rejected, notes } = validateRows(rowsFromCsv(csv), form);
  return { people: ready, rejected, notes };
}
const people = (csv: string) => read(csv).people;

describe('rowsFromCsv', () => {
  it('maps English and Russian headers, splits ФИО, reads roles as written', () => {
    expect(people('ФИО,Почта,Роль\nИванов Иван Иванович,i@x.io,ведущий')).toEqual([
      {
        row: 2,
        email: 'i@x.io',
        secondName: 'Иванов',
        name: 'Иван',
        pattrName: 'Иванович',
        role: 'LECTURER',
      },
    ]);
  });

  it('says how to fix a list with no e-mail column at all', () => {
    expect(() => rowsFromCsv('')).toThrow(/empty: give a header row/);
    expect(() => rowsFromCsv('name,phone\nAnn,1')).toThrow(
      /no e-mail column: name it "email".*header read was: name, phone/,
    );
  });

  it('finds the e-mail column by a longer header name', () => {
    expect(people('ФИО;Адрес электронной почты\nИванов Иван;i@x.io')).toEqual([
      { row: 2, email: 'i@x.io', secondName: 'Иванов', name: 'Иван', role: 'GUEST' },
    ]);
    expect(people('Name,Email address\nAnn,ann@x.io')[0]).toMatchObject({
      email: 'ann@x.io',
      name: 'Ann',
    });
  });

  it('finds the e-mail column by its values when the header does not name it', () => {
    const { people: list, notes } = read('Участник;Контакт\nАнна;anna@x.io\nБорис;boris@x.io');
    expect(list.map((r) => [r.email, r.name])).toEqual([
      ['anna@x.io', 'Анна'],
      ['boris@x.io', 'Борис'],
    ]);
    expect(notes.warnings).toEqual([]);
  });

  it('reads a list pasted without a header: every address is a person', () => {
    expect(people('anna@x.io\nboris@x.io').map((p) => [p.row, p.email])).toEqual([
      [1, 'anna@x.io'],
      [2, 'boris@x.io'],
    ]);
    // Several on a line, with names as mail programs copy them, and a bad one kept for rejection.
    const { people: list, rejected } = read(
      'a1@x.io, a2@x.io; "Ivan Petrov" <ivan@x.io>\nivan@yandex',
    );
    expect(list.map((p) => [p.row, p.email, p.name, p.secondName])).toEqual([
      [1, 'a1@x.io', undefined, undefined],
      [1, 'a2@x.io', undefined, undefined],
      [1, 'ivan@x.io', 'Ivan', 'Petrov'],
    ]);
    expect(rejected).toMatchObject([{ row: 2, problem: 'invalid e-mail' }]);
  });

  it('reads name-and-address lines without a header, a whole name as first and last name', () => {
    const read = people('Анна Петрова;anna@x.io\nБорис;boris@x.io');
    expect(read.map((p) => [p.name, p.secondName])).toEqual([
      ['Анна', 'Петрова'],
      ['Борис', undefined],
    ]);
  });

  it('keeps a header that happens to hold an address as the header', () => {
    const { people: list, notes } = read('email;name;role;owner@org.ru\na@x.io;Ann;lecturer;yes');
    expect(list).toEqual([{ row: 2, email: 'a@x.io', name: 'Ann', role: 'LECTURER' }]);
    expect(notes.ignoredFields).toEqual(['owner@org.ru']);
  });

  it('prefers the column holding addresses over one that only mentions mail', () => {
    const list = people('Name,Mailing consent,Contact\nAnn,yes,ann@x.io\nBob,no,bob@x.io');
    expect(list.map((r) => r.email)).toEqual(['ann@x.io', 'bob@x.io']);
  });

  it('splits an English full name given name first, ФИО surname first', () => {
    expect(people('Email Address,Full name\nm@x.io,Mary Ann Jones')[0]).toMatchObject({
      name: 'Mary Ann',
      secondName: 'Jones',
    });
    expect(people('email;ФИО\ni@x.io;Иванов Иван Иванович')[0]).toMatchObject({
      secondName: 'Иванов',
      name: 'Иван',
      pattrName: 'Иванович',
    });
  });

  it("skips Excel's sep= line and keeps file line numbers", () => {
    expect(people('sep=;\nemail;name\na@x.io;Ann')).toEqual([
      { row: 3, email: 'a@x.io', name: 'Ann', role: 'GUEST' },
    ]);
  });
});

describe('headers as Russian Excel writes them', () => {
  // Header → what it fills, on a person whose cell is "X" (names: a full name).
  it.each([
    ['Ф.И.О.', { secondName: 'Семёнов', name: 'Пётр', pattrName: 'Ильич' }],
    ['ФИО участника', { secondName: 'Семёнов', name: 'Пётр', pattrName: 'Ильич' }],
    ['Фамилия Имя Отчество', { secondName: 'Семёнов', name: 'Пётр', pattrName: 'Ильич' }],
    ['Фамилия, имя, отчество', { secondName: 'Семёнов', name: 'Пётр', pattrName: 'Ильич' }],
    ['ФИО полностью', { secondName: 'Семёнов', name: 'Пётр', pattrName: 'Ильич' }],
    ['Участник', { secondName: 'Семёнов', name: 'Пётр', pattrName: 'Ильич' }],
    ['Имя и фамилия', { name: 'Семёнов Пётр', secondName: 'Ильич' }],
    ['Full Name', { name: 'Семёнов Пётр', secondName: 'Ильич' }],
  ])('%s is a full name', (header, expected) => {
    const [p] = people(`${header};E-mail\nСемёнов Пётр Ильич;p@x.io`);
    expect(p).toMatchObject(expected);
  });

  it.each([
    ['Адрес эл. почты'],
    ['Адрес электронной почты'],
    ['Эл.почта'],
    ['e-mail участника'],
    ['E-Mail Address'],
    ['Электронная почта'],
    ['ПОЧТА'],
    ['Емейл'],
  ])('%s is the e-mail column', (header) => {
    expect(people(`Фамилия;Имя;${header}\nИванов;Иван;i@x.io`)[0]?.email).toBe('i@x.io');
  });

  it('keeps organisation and position where the API takes them; names and phone where it can', () => {
    const form: FormField[] = [
      { key: 'k-phone', label: 'Мобильный телефон', isRequired: false, type: 'text' },
    ];
    const { people: list, notes } = read(
      'Фамилия;Имя;Отчество;Эл. почта;Номер телефона;Организация;Должность\n' +
        'Иванов;Иван;Иванович;i@x.io;+7 999 000-00-00;ООО «Ромашка»;Инженер',
      form,
    );
    expect(list[0]).toEqual({
      row: 2,
      email: 'i@x.io',
      secondName: 'Иванов',
      name: 'Иван',
      pattrName: 'Иванович',
      role: 'GUEST',
      organization: 'ООО «Ромашка»',
      position: 'Инженер',
      additionalFields: { 'k-phone': '+7 999 000-00-00' },
    });
    expect(notes).toEqual({ warnings: [], ignoredFields: [], changes: [] });
  });

  it('says loudly that phones go nowhere when the form has no phone field', () => {
    const { notes } = read('ФИО;Почта;Телефон\nИванов Иван;i@x.io;+7 999');
    expect(notes.warnings).toEqual([
      expect.stringMatching(/^Phone numbers of 1 people were not sent/),
    ]);
  });

  it('warns loudly when no column holds names, and refuses a column that looks like names', () => {
    const { notes } = read('Почта;Город\ni@x.io;Казань');
    expect(notes.warnings[0]).toMatch(/^NO NAME COLUMN: none of the columns \(Почта, Город\)/);
    expect(() => read('Почта;Слушатели курса\ni@x.io;Иванов Иван\nb@x.io;Петров Пётр')).toThrow(
      /column "Слушатели курса" looks like names: rename it «ФИО».*Nothing was sent/,
    );
  });

  it('names every changed row: e-mails tidied or in another form, roles read from Russian', () => {
    const { people: list, notes } = read(
      'ФИО;Почта;Роль\nИванов Иван;mailto:Ivan@Пример.РФ;Спикер\nПетров Пётр;petr@x.io;guest',
    );
    expect(list.map((p) => [p.email, p.role])).toEqual([
      ['Ivan@xn--e1afmkfd.xn--p1ai', 'LECTURER'],
      ['petr@x.io', 'GUEST'],
    ]);
    expect(notes.changes).toEqual([
      { row: 2, change: 'e-mail ⟦mailto:Ivan@Пример.РФ⟧ sent as Ivan@xn--e1afmkfd.xn--p1ai' },
      { row: 2, change: 'role ⟦Спикер⟧ read as LECTURER' },
    ]);
  });
});
