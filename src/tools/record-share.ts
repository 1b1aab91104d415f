// share_record: who gets a recording. R5 (POST /records/{id}/share) takes no parameters and
// e-mails the recording's session's participants; the reference does not say whether that means
// everyone registered or only who came (INFERRED: everyone registered, as the platform's "share
// with participants" button). It cannot pick people, so "the no-shows" is answered here: the
// server reads the session's registrations (P4), picks who never came, and returns them with
// the link for the user to send; nothing is e-mailed then.
import { toApiQueryDateTime } from './dates.js';
import type { ToolContext } from './define.js';
import { InputError } from './errors.js';
import { rows, type Row } from './rows.js';
import { people } from './subjects.js';
import { untrustedName } from './untrusted.js';

const YEAR_MS = 365 * 86_400_000;
const PAGE = 500; // P4's largest page
/** No-shows listed by name and e-mail; beyond this the result counts them and says where the rest are. */
const LISTED = 200;

export interface Audience {
  registered: number;
  came: number;
  noShows: Row[];
}

const get = async (ctx: ToolContext, path: string, params: Row = {}) =>
  (await ctx.client.request({ method: 'GET', path, params, signal: ctx.signal })).data;

/**
 * R1 filtered by `id` (CONFIRMED) over a wide window: `from` is required and `to` defaults to a
 * year after it, so the window spans the five years before now and the year after.
 */
export async function findRecord(ctx: ToolContext, recordId: number): Promise<Row> {
  const at = (ms: number) => toApiQueryDateTime(new Date(ms).toISOString());
  const now = Date.now();
  const params = { id: recordId, from: at(now - 5 * YEAR_MS), to: at(now + YEAR_MS), limit: 1 };
  const record = rows(await get(ctx, '/records', params)).find((r) => Number(r.id) === recordId);
  if (!record) {
    throw new InputError('recordId', `no recording ${recordId} (list_records has their ids)`);
  }
  return record;
}

/** The session of a recording: its field, else the last number of its link (…/record-new/{id}). */
export function sessionOf(record: Row): number | undefined {
  const id = Number(record.eventSessionId ?? /\/(\d+)\/?$/.exec(String(record.link ?? ''))?.[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Every registration of the session, page by page: how many, how many came, who did not. */
export async function audienceOf(ctx: ToolContext, eventSessionId: number): Promise<Audience> {
  const audience: Audience = { registered: 0, came: 0, noShows: [] };
  for (let page = 1; ; page++) {
    const got = rows(
      await get(ctx, `/eventsessions/${eventSessionId}/participations`, { page, perPage: PAGE }),
    );
    for (const p of got) {
      audience.registered++;
      if (p.visited === true || p.visited === 1 || p.visited === '1') audience.came++;
      else audience.noShows.push(p);
    }
    if (got.length < PAGE) return audience;
  }
}

export const audienceWords = (a: Audience) =>
  `${people(a.registered)} registered: ${a.came} came, ${a.noShows.length} did not`;

/** What stops recipients from watching, said next to the share. */
export function accessWarning(record: Row): string | undefined {
  if (record.isViewable === false) {
    return 'the recording is not viewable (isViewable false): recipients cannot watch it until update_record_access opens it';
  }
  if (record.viewAccess === 'owner' || record.viewAccess === 'memberships') {
    return `viewAccess is ${String(record.viewAccess)}: participants cannot watch it until update_record_access widens it`;
  }
  if (record.hasPassword === true) return 'the recording has a password: recipients need it too';
  return undefined;
}

/** The no-shows as name and e-mail, capped, with how many were left out. */
export function noShowList(a: Audience) {
  const listed = a.noShows.slice(0, LISTED).map((p) => ({
    name: untrustedName(p.name, p.secondName),
    email: p.email,
  }));
  const more = a.noShows.length - listed.length;
  return {
    people: listed,
    more:
      more > 0
        ? `${more} more: list_participants (visited false) has every registration`
        : undefined,
  };
}
