// The reactions of a session (RE1–RE3, docs/api.md): the three lists are read page by page with
// the API's cursor and summed up per person, so a model gets "who raised a hand, who liked, which
// emoji" in one answer instead of raw clicks. Nicknames arrive marked as participant text
// (untrusted-fields.ts) and the result carries the note (register.ts).
import type { ToolContext } from './define.js';
import type { Row } from './rows.js';

export const REACTION_KINDS = {
  raisedHands: '/eventsessions/{eventSessionId}/raising-hands',
  likes: '/eventsessions/{eventSessionId}/likes',
  emoji: '/eventsessions/{eventSessionId}/emoji-reactions',
} as const;
export type ReactionKind = keyof typeof REACTION_KINDS;

/** Largest page the newer list methods take (H20038, INFERRED to hold here). */
const PER_PAGE = 1000;
/** Reactions read per kind before the summary says it was cut. */
const MAX_ITEMS = 20_000;
/** People listed per kind, most active first. */
const TOP = 25;

/** `{"data": {"items", "nextPageCursor"}}`, or a bare array should the API answer one. */
function pageOf(data: unknown): { items: Row[]; next?: string } {
  if (Array.isArray(data)) return { items: data as Row[] };
  const inner = ((data as Row | null)?.data ?? data) as Row | null;
  const items = Array.isArray(inner?.items) ? (inner.items as Row[]) : [];
  const next = inner?.nextPageCursor;
  return { items, next: typeof next === 'string' && next !== '' ? next : undefined };
}

async function readAll(ctx: ToolContext, path: string, eventSessionId: number) {
  const items: Row[] = [];
  let cursor: string | undefined;
  do {
    const res = await ctx.client.request({
      method: 'GET',
      path,
      params: { eventSessionId, perPage: PER_PAGE, cursor },
      signal: ctx.signal,
    });
    const page = pageOf(res.data);
    items.push(...page.items);
    cursor = page.next;
  } while (cursor && items.length < MAX_ITEMS);
  return { items, cut: cursor !== undefined };
}

interface Person {
  userId: unknown;
  name: unknown;
  count: number;
  emoji?: Record<string, number>;
}

function summarise(items: Row[]) {
  const people = new Map<string, Person>();
  for (const item of items) {
    const key = String(item.userId ?? item.nickname ?? '?');
    let person = people.get(key);
    if (!person) {
      person = { userId: item.userId, name: item.nickname ?? item.name, count: 0 };
      people.set(key, person);
    }
    person.count += 1;
    if (typeof item.emoji === 'string') {
      person.emoji ??= {};
      person.emoji[item.emoji] = (person.emoji[item.emoji] ?? 0) + 1;
    }
  }
  const ranked = [...people.values()].sort((a, b) => b.count - a.count);
  return { people: ranked.length, top: ranked.slice(0, TOP) };
}

export async function sessionReactions(
  input: { eventSessionId: number; kind?: ReactionKind },
  ctx: ToolContext,
) {
  const kinds = input.kind ? [input.kind] : (Object.keys(REACTION_KINDS) as ReactionKind[]);
  const out: Record<string, unknown> = {};
  for (const kind of kinds) {
    const { items, cut } = await readAll(ctx, REACTION_KINDS[kind], input.eventSessionId);
    out[kind] = { total: items.length, ...summarise(items), ...(cut ? { truncated: true } : {}) };
  }
  return out;
}
