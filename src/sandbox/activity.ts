// What participants did in a finished session: connections (join/leave, platform, country) and
// engagement. Kept per sandbox state in a store of this area's own, keyed by session id and
// participation id (a whole-series registration has one record per session it attended).
import { createPrng, pick, randInt, type Prng } from './prng.js';
import {
  nextId,
  registrationsOf,
  type Participation,
  type SandboxState,
  type SessionRec,
} from './state.js';

/** Kept here too: tests outside the sandbox read ground truth through this module. */
export { registrationsOf };

type Platform = 'Web' | 'iOs' | 'Android';

interface Connection {
  joined: number; // UTC ms
  leaved: number;
  platform: Platform;
  country: string;
  city: string;
  referrer: string;
}

export interface Activity {
  /** Empty for a registration that did not come. */
  connections: Connection[];
  reactionClicks: number;
  speechSeconds: number;
  attentionShown: number;
  attentionConfirmed: number;
  /** The 1–5 stars given at the end, if any. */
  rating: number | null;
  /** Registered by the host (invite/import) rather than by themselves. */
  invited: boolean;
}

export interface ActivityStore {
  /** sessionId → participationId → activity. A session present here has been simulated. */
  sessions: Map<number, Map<number, Activity>>;
  /** Seeded sessions whose activity is generated on first read (keeps start-up fast). */
  pending: Map<number, () => void>;
  /** Sessions whose chat is pre-moderated (CH5). */
  chatPreModeration: Set<number>;
}

const stores = new WeakMap<SandboxState, ActivityStore>();

export function activityOf(state: SandboxState): ActivityStore {
  let store = stores.get(state);
  if (!store) {
    store = { sessions: new Map(), pending: new Map(), chatPreModeration: new Set() };
    stores.set(state, store);
  }
  return store;
}

/** The activity records of a session, generating deferred seed data first. */
export function sessionActivity(state: SandboxState, sessionId: number): Map<number, Activity> {
  const store = activityOf(state);
  const pending = store.pending.get(sessionId);
  if (pending) {
    store.pending.delete(sessionId);
    pending();
  }
  const all = store.sessions;
  let map = all.get(sessionId);
  if (!map) {
    map = new Map();
    all.set(sessionId, map);
  }
  return map;
}

const GEO: Array<[number, string, string]> = [
  [0.34, 'Россия', 'Москва'],
  [0.14, 'Россия', 'Санкт-Петербург'],
  [0.08, 'Россия', 'Новосибирск'],
  [0.08, 'Россия', 'Екатеринбург'],
  [0.07, 'Россия', 'Казань'],
  [0.09, 'Россия', 'Краснодар'],
  [0.07, 'Казахстан', 'Алматы'],
  [0.05, 'Беларусь', 'Минск'],
  [0.04, 'Узбекистан', 'Ташкент'],
  [0.02, 'Армения', 'Ереван'],
  [0.02, 'Германия', 'Берлин'],
];
const PLATFORMS: Array<[number, Platform]> = [
  [0.68, 'Web'],
  [0.17, 'Android'],
  [0.15, 'iOs'],
];
const REFERRERS = ['email', 'direct', 'https://t.me/demo_academy', 'https://vk.com/demo_academy'];

function weighted<T extends [number, ...unknown[]]>(rand: Prng, items: T[]): T {
  let r = rand() * items.reduce((sum, i) => sum + i[0], 0);
  for (const item of items) {
    r -= item[0];
    if (r < 0) return item;
  }
  return items[items.length - 1] as T;
}

/**
 * One attendee's connections inside [start, end]: most come in the first minutes, about half
 * stay to the end, one in five drops out and reconnects once (same device and place).
 */
function connectionsFor(rand: Prng, start: number, end: number): Connection[] {
  const conns = rawConnections(rand, start, end);
  // The platform records whole seconds; so does every date the API returns.
  const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
  return conns.map((c) => ({ ...c, joined: sec(c.joined), leaved: sec(c.leaved) }));
}

function rawConnections(rand: Prng, start: number, end: number): Connection[] {
  const length = Math.max(1000, end - start);
  const r = rand();
  const joinShare = r < 0.55 ? rand() * 0.03 : r < 0.85 ? 0.03 + rand() * 0.12 : rand() * 0.6;
  const joined = start + Math.floor(joinShare * length);
  const stays = rand() < 0.5;
  const leaved = stays
    ? end
    : Math.min(end, joined + Math.max(1000, Math.floor(rand() * (end - joined))));
  const platform = weighted(rand, PLATFORMS)[1];
  const [, country, city] = weighted(rand, GEO);
  const base = { platform, country, city, referrer: pick(rand, REFERRERS) };
  if (rand() < 0.2 && leaved - joined > 0.2 * length) {
    const cut = joined + Math.floor((0.3 + rand() * 0.4) * (leaved - joined));
    const back = Math.min(leaved, cut + Math.floor(rand() * 0.05 * length) + 1000);
    return [
      { ...base, joined, leaved: cut },
      { ...base, joined: back, leaved },
    ];
  }
  return [{ ...base, joined, leaved }];
}

/** A record for one registration; `attended` false gives the empty record of a no-show. */
export function simulateActivity(
  rand: Prng,
  s: SessionRec,
  attended: boolean,
  invited: boolean,
): Activity {
  const start = s.startedAt ?? s.startsAt;
  const end = s.stoppedAt ?? start;
  if (!attended) {
    return {
      connections: [],
      reactionClicks: 0,
      speechSeconds: 0,
      attentionShown: 0,
      attentionConfirmed: 0,
      rating: null,
      invited,
    };
  }
  const connections = connectionsFor(rand, start, end);
  const watched = connections.reduce((sum, c) => sum + (c.leaved - c.joined), 0);
  const shown = Math.floor(watched / (20 * 60_000));
  return {
    connections,
    reactionClicks: rand() < 0.6 ? randInt(rand, 0, 12) : 0,
    speechSeconds: 0,
    attentionShown: shown,
    attentionConfirmed: Math.round(shown * (0.5 + rand() * 0.5)),
    rating: rand() < 0.4 ? randInt(rand, 3, 5) : null,
    invited,
  };
}

/** A platform user id for a registration (the contact's, or a new one for both). */
export function ensureUserId(state: SandboxState, p: Participation): number {
  if (p.userId !== null) return p.userId;
  const contact = state.contacts.get(p.contactId);
  const userId = contact?.userId ?? nextId(state, 'user');
  if (contact && contact.userId === null) contact.userId = userId;
  p.userId = userId;
  return userId;
}

/**
 * Called when a session stops: decides, deterministically per registration, who came (about
 * 70% of accepted, not kicked registrations) and what they did, and sets `visited` to agree.
 */
export function simulateStoppedSession(state: SandboxState, s: SessionRec): void {
  const records = sessionActivity(state, s.id);
  for (const p of registrationsOf(state, s)) {
    if (records.has(p.id)) continue;
    const rand = createPrng(p.id ^ (s.id << 8));
    const attended = p.isAccepted && !p.isKicked && rand() < 0.7;
    ensureUserId(state, p);
    records.set(p.id, simulateActivity(rand, s, attended, p.invited));
    if (attended) p.visited = true;
  }
}
