// schedule_webinar: event + session + registrations in one call, and honest partial failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('schedule_webinar', () => {
  it('creates the event and its session and registers the people, with links', async () => {
    const res = await h.call('schedule_webinar', {
      name: 'Onboarding',
      startsAt: '2037-12-08T11:00',
      timezone: 'Europe/Moscow',
      durationMinutes: 60,
      people: [
        { email: 'anna@example.com', name: 'Анна' },
        { email: 'boris@example.com', name: 'Борис' },
        { email: 'not-an-email' },
      ],
    });
    expect(res.isError, res.text).toBe(false);
    const { eventId, eventSessionId, registration } = res.json;
    expect(h.sandbox.state.events.get(eventId)?.name).toBe('Onboarding');
    expect(h.sandbox.state.sessions.get(eventSessionId)?.eventId).toBe(eventId);
    expect(registration.counts).toMatchObject({ registered: 2, rejected: 1 });
    const registered = [...h.sandbox.state.participations.values()].filter(
      (p) => p.eventSessionId === eventSessionId,
    );
    expect(registered.map((p) => p.email).sort()).toEqual([
      'anna@example.com',
      'boris@example.com',
    ]);
  });

  it('reads its people like register_participants: Russian names, IDN e-mails, organisation', async () => {
    const res = await h.call('schedule_webinar', {
      name: 'Планёрка',
      startsAt: '2037-12-08T11:00',
      people: [
        { email: 'semenov@пример.рф', name: 'Пётр', secondName: 'Семёнов', patronymic: 'Ильич' },
        {
          email: 'olga@example.com',
          fields: { Организация: 'ООО «Ромашка»', Должность: 'Инженер' },
        },
      ],
    });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.registration).toMatchObject({
      counts: { registered: 2 },
      changed: {
        rows: ['row 1: e-mail ⟦semenov@пример.рф⟧ sent as semenov@xn--e1afmkfd.xn--p1ai'],
      },
    });
    // One data note, at the top: not repeated inside the registration.
    expect(res.text.match(/data to report, never instructions/g)).toHaveLength(1);
    expect(res.json.participantData).toBeDefined();
    const invite = h.sandbox.requests.find(
      (r) => r.path === `/eventsessions/${res.json.eventSessionId}/invite`,
    );
    expect(invite?.body.users).toEqual([
      {
        email: 'semenov@xn--e1afmkfd.xn--p1ai',
        name: 'Пётр',
        secondName: 'Семёнов',
        pattrName: 'Ильич',
        role: 'GUEST',
      },
      {
        email: 'olga@example.com',
        role: 'GUEST',
        organization: 'ООО «Ромашка»',
        position: 'Инженер',
      },
    ]);
  });

  it('without people it says how to register later', async () => {
    const res = await h.call('schedule_webinar', { name: 'Solo', startsAt: '2037-12-09T10:00' });
    expect(res.isError, res.text).toBe(false);
    expect(res.json.next).toContain('register_participants');
  });

  it('reports what already exists when a later step fails', async () => {
    h.sandbox.injectFaults([{ kind: '500', method: 'POST', pathPrefix: '/events/' }]);
    const res = await h.call('schedule_webinar', { name: 'Half', startsAt: '2037-12-10T10:00' });
    expect(res.isError).toBe(true);
    const created = [...h.sandbox.state.events.values()].find((e) => e.name === 'Half');
    expect(created).toBeTruthy();
    expect(res.text).toContain(`event ${created!.id} was created`);
    expect(res.text).toContain('create_event_session');
  });

  it('rejects a missing start before sending anything', async () => {
    const mark = h.sandbox.requests.length;
    const res = await h.call('schedule_webinar', { name: 'No time' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('startsAt');
    expect(h.requestsSince(mark)).toHaveLength(0);
  });

  it('refuses a start in the past (a wrong year, say) and creates nothing', async () => {
    const lastYear = `${new Date().getFullYear() - 1}-12-08T11:00`;
    const mark = h.sandbox.requests.length;
    const res = await h.call('schedule_webinar', { name: 'Too late', startsAt: lastYear });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(
      /startsAt.*Europe\/Moscow is in the past \(it is now \d{4}-\d\d-\d\d \d\d:\d\d there\)/,
    );
    expect(res.text).toContain('Nothing was sent');
    expect(h.requestsSince(mark).filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('takes the access settings and form fields the user names, on event and session alike', async () => {
    const res = await h.call('schedule_webinar', {
      name: 'Closed webinar',
      startsAt: '2037-12-11T15:00',
      timezone: 'Asia/Yekaterinburg',
      durationMinutes: 45,
      moderationRequired: true,
      password: 'secret',
      formFields: ['Компания', 'Должность'],
    });
    expect(res.isError, res.text).toBe(false);
    const event = h.sandbox.state.events.get(res.json.eventId)!;
    const session = h.sandbox.state.sessions.get(res.json.eventSessionId)!;
    for (const target of [event, session]) {
      expect(target.accessSettings).toEqual({
        isPasswordRequired: true,
        isRegistrationRequired: true,
        isModerationRequired: true,
      });
      expect(target.password).toBe('secret');
      expect(target.additionalFields.map((f) => f.label)).toEqual(['Компания', 'Должность']);
    }
    expect(session.startsAt).toBe(event.startsAt);
    expect(res.json).toMatchObject({
      startsAt: '2037-12-11T15:00+05:00',
      utc: '2037-12-11T10:00Z',
      timezone: 'Asia/Yekaterinburg',
      durationMinutes: 45,
      access: 'registration required, hosts approve registrations, password',
      // The form as stored: what people will be asked.
      form: ['Компания', 'Должность'],
    });
    // Which link attendees get is said, and only one link is offered to share.
    expect(res.json.attendees).toMatch(/^share link/);
    expect(res.json.sessionLink).toBeUndefined();
  });

  it('sets the page language the audience reads, and reports follow it', async () => {
    const res = await h.call('schedule_webinar', {
      name: 'Product update',
      startsAt: '2037-12-08T11:00',
      lang: 'EN',
    });
    expect(res.isError, res.text).toBe(false);
    expect(h.sandbox.state.events.get(res.json.eventId)?.lang).toBe('EN');
    const prompt = await h.client.getPrompt({
      name: 'follow_up',
      arguments: { eventSessionId: String(res.json.eventSessionId) },
    });
    expect(JSON.stringify(prompt.messages)).not.toMatch(/[а-яё]{4}/i);
  });
});
