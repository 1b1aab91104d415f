// Records area, R1–R10: online recordings, their access settings, and MP4 conversions that
// advance with the sandbox clock, one running conversion per member at a time.
import type { ConversionRec, RecordRec, ViewAccess } from '../content-types.js';
import { parseQueryDate } from '../dates.js';
import { HttpError, fieldError, notFound } from '../errors.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { nextId, type SandboxState } from '../state.js';
import { findSession } from './events.js';
import {
  ORG_TZ,
  conversionRow,
  conversionStatus,
  isRunning,
  recordView,
  syncRecords,
  tooLongToConvert,
} from './records-view.js';

const VIEWS = [
  'chat',
  'questions',
  'minichat',
  'minichat_novideo',
  'none',
  'chat_novideo',
  'questions_novideo',
  'none_novideo',
] as const;
const VIEW_ACCESS = [
  'owner',
  'memberships',
  'participants',
  'all',
] as const satisfies readonly ViewAccess[];
const PERIODS = { day: 1, week: 7, month: 30, year: 365 } as const;
const DAY = 86_400_000;
const CONVERTED_PAGE_SIZES = [10, 25, 50, 100, 250, 500];
const NO_CONTENT: RouteResult = { status: 204 };

export function registerRecordRoutes(router: Router): void {
  router
    .add('GET', '/records', listRecords)
    .add('GET', '/records/conversions/{conversionId}', getConversion)
    .add('PUT', '/records/{recordId}', (ctx) => updateAccess(ctx, recordById(ctx)))
    .add('DELETE', '/records/{recordId}', deleteRecord)
    .add('POST', '/records/{recordId}/share', (ctx) => (recordById(ctx), NO_CONTENT))
    // R6 shows 200 and R7 201 in the docs' examples (CONFIRMED texts); we follow both.
    .add('POST', '/records/{recordId}/conversions', (ctx) => convert(ctx, recordById(ctx), 200))
    .add('PUT', '/eventsessions/{eventSessionId}/records', (ctx) =>
      updateAccess(ctx, recordOfSession(ctx)),
    )
    .add('POST', '/eventsessions/{eventSessionId}/records/conversions', (ctx) =>
      convert(ctx, recordOfSession(ctx), 201),
    )
    .add('GET', '/eventsessions/{eventSessionId}/converted-records', sessionConversions)
    .add('GET', '/converted-records', listConversions);
}

function findRecord(state: SandboxState, id: number): RecordRec {
  syncRecords(state);
  const r = state.records.get(id);
  if (!r || r.deleted) throw notFound(`Record ${id}`);
  return r;
}

const recordById = (ctx: RouteContext) => findRecord(ctx.state, Number(ctx.params.recordId));

function recordOfSession(ctx: RouteContext): RecordRec {
  const s = findSession(ctx.state, Number(ctx.params.eventSessionId));
  syncRecords(ctx.state);
  for (const r of ctx.state.records.values()) {
    if (r.eventSessionId === s.id && !r.deleted) return r;
  }
  throw notFound(`Record of event session ${s.id}`);
}

/** R1. `from` is required (CONFIRMED); `to` defaults to from + 1 year, or from + `period`. */
function listRecords({ state, input }: RouteContext): RouteResult {
  syncRecords(state);
  const from = parseQueryDate(input.str('from', true), 'from', ORG_TZ);
  const period = input.oneOf('period', Object.keys(PERIODS) as Array<keyof typeof PERIODS>);
  const toText = input.str('to');
  // INFERRED: `period` is the window's length from `from` when no `to` is given.
  const to = toText
    ? parseQueryDate(toText, 'to', ORG_TZ)
    : from + (period ? PERIODS[period] : 365) * DAY;
  const id = input.int('id', { min: 1 });
  const userId = input.int('userId', { min: 1 });
  const offset = input.int('offset', { min: 0 }) ?? 0;
  const limit = input.int('limit', { min: 1, max: 500 }) ?? 10;
  const rows = [...state.records.values()]
    .filter(
      (r) =>
        !r.deleted &&
        r.createdAt >= from &&
        r.createdAt <= to &&
        (id === undefined || r.id === id) &&
        (userId === undefined || r.ownerId === userId),
    )
    // INFERRED: newest first, as the web UI lists them.
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .slice(offset, offset + limit);
  return { status: 200, body: rows.map((r) => recordView(state, r)) };
}

/** R2/R3. All optional; an empty password removes it. 200 with an empty body (CONFIRMED). */
function updateAccess({ input }: RouteContext, r: RecordRec): RouteResult {
  const isViewable = input.bool('isViewable');
  const password = input.str('password');
  const viewAccess = input.oneOf('viewAccess', VIEW_ACCESS);
  if (isViewable !== undefined) r.isViewable = isViewable;
  if (password !== undefined) r.password = password;
  if (viewAccess) r.viewAccess = viewAccess;
  return { status: 200 };
}

function deleteRecord(ctx: RouteContext): RouteResult {
  recordById(ctx).deleted = true;
  return NO_CONTENT;
}

/** R6/R7. One running conversion per member (the API key's owner); 24 h recordings refused. */
function convert(ctx: RouteContext, r: RecordRec, status: number): RouteResult {
  const { state, input, knobs, now } = ctx;
  const qualityText = input.oneOf('quality', ['720', '1080'] as const) ?? '720';
  const view = input.oneOf('view', VIEWS) ?? 'chat';
  if (tooLongToConvert(r)) {
    // INFERRED status and text: the docs only say such recordings must be trimmed first.
    throw new HttpError(
      400,
      'Record is 24 hours or longer: trim it below 24 hours before conversion',
    );
  }
  const ownerId = state.organization.ownerId;
  const running = [...state.conversions.values()].find(
    (c) => c.ownerId === ownerId && isRunning(c, now),
  );
  if (running) throw conversionConflict(knobs.conversionConflict, running);
  const c: ConversionRec = {
    id: nextId(state, 'conversion'),
    recordId: r.id,
    eventSessionId: r.eventSessionId,
    ownerId,
    quality: Number(qualityText) as 720 | 1080,
    view,
    createdAt: now,
    readyAt: now + Math.max(0, knobs.conversionMs),
    finalState: null,
  };
  state.conversions.set(c.id, c);
  return { status, body: { id: c.id } };
}

/** 409 per the docs' error list, or 403 "simultaneous" with fieldErrors (SEEN ONCE): a knob. */
function conversionConflict(code: 409 | 403, running: ConversionRec): HttpError {
  if (code === 409) return new HttpError(409, 'Conversion is already running');
  // The recent client saw ids in fieldErrors; numbers there, as it reported them.
  const fieldErrors = {
    currentConversionID: running.id,
    recordFileId: running.recordId,
  } as unknown as Record<string, string>;
  return new HttpError(
    403,
    'Simultaneous conversions are not allowed: one conversion per employee at a time',
    fieldErrors,
  );
}

/** R8. `progress` is SEEN ONCE; we send it because it is what a waiting client needs. */
function getConversion({ state, params, now }: RouteContext): RouteResult {
  const c = state.conversions.get(Number(params.conversionId));
  if (!c) throw notFound(`Conversion ${params.conversionId}`);
  return { status: 200, body: conversionStatus(c, now) };
}

/** R9. Every conversion of the session; `downloadUrl` only on finished ones (SEEN ONCE). */
function sessionConversions(ctx: RouteContext): RouteResult {
  const s = findSession(ctx.state, Number(ctx.params.eventSessionId));
  const rows = [...ctx.state.conversions.values()]
    .filter((c) => c.eventSessionId === s.id)
    .sort((a, b) => a.id - b.id)
    .map((c) => conversionRow(c, ctx.now));
  return { status: 200, body: rows };
}

/**
 * R10 (SEEN ONCE): `{"data":{"items":[…]}}`, dates `YYYY-MM-DD` (default the last 7 days).
 * INFERRED: `isUncompleted` (default true) includes unfinished jobs; false lists finished ones.
 */
function listConversions({ state, input, now }: RouteContext): RouteResult {
  const fromText = input.str('from');
  const toText = input.str('to');
  const to = toText ? parseQueryDate(toText, 'to', ORG_TZ) + DAY - 1 : now;
  const from = fromText ? parseQueryDate(fromText, 'from', ORG_TZ) : now - 7 * DAY;
  const page = input.int('page', { min: 1 }) ?? 1;
  const perPage = input.int('perPage') ?? 10;
  if (!CONVERTED_PAGE_SIZES.includes(perPage)) {
    throw fieldError('perPage', `must be one of ${CONVERTED_PAGE_SIZES.join(', ')}`);
  }
  const withUncompleted = input.bool('isUncompleted') ?? true;
  const items = [...state.conversions.values()]
    .filter((c) => c.createdAt >= from && c.createdAt <= to)
    .filter((c) => withUncompleted || conversionStatus(c, now).state === 'completed')
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .slice((page - 1) * perPage, page * perPage)
    .map((c) => conversionRow(c, now));
  return { status: 200, body: { data: { items } } };
}
