// Contacts (address book), C1–C8. Only C4's text is CONFIRMED; C1/C2/C3 paths were SEEN ONCE;
// create/update/delete (C5–C7) and tag removal (C8) are INFERRED shapes (reference §3).
import { HttpError, conflict, fieldError, notFound } from '../errors.js';
import type { Input } from '../params.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { addContact, emailKey, type Contact, type SandboxState } from '../state.js';
import { isValidEmail } from './participants-register.js';

const SEXES = ['m', 'f', 'o'] as const;

export function registerContactRoutes(router: Router): void {
  router
    .add('GET', '/contacts/search', search)
    .add('POST', '/contacts/tags/add', (ctx) => tags(ctx, 'add'))
    .add('POST', '/contacts/tags/delete', (ctx) => tags(ctx, 'remove')) // C8 INFERRED path
    .add('POST', '/contacts', create) // C5 INFERRED
    .add('GET', '/contacts/{contactId}', (ctx) => ({ status: 200, body: view(find(ctx)) }))
    .add('GET', '/contacts/{contactId}/user', user)
    .add('PUT', '/contacts/{contactId}', update) // C6 INFERRED
    .add('DELETE', '/contacts/{contactId}', remove); // C7 INFERRED
}

/** Field names of the one client model seen (C1, SEEN ONCE). */
function view(c: Contact) {
  return {
    id: c.id,
    userId: c.userId,
    name: c.name,
    secondName: c.secondName,
    patrName: c.patrName,
    email: c.email,
    nickName: c.nickname,
    organization: c.organization,
    position: c.position,
    phoneMain: c.phone,
    sex: c.sex,
    tags: c.tags,
    publicTags: c.publicTags,
    additionalFields: [],
  };
}

function find(ctx: RouteContext): Contact {
  const id = Number(ctx.params.contactId);
  const c = ctx.state.contacts.get(id);
  if (!c) throw notFound(`Contact ${id}`);
  return c;
}

/** The members' address books: contacts owned by someone outside the organisation are not ours. */
const inOrganisation = (state: SandboxState, c: Contact) => state.members.has(c.ownerId);

/**
 * C1: `contactsData[email]` is the one key seen; the other `contactsData[...]` keys are INFERRED
 * (e-mail matches exactly, the rest as case-insensitive substrings, ё and е distinct). No
 * criteria → 400.
 */
function search(ctx: RouteContext): RouteResult {
  const data = ctx.input.obj('contactsData');
  const criteria = Object.entries(data?.data ?? {}).filter(
    ([, v]) => typeof v === 'string' && v.trim() !== '',
  ) as [string, string][];
  if (!criteria.length) throw fieldError('contactsData', 'ERROR_BLANK');
  const fieldOf = (c: Contact, key: string): string | undefined => {
    const v = view(c) as Record<string, unknown>;
    const alias: Record<string, string> = { nickname: 'nickName', phone: 'phoneMain' };
    const value = v[alias[key] ?? key];
    return typeof value === 'string' ? value : undefined;
  };
  // An e-mail criterion narrows to that e-mail's contacts through the index.
  const email = criteria.find(([key]) => key === 'email')?.[1];
  const pool =
    email !== undefined
      ? ctx.state.contacts.where('email', emailKey(email))
      : ctx.state.contacts.values();
  const hits = [...pool].filter((c) =>
    criteria.every(([key, wanted]) => {
      if (key === 'email') return emailKey(c.email) === emailKey(wanted);
      return fieldOf(c, key)?.toLowerCase().includes(wanted.trim().toLowerCase()) ?? false;
    }),
  );
  return { status: 200, body: hits.map(view) };
}

/** C3: the platform user behind a contact; 404 when the person has no account (INFERRED). */
function user(ctx: RouteContext): RouteResult {
  const c = find(ctx);
  if (c.userId === null) throw notFound(`User of contact ${c.id}`);
  return { status: 200, body: { id: c.userId, email: c.email, name: c.name } };
}

function readFields(input: Input, c: Partial<Contact>): void {
  const set = <K extends keyof Contact>(key: K, value: Contact[K] | undefined) => {
    if (value !== undefined) c[key] = value;
  };
  set('name', input.str('name'));
  set('secondName', input.str('secondName'));
  set('patrName', input.str('patrName'));
  set('nickname', input.str('nickName') ?? input.str('nickname'));
  set('organization', input.str('organization') ?? input.str('company'));
  set('position', input.str('position'));
  set('phone', input.str('phoneMain') ?? input.str('phone'));
  set('sex', input.oneOf('sex', SEXES));
  set('tags', input.strList('tags'));
  set('publicTags', input.strList('publicTags'));
}

function readEmail(input: Input, state: SandboxState, selfId?: number): string | undefined {
  const email = input.str('email')?.trim();
  if (email === undefined) return undefined;
  if (!isValidEmail(email)) throw fieldError('email', 'must be a valid e-mail');
  for (const c of state.contacts.where('email', emailKey(email))) {
    if (c.id !== selfId) throw conflict('Contact with this e-mail already exists'); // INFERRED
  }
  return email;
}

/** C5 (INFERRED): 201 `{"contactId": N}`. */
function create({ state, input, now }: RouteContext): RouteResult {
  input.str('email', true);
  const email = readEmail(input, state) as string;
  const c = addContact(state, email, now);
  readFields(input, c);
  return { status: 201, body: { contactId: c.id } };
}

/** C6 (INFERRED): partial update, 204. */
function update(ctx: RouteContext): RouteResult {
  const c = find(ctx);
  const email = readEmail(ctx.input, ctx.state, c.id);
  const changes: Partial<Contact> = {};
  readFields(ctx.input, changes);
  // Through the table: a new e-mail files the contact under its new address.
  ctx.state.contacts.update(c, (row) =>
    Object.assign(row, changes, email === undefined ? {} : { email }),
  );
  return { status: 204 };
}

/** C7 (INFERRED): 204. Registrations keep their own copy of the person's data. */
function remove(ctx: RouteContext): RouteResult {
  ctx.state.contacts.delete(find(ctx).id);
  return { status: 204 };
}

/**
 * C4 (CONFIRMED): only contacts in the organisation's address books change; others are
 * silently ignored; `{"updatedContacts": N}`. INFERRED: one of `tags[]`/`publicTags[]` is
 * enough. C8 mirrors it for removal.
 */
function tags(ctx: RouteContext, mode: 'add' | 'remove'): RouteResult {
  const { state, input } = ctx;
  const ids = input.intList('contactIds');
  if (!ids?.length) throw fieldError('contactIds', 'ERROR_BLANK');
  const personal = input.strList('tags') ?? [];
  const shared = input.strList('publicTags') ?? [];
  if (!personal.length && !shared.length) {
    throw new HttpError(400, 'Validation failed: tags or publicTags is required', {
      tags: 'ERROR_BLANK',
      publicTags: 'ERROR_BLANK',
    });
  }
  const apply = (list: readonly string[], change: string[]) =>
    mode === 'add' ? [...new Set([...list, ...change])] : list.filter((t) => !change.includes(t));
  let updated = 0;
  for (const id of new Set(ids)) {
    const c = state.contacts.get(id);
    if (!c || !inOrganisation(state, c)) continue;
    c.tags = apply(c.tags, personal);
    c.publicTags = apply(c.publicTags, shared);
    updated += 1;
  }
  return { status: 200, body: { updatedContacts: updated } };
}
