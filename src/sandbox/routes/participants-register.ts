// Registration core shared by P1–P4: where a person registers (a session or a whole series),
// reading one person's fields, duplicate detection, implicit contacts and the personal link.
import { createHash } from 'node:crypto';
import { HttpError, conflict, fieldError } from '../errors.js';
import type { Input } from '../params.js';
import {
  NO_ANSWERS,
  nextId,
  addContact,
  contactByEmail,
  emailKey,
  type AdditionalField,
  type Contact,
  type EventRec,
  type Participation,
  type SandboxState,
  type SessionRec,
} from '../state.js';
import { findEvent, findSession } from './events.js';
import { PUBLIC_HOST } from './hosts.js';

export const ROLES = ['GUEST', 'LECTURER', 'ADMIN'] as const;
type Role = (typeof ROLES)[number];

/** Where a registration goes: one session, or the whole series (`session` null). */
export interface Target {
  ev: EventRec;
  session: SessionRec | null;
  fields: AdditionalField[];
  moderated: boolean;
}

export interface Person {
  email: string;
  name: string;
  secondName: string;
  patrName: string;
  nickname: string;
  /** Profile data (reference §4, SEEN ONCE): kept on the contact registration creates. */
  organization: string;
  position: string;
  role: Role;
  values: Record<string, string>;
  isAccepted: boolean | undefined;
}

/** INFERRED: a finished webinar takes no new registrations. */
export function sessionTarget(state: SandboxState, id: number): Target {
  const session = findSession(state, id);
  if (session.status === 'STOP') throw conflict('Event session is finished');
  const ev = findEvent(state, session.eventId);
  const moderated = session.accessSettings.isModerationRequired;
  return { ev, session, fields: session.additionalFields, moderated };
}

/** P2/P4 need "registration for the whole series" (CONFIRMED); 400 otherwise (issue spec). */
export function seriesTarget(state: SandboxState, id: number): Target {
  const ev = findEvent(state, id);
  if (!ev.isEventRegAllowed) {
    throw new HttpError(400, 'Registration for the whole series is not allowed for this event');
  }
  if (ev.status === 'STOP') throw conflict('Event is finished');
  const moderated = ev.accessSettings.isModerationRequired;
  return { ev, session: null, fields: ev.additionalFields, moderated };
}

/** INFERRED: a plain shape check (one @, a dot in the domain, no spaces, ≤ 254 characters). */
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email);
}

/** One person's fields (P1/P2 body, or one `users[i]` of P3/P4). Throws 400 on a bad value. */
export function readPerson(input: Input, target: Target): Person {
  const email = (input.str('email', true) as string).trim();
  if (!isValidEmail(email)) throw fieldError(input.path('email'), 'must be a valid e-mail');
  const name = input.str('name')?.trim() ?? '';
  const secondName = input.str('secondName')?.trim() ?? '';
  const values: Record<string, string> = {};
  const given = input.obj('additionalFields');
  for (const field of target.fields) {
    const value = given?.str(field.key)?.trim() ?? '';
    if (value) values[field.key] = value;
    else if (field.isRequired) {
      // CONFIRMED: a missing required answer is a 400 with ERROR_BLANK on that field.
      throw fieldError(`${input.path('additionalFields')}[${field.key}]`, 'ERROR_BLANK');
    }
  }
  // Keys the event does not define are ignored (INFERRED).
  return {
    email,
    name,
    secondName,
    patrName: input.str('pattrName')?.trim() ?? '',
    nickname: input.str('nickname')?.trim() || [name, secondName].filter(Boolean).join(' '),
    organization: input.str('organization')?.trim() ?? '',
    position: input.str('position')?.trim() ?? '',
    role: input.oneOf('role', ROLES) ?? 'GUEST',
    values,
    isAccepted: input.bool('isAccepted'),
  };
}

/**
 * The registration that makes this e-mail "already registered" for a target, if any. A session
 * also counts whole-series registrations of its event (INFERRED, as P5 lists them). Looks only
 * at the e-mail's own registrations, never the whole organisation's.
 */
export function registrationFor(
  state: SandboxState,
  target: Target,
  email: string,
): Participation | undefined {
  for (const p of state.participations.where('email', emailKey(email))) {
    if (p.eventId !== target.ev.id) continue;
    if (p.eventSessionId === null || p.eventSessionId === target.session?.id) return p;
  }
  return undefined;
}

/** Registration creates the contact when the address book has none (CONFIRMED). */
function contactFor(state: SandboxState, person: Person, now: number): Contact {
  return (
    contactByEmail(state, person.email) ??
    addContact(state, person.email, now, {
      name: person.name,
      secondName: person.secondName,
      patrName: person.patrName,
      nickname: person.nickname,
      organization: person.organization,
      position: person.position,
    })
  );
}

export function register(
  state: SandboxState,
  target: Target,
  person: Person,
  now: number,
  invited = false,
): Participation {
  const contact = contactFor(state, person, now);
  const id = nextId(state, 'participation');
  const p: Participation = {
    id,
    eventId: target.ev.id,
    eventSessionId: target.session?.id ?? null,
    contactId: contact.id,
    userId: contact.userId,
    email: person.email,
    name: person.name,
    secondName: person.secondName,
    nickname: person.nickname,
    role: person.role,
    // Pre-moderated events wait for P7 unless the caller pre-approves (SEEN ONCE `isAccepted`).
    isAccepted: target.moderated ? (person.isAccepted ?? false) : true,
    isKicked: false,
    visited: false,
    invited,
    url: createHash('md5').update(`participation:${id}`).digest('hex'),
    additionalFieldValues: Object.keys(person.values).length ? person.values : NO_ANSWERS,
    registerDate: now,
  };
  state.participations.set(id, p);
  return p;
}

/** INFERRED link shape from the CONFIRMED examples: host / org alias / eventId / token. */
function personalLink(state: SandboxState, p: Participation): string {
  return `${PUBLIC_HOST}/${state.organization.alias}/${p.eventId}/${p.url}`;
}

export const registrationView = (state: SandboxState, p: Participation) => ({
  participationId: p.id,
  link: personalLink(state, p),
  contactId: p.contactId,
});
