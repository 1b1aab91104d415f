// Contacts area (reference §3): the organisation's address book. Registration creates contacts
// implicitly. Only search, get and tag-add paths were seen; the rest are guesses kept here.
import { z } from 'zod';
import { MAX_ID } from './fields.js';
import { defineTool, type Params } from './define.js';
import { InputError } from './errors.js';
import { sentEmail } from './email.js';
import { apiProbe, nameMatches } from './name-match.js';
import { isEmail } from './participant-input.js';
import { contactSubject } from './subjects.js';
import { rows, type Row } from './rows.js';

/**
 * Every contacts path in one place. UNVERIFIED (reference C5–C8: the help articles exist but
 * their paths were not retrieved): create, update, delete and removeTags are the most plausible
 * guesses, following the API's REST pattern and its POST `.../delete` style. Fix them here.
 */
export const CONTACT_PATHS = {
  search: '/contacts/search', // C1, SEEN ONCE
  one: '/contacts/{contactId}', // C2, SEEN ONCE
  addTags: '/contacts/tags/add', // C4, CONFIRMED
  create: '/contacts', // C5, UNVERIFIED
  update: '/contacts/{contactId}', // C6, UNVERIFIED
  remove: '/contacts/{contactId}', // C7, UNVERIFIED
  removeTags: '/contacts/tags/delete', // C8, UNVERIFIED (no article found at all)
} as const;

const UNVERIFIED = 'Endpoint path unverified (inferred, not documented).';

const contactId = z
  .number()
  .int()
  .min(1)
  .max(MAX_ID)
  .describe('Contact id: from search_contacts, or contactId returned by registration.');

const profile = {
  name: z.string().max(255).optional().describe('First name.'),
  secondName: z.string().max(255).optional().describe('Last name.'),
  patronymic: z.string().max(255).optional().describe('Patronymic (middle name).'),
  nickname: z.string().max(255).optional().describe('Display name.'),
  organization: z.string().max(255).optional().describe('Company.'),
  position: z.string().max(255).optional().describe('Job title.'),
  phone: z.string().max(50).optional().describe('Phone number.'),
  sex: z.enum(['m', 'f', 'o']).optional().describe('m, f or o.'),
};

/** Friendly names → the contact model's field names (one client model, SEEN ONCE). */
function profileParams(input: Params): Params {
  const { patronymic, nickname, phone, email, ...rest } = input;
  return {
    ...rest,
    // The form registration sends too (email.ts): пример.рф as xn--…, so either finds it.
    email: typeof email === 'string' ? sentEmail(email) : email,
    patrName: patronymic,
    nickName: nickname,
    phoneMain: phone,
  };
}

const pickContact = (c: Row) => ({
  id: c.id,
  userId: c.userId,
  email: c.email,
  name: c.name,
  secondName: c.secondName,
  patronymic: c.patrName,
  nickname: c.nickName,
  organization: c.organization ?? c.company,
  position: c.position,
  phone: c.phoneMain,
  tags: c.tags,
  publicTags: c.publicTags,
});

const tagInput = z.object({
  contactIds: z
    .array(contactId)
    .min(1)
    .max(500)
    .describe('Contacts to change: ids from search_contacts.'),
  tags: z
    .array(z.string().min(1).max(100))
    .max(50)
    .optional()
    .describe('Personal tags (visible to the key owner).'),
  publicTags: z
    .array(z.string().min(1).max(100))
    .max(50)
    .optional()
    .describe('Public tags, visible to every employee.'),
});

function tagParams(input: z.output<typeof tagInput>): Params {
  if (!input.tags?.length && !input.publicTags?.length) {
    throw new InputError('tags', 'give tags, publicTags or both');
  }
  return input;
}

const searchKeys = ['email', 'name', 'secondName', 'organization', 'phone'] as const;

/** Criteria matched as people read names (name-match.ts): the API gets a probe, we filter. */
const NAME_CRITERIA = {
  name: { kind: 'person', of: (c: Row) => c.name },
  secondName: { kind: 'person', of: (c: Row) => c.secondName },
  organization: { kind: 'text', of: (c: Row) => c.organization ?? c.company },
} as const;
type NameCriterion = keyof typeof NAME_CRITERIA;
const nameCriteria = (input: Partial<Record<NameCriterion, string>>) =>
  (Object.keys(NAME_CRITERIA) as NameCriterion[]).flatMap((key) => {
    const wanted = input[key];
    return wanted ? [{ key, wanted, ...NAME_CRITERIA[key] }] : [];
  });

export const contactsTools = [
  defineTool({
    name: 'search_contacts',
    title: 'Search contacts',
    description:
      "Find people in the organisation's address book by e-mail (exact) or by name, company or phone. Returns contacts with their id and tags.",
    method: 'GET',
    path: CONTACT_PATHS.search,
    input: z.object({
      email: z.string().max(254).optional().describe('Exact e-mail.'),
      name: z.string().min(1).max(255).optional().describe('First name contains.'),
      secondName: z.string().min(1).max(255).optional().describe('Last name contains.'),
      organization: z.string().min(1).max(255).optional().describe('Company contains.'),
      phone: z.string().min(1).max(50).optional().describe('Phone contains.'),
    }),
    toParams: (input) => {
      const given = searchKeys.filter((k) => input[k] !== undefined && input[k] !== '');
      if (!given.length) throw new InputError('email', 'give at least one search criterion');
      const { phone, email, ...rest } = input;
      const probes = nameCriteria(input).map((c) => [c.key, apiProbe(c.wanted, c.kind)]);
      const sent = email ? sentEmail(email) : email;
      return {
        contactsData: { ...rest, ...Object.fromEntries(probes), email: sent, phoneMain: phone },
      };
    },
    shape: (data, input) => {
      const criteria = nameCriteria(input);
      const hits = rows(data).filter((c) =>
        criteria.every(({ wanted, kind, of }) => nameMatches(wanted, of(c), kind)),
      );
      return { items: hits.map(pickContact) };
    },
  }),
  defineTool({
    name: 'get_contact',
    title: 'Get contact',
    description: 'One address-book contact by id (from search_contacts or a registration).',
    method: 'GET',
    path: CONTACT_PATHS.one,
    input: z.object({ contactId }),
    shape: (data) => pickContact(data as Row),
  }),
  defineTool({
    name: 'create_contact',
    title: 'Create contact',
    description: `Add a person to the address book; returns contactId. Registering someone creates the contact anyway. ${UNVERIFIED}`,
    method: 'POST',
    path: CONTACT_PATHS.create,
    input: z.object({
      email: z.string().max(254).refine(isEmail, 'expected an e-mail address').describe('E-mail.'),
      ...profile,
    }),
    toParams: profileParams,
  }),
  defineTool({
    name: 'update_contact',
    title: 'Update contact',
    description: `Change an address-book contact (contactId from search_contacts); send only what changes. ${UNVERIFIED}`,
    method: 'PUT',
    path: CONTACT_PATHS.update,
    input: z.object({
      contactId,
      email: z
        .string()
        .max(254)
        .refine(isEmail, 'expected an e-mail address')
        .optional()
        .describe('New e-mail.'),
      ...profile,
    }),
    toParams: profileParams,
  }),
  defineTool({
    name: 'delete_contact',
    title: 'Delete contact',
    description: `Remove a contact from the address book (contactId from search_contacts); registrations stay. ${UNVERIFIED}`,
    method: 'DELETE',
    path: CONTACT_PATHS.remove,
    input: z.object({ contactId }),
    confirm: async (input, ctx) =>
      `Delete ${await contactSubject(ctx, input.contactId)} from the address book?`,
  }),
  defineTool({
    name: 'add_contact_tags',
    title: 'Add contact tags',
    description:
      "Tag a group of contacts (ids from search_contacts). Contacts outside the organisation's address books are skipped; returns updatedContacts.",
    method: 'POST',
    path: CONTACT_PATHS.addTags,
    input: tagInput,
    toParams: tagParams,
  }),
  defineTool({
    name: 'remove_contact_tags',
    title: 'Remove contact tags',
    description: `Remove tags from a group of contacts (ids from search_contacts); returns updatedContacts. ${UNVERIFIED}`,
    method: 'POST',
    path: CONTACT_PATHS.removeTags,
    input: tagInput,
    toParams: tagParams,
    idempotent: true,
    annotations: { idempotentHint: true },
  }),
];
