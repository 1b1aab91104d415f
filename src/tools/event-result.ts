// What a create or update answers: the start as stored (read back from the API) in the event's
// zone and in UTC, which zone was used and why, the duration, the series' sessions, and the
// e-mails the change asked for.
import { instantMs, minutesOfIsoDuration } from './dates.js';
import type { ToolContext } from './define.js';
import { clock, currentOf, isSeries, plannedStartMs, startText } from './event-read.js';
import type { TimePlan, ZoneInUse } from './event-time.js';
import { rows, type Row } from './rows.js';
import { isoIn } from './zone-math.js';

const ZONE_SOURCES: Record<ZoneInUse['source'], string> = {
  given: '',
  event: "the event's own (timezone not given)",
  session: "the session's own (timezone not given)",
  default: 'default (no timezone given)',
};

/** Why this zone: the note on how a written zone was read, or where it came from. */
const zoneNote = (zone: ZoneInUse) => zone.note ?? (ZONE_SOURCES[zone.source] || undefined);

/**
 * The stored start of an event or session view, checked against what was sent: a different
 * stored minute is reported as a warning, never hidden.
 */
export async function storedStart(
  ctx: ToolContext,
  view: Row,
  kind: 'event' | 'session',
  plan?: TimePlan,
  durationMinutes?: number,
) {
  const { zoneName } = await currentOf(ctx, view, kind);
  const ms = plannedStartMs(view);
  const asked = plan?.startMs;
  const off =
    asked !== undefined &&
    ms !== undefined &&
    Math.floor(ms / 60_000) !== Math.floor(asked / 60_000);
  return {
    ...startText(ms, zoneName),
    timezone: zoneName,
    zone: plan && zoneNote(plan.zone),
    durationMinutes: minutesOfIsoDuration(view.duration) ?? durationMinutes,
    warning: off
      ? `the API stored ${clock(ms, zoneName)} ${zoneName}, not the ${clock(asked, zoneName)} sent; check with get_event and correct it`
      : undefined,
  };
}

/** A series at a glance: how many sessions the API made, the first and the last, the end. */
export function seriesSummary(event: Row, zone: string) {
  if (!isSeries(event)) return undefined;
  const starts = rows(event.eventSessions)
    .map(plannedStartMs)
    .filter((ms): ms is number => ms !== undefined)
    .sort((a, b) => a - b);
  const show = (ms: number | undefined) => (ms === undefined ? undefined : isoIn(ms, zone));
  const ends = instantMs(event.endsAt);
  return {
    rule: event.rule,
    sessions: starts.length,
    first: show(starts[0]),
    last: show(starts[starts.length - 1]),
    endsAt: show(ends),
  };
}

/**
 * The e-mail side effect of a change, as far as it is known: the API does not report sending,
 * so this says what was asked (and how many registrations the session has, when reported).
 */
export function emailsText(startChanges: boolean, sendEmail: boolean | undefined, session?: Row) {
  const count = Number(session?.participationsCount ?? NaN);
  const people = Number.isFinite(count) ? ` (registrations: ${count})` : '';
  if (startChanges && sendEmail !== false) {
    return `asked the platform to e-mail registered people about the new time${people}; the API does not report sending`;
  }
  if (startChanges)
    return `none (sendEmail false): registered people${people} are not told of the new time`;
  if (sendEmail !== undefined) return `sendEmail ${sendEmail} passed; the time did not change`;
  return 'none requested';
}
