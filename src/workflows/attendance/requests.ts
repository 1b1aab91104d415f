// The small request helpers of the report's fetchers (fetch.ts, polls.ts): a leaf, so the two
// need not import each other.
import { instantMs, toApiQueryDateTime } from '../../tools/dates.js';
import type { ToolContext } from '../../tools/define.js';
import type { Row } from '../../tools/rows.js';

export const DAY = 86_400_000;

export const query = (ms: number) => toApiQueryDateTime(new Date(ms).toISOString());
/**
 * The API writes offsets (`+0300`); a date-time without one falls back to Date.parse (the
 * server's local zone, a few hours off at most, which the day-wide query windows absorb).
 * NaN for a missing or unreadable date (Number.isFinite drops it).
 */
export const msOf = (v: unknown) => instantMs(v) ?? (typeof v === 'string' ? Date.parse(v) : NaN);

export async function get(ctx: ToolContext, path: string, params: Row): Promise<unknown> {
  const res = await ctx.client.request({ method: 'GET', path, params, signal: ctx.signal });
  return res.data;
}
