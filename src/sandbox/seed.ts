// The deterministic demo organisation: same seed and same clock → same data. Ids come from
// the per-entity sequences only (never from the clock), so they do not depend on `now`.
import { createHash } from 'node:crypto';
import { utcToWall, wallToUtc } from './dates.js';
import { createPrng, pick, randInt, type Prng } from './prng.js';
import { addSession } from './routes/events.js';
import * as data from './seed-data.js';
import { seedActivity } from './seed-activity.js';
import { seedContent } from './seed-content.js';
import {
  NO_ANSWERS,
  NO_TAGS,
  emptyState,
  nextId,
  type AccessSettings,
  type Contact,
  type EventRec,
  type SandboxState,
  type SessionRec,
} from './state.js';
import { MOSCOW_TZ_ID, moscow } from './timezones.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Owner of the API key and of the organisation; tests may rely on it. */
export const SEED_OWNER_ID = 1029;
/** The member whose e-mail is not confirmed (ownerId → 403). */
export const SEED_UNCONFIRMED_MEMBER_ID = 1034;

const ACCESS: AccessSettings[] = [
  { isPasswordRequired: false, isRegistrationRequired: false, isModerationRequired: false },
  { isPasswordRequired: false, isRegistrationRequired: true, isModerationRequired: false },
  { isPasswordRequired: false, isRegistrationRequired: true, isModerationRequired: false },
  { isPasswordRequired: false, isRegistrationRequired: true, isModerationRequired: true },
];

/** A Moscow wall-clock time `days` from the date of `now` (negative: in the past). */
function moscowAt(now: number, days: number, hour: number, minute: number): number {
  const date = utcToWall(now + days * DAY, moscow().name);
  return wallToUtc({ ...date, hour, minute, second: 0 }, moscow().name);
}

export function seedState(seed: number, now: number): SandboxState {
  const rand = createPrng(seed);
  const state = emptyState({ ...data.ORGANIZATION, ownerId: SEED_OWNER_ID });
  data.MEMBERS.forEach((m, i) => {
    const id = nextId(state, 'member');
    state.members.set(id, { ...m, id, membershipId: 880100 + i });
  });
  const contacts = seedContacts(state, rand, now);
  const hosts = [...state.members.values()].filter((m) => m.emailConfirmed).map((m) => m.id);

  const event = (
    name: string,
    lang: 'RU' | 'EN',
    startsAt: number,
    extra: Partial<EventRec> = {},
  ) => {
    const ev: EventRec = {
      id: nextId(state, 'event'),
      name,
      description: lang === 'RU' ? `Описание: ${name}.` : `About: ${name}.`,
      accessSettings: { ...pick(rand, ACCESS) },
      password: '',
      timezoneId: MOSCOW_TZ_ID,
      lang,
      image: null,
      lectorIds: [],
      tags: [],
      additionalFields: [],
      status: 'ACTIVE',
      type: 'webinar',
      rule: 'FREQ=DAILY;COUNT=1',
      isSeries: false,
      isEventRegAllowed: false,
      startsAt,
      endsAt: null,
      ownerId: pick(rand, hosts),
      urlAlias: null,
      duration: null,
      defaultRemindersEnabled: true,
      brandingId: null,
      deleted: false,
      createdAt: startsAt - randInt(rand, 3, 20) * DAY,
      ...extra,
    };
    ev.lectorIds = [ev.ownerId];
    state.events.set(ev.id, ev);
    return ev;
  };
  const finish = (s: SessionRec) => {
    s.status = 'STOP';
    s.startedAt = s.startsAt + randInt(rand, 0, 300) * 1000;
    s.stoppedAt = s.startedAt + randInt(rand, 45, 120) * MINUTE;
    seedAttendance(state, rand, s, contacts);
  };

  // ~20 finished single events over the last two months, oldest first.
  for (let i = 0; i < 20; i += 1) {
    const [name, lang, type] = pick(rand, data.TOPICS);
    const startsAt = moscowAt(
      now,
      -(60 - i * 3 - randInt(rand, 0, 1)),
      pick(rand, [10, 11, 12, 14, 15, 16, 18]),
      pick(rand, [0, 30]),
    );
    const ev = event(name, lang, startsAt, { type, tags: [lang === 'RU' ? 'вебинар' : 'webinar'] });
    const s = addSession(state, ev, startsAt, ev.createdAt);
    finish(s);
    ev.status = 'STOP';
    ev.endsAt = s.stoppedAt;
  }

  // One weekly series: four past occurrences (finished) and four upcoming.
  const seriesStart = moscowAt(now, -25, 18, 0);
  const series = event(data.SERIES_TITLE, 'RU', seriesStart, {
    rule: 'FREQ=WEEKLY;COUNT=8',
    isSeries: true,
    isEventRegAllowed: true,
    endsAt: seriesStart + 7 * 7 * DAY + 2 * 60 * MINUTE,
    type: 'training',
  });
  for (let k = 0; k < 8; k += 1) {
    const s = addSession(state, series, moscowAt(now, -25 + 7 * k, 18, 0), series.createdAt);
    if (k < 4) finish(s);
  }

  // A few upcoming webinars; the first has extra registration fields.
  data.UPCOMING_TOPICS.forEach(([name, lang], i) => {
    const startsAt = moscowAt(now, 2 + i * 5, pick(rand, [11, 12, 15, 17]), 0);
    const ev = event(name, lang, startsAt, { duration: 'PT1H30M0S' });
    if (i === 0) {
      ev.accessSettings = {
        isPasswordRequired: false,
        isRegistrationRequired: true,
        isModerationRequired: false,
      };
      ev.additionalFields = [
        { key: hex(seed, 'company'), label: 'Компания', type: 'text', isRequired: true },
        {
          key: hex(seed, 'source'),
          label: 'Откуда вы узнали о нас?',
          type: 'radio',
          values: ['От друзей', 'От коллег', 'Из соцсетей'],
          isRequired: false,
        },
      ];
    }
    addSession(state, ev, startsAt, ev.createdAt);
  });
  seedActivity(state, seed, now);
  seedContent(state, seed, now);
  return state;
}

function hex(seed: number, text: string): string {
  return createHash('md5').update(`${seed}:${text}`).digest('hex');
}

function seedContacts(state: SandboxState, rand: Prng, now: number): Contact[] {
  const out: Contact[] = [];
  for (let i = 0; i < 40; i += 1) {
    const [first, firstLat, female] = pick(rand, data.FIRST_NAMES);
    const [last, lastLat] = pick(rand, data.SURNAMES);
    const id = nextId(state, 'contact');
    const contact: Contact = {
      id,
      userId: null,
      email: `${firstLat}.${lastLat}${i + 1}@example.com`,
      name: first,
      secondName: female ? `${last}а` : last,
      patrName: '',
      nickname: `${first} ${female ? `${last}а` : last}`,
      phone: '',
      organization: pick(rand, data.COMPANIES),
      position: '',
      sex: female ? 'f' : 'm',
      tags: NO_TAGS,
      publicTags: NO_TAGS,
      ownerId: SEED_OWNER_ID,
      createdAt: now - 90 * DAY,
    };
    state.contacts.set(id, contact);
    out.push(contact);
  }
  return out;
}

/** 3–12 registrations per finished session, about three quarters of them attended. */
function seedAttendance(state: SandboxState, rand: Prng, s: SessionRec, contacts: Contact[]): void {
  const count = randInt(rand, 3, 12);
  const first = randInt(rand, 0, contacts.length - 1);
  for (let k = 0; k < count; k += 1) {
    const c = contacts[(first + k * 7) % contacts.length] as Contact;
    const id = nextId(state, 'participation');
    state.participations.set(id, {
      id,
      eventId: s.eventId,
      eventSessionId: s.id,
      contactId: c.id,
      userId: null,
      email: c.email,
      name: c.name,
      secondName: c.secondName,
      nickname: c.nickname,
      role: 'GUEST',
      isAccepted: true,
      isKicked: false,
      visited: rand() < 0.75,
      invited: false, // the seeded activity records draw their own invited share
      url: createHash('md5').update(`participation:${id}`).digest('hex'),
      additionalFieldValues: NO_ANSWERS,
      registerDate: s.startsAt - randInt(rand, 1, 10) * DAY,
    });
  }
}
