// The facts behind S1–S3 for one finished session, computed once per request from the
// simulated activity, the chat and the questions, so every statistic agrees with the other
// areas. Dates are formatted by arithmetic with the session's offset (fast for 10,000 rows).
import { activityOf, sessionActivity, simulateStoppedSession, type Activity } from '../activity.js';
import { offsetSeconds } from '../dates.js';
import {
  registrationsOf,
  type EventRec,
  type Participation,
  type SandboxState,
  type SessionRec,
} from '../state.js';
import { tzName } from './events-view.js';

export interface SessionFacts {
  s: SessionRec;
  ev: EventRec | undefined;
  start: number;
  end: number;
  iso: (ms: number) => string;
  regs: Participation[];
  records: Map<number, Activity>;
  chatByUser: Map<number, number>;
  questionsByUser: Map<number, number>;
  chatTotal: number;
  questionTotal: number;
  reactionTotal: number;
}

const pad = (n: number, len = 2) => String(n).padStart(len, '0');

/** `2019-07-10T19:39:24+0300` for a fixed offset (the session's, at its start). */
function isoFormatter(offsetSec: number): (ms: number) => string {
  const sign = offsetSec < 0 ? '-' : '+';
  const abs = Math.abs(offsetSec) / 60;
  const suffix = `${sign}${pad(Math.trunc(abs / 60))}${pad(abs % 60)}`;
  return (ms) => `${new Date(ms + offsetSec * 1000).toISOString().slice(0, 19)}${suffix}`;
}

export function factsOf(state: SandboxState, s: SessionRec): SessionFacts {
  // A session finished some other way than E12 (e.g. E3 status=STOP) is simulated on first read.
  const store = activityOf(state);
  if (!store.sessions.has(s.id) && !store.pending.has(s.id)) simulateStoppedSession(state, s);
  const start = s.startedAt ?? s.startsAt;
  const chatByUser = new Map<number, number>();
  let chatTotal = 0;
  for (const m of state.chatMessages.values()) {
    if (m.eventSessionId !== s.id || m.toUserId !== null) continue;
    chatTotal += 1;
    chatByUser.set(m.authorId, (chatByUser.get(m.authorId) ?? 0) + 1);
  }
  const questionsByUser = new Map<number, number>();
  let questionTotal = 0;
  for (const q of state.questions.values()) {
    if (q.eventSessionId !== s.id) continue;
    questionTotal += 1;
    questionsByUser.set(q.userId, (questionsByUser.get(q.userId) ?? 0) + 1);
  }
  const records = sessionActivity(state, s.id);
  let reactionTotal = 0;
  for (const a of records.values()) reactionTotal += a.reactionClicks;
  return {
    s,
    ev: state.events.get(s.eventId),
    start,
    end: s.stoppedAt ?? start,
    iso: isoFormatter(offsetSeconds(tzName(s.timezoneId), start)),
    regs: registrationsOf(state, s),
    records,
    chatByUser,
    questionsByUser,
    chatTotal,
    questionTotal,
    reactionTotal,
  };
}

export const watchedMs = (a: Activity | undefined) =>
  a ? a.connections.reduce((sum, c) => sum + (c.leaved - c.joined), 0) : 0;

const attended = (a: Activity | undefined) => (a?.connections.length ?? 0) > 0;
const seconds = (ms: number) => Math.round(ms / 1000);

/** S1 item. `attendance` is the visited share of registrations in percent (INFERRED). */
export function summaryRow(f: SessionFacts) {
  let invited = 0;
  let invitedVisited = 0;
  let visited = 0;
  for (const p of f.regs) {
    const a = f.records.get(p.id);
    if (a?.invited) invited += 1;
    if (attended(a)) {
      visited += 1;
      if (a?.invited) invitedVisited += 1;
    }
  }
  const registered = f.regs.length;
  return {
    id: f.s.id,
    eventId: f.s.eventId,
    name: f.s.name,
    startsAt: f.iso(f.start),
    endsAt: f.iso(f.end),
    duration: seconds(f.end - f.start),
    invitedCount: invited,
    invitedVisitedCount: invitedVisited,
    registeredCount: registered,
    registeredVisitedCount: visited,
    attendance: registered ? Math.round((100 * visited) / registered) : 0,
    // INFERRED extras (the documented list is truncated after `attendance`).
    questionCount: f.questionTotal,
    chatMessageCount: f.chatTotal,
  };
}

/** The person part of an S2 item and the key that merges one person's registrations. */
export function personOf(state: SandboxState, p: Participation) {
  const c = state.contacts.get(p.contactId);
  return {
    key: p.userId !== null ? `u${p.userId}` : `e${p.email.toLowerCase()}`,
    person: {
      id: p.userId,
      email: p.email,
      name: p.name,
      secondName: p.secondName,
      pattrName: c?.patrName ?? '',
      sex: c?.sex ?? null,
      phone: c?.phone ?? '',
      organization: c?.organization ?? '',
      position: c?.position ?? '',
    },
  };
}

/** One S2 `eventSessions[]` entry: the registration's activity in this session. */
export function userSessionEntry(f: SessionFacts, p: Participation) {
  const a = f.records.get(p.id);
  const length = Math.max(1, f.end - f.start);
  const chats = p.userId === null ? 0 : (f.chatByUser.get(p.userId) ?? 0);
  const questions = p.userId === null ? 0 : (f.questionsByUser.get(p.userId) ?? 0);
  const reactions = a?.reactionClicks ?? 0;
  const watchShare = Math.min(1, watchedMs(a) / length);
  const activity = Math.min(1, (chats + 2 * questions + reactions / 4) / 6);
  const shown = a?.attentionShown ?? 0;
  const confirmed = a?.attentionConfirmed ?? 0;
  const attention = shown ? confirmed / shown : watchShare;
  const came = attended(a);
  return {
    id: f.s.id,
    name: f.s.name,
    startsAt: f.iso(f.start),
    endsAt: f.iso(f.end),
    duration: seconds(f.end - f.start),
    eventId: f.s.eventId,
    questionCount: f.questionTotal,
    userQuestionCount: questions,
    chatMessageCount: f.chatTotal,
    userChatMessageCount: chats,
    additionalFieldValues: Object.entries(p.additionalFieldValues).map(([key, value]) => ({
      label: f.s.additionalFields.find((x) => x.key === key)?.label ?? key,
      value,
    })),
    // INFERRED formula: 60% time watched, 20% attention checks, 20% chat/questions/reactions.
    actualInvolvement: came
      ? Math.round(100 * (0.6 * watchShare + 0.2 * attention + 0.2 * activity))
      : 0,
    speechDuration: a?.speechSeconds ?? 0,
    percentOfTotalSpeechDuration: 0,
    usersReactionClicks: reactions,
    percentOfTotalReactionClicks: f.reactionTotal
      ? Math.round((1000 * reactions) / f.reactionTotal) / 10
      : 0,
    actualParticipantActivityPercent: Math.round(100 * activity),
    rating: a?.rating ?? null,
    attentionControl: {
      percent: shown ? Math.round((100 * confirmed) / shown) : 0,
      shownCount: shown,
      confirmedCount: confirmed,
    },
    connections: (a?.connections ?? []).map((c) => ({
      joined: f.iso(c.joined),
      leaved: f.iso(c.leaved),
      duration: seconds(c.leaved - c.joined),
      country: c.country,
      city: c.city,
      referrer: c.referrer,
      platform: c.platform,
    })),
    utms: [],
  };
}
