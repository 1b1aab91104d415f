// CSV as users paste it: the parser and the header mapping of bulk registration.
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../src/workflows/csv.js';
import { rowsFromCsv } from '../../src/workflows/registration-rows.js';

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

describe('rowsFromCsv', () => {
  it('maps English and Russian headers, splits ФИО, keeps other columns as form answers', () => {
    const rows = rowsFromCsv('ФИО,Почта,Роль,Компания\nИванов Иван Иванович,i@x.io,lecturer,ACME');
    expect(rows).toEqual([
      {
        row: 2,
        email: 'i@x.io',
        secondName: 'Иванов',
        name: 'Иван',
        patronymic: 'Иванович',
        role: 'lecturer',
        fields: { Компания: 'ACME' },
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
    const rows = rowsFromCsv('ФИО;Адрес электронной почты\nИванов Иван;i@x.io');
    expect(rows).toEqual([
      { row: 2, email: 'i@x.io', secondName: 'Иванов', name: 'Иван', patronymic: '' },
    ]);
    expect(rowsFromCsv('Name,Email address\nAnn,ann@x.io')[0]).toMatchObject({
      email: 'ann@x.io',
      name: 'Ann',
    });
  });

  it('finds the e-mail column by its values when the header does not name it', () => {
    const rows = rowsFromCsv('Участник;Контакт\nАнна;anna@x.io\nБорис;boris@x.io');
    expect(rows.map((r) => r.email)).toEqual(['anna@x.io', 'boris@x.io']);
    expect(rows[0]?.fields).toEqual({ Участник: 'Анна' });
  });

  it('reads a list pasted without a header: every address is a person', () => {
    expect(rowsFromCsv('anna@x.io\nboris@x.io')).toEqual([
      { row: 1, email: 'anna@x.io' },
      { row: 2, email: 'boris@x.io' },
    ]);
    // Several on a line, with names as mail programs copy them, and a bad one kept for rejection.
    expect(rowsFromCsv('a1@x.io, a2@x.io; "Ivan Petrov" <ivan@x.io>\nivan@yandex')).toEqual([
      { row: 1, email: 'a1@x.io' },
      { row: 1, email: 'a2@x.io' },
      { row: 1, email: 'ivan@x.io', name: 'Ivan Petrov' },
      { row: 2, email: 'ivan@yandex' },
    ]);
  });

  it('reads name-and-address lines without a header, the name as written', () => {
    expect(rowsFromCsv('Анна Петрова;anna@x.io\nБорис;boris@x.io')).toEqual([
      { row: 1, name: 'Анна Петрова', email: 'anna@x.io' },
      { row: 2, name: 'Борис', email: 'boris@x.io' },
    ]);
  });

  it('keeps a header that happens to hold an address as the header', () => {
    const rows = rowsFromCsv('email;name;role;owner@org.ru\na@x.io;Ann;lecturer;yes');
    expect(rows).toEqual([
      { row: 2, email: 'a@x.io', name: 'Ann', role: 'lecturer', fields: { 'owner@org.ru': 'yes' } },
    ]);
  });

  it('prefers the column holding addresses over one that only mentions mail', () => {
    const rows = rowsFromCsv('Name,Mailing consent,Contact\nAnn,yes,ann@x.io\nBob,no,bob@x.io');
    expect(rows.map((r) => r.email)).toEqual(['ann@x.io', 'bob@x.io']);
  });

  it('splits an English full name given name first, ФИО surname first', () => {
    expect(rowsFromCsv('Email Address,Full name\nm@x.io,Mary Ann Jones')[0]).toMatchObject({
      name: 'Mary Ann',
      secondName: 'Jones',
    });
    expect(rowsFromCsv('email;ФИО\ni@x.io;Иванов Иван Иванович')[0]).toMatchObject({
      secondName: 'Иванов',
      name: 'Иван',
      patronymic: 'Иванович',
    });
  });

  it("skips Excel's sep= line and keeps file line numbers", () => {
    expect(rowsFromCsv('sep=;\nemail;name\na@x.io;Ann')).toEqual([
      { row: 3, email: 'a@x.io', name: 'Ann' },
    ]);
  });
});
