// Contacts (C1–C8) and members (M1) routes with plain fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startClient();
});
afterAll(async () => {
  await c.sb.close();
});

describe('contacts', () => {
  it('searches by e-mail (exact, any case) and by name, and needs a criterion', async () => {
    const seeded = [...c.sb.state.contacts.values()][0]!;
    const byEmail = await c.call(
      'GET',
      `/contacts/search?contactsData[email]=${encodeURIComponent(seeded.email.toUpperCase())}`,
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.json).toEqual([expect.objectContaining({ id: seeded.id, email: seeded.email })]);
    const byName = await c.call(
      'GET',
      `/contacts/search?contactsData[name]=${encodeURIComponent(seeded.name.slice(0, 3))}`,
    );
    expect(byName.json.map((x: { id: number }) => x.id)).toContain(seeded.id);
    expect((await c.call('GET', '/contacts/search')).status).toBe(400);
  });

  it('creates (201), refuses a second contact with the e-mail (409), updates, deletes', async () => {
    const created = await c.call('POST', '/contacts', {
      form: { email: 'new.contact@example.com', name: 'New', phoneMain: '+7999' },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.contactId as number;
    expect(
      (await c.call('POST', '/contacts', { form: { email: 'NEW.contact@example.com' } })).status,
    ).toBe(409);
    expect((await c.call('POST', '/contacts', { form: { name: 'No mail' } })).status).toBe(400);
    const upd = await c.call('PUT', `/contacts/${id}`, { form: { position: 'CTO' } });
    expect(upd.status).toBe(204);
    expect((await c.call('GET', `/contacts/${id}`)).json).toMatchObject({
      name: 'New',
      phoneMain: '+7999',
      position: 'CTO',
    });
    expect((await c.call('DELETE', `/contacts/${id}`)).status).toBe(204);
    expect((await c.call('GET', `/contacts/${id}`)).status).toBe(404);
  });

  it('adds and removes tags, skipping contacts outside the organisation', async () => {
    const [a, b] = [...c.sb.state.contacts.values()];
    b!.ownerId = 424242; // not an organisation member: silently ignored (CONFIRMED)
    const add = await c.call('POST', '/contacts/tags/add', {
      form: {
        'contactIds[0]': a!.id,
        'contactIds[1]': b!.id,
        'contactIds[2]': 999_999,
        'tags[0]': 'vip',
        'publicTags[0]': 'webinar-2026',
      },
    });
    expect(add.status).toBe(200);
    expect(add.json).toEqual({ updatedContacts: 1 });
    expect(a).toMatchObject({ tags: ['vip'], publicTags: ['webinar-2026'] });
    const remove = await c.call('POST', '/contacts/tags/delete', {
      form: { 'contactIds[0]': a!.id, 'tags[0]': 'vip' },
    });
    expect(remove.json).toEqual({ updatedContacts: 1 });
    expect(a).toMatchObject({ tags: [], publicTags: ['webinar-2026'] });
    const none = await c.call('POST', '/contacts/tags/add', { form: { 'contactIds[0]': a!.id } });
    expect(none.status).toBe(400);
  });
});

describe('M1 GET /organization/members', () => {
  it('lists everyone without perPage, pages with it, and filters', async () => {
    const all = await c.call('GET', '/organization/members');
    expect(all.status).toBe(200);
    expect(all.json.length).toBe(c.sb.state.members.size);
    expect(all.json[0]).toMatchObject({
      id: 1029,
      role: 'admin',
      membershipId: expect.any(Number),
    });
    const page = await c.call('GET', '/organization/members?perPage=10&page=2');
    expect(page.json).toEqual([]);
    const lecturers = await c.call('GET', '/organization/members?role=lecturer');
    expect(lecturers.json.every((m: { role: string }) => m.role === 'lecturer')).toBe(true);
    const one = await c.call(
      'GET',
      `/organization/members?email=${encodeURIComponent('MARIA.smirnova@demo-academy.example')}`,
    );
    expect(one.json.map((m: { id: number }) => m.id)).toEqual([1030]);
    expect((await c.call('GET', '/organization/members?id=1031')).json[0].name).toBe('Alex');
    expect((await c.call('GET', '/organization/members?perPage=7')).status).toBe(400);
    expect((await c.call('GET', '/organization/members?role=owner')).status).toBe(400);
  });
});
