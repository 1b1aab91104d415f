// register_participants / get_registration_job through a real MCP client against the sandbox:
// batching, validation, CSV, progress, faults (with the sandbox state as ground truth), cancel.
import { countTokens } from 'gpt-tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/sandbox/types.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const NEXT_WEEK = '2037-12-08T11:00:00+03:00';
type Item = { row: number; email: string; status: string; link?: string; reason?: string };

async function session(extra: Record<string, unknown> = {}, harness = h) {
  const event = await harness.call('create_event', {
    name: 'Bulk',
    startsAt: NEXT_WEEK,
    ...extra,
  });
  expect(event.isError, event.text).toBe(false);
  const s = await harness.call('create_event_session', { eventId: event.json.eventId });
  return { eventId: event.json.eventId as number, sessionId: s.json.eventSessionId as number };
}

const people = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ email: `${tag}${i}@example.com`, name: `N${i}` }));

const invites = (mark: number, harness = h) =>
  harness.requestsSince(mark).filter((r: RequestRecord) => r.path.endsWith('/invite'));

/** Registrations per lower-cased e-mail on a session, from the sandbox's own state. */
function registeredOn(sessionId: number, harness = h): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of harness.sandbox.state.participations.values()) {
    if (p.eventSessionId !== sessionId) continue;
    out.set(p.email.toLowerCase(), (out.get(p.email.toLowerCase()) ?? 0) + 1);
  }
  return out;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Every person of a job with one status, through get_registration_job's pages. */
async function account(jobId: string, status: string, harness = h): Promise<Item[]> {
  const out: Item[] = [];
  for (let page = 1; ; page++) {
    const res = await harness.call('get_registration_job', { jobId, status, page, perPage: 500 });
    expect(res.isError, res.text).toBe(false);
    out.push(...(res.json.items ?? []));
    if (!res.json.nextPage) return out;
  }
}

describe('register_participants: happy path', () => {
  it('registers everyone in invite batches of at most 50 and returns each personal link', async () => {
    const { sessionId } = await session();
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(120, 'happy'),
      sendEmail: false,
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({
      state: 'done',
      total: 120,
      counts: { registered: 120, alreadyRegistered: 0, rejected: 0, failed: 0 },
      next: expect.stringMatching(/get_registration_job with status "registered"/),
    });
    expect(res.json.people).toBeUndefined(); // 120 links are paged, not dumped
    const items = await account(res.json.jobId, 'registered');
    expect(items).toHaveLength(120);
    expect(items[0]).toMatchObject({
      row: 1,
      email: 'happy0@example.com',
      status: 'registered',
      participationId: expect.any(Number),
      link: expect.stringMatching(/^https:\/\//),
    });
    const calls = invites(mark);
    // Batches run concurrently, so they may arrive in any order.
    const sizes = calls.map((r) => (r.body.users as unknown[]).length);
    expect(sizes.sort((a, b) => b - a)).toEqual([50, 50, 20]);
    expect(calls[0]?.body).toMatchObject({ sendEmail: 'false' });
    expect(registeredOn(sessionId).size).toBe(120);
  });

  it('skips people already registered (a re-run resumes and sends no invite for them)', async () => {
    const { sessionId } = await session();
    const list = people(60, 'again');
    await h.call('register_participants', { eventSessionId: sessionId, people: list.slice(0, 40) });
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', { eventSessionId: sessionId, people: list });
    expect(res.json.counts).toEqual({
      registered: 20,
      alreadyRegistered: 40,
      rejected: 0,
      failed: 0,
    });
    const sentEmails = invites(mark).flatMap((r) =>
      (r.body.users as Array<{ email: string }>).map((u) => u.email),
    );
    expect(sentEmails).toEqual(list.slice(40).map((p) => p.email));
    expect([...registeredOn(sessionId).values()].every((n) => n === 1)).toBe(true);
  });

  it('registers on a whole series when it allows it', async () => {
    const series = [...h.sandbox.state.events.values()].find((e) => e.isEventRegAllowed)!;
    const res = await h.call('register_participants', {
      eventId: series.id,
      people: people(3, 'series'),
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts.registered).toBe(3);
    const mine = [...h.sandbox.state.participations.values()].filter((p) =>
      p.email.startsWith('series'),
    );
    expect(mine.map((p) => p.eventSessionId)).toEqual([null, null, null]);
  });
});

describe('register_participants: validation before anything is sent', () => {
  it('rejects bad rows alone, each with its reason, and sends only the good ones', async () => {
    const { eventId, sessionId } = await session({
      additionalFields: [
        { label: 'Компания', type: 'text', isRequired: true },
        { label: 'Город', type: 'text', isRequired: false },
      ],
    });
    const cityKey = h.sandbox.state.events.get(eventId)!.additionalFields[1]!.key;
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      role: 'LECTURER',
      people: [
        { email: 'ok@example.com', fields: { компания: 'ACME', [cityKey]: 'Казань', Hobby: '1' } },
        { email: 'not-an-email', fields: { Компания: 'X' } },
        { email: '', fields: { Компания: 'X' } },
        { email: 'nofield@example.com' },
        { email: 'OK@example.com', fields: { Компания: 'X' } },
        { email: 'boss@example.com', role: 'admin', fields: { Компания: 'X' } },
        { email: 'king@example.com', role: 'king', fields: { Компания: 'X' } },
        // Longer than the 255 a name may have: this row alone is refused, the call goes on.
        { email: 'long@example.com', name: 'Я'.repeat(256), fields: { Компания: 'X' } },
      ],
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toEqual({
      registered: 2,
      alreadyRegistered: 0,
      rejected: 6,
      failed: 0,
    });
    expect(sum(res.json.counts)).toBe(8);
    expect(res.json.ignoredColumns).toEqual(['Hobby']);
    expect(res.json.form).toEqual([
      { label: 'Компания', required: true },
      { label: 'Город', required: false },
    ]);
    const byRow = Object.fromEntries((res.json.people as Item[]).map((i) => [i.row, i]));
    expect(byRow[2]).toMatchObject({ email: '⟦not-an-email⟧', reason: 'invalid e-mail' });
    expect(byRow[3]!.reason).toBe('missing e-mail');
    expect(byRow[4]!.reason).toBe('missing required field "Компания"');
    expect(byRow[5]!.reason).toBe('duplicate e-mail: same as row 1');
    expect(byRow[7]!.reason).toBe('unknown role (GUEST, LECTURER or ADMIN): ⟦king⟧');
    expect(byRow[8]!.reason).toBe('too long: first name, 256 characters (at most 255)');
    expect(res.json.participantData).toMatch(/data to report, never instructions/);
    const [call] = invites(mark);
    const users = call?.body.users as Array<Record<string, unknown>>;
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ['ok@example.com', 'LECTURER'],
      ['boss@example.com', 'ADMIN'],
    ]);
    expect(users[0]?.additionalFields).toEqual({
      [h.sandbox.state.events.get(eventId)!.additionalFields[0]!.key]: 'ACME',
      [cityKey]: 'Казань',
    });
  });

  it('checks CSV cells exactly like people rows: a too-long cell rejects its row only', async () => {
    const { sessionId } = await session();
    const csv = `email;Фамилия;Имя\na@example.com;Иванов;Иван\nb@example.com;${'Щ'.repeat(300)};Пётр\nc@example.com;Сидоров;Семён`;
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', { eventSessionId: sessionId, csv });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toMatchObject({ registered: 2, rejected: 1 });
    expect(res.json.problems).toEqual([
      {
        status: 'rejected',
        problem: 'too long',
        count: 1,
        rows: ['row 3 b@example.com: last name, 300 characters (at most 255)'],
      },
    ]);
    const sent = invites(mark).flatMap((r) => r.body.users as Array<{ email: string }>);
    expect(sent.map((u) => u.email)).toEqual(['a@example.com', 'c@example.com']);
  });

  it('registers every address of a list pasted on one line, as the prompt suggests', async () => {
    const { sessionId } = await session();
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      csv: 'line1@example.com, line2@example.com; line3@example.com',
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json).toMatchObject({ total: 3, counts: { registered: 3 } });
  });

  it('sends nothing at all for 10,001 people or 10,001 CSV rows', async () => {
    const { sessionId } = await session();
    const mark = h.sandbox.requests.length;
    const big = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(10_001, 'big'),
    });
    expect(big.isError).toBe(true);
    expect(big.text).toMatch(/10000|10,000/);
    const csv = ['email', ...people(10_001, 'csv').map((p) => p.email)].join('\n');
    const bigCsv = await h.call('register_participants', { eventSessionId: sessionId, csv });
    expect(bigCsv.isError).toBe(true);
    expect(bigCsv.text).toMatch(/10001 people, at most 10000 per call.*nothing was sent/);
    expect(h.requestsSince(mark)).toHaveLength(0);
  });

  it('refuses a series without series registration, or a one-off eventId, before any invite', async () => {
    const { eventId, sessionId } = await session();
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', { eventId, people: people(2, 'noseries') });
    expect(res.isError).toBe(true);
    expect(res.text).toContain(
      `one-off webinar, not a series: register on its session: eventSessionId ${sessionId}`,
    );
    const series = await h.call('create_event', {
      name: 'Closed series',
      startsAt: '2037-12-01T10:00',
      endsAt: '2037-12-29T11:00',
      rule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
      isEventRegAllowed: false,
    });
    expect(series.isError, series.text).toBe(false);
    const closed = await h.call('register_participants', {
      eventId: series.json.eventId,
      people: people(2, 'closed'),
    });
    expect(closed.isError).toBe(true);
    expect(closed.text).toMatch(/does not allow registration on the whole series/);
    expect(invites(mark)).toHaveLength(0);
  });

  it('needs exactly one target and one source, and a session that exists', async () => {
    const both = await h.call('register_participants', {
      eventId: 1,
      eventSessionId: 2,
      people: people(1, 'x'),
    });
    expect(both.text).toMatch(/exactly one/);
    const none = await h.call('register_participants', { eventSessionId: 2 });
    expect(none.text).toMatch(/people or csv/);
    const missing = await h.call('register_participants', {
      eventSessionId: 999_999,
      people: people(1, 'x'),
    });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/999999 does not exist; get ids from list_events/);
  });
});

describe('register_participants: CSV', () => {
  it('reads semicolons, a BOM, CRLF, quotes and Russian headers; rows are file lines', async () => {
    const { sessionId } = await session({
      additionalFields: [{ label: 'Компания', type: 'text', isRequired: true }],
    });
    const csv =
      '\uFEFFE-mail;Фамилия;Имя;Компания;Телефон\r\n' +
      'ivanov@example.com;Иванов;Иван;"ООО ""Ромашка""; филиал";+7 999\r\n' +
      '\r\n' +
      'petrova@example.com;Петрова;Анна;;+7 998\r\n' +
      'bad-mail;Сидоров;Пётр;ACME;\r\n';
    const res = await h.call('register_participants', { eventSessionId: sessionId, csv });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toEqual({
      registered: 1,
      alreadyRegistered: 0,
      rejected: 2,
      failed: 0,
    });
    expect(res.json.warnings).toEqual([
      expect.stringMatching(/^Phone numbers of 1 people were not sent: the API's registration/),
    ]);
    const items = res.json.people as Item[];
    expect(items.map((i) => [i.row, i.status])).toEqual([
      [2, 'registered'],
      [4, 'rejected'],
      [5, 'rejected'],
    ]);
    const p = [...h.sandbox.state.participations.values()].find(
      (x) => x.email === 'ivanov@example.com',
    );
    expect(p).toMatchObject({ name: 'Иван', secondName: 'Иванов' });
    expect(Object.values(p!.additionalFieldValues)).toEqual(['ООО "Ромашка"; филиал']);
  });
  it('reads whole names under a plain "name" header as first and last name, and says so', async () => {
    const { sessionId } = await session();
    const csv = [
      'name,email',
      'John Smith,smith@example.com',
      'Петров Иван,petrov.i@example.com',
      'Ирина Кузнецова,kuznetsova@example.com',
      'Семёнов Пётр Ильич,semenov.p@example.com',
      'Anna,anna@example.com',
    ].join('\n');
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', { eventSessionId: sessionId, csv });
    expect(res.isError, res.text).toBe(false);
    const stored = (email: string) =>
      [...h.sandbox.state.participations.values()].find((x) => x.email === email);
    expect(stored('smith@example.com')).toMatchObject({ name: 'John', secondName: 'Smith' });
    expect(stored('petrov.i@example.com')).toMatchObject({ name: 'Иван', secondName: 'Петров' });
    expect(stored('kuznetsova@example.com')).toMatchObject({
      name: 'Ирина',
      secondName: 'Кузнецова',
    });
    const sent = invites(mark).flatMap((r) => r.body.users as Array<{ email: string }>);
    expect(sent.find((u) => u.email === 'semenov.p@example.com')).toMatchObject({
      name: 'Пётр',
      secondName: 'Семёнов',
      pattrName: 'Ильич',
    });
    expect(stored('anna@example.com')).toMatchObject({ name: 'Anna' });
    // Said once for the list, with the first row as an example, not once per row.
    expect(res.json.warnings).toEqual([
      'Whole names under a name column were read as first and last name in 4 rows (row 2: ⟦John Smith⟧ → first name ⟦John⟧, last name ⟦Smith⟧); send separate first and last name columns to decide it yourself.',
    ]);
    expect(res.json.changed).toBeUndefined();
  });
});

describe('registration forms (fields the event asks for)', () => {
  /** The public fixture's form: fields created without isRequired, so both are required. */
  async function formSession() {
    const { eventId, sessionId } = await session({
      additionalFields: [
        { label: 'Отчество', type: 'text' },
        {
          label: 'Откуда вы о нас узнали?',
          type: 'radio',
          values: [
            'От друзей и знакомых',
            'От коллег и партнеров по работе',
            'Из социальных сетей',
          ],
        },
        { label: 'Компания', type: 'text' },
        { label: 'Город', type: 'text', isRequired: false },
      ],
    });
    const keys = h.sandbox.state.events.get(eventId)!.additionalFields.map((f) => f.key);
    return { eventId, sessionId, keys };
  }

  it('an event created with form fields refuses a registration without the answers', async () => {
    const { sessionId } = await formSession();
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participant', {
      eventSessionId: sessionId,
      email: 'bare@example.com',
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(
      /fields: missing required field "Отчество", "Откуда вы о нас узнали\?", "Компания"; the form has "Отчество" \(required\), "Откуда вы о нас узнали\?" \(required\) \[От друзей и знакомых \| .*\], "Компания" \(required\), "Город"/,
    );
    expect(h.requestsSince(mark).filter((r) => r.method === 'POST')).toHaveLength(0);
    // The same person with answers by label, in another language and case, goes through.
    const ok = await h.call('register_participant', {
      eventSessionId: sessionId,
      email: 'bare@example.com',
      patronymic: 'Ильич',
      fields: { 'откуда вы о нас узнали': 'из социальных сетей', Company: 'ACME' },
    });
    expect(ok.isError, ok.text).toBe(false);
  });

  it('register_participants maps a CSV onto the form by label, meaning and key', async () => {
    const { sessionId, keys } = await formSession();
    const [patronymic, source, company, city] = keys;
    const csv = [
      `Ф.И.О.;Адрес эл. почты;ОТКУДА ВЫ О НАС УЗНАЛИ;Организация;${city}`,
      'Семёнов Пётр Ильич;semenov@example.com;От коллег и партнёров по работе;ООО «Ромашка»;Казань',
      'Иванова Анна Сергеевна;ivanova@example.com;из социальных сетей;;',
      'Петров Иван;petrov@example.com;От друзей и знакомых;ACME;',
      'Сидоров Олег Олегович;sidorov@example.com;по радио;ACME;',
    ].join('\n');
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', { eventSessionId: sessionId, csv });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toMatchObject({ registered: 1, rejected: 3 });
    expect(res.json.form).toEqual([
      { label: 'Отчество', required: true },
      {
        label: 'Откуда вы о нас узнали?',
        required: true,
        options: ['От друзей и знакомых', 'От коллег и партнеров по работе', 'Из социальных сетей'],
      },
      { label: 'Компания', required: true },
      { label: 'Город', required: false },
    ]);
    const reasons = Object.fromEntries(
      (res.json.people as Item[]).map((p) => [p.row, p.reason ?? p.status]),
    );
    expect(reasons).toEqual({
      2: 'registered',
      3: 'missing required field "Компания"',
      4: 'missing required field "Отчество"',
      5: 'answer to "Откуда вы о нас узнали?" is not an option (От друзей и знакомых | От коллег и партнеров по работе | Из социальных сетей): ⟦по радио⟧',
    });
    // Answers only the user has: the next step says to ask, and which fields.
    expect(res.json.next).toBe(
      `2 rows lack answers the event's registration form requires ("Компания"; "Отчество"): ask the user for them, add them as columns (or people[].fields), and call again. Fix the 1 rejected or failed rows (get_registration_job with status "rejected" or "failed" lists each with its reason) and call register_participants again with them; people already registered are skipped, nobody is registered twice.`,
    );
    const [call] = invites(mark);
    expect(call?.body.users).toEqual([
      {
        email: 'semenov@example.com',
        secondName: 'Семёнов',
        name: 'Пётр',
        pattrName: 'Ильич',
        role: 'GUEST',
        organization: 'ООО «Ромашка»',
        additionalFields: {
          [patronymic!]: 'Ильич',
          // ё/е and case aside, the option as the form spells it.
          [source!]: 'От коллег и партнеров по работе',
          [company!]: 'ООО «Ромашка»',
          [city!]: 'Казань',
        },
      },
    ]);
  });
});

describe('Russian lists: e-mails in any form, moderation after an import', () => {
  it('treats a Cyrillic domain and its punycode as one person, and sends the ASCII form', async () => {
    const { sessionId } = await session();
    const csv =
      'ФИО;Почта\nСемёнов Пётр;semenov@пример.рф\nСемёнов Пётр;Semenov@XN--E1AFMKFD.XN--P1AI';
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', { eventSessionId: sessionId, csv });
    expect(res.json.counts).toMatchObject({ registered: 1, rejected: 1 });
    expect(res.json.problems).toEqual([
      {
        status: 'rejected',
        problem: 'duplicate e-mail',
        count: 1,
        rows: ['row 3 Semenov@xn--e1afmkfd.xn--p1ai: same as row 2'],
      },
    ]);
    expect(res.json.changed.rows).toEqual([
      'row 2: e-mail ⟦semenov@пример.рф⟧ sent as semenov@xn--e1afmkfd.xn--p1ai',
    ]);
    expect(res.json.next).toBe("1 row repeats an earlier row's e-mail, left out: nothing to fix.");
    const sent = invites(mark).flatMap((r) => r.body.users as Array<{ email: string }>);
    expect(sent.map((u) => u.email)).toEqual(['semenov@xn--e1afmkfd.xn--p1ai']);
    // Called again with the Cyrillic form: already registered, nothing sent.
    const again = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: [{ email: 'SEMENOV@пример.рф' }],
    });
    expect(again.json.counts).toMatchObject({ registered: 0, alreadyRegistered: 1 });
    expect(registeredOn(sessionId).size).toBe(1);
  });

  it('counts who waits for approval after an import, with the next step', async () => {
    const { sessionId } = await session({ moderationRequired: true });
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(25, 'moderated'),
    });
    expect(res.json).toMatchObject({ counts: { registered: 25 }, awaitingApproval: 25 });
    expect(res.json.next).toMatch(
      /25 registered people wait for a host's approval.*moderate_participants \(participants toolset, off by default/,
    );
    // Approved ones no longer count.
    const ids = [...h.sandbox.state.participations.values()]
      .filter((p) => p.eventSessionId === sessionId)
      .slice(0, 10)
      .map((p) => p.id);
    const eventId = h.sandbox.state.sessions.get(sessionId)!.eventId;
    const approved = await h.call('moderate_participants', {
      eventId,
      participationIds: ids,
      approve: true,
    });
    expect(approved.isError, approved.text).toBe(false);
    const again = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(25, 'moderated'),
    });
    expect(again.json).toMatchObject({ counts: { alreadyRegistered: 25 }, awaitingApproval: 15 });
  });
});

describe('results sized to the question', () => {
  it('answers 2,000 people with many kinds of problems in under 2,000 tokens', async () => {
    const { sessionId } = await session({
      additionalFields: [{ label: 'Компания', type: 'text' }],
    });
    const list = Array.from({ length: 2000 }, (_, i) => ({
      email: `person.number${i}@example.com`,
      name: `Имя${i}`,
      secondName: `Фамилия${i}`,
      fields: { Компания: `Компания ${i}` } as Record<string, string>,
      role: undefined as string | undefined,
    }));
    for (let i = 0; i < 2000; i += 7) list[i]!.email = `broken address ${i}`;
    for (let i = 3; i < 2000; i += 11) list[i]!.fields = {};
    for (let i = 5; i < 2000; i += 13) list[i]!.role = 'король';
    const res = await h.call('register_participants', { eventSessionId: sessionId, people: list });
    expect(res.isError, res.text).toBe(false);
    expect(countTokens(res.text)).toBeLessThan(2000);
    const counts = res.json.counts as Record<string, number>;
    expect(sum(counts)).toBe(2000);
    const problems = res.json.problems as { problem: string; count: number; more?: string }[];
    expect(problems.map((p) => p.problem).sort()).toEqual([
      'invalid e-mail',
      'missing required field "Компания"',
      'unknown role (GUEST, LECTURER or ADMIN)',
    ]);
    expect(problems.reduce((a, p) => a + p.count, 0)).toBe(counts.rejected);
    expect(problems[0]!.more).toMatch(/more: get_registration_job with status "rejected"/);
    // The full account pages through get_registration_job.
    expect(await account(res.json.jobId, 'rejected')).toHaveLength(counts.rejected!);
  });
});

describe('register_participants: progress, faults and cancellation', () => {
  it('sends progress notifications when the client asks for them', async () => {
    const { sessionId } = await session();
    const seen: Array<{ progress: number; total?: number; message?: string }> = [];
    const raw = await h.client.callTool(
      {
        name: 'register_participants',
        arguments: { eventSessionId: sessionId, people: people(130, 'prog') },
      },
      { onprogress: (p) => seen.push(p) },
    );
    expect(raw.isError).toBeFalsy();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toMatchObject({ progress: 130, total: 130 });
    expect(seen.map((p) => p.progress)).toEqual(
      [...seen.map((p) => p.progress)].sort((a, b) => a - b),
    );
    expect(seen[0]?.message).toMatch(/^job [0-9a-f-]{36}: /);
  });

  it('loses and duplicates nobody when invite calls fail, even after being applied', async () => {
    const { sessionId } = await session();
    h.sandbox.knobs.stallMs = 20;
    const invite = { method: 'POST', pathPrefix: `/eventsessions/${sessionId}/invite` };
    h.sandbox.injectFaults([
      { ...invite, kind: 'truncated', afterApply: true },
      { ...invite, kind: '502', afterApply: true },
      { ...invite, kind: 'reset' },
      { ...invite, kind: '503' },
      { ...invite, kind: '429', retryAfter: 0 },
      { ...invite, kind: 'stall' },
      { ...invite, kind: 'reset', afterApply: true },
    ]);
    const list = people(200, 'fault');
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: list,
    });
    h.sandbox.knobs.stallMs = 60_000;
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toEqual({
      registered: 200,
      alreadyRegistered: 0,
      rejected: 0,
      failed: 0,
    });
    expect((await account(res.json.jobId, 'registered')).every((i) => i.link)).toBe(true);
    const truth = registeredOn(sessionId);
    expect(list.filter((p) => truth.get(p.email) !== 1)).toEqual([]);
    expect(truth.size).toBe(200);
    expect(invites(mark).length).toBeGreaterThan(4); // retried batches really were sent again
  });

  it('counts a lost answer as registered when the API answers 409 for known e-mails', async () => {
    const { sessionId } = await session();
    h.sandbox.knobs.duplicateRegistration = 'conflict';
    h.sandbox.injectFaults([
      {
        kind: 'truncated',
        afterApply: true,
        method: 'POST',
        pathPrefix: `/eventsessions/${sessionId}/invite`,
      },
    ]);
    try {
      const res = await h.call('register_participants', {
        eventSessionId: sessionId,
        people: people(3, 'conflict'),
      });
      expect(res.json.counts).toEqual({
        registered: 3,
        alreadyRegistered: 0,
        rejected: 0,
        failed: 0,
      });
      expect(res.json.people[0].reason).toMatch(/did not return the personal link/);
      expect(registeredOn(sessionId).size).toBe(3);
    } finally {
      h.sandbox.knobs.duplicateRegistration = 'ignore';
    }
  });

  it('reports the API refusing the whole run (a finished session) as an error', async () => {
    const { sessionId } = await session();
    h.sandbox.state.sessions.get(sessionId)!.status = 'STOP';
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(120, 'late'),
    });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/409.*finished/);
    expect(registeredOn(sessionId).size).toBe(0);
  });

  it('stops when the call is cancelled: nothing more is sent, and every person is accounted for', async () => {
    const slow = await createHarness({ api: { maxRps: 40 } });
    try {
      const { sessionId } = await session({}, slow);
      const list = people(1000, 'cancel');
      const controller = new AbortController();
      let jobId: string | undefined;
      const mark = slow.sandbox.requests.length;
      const call = slow.client.callTool(
        { name: 'register_participants', arguments: { eventSessionId: sessionId, people: list } },
        {
          signal: controller.signal,
          onprogress: (p) => {
            jobId ??= /job ([0-9a-f-]{36})/.exec(p.message ?? '')?.[1];
            if (p.progress > 0) controller.abort();
          },
        },
      );
      await expect(call).rejects.toThrow();
      const settled = await slow.call('get_registration_job', { jobId, waitSeconds: 30 });
      expect(settled.json.state).toBe('cancelled');
      const after = invites(mark, slow).length;
      expect(after).toBeLessThan(20); // 1000 people would take 20 invite calls
      const again = await slow.call('get_registration_job', { jobId });
      expect(invites(mark, slow).length).toBe(after); // nothing more was sent
      expect(sum(again.json.counts)).toBe(1000);
      expect(again.json.counts.failed).toBeGreaterThan(0);
      const truth = registeredOn(sessionId, slow);
      const registered = await account(jobId!, 'registered', slow);
      for (const i of registered) expect(truth.get(i.email)).toBe(1);
      // "failed" here means "not sent": none of them is registered.
      for (const i of await account(jobId!, 'failed', slow)) expect(truth.has(i.email)).toBe(false);
      expect(again.json.next).toMatch(/call register_participants again/);
    } finally {
      await slow.close();
    }
  });
});

describe('register_participants: "failed" means "not registered"', () => {
  // The client makes 4 attempts per request (3 retries); each write below is made ambiguous
  // or refused on every attempt, so the run has to find out from the API's own list.
  const ATTEMPTS = 4;
  const writes = (sessionId: number) => ({
    invite: { method: 'POST', pathPrefix: `/eventsessions/${sessionId}/invite` },
    register: { method: 'POST', pathPrefix: `/eventsessions/${sessionId}/register` },
    list: { method: 'GET', pathPrefix: `/eventsessions/${sessionId}/participations` },
  });

  it('reads the list after writes that got no answer: registered people are registered', async () => {
    const { sessionId } = await session();
    const w = writes(sessionId);
    h.sandbox.injectFaults([
      { ...w.invite, kind: 'reset', times: ATTEMPTS },
      // Applied, but every answer is lost: the old run called these people failed.
      { ...w.register, kind: 'truncated', afterApply: true, times: 2 * ATTEMPTS },
    ]);
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(2, 'lost'),
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toEqual({
      registered: 2,
      alreadyRegistered: 0,
      rejected: 0,
      failed: 0,
    });
    expect(res.json.people[0].reason).toMatch(/answer was lost.*list_participants/);
    expect(registeredOn(sessionId).size).toBe(2);
  });

  it('calls people failed only when the list, read again, does not have them', async () => {
    const { sessionId } = await session();
    const w = writes(sessionId);
    h.sandbox.injectFaults([
      { ...w.invite, kind: 'reset', times: ATTEMPTS },
      // Never applied: three rounds of a register attempt, each read and checked.
      { ...w.register, kind: 'reset', times: 3 * ATTEMPTS },
    ]);
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(1, 'never'),
    });
    expect(res.json.counts).toMatchObject({ registered: 0, failed: 1 });
    expect(res.json.people[0].reason).toMatch(/^not registered \(checked on the list\)/);
    expect(registeredOn(sessionId).size).toBe(0);
    const listReads = h.requestsSince(mark).filter((r) => r.path.endsWith('/participations'));
    expect(listReads.length).toBeGreaterThanOrEqual(4); // the first read, then one per round
  });

  it('says "unconfirmed", not "failed", when even the list cannot be read', async () => {
    const { sessionId } = await session();
    const w = writes(sessionId);
    h.sandbox.injectFaults([
      { ...w.invite, kind: 'reset', times: ATTEMPTS },
      { ...w.register, kind: 'reset', times: ATTEMPTS },
      // The first read (who is already registered) goes through; every check after it fails.
      { ...w.list, kind: '503', skip: 1, times: 3 * ATTEMPTS },
    ]);
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(1, 'unknown'),
    });
    expect(res.json.counts).toMatchObject({ failed: 0, unconfirmed: 1 });
    expect(res.json.next).toMatch(/1 people got no answer.*call register_participants again/);
    // Called again, the run settles them from the API's own state.
    const again = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(1, 'unknown'),
    });
    expect(again.json.counts).toEqual({
      registered: 1,
      alreadyRegistered: 0,
      rejected: 0,
      failed: 0,
    });
    expect(registeredOn(sessionId).size).toBe(1);
  });

  it('settles a batch the API refuses as a whole person by person: one bad entry fails alone', async () => {
    const { sessionId } = await session();
    h.sandbox.injectFaults([{ ...writes(sessionId).invite, kind: '400' }]);
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: people(3, 'refused'),
    });
    expect(res.json.counts).toMatchObject({ registered: 3, failed: 0, rejected: 0 });
    expect(h.requestsSince(mark).filter((r) => r.path.endsWith('/register'))).toHaveLength(3);
  });

  it('splits a batch the API finds too large (413) instead of failing it', async () => {
    const { sessionId } = await session({
      additionalFields: [
        { label: 'О себе', type: 'text', isRequired: false },
        { label: 'Ожидания', type: 'text', isRequired: false },
      ],
    });
    // 50 people × two 2,000-character Cyrillic answers: over the API's 1 MB body limit.
    const long = 'ж'.repeat(2000);
    const list = people(50, 'big').map((p) => ({
      ...p,
      fields: { 'О себе': long, Ожидания: long },
    }));
    const mark = h.sandbox.requests.length;
    const res = await h.call('register_participants', { eventSessionId: sessionId, people: list });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.counts).toMatchObject({ registered: 50, failed: 0 });
    const statuses = invites(mark).map((r) => r.status);
    expect(statuses[0]).toBe(413);
    expect(registeredOn(sessionId).size).toBe(50);
  });
});

describe('get_registration_job', () => {
  it('follows a run handed to the background and pages its account by status', async () => {
    const { sessionId } = await session();
    const list = [...people(120, 'bg'), { email: 'broken', name: 'x' }];
    const first = await h.call('register_participants', {
      eventSessionId: sessionId,
      people: list,
      waitSeconds: 0,
    });
    expect(first.isError, first.text).toBe(false);
    expect(['running', 'done']).toContain(first.json.state);
    if (first.json.state === 'running') expect(first.json.next).toMatch(/get_registration_job/);
    const done = await h.call('get_registration_job', {
      jobId: first.json.jobId,
      waitSeconds: 30,
      status: 'registered',
      page: 2,
      perPage: 50,
    });
    expect(done.json).toMatchObject({
      state: 'done',
      total: 121,
      counts: { registered: 120, rejected: 1 },
      page: 2,
      nextPage: 3,
    });
    expect(done.json.items).toHaveLength(50);
    expect(done.json.items[0]).toMatchObject({ row: 51, status: 'registered' });
    const summary = await h.call('get_registration_job', { jobId: first.json.jobId });
    expect(summary.json).toMatchObject({ state: 'done', counts: { registered: 120, rejected: 1 } });
    expect(summary.json.problems).toEqual([
      { status: 'rejected', problem: 'invalid e-mail', count: 1, rows: ['row 121 ⟦broken⟧'] },
    ]);
    const missing = await h.call('get_registration_job', { jobId: 'nope' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/no such job/);
  });
});
