// Names as Russian speakers write them (issue 20): ё and е, any case, and for surnames their
// cases and either gender, through a real MCP client. The sandbox's filters stay as the API's
// are taken to be (case-insensitive substrings, no ё folding): the client does the folding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';
import { liveSession } from './live-session.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  const people = [
    ['semenov@example.com', 'Пётр', 'Семёнов', 'ООО «Ёлка-Палка»'],
    ['semenova@example.com', 'Анна', 'Семёнова', 'АО «Вектор»'],
    ['semenikhin@example.com', 'Олег', 'Семенихин', 'АО «Вектор»'],
    ['dostoevskaya@example.com', 'Мария', 'Достоевская', 'Globex LLC'],
    ['rk@example.com', 'Андрей', 'Римский-Корсаков', 'Globex LLC'],
  ];
  for (const [email, name, secondName, organization] of people) {
    const res = await h.call('create_contact', { email, name, secondName, organization });
    expect(res.isError, res.text).toBe(false);
  }
});
afterAll(async () => {
  await h.close();
});

const found = async (args: Record<string, unknown>) => {
  const res = await h.call('search_contacts', args);
  expect(res.isError, res.text).toBe(false);
  return (res.json.items as { email: string }[]).map((c) => c.email).sort();
};

describe('search_contacts', () => {
  it('finds «Семёнов» by «Семенов»: ё and е are one letter, case aside', async () => {
    expect(await found({ secondName: 'Семенов' })).toEqual([
      'semenov@example.com',
      'semenova@example.com',
    ]);
    expect(await found({ secondName: 'СЕМЁНОВ' })).toEqual([
      'semenov@example.com',
      'semenova@example.com',
    ]);
    expect(await found({ name: 'Петр' })).toEqual(['semenov@example.com']);
    // First names in their cases too: Петру (dative), Анне, Марии.
    expect(await found({ name: 'Петру' })).toEqual(['semenov@example.com']);
    expect(await found({ name: 'Анне', secondName: 'Семёновой' })).toEqual([
      'semenova@example.com',
    ]);
    expect(await found({ name: 'Марии' })).toEqual(['dostoevskaya@example.com']);
    expect(await found({ organization: 'ооо елка палка' })).toEqual(['semenov@example.com']);
  });

  it('finds a surname by its cases, masculine and feminine alike', async () => {
    const family = ['semenov@example.com', 'semenova@example.com'];
    for (const form of ['Семёнова', 'Семенову', 'Семёновым', 'семеновой', 'Семёновых']) {
      expect(await found({ secondName: form }), form).toEqual(family);
    }
    expect(await found({ secondName: 'Достоевского' })).toEqual(['dostoevskaya@example.com']);
    expect(await found({ secondName: 'Римского-Корсакова' })).toEqual(['rk@example.com']);
    expect(await found({ secondName: 'Семенихину', organization: 'Вектор' })).toEqual([
      'semenikhin@example.com',
    ]);
    expect(await found({ secondName: 'Семёновой', organization: 'Вектор' })).toEqual([
      'semenova@example.com',
    ]);
  });

  it('the sandbox, like the API, does not fold ё: the client sends a probe without е/ё', async () => {
    const wire = (secondName: string) =>
      h.api.request({
        method: 'GET',
        path: '/contacts/search',
        params: { contactsData: { secondName } },
      });
    expect((await wire('Семенов')).data).toEqual([]);
    const mark = h.sandbox.requests.length;
    await found({ secondName: 'Семенову' });
    expect(h.requestsSince(mark).at(-1)?.query).toEqual({
      contactsData: { secondName: 'нов' },
    });
  });
});

describe('list_events', () => {
  it('finds «Планёрка отдела продаж» by «Планерка», in any case', async () => {
    // On the wire, as the API is taken to filter: no ё folding there.
    const wire = await h.api.request({
      method: 'GET',
      path: '/organization/events/schedule',
      params: { name: 'Планерка', perPage: 250 },
    });
    expect(wire.data).toEqual([]);
    for (const name of ['Планерка', 'планерка ОТДЕЛА', 'Планёрка']) {
      const res = await h.call('list_events', { name });
      expect(res.isError, res.text).toBe(false);
      const titles = (res.json.items as { name: string }[]).map((e) => e.name);
      expect(titles, name).toContain('Планёрка отдела продаж');
      for (const t of titles) expect(t.toLowerCase().replace(/ё/g, 'е')).toContain('планерка');
    }
  });
});

describe('list_members', () => {
  it('finds «Стажёр-методист» by «стажер методист»', async () => {
    const res = await h.call('list_members', { position: 'стажер методист' });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.items.map((m: { position: string }) => m.position)).toEqual([
      'Стажёр-методист',
    ]);
  });
});

describe('summarize_attendance', () => {
  it('lists a question asked again with ё or without, in another case, once', async () => {
    const live = await liveSession(h, 'Вопросы с ё');
    for (const text of ['Всё понятно, а где запись?', 'все понятно а где запись', 'Где слайды?']) {
      const asked = await h.call('ask_question', {
        eventSessionId: live.sessionId,
        text,
        userId: live.participantUserId,
      });
      expect(asked.isError, asked.text).toBe(false);
    }
    await h.call('stop_event_session', { eventSessionId: live.sessionId, confirm: true });
    const res = await h.call('summarize_attendance', { eventSessionId: live.sessionId });
    expect(res.isError, res.text).toBe(false);
    const unanswered = (res.raw.structuredContent as any).questions.unanswered; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(unanswered).toEqual([
      expect.objectContaining({ text: '⟦Всё понятно, а где запись?⟧', times: 2 }),
      expect.objectContaining({ text: '⟦Где слайды?⟧' }),
    ]);
  });
});

describe('contacts with a Cyrillic e-mail domain', () => {
  it('are found by the address in either form', async () => {
    const created = await h.call('create_contact', {
      email: 'Semenov@Пример.РФ',
      secondName: 'Семёнов-Пример',
    });
    expect(created.isError, created.text).toBe(false);
    for (const email of ['semenov@пример.рф', 'Semenov@xn--e1afmkfd.xn--p1ai']) {
      expect(await found({ email }), email).toEqual(['Semenov@xn--e1afmkfd.xn--p1ai']);
    }
  });
});

describe('get_person_visits with a Cyrillic e-mail domain', () => {
  it('finds the registration by the address in either form', async () => {
    const event = await h.call('create_event', {
      name: 'Домены .рф',
      startsAt: '2037-12-09T11:00:00+03:00',
    });
    expect(event.isError, event.text).toBe(false);
    const session = await h.call('create_event_session', {
      eventId: event.json.eventId,
      startsAt: '2037-12-09T11:00:00+03:00',
    });
    expect(session.isError, session.text).toBe(false);
    const reg = await h.call('register_participant', {
      eventSessionId: session.json.eventSessionId,
      email: 'Ivan.Petrov@Пример.РФ',
    });
    expect(reg.isError, reg.text).toBe(false);
    for (const email of ['ivan.petrov@пример.рф', 'ivan.petrov@xn--e1afmkfd.xn--p1ai']) {
      const res = await h.call('get_person_visits', {
        email,
        from: '2037-12-01',
        to: '2037-12-31',
      });
      expect(res.isError, `${email}: ${res.text}`).toBe(false);
      expect(res.json.registered).toEqual([
        expect.objectContaining({ eventSessionId: session.json.eventSessionId }),
      ]);
    }
  });
});
