// Seeds what happened in the finished sessions (connections, engagement, chat, questions) and
// the big annual conference: one finished session with 10,000 registrations. Called at the end
// of seedState; it draws from its own PRNG stream so the rest of the seed does not shift.
import { activityOf, ensureUserId, sessionActivity, simulateActivity } from './activity.js';
import type { ChatMessage, Question } from './conversation.js';
import { utcToWall, wallToUtc } from './dates.js';
import { createPrng, pick, randInt, type Prng } from './prng.js';
import { addSession } from './routes/events.js';
import * as data from './seed-data.js';
import * as texts from './seed-activity-data.js';
import {
  NO_ANSWERS,
  NO_TAGS,
  nextId,
  registrationsOf,
  type EventRec,
  type Participation,
  type SandboxState,
  type SessionRec,
} from './state.js';
import { MOSCOW_TZ_ID, moscow } from './timezones.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Registrations on the seeded conference session (the 10,000-participant benchmark). */
const CONFERENCE_REGISTRATIONS = 10_000;

export function seedActivity(state: SandboxState, seed: number, now: number): void {
  const rand = createPrng(seed ^ 0xac71_7e57);
  const finished = [...state.sessions.values()].filter((s) => s.status === 'STOP');
  for (const s of finished) seedSession(state, rand, seed, s, 0.5, randInt(rand, 2, 15), 4);
  const conference = seedConference(state, rand, now);
  seedSession(state, rand, seed, conference, 1, 1500, 150);
}

/**
 * Connections and engagement are generated when a statistic first needs them, from a stream
 * of their own per session, so the data does not depend on when (or whether) that happens.
 */
function deferActivity(
  state: SandboxState,
  seed: number,
  s: SessionRec,
  regs: Participation[],
  invitedShare: number,
): void {
  activityOf(state).pending.set(s.id, () => {
    const rand = createPrng((Math.imul(seed, 0x9e3779b1) ^ s.id) >>> 0);
    const records = sessionActivity(state, s.id);
    for (const p of regs) {
      records.set(p.id, simulateActivity(rand, s, p.visited, rand() < invitedShare));
    }
  });
}

/** Activity for every registration (attendance as `visited` says), then chat and questions. */
function seedSession(
  state: SandboxState,
  rand: Prng,
  seed: number,
  s: SessionRec,
  invitedShare: number,
  chatCount: number,
  maxQuestions: number,
): void {
  const regs = registrationsOf(state, s);
  const attendees: Array<{ userId: number; nickname: string }> = [];
  for (const p of regs) {
    const userId = ensureUserId(state, p);
    if (p.visited) attendees.push({ userId, nickname: p.nickname });
  }
  deferActivity(state, seed, s, regs, invitedShare);
  if (attendees.length === 0) return;
  const start = s.startedAt ?? s.startsAt;
  const length = (s.stoppedAt ?? start) - start;
  const at = () => start + Math.floor(rand() * length);
  for (let i = 0; i < chatCount; i += 1) {
    const who = pick(rand, attendees);
    const createdAt = at();
    const message: ChatMessage = {
      id: nextId(state, 'chatMessage'),
      eventSessionId: s.id,
      authorId: who.userId,
      authorName: who.nickname,
      toUserId: null,
      toName: null,
      text: pick(rand, texts.CHAT_LINES),
      // A few messages were hidden by a moderator.
      isModerated: rand() > 0.03,
      sentByAdmin: false,
      createdAt,
      updatedAt: createdAt,
      updateUserId: null,
    };
    state.chatMessages.set(message.id, message);
  }
  const host = state.members.get(s.createUserId);
  const questionCount = randInt(rand, 0, maxQuestions);
  for (let i = 0; i < questionCount; i += 1) {
    const who = pick(rand, attendees);
    let createdAt = at();
    // The list is asked in order, then repeated without its one prompt-injection attempt
    // (asked once, in the conference, and never answered).
    const text =
      texts.QUESTIONS[i] ??
      pick(
        rand,
        texts.QUESTIONS.filter((q) => !q.startsWith('Ignore')),
      );
    const hostile = text.startsWith('Ignore');
    if (hostile) createdAt = start + 4 * MINUTE; // early, so reports list it among the oldest
    const answered = !hostile && host !== undefined && rand() < 0.6;
    const question: Question = {
      id: nextId(state, 'question'),
      eventSessionId: s.id,
      userId: who.userId,
      nickname: who.nickname,
      text,
      isModerated: answered || rand() < 0.5,
      answers: [],
      createdAt,
    };
    if (answered && host) {
      question.answers.push({
        id: nextId(state, 'question'),
        userId: host.id,
        nickname: host.nickname,
        text: pick(rand, texts.ANSWERS),
        isModerated: true,
        createdAt: createdAt + randInt(rand, 1, 10) * MINUTE,
      });
    }
    state.questions.set(question.id, question);
  }
}

/** 32 hex characters like the API's link tokens; cheaper than md5 for 10,000 of them. */
function linkToken(id: number): string {
  const rand = createPrng(id);
  let out = '';
  for (let i = 0; i < 4; i += 1)
    out += Math.floor(rand() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return out;
}

/** The conference: 12 days ago, 11:00–13:00 Moscow, 10,000 registrations, ~63% came. */
function seedConference(state: SandboxState, rand: Prng, now: number): SessionRec {
  const tz = moscow().name;
  const day = utcToWall(now - 12 * DAY, tz);
  const startsAt = wallToUtc({ ...day, hour: 11, minute: 0, second: 0 }, tz);
  const ownerId = state.organization.ownerId;
  const ev: EventRec = {
    id: nextId(state, 'event'),
    name: texts.CONFERENCE_TITLE,
    description: `Описание: ${texts.CONFERENCE_TITLE}.`,
    accessSettings: {
      isPasswordRequired: false,
      isRegistrationRequired: true,
      isModerationRequired: false,
    },
    password: '',
    timezoneId: MOSCOW_TZ_ID,
    lang: 'RU',
    image: null,
    lectorIds: [ownerId],
    tags: ['конференция'],
    additionalFields: [],
    status: 'STOP',
    type: 'webinar',
    rule: 'FREQ=DAILY;COUNT=1',
    isSeries: false,
    isEventRegAllowed: false,
    startsAt,
    endsAt: null,
    ownerId,
    urlAlias: null,
    duration: 'PT2H0M0S',
    defaultRemindersEnabled: true,
    brandingId: null,
    deleted: false,
    createdAt: startsAt - 30 * DAY,
  };
  state.events.set(ev.id, ev);
  const s = addSession(state, ev, startsAt, ev.createdAt);
  s.status = 'STOP';
  s.startedAt = startsAt + 2 * MINUTE;
  s.stoppedAt = startsAt + 120 * MINUTE;
  ev.endsAt = s.stoppedAt;
  for (let i = 0; i < CONFERENCE_REGISTRATIONS; i += 1) {
    const [first, firstLat, female] = pick(rand, data.FIRST_NAMES);
    const [last, lastLat] = pick(rand, data.SURNAMES);
    const secondName = female ? `${last}а` : last;
    const contactId = nextId(state, 'contact');
    const email = `${firstLat}.${lastLat}.${i + 1}@conference.example`;
    const userId = nextId(state, 'user');
    state.contacts.set(contactId, {
      id: contactId,
      userId,
      email,
      name: first,
      secondName,
      patrName: '',
      nickname: `${first} ${secondName}`,
      phone: '',
      organization: pick(rand, data.COMPANIES),
      position: '',
      sex: female ? 'f' : 'm',
      tags: NO_TAGS,
      publicTags: NO_TAGS,
      ownerId,
      createdAt: s.startsAt - randInt(rand, 1, 25) * DAY,
    });
    const id = nextId(state, 'participation');
    state.participations.set(id, {
      id,
      eventId: ev.id,
      eventSessionId: s.id,
      contactId,
      userId,
      email,
      name: first,
      secondName,
      nickname: `${first} ${secondName}`,
      role: 'GUEST',
      isAccepted: true,
      isKicked: false,
      visited: rand() < 0.63,
      invited: false, // the seeded activity records draw their own invited share
      url: linkToken(id),
      additionalFieldValues: NO_ANSWERS,
      registerDate: s.startsAt - randInt(rand, 1, 25) * DAY,
    });
  }
  return s;
}
