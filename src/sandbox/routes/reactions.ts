// RE1–RE3: what the audience did with the reaction buttons of a session: raised hands, "fire"
// likes and emoji. The paths are CONFIRMED (help-centre titles and an ETL project that calls
// them); the answer is INFERRED from the sibling method of the same family (transcripts,
// H20038): `{"data": {"items": [...], "nextPageCursor": …}}`, `perPage` up to 1000, `cursor`.
// Items are derived from the session's simulated attendance, so likes agree with the
// `usersReactionClicks` of the statistics (S2) and nobody reacts outside their connections.
import { sessionActivity, type Activity } from '../activity.js';
import { formatIsoColon } from '../dates.js';
import { fieldError } from '../errors.js';
import { createPrng, pick, randInt, type Prng } from '../prng.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import type { Participation, SandboxState } from '../state.js';
import { findSession } from './events.js';
import { tzName } from './events-view.js';

type Kind = 'raising-hands' | 'likes' | 'emoji-reactions';
const KINDS: readonly Kind[] = ['raising-hands', 'likes', 'emoji-reactions'];
const EMOJI = ['👍', '❤️', '😂', '👏', '🔥', '🤔', '😮'] as const;
const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 1000;

interface Reaction {
  at: number;
  participation: Participation;
  emoji?: string;
}

export function registerReactionRoutes(router: Router): void {
  for (const kind of KINDS) {
    router.add('GET', `/eventsessions/{eventSessionId}/${kind}`, (ctx) => list(ctx, kind));
  }
}

/** How many times one attendee used this button, drawn from their own stream. */
function countFor(kind: Kind, rand: Prng, activity: Activity): number {
  if (kind === 'likes') return activity.reactionClicks; // the same clicks S2 counts
  if (kind === 'raising-hands') return rand() < 0.15 ? randInt(rand, 1, 2) : 0;
  return rand() < 0.35 ? randInt(rand, 1, 5) : 0;
}

/** A moment inside one of the attendee's connections (nobody reacts while away). */
function momentIn(rand: Prng, activity: Activity): number {
  const c = pick(rand, activity.connections);
  return Math.floor((c.joined + rand() * Math.max(1, c.leaved - c.joined)) / 1000) * 1000;
}

const cache = new WeakMap<SandboxState, Map<string, Reaction[]>>();

function reactionsOf(state: SandboxState, sessionId: number, kind: Kind): Reaction[] {
  const records = sessionActivity(state, sessionId);
  const key = `${kind}:${sessionId}:${records.size}`;
  let byKey = cache.get(state);
  if (!byKey) cache.set(state, (byKey = new Map()));
  const known = byKey.get(key);
  if (known) return known;
  const out: Reaction[] = [];
  const salt = KINDS.indexOf(kind) + 1;
  for (const [pid, activity] of [...records].sort(([a], [b]) => a - b)) {
    const participation = state.participations.get(pid);
    if (!participation || activity.connections.length === 0) continue;
    const rand = createPrng((pid * 31 + sessionId) ^ (salt << 24));
    for (let n = countFor(kind, rand, activity); n > 0; n--) {
      const at = momentIn(rand, activity);
      out.push(
        kind === 'emoji-reactions'
          ? { at, participation, emoji: pick(rand, EMOJI) }
          : { at, participation },
      );
    }
  }
  out.sort((a, b) => a.at - b.at || a.participation.id - b.participation.id);
  byKey.set(key, out);
  return out;
}

/** The cursor is the offset of the next item, opaque to clients (base64url JSON). */
const encodeCursor = (offset: number) =>
  Buffer.from(JSON.stringify({ offset })).toString('base64url');

function decodeCursor(text: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      offset: unknown;
    };
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw fieldError('cursor', 'is not a cursor this method returned (use nextPageCursor)');
}

function list(ctx: RouteContext, kind: Kind): RouteResult {
  const { state, input } = ctx;
  const s = findSession(state, Number(ctx.params.eventSessionId));
  const perPage = input.int('perPage', { min: 1, max: MAX_PER_PAGE }) ?? DEFAULT_PER_PAGE;
  const cursor = input.str('cursor');
  const offset = cursor ? decodeCursor(cursor) : 0;
  const all = reactionsOf(state, s.id, kind);
  const tz = tzName(s.timezoneId);
  const items = all.slice(offset, offset + perPage).map((r, i) => ({
    id: s.id * 10_000 + offset + i + 1,
    userId: r.participation.userId,
    nickname:
      r.participation.nickname ||
      [r.participation.name, r.participation.secondName].filter(Boolean).join(' '),
    ...(r.emoji ? { emoji: r.emoji } : {}),
    createdAt: formatIsoColon(r.at, tz),
  }));
  const next = offset + perPage < all.length ? encodeCursor(offset + perPage) : null;
  return { status: 200, body: { data: { items, nextPageCursor: next } } };
}
