// list_events newest first. The schedule lists (E7/E8) document no sort parameter and come
// oldest first, so "the last webinar" would mean paging to the end. With `newest`, the server
// reads every page of the period (default: the year up to now) and sorts here, by the latest
// session each event has in the period, then pages the sorted list as asked.
import type { Params, ToolContext } from './define.js';
import { instantMs, toApiQueryDateTime } from './dates.js';
import { rows, type Row } from './rows.js';

const PAGE = 250; // the largest page E7 takes
/** 40 pages of 250: a period with more events is sorted within the first 10,000, and says so. */
const MAX_PAGES = 40;
const YEAR_MS = 365 * 86_400_000;

const latestStart = (event: Row) =>
  Math.max(
    instantMs(event.startsAt) ?? 0,
    ...rows(event.eventSessions).map((s) => instantMs(s.startsAt) ?? 0),
  );

/** The whole period, newest first; `params` are the wire params of one page (page/perPage replaced). */
export async function newestFirst(
  path: string,
  params: Params,
  ctx: ToolContext,
): Promise<{ events: Row[]; capped: boolean }> {
  const now = Date.now();
  const at = (ms: number) => toApiQueryDateTime(new Date(ms).toISOString());
  const period = {
    ...params,
    from: params.from ?? at(now - YEAR_MS),
    to: params.to ?? (params.from ? undefined : at(now)),
  };
  const events: Row[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await ctx.client.request({
      method: 'GET',
      path,
      params: { ...period, page, perPage: PAGE },
      signal: ctx.signal,
    });
    const got = rows(res.data);
    events.push(...got);
    if (got.length < PAGE) return { events: sortNewest(events), capped: false };
  }
  return { events: sortNewest(events), capped: true };
}

const sortNewest = (events: Row[]) =>
  events
    .map((event) => ({ event, at: latestStart(event) }))
    .sort((a, b) => b.at - a.at)
    .map(({ event }) => event);
