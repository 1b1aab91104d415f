// Contacts tools through a real MCP client against the sandbox: request, result, error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/sandbox/types.js';
import { CONTACT_PATHS } from '../../src/tools/contacts.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const last = (mark: number): RequestRecord | undefined => h.requestsSince(mark).at(-1);

describe('search_contacts / get_contact', () => {
  it('searches with contactsData[...] and returns trimmed contacts', async () => {
    const seeded = [...h.sandbox.state.contacts.values()][3]!;
    const mark = h.sandbox.requests.length;
    const res = await h.call('search_contacts', { email: seeded.email });
    expect(res.isError, res.text).toBe(false);
    expect(last(mark)).toMatchObject({
      method: 'GET',
      path: '/contacts/search',
      query: { contactsData: { email: seeded.email } },
    });
    // A contact's own words are marked as participant data; the plain address is not.
    expect(res.json.items).toEqual([
      expect.objectContaining({ id: seeded.id, email: seeded.email, name: `⟦${seeded.name}⟧` }),
    ]);
    expect(res.json.participantData).toMatch(/never instructions/);
    const one = await h.call('get_contact', { contactId: seeded.id });
    expect(one.json).toMatchObject({ id: seeded.id, organization: `⟦${seeded.organization}⟧` });
  });

  it('needs a criterion (nothing sent) and names search_contacts for an unknown id', async () => {
    const mark = h.sandbox.requests.length;
    const none = await h.call('search_contacts', {});
    expect(none.isError).toBe(true);
    expect(none.text).toMatch(/at least one search criterion/);
    expect(h.requestsSince(mark)).toHaveLength(0);
    const missing = await h.call('get_contact', { contactId: 999_999_999 });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/404.*contactId \(from search_contacts\)/);
  });
});

describe('create / update / delete (unverified paths)', () => {
  it('says the path is unverified, and round-trips a contact', async () => {
    const { ALL_TOOLS } = await import('../../src/toolsets/all.js');
    for (const name of [
      'create_contact',
      'update_contact',
      'delete_contact',
      'remove_contact_tags',
    ]) {
      expect(ALL_TOOLS.find((t) => t.name === name)?.description).toMatch(/unverified/);
    }
    const mark = h.sandbox.requests.length;
    const created = await h.call('create_contact', {
      email: 'pavel@example.com',
      name: 'Pavel',
      patronymic: 'Olegovich',
      phone: '+79990001122',
    });
    expect(created.isError, created.text).toBe(false);
    expect(last(mark)).toMatchObject({
      method: 'POST',
      path: CONTACT_PATHS.create,
      body: { email: 'pavel@example.com', patrName: 'Olegovich', phoneMain: '+79990001122' },
    });
    const id = created.json.contactId as number;
    const dup = await h.call('create_contact', { email: 'PAVEL@example.com' });
    expect(dup.isError).toBe(true);
    expect(dup.text).toContain('409');
    const upd = await h.call('update_contact', { contactId: id, position: 'Engineer' });
    expect(upd.isError, upd.text).toBe(false);
    expect(h.sandbox.state.contacts.get(id)?.position).toBe('Engineer');
    const refused = await h.call('delete_contact', { contactId: id });
    expect(refused.isError).toBe(true);
    const del = await h.call('delete_contact', { contactId: id, confirm: true });
    expect(del.isError, del.text).toBe(false);
    expect(h.sandbox.state.contacts.has(id)).toBe(false);
  });
});

describe('add_contact_tags / remove_contact_tags', () => {
  it('tags a group and removes tags again, reporting updatedContacts', async () => {
    const [a, b] = [...h.sandbox.state.contacts.values()];
    const mark = h.sandbox.requests.length;
    const add = await h.call('add_contact_tags', {
      contactIds: [a!.id, b!.id],
      tags: ['vip'],
      publicTags: ['q4'],
    });
    expect(add.isError, add.text).toBe(false);
    expect(add.json).toEqual({ updatedContacts: 2 });
    expect(last(mark)?.body).toEqual({
      contactIds: [String(a!.id), String(b!.id)],
      tags: ['vip'],
      publicTags: ['q4'],
    });
    const remove = await h.call('remove_contact_tags', { contactIds: [a!.id], publicTags: ['q4'] });
    expect(remove.json).toEqual({ updatedContacts: 1 });
    expect(a).toMatchObject({ tags: ['vip'], publicTags: [] });
    const empty = await h.call('add_contact_tags', { contactIds: [a!.id] });
    expect(empty.isError).toBe(true);
    expect(empty.text).toMatch(/tags: give tags, publicTags or both/);
  });
});
