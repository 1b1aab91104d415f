// The simulator's whole world: maps keyed by integer id, one id sequence per entity.
// Registrations and contacts, the two that grow with the organisation, are indexed tables:
// writes find a session's registrations or an e-mail's contact without a full scan.
import type { ChatMessage, Question } from './conversation.js';
import type {
  ConversionRec,
  FileRec,
  FileRefRec,
  RecordRec,
  TestRec,
  TestSessionRec,
} from './content-types.js';
import { Table } from './table.js';

export type Status = 'ACTIVE' | 'START' | 'STOP';
export type EventType = 'webinar' | 'meeting' | 'training';
type Lang = 'RU' | 'EN';
export type StartType = 'manual' | 'autostart' | 'autowebinar';

export interface Organization {
  id: number;
  alias: string;
  name: string;
  /** Owner member: the account behind the API key; the default author of chat/questions. */
  ownerId: number;
}

export interface Member {
  id: number; // userId
  membershipId: number;
  name: string;
  secondName: string;
  patrName: string;
  email: string;
  /** `ownerId` pointing at a member with an unconfirmed e-mail → 403 `Event owner is not submitted`. */
  emailConfirmed: boolean;
  nickname: string;
  role: 'admin' | 'lecturer';
  position: string;
  phone: string;
  sex: 'm' | 'f' | 'o';
}

export interface AccessSettings {
  isPasswordRequired: boolean;
  isRegistrationRequired: boolean;
  isModerationRequired: boolean;
}

export interface AdditionalField {
  key: string; // 32 hex characters
  label: string;
  type: string; // 'text' | 'radio' | ...
  values?: string[];
  placeholder?: string;
  isRequired: boolean;
}

/** Settings an event and each of its sessions carry (sessions copy them at creation). */
export interface CommonSettings {
  name: string;
  description: string;
  accessSettings: AccessSettings;
  password: string;
  timezoneId: number;
  lang: Lang;
  image: number | null;
  lectorIds: number[];
  tags: string[];
  additionalFields: AdditionalField[];
}

export interface EventRec extends CommonSettings {
  id: number;
  status: Status;
  type: EventType;
  /** RRULE; non-series events report `FREQ=DAILY;COUNT=1`. */
  rule: string;
  isSeries: boolean;
  isEventRegAllowed: boolean;
  startsAt: number; // UTC ms
  endsAt: number | null;
  ownerId: number; // createUserId
  urlAlias: string | null;
  duration: string | null; // ISO-8601, landing page only
  defaultRemindersEnabled: boolean;
  brandingId: number | null;
  /** E5 removes the event; finished sessions survive it (statistics keep them). */
  deleted: boolean;
  createdAt: number;
}

export interface SessionRec extends CommonSettings {
  id: number;
  eventId: number;
  status: Status;
  startType: StartType;
  /** Planned start (the response's `estimatedAt`). */
  startsAt: number;
  startedAt: number | null;
  stoppedAt: number | null;
  createUserId: number;
  createdAt: number;
}

export interface Contact {
  id: number;
  userId: number | null;
  email: string;
  name: string;
  secondName: string;
  patrName: string;
  nickname: string;
  phone: string;
  organization: string;
  position: string;
  sex: 'm' | 'f' | 'o' | null;
  tags: readonly string[];
  publicTags: readonly string[];
  ownerId: number; // the member whose address book holds it
  createdAt: number;
}

export interface Participation {
  id: number;
  eventId: number;
  /** null: registered on the whole series (P2/P4). */
  eventSessionId: number | null;
  contactId: number;
  userId: number | null;
  email: string;
  name: string;
  secondName: string;
  nickname: string;
  role: 'GUEST' | 'LECTURER' | 'ADMIN';
  isAccepted: boolean;
  isKicked: boolean;
  visited: boolean;
  /** Added by the organiser's invite (P3) rather than registered one by one (S1 `invitedCount`). */
  invited: boolean;
  /** Token part of the personal link (the API's `url`). */
  url: string;
  additionalFieldValues: Readonly<Record<string, string>>;
  registerDate: number;
}

export type EntityKind =
  | 'member'
  | 'event'
  | 'session'
  | 'participation'
  | 'contact'
  | 'record'
  | 'conversion'
  | 'chatMessage'
  | 'question'
  | 'file'
  | 'fileRef'
  | 'test'
  | 'testSession'
  | 'testQuestion'
  | 'testAnswer'
  | 'testPassing'
  | 'userAnswer'
  | 'user';

/**
 * One shared, frozen empty value for the many rows that have none (most contacts have no tags,
 * most registrations no form answers): an empty array or object per row costs more than the
 * row's own fields at 100,000 rows. Rows replace these values, never change them in place.
 */
export const NO_TAGS: readonly string[] = Object.freeze([]);
export const NO_ANSWERS: Readonly<Record<string, string>> = Object.freeze({});

/** E-mails compare trimmed and case-insensitively everywhere (registration, contacts, stats). */
export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * Registrations by session (`session`), whole-series registrations by event (`series`) and by
 * e-mail (`email`).
 */
type Participations = Table<Participation, 'session' | 'series' | 'email'>;
type Contacts = Table<Contact, 'email'>;

export interface SandboxState {
  organization: Organization;
  members: Map<number, Member>;
  events: Map<number, EventRec>;
  sessions: Map<number, SessionRec>;
  participations: Participations;
  contacts: Contacts;
  records: Map<number, RecordRec>;
  conversions: Map<number, ConversionRec>;
  chatMessages: Map<number, ChatMessage>;
  questions: Map<number, Question>;
  files: Map<number, FileRec>;
  fileRefs: Map<number, FileRefRec>;
  tests: Map<number, TestRec>;
  testSessions: Map<number, TestSessionRec>;
  /** Last id handed out per entity; ids look like production ones but never collide. */
  seq: Record<EntityKind, number>;
}

/** First id of each sequence (the value after the first `nextId`). */
const SEQ_START: Record<EntityKind, number> = {
  member: 1029,
  event: 2356000,
  session: 2405000,
  participation: 60680000,
  contact: 47274000,
  record: 57325000,
  conversion: 60944000,
  chatMessage: 1743000,
  question: 182700,
  file: 15426000,
  fileRef: 3164000,
  test: 2158000,
  testSession: 36000,
  testQuestion: 108700,
  testAnswer: 10880,
  testPassing: 4581000,
  userAnswer: 9215000,
  /** Participants' platform users (members keep their own ids from 1029). */
  user: 75600000,
};

export function emptyState(organization: Organization): SandboxState {
  const seq = Object.fromEntries(Object.entries(SEQ_START).map(([k, v]) => [k, v - 1])) as Record<
    EntityKind,
    number
  >;
  return {
    organization,
    members: new Map(),
    events: new Map(),
    sessions: new Map(),
    participations: new Table({
      session: (p) => p.eventSessionId ?? undefined,
      series: (p) => (p.eventSessionId === null ? p.eventId : undefined),
      email: (p) => emailKey(p.email),
    }),
    contacts: new Table({ email: (c) => emailKey(c.email) }),
    records: new Map(),
    conversions: new Map(),
    chatMessages: new Map(),
    questions: new Map(),
    files: new Map(),
    fileRefs: new Map(),
    tests: new Map(),
    testSessions: new Map(),
    seq,
  };
}

export function nextId(state: SandboxState, kind: EntityKind): number {
  state.seq[kind] += 1;
  return state.seq[kind];
}

/** A new address-book entry, stored under a fresh id; empty profile fields unless given. */
export function addContact(
  state: SandboxState,
  email: string,
  now: number,
  profile: Partial<
    Pick<Contact, 'name' | 'secondName' | 'patrName' | 'nickname' | 'organization' | 'position'>
  > = {},
): Contact {
  const contact: Contact = {
    id: nextId(state, 'contact'),
    userId: null,
    email,
    name: '',
    secondName: '',
    patrName: '',
    nickname: '',
    phone: '',
    organization: '',
    position: '',
    sex: null,
    tags: NO_TAGS,
    publicTags: NO_TAGS,
    ownerId: state.organization.ownerId,
    createdAt: now,
    ...profile,
  };
  state.contacts.set(contact.id, contact);
  return contact;
}

/** A session's registrations: its own plus whole-series ones of its event (INFERRED, as P5 lists them). */
export function registrationsOf(state: SandboxState, s: SessionRec): Participation[] {
  const own = [...state.participations.where('session', s.id)];
  if (state.participations.count('series', s.eventId) === 0) return own;
  return [...own, ...state.participations.where('series', s.eventId)].sort((a, b) => a.id - b.id);
}

export function registrationCount(state: SandboxState, s: SessionRec): number {
  const { participations } = state;
  return participations.count('session', s.id) + participations.count('series', s.eventId);
}

/** The address-book entry with this e-mail, if any. */
export function contactByEmail(state: SandboxState, email: string): Contact | undefined {
  for (const c of state.contacts.where('email', emailKey(email))) return c;
  return undefined;
}
