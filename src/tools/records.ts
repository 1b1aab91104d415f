// Records area (reference §5, R1–R10): online recordings, their access, and MP4 conversions.
// R2/R3 and R6/R7 are one tool each, addressed by recordId or eventSessionId.
import { z } from 'zod';
import type { ApiError } from '../api/errors.js';
import * as cf from './content-fields.js';
import { conversionReport, waitSeconds } from './conversion-wait.js';
import { toApiQueryDateTime } from './dates.js';
import { defineTool } from './define.js';
import { pathFor } from './execute.js';
import { InputError } from './errors.js';
import * as f from './fields.js';
import { apiPaging } from './paging.js';
import {
  accessWarning,
  audienceOf,
  audienceWords,
  findRecord,
  noShowList,
  sessionOf,
} from './record-share.js';
import { recordSubject } from './subjects.js';
import { rows, type Row } from './rows.js';

const YEAR_MS = 365 * 86_400_000;
const conversionPaging = apiPaging([10, 25, 50, 100, 250, 500], 25);

const byRecordOrSession = {
  recordId: cf.recordId.optional(),
  eventSessionId: f.eventSessionId.optional().describe('Or its finished session (list_events).'),
};

/** R2 vs R3, R6 vs R7: the same operation addressed by recording or by session. */
const ACCESS_PATHS = {
  recordId: '/records/{recordId}',
  eventSessionId: '/eventsessions/{eventSessionId}/records',
};
const CONVERSION_PATHS = {
  recordId: '/records/{recordId}/conversions',
  eventSessionId: '/eventsessions/{eventSessionId}/records/conversions',
};

const notFoundHint = (err: ApiError) =>
  err.status === 404
    ? ' Nothing with that id: recordId comes from list_records, eventSessionId from list_events (only a finished session that ran has a recording).'
    : undefined;

/** 409 (docs) or 403 "simultaneous" with fieldErrors (a recent client) mean the same thing. */
function conversionHint(err: ApiError): string | undefined {
  const running = err.fieldErrors?.currentConversionID;
  if (
    err.status === 409 ||
    (err.status === 403 && (running || /simultaneous/i.test(err.apiMessage)))
  ) {
    const which = running ? ` (conversion ${String(running)})` : '';
    return ` Another conversion${which} is still running: only one per member at a time. Wait for it with get_conversion (waitSeconds up to 50) or list_conversions, then retry.`;
  }
  if (err.status === 400 && /24 hours/.test(err.apiMessage)) {
    return ' Recordings of 24 hours or more cannot be converted: the user must trim it below 24 h in the MTS Link web interface first. Do not retry unchanged.';
  }
  return notFoundHint(err);
}

const pickRecord = (r: Row) => ({
  id: r.id,
  name: r.name,
  eventSessionId: r.eventSessionId,
  createAt: r.createAt,
  durationSeconds: r.duration,
  size: r.size,
  isViewable: r.isViewable,
  hasPassword: r.hasPassword,
  viewAccess: r.viewAccess,
  link: r.link,
});

const pickConversion = (c: Row) => ({
  conversionId: c.id,
  state: c.state,
  progress: c.progress,
  quality: c.quality,
  view: c.view,
  recordId: c.recordFileId ?? (c.recordFile as Row | undefined)?.id,
  eventSessionId: c.eventSessionId,
  createAt: c.createAt,
  downloadUrl: c.downloadUrl,
});

/** R9/R10 come bare, as one object, or wrapped in `data`/`data.items` (SEEN ONCE each). */
function rowsOf(data: unknown): Row[] {
  if (Array.isArray(data)) return data as Row[];
  const body = (data ?? {}) as Row;
  const inner = (body.data ?? body) as Row | Row[];
  if (Array.isArray(inner)) return inner;
  if (Array.isArray(inner.items)) return inner.items as Row[];
  return Object.keys(inner).length ? [inner] : [];
}

export const recordsTools = [
  defineTool({
    name: 'list_records',
    title: 'List recordings',
    description:
      'Online recordings, newest first (default: the last year), with session, length and access.',
    method: 'GET',
    path: '/records',
    input: z.object({
      from: f.dateTime('Start, ISO 8601 (default a year ago).').optional(),
      to: f.dateTime('End, ISO 8601 (default from + 1 year).').optional(),
      period: z
        .enum(['day', 'week', 'month', 'year'])
        .optional()
        .describe('Window from `from`, instead of to.'),
      userId: f.memberUserId.optional().describe('Only this member (list_members).'),

      offset: z.number().int().min(0).max(1_000_000).optional().describe('Rows to skip.'),
      limit: z.number().int().min(1).max(500).optional().describe('Rows, default 10.'),
    }),
    toParams: ({ from, to, offset, limit, ...rest }) => ({
      ...rest,
      from: toApiQueryDateTime(from ?? new Date(Date.now() - YEAR_MS).toISOString()),
      to: to ? toApiQueryDateTime(to, 'end') : undefined,

      offset: offset ?? 0,
      limit: limit ?? 10,
    }),
    shape: (data, input) => {
      const items = rows(data).map(pickRecord);
      const offset = input.offset ?? 0;
      const limit = input.limit ?? 10;
      return {
        items,
        offset,
        limit,
        nextOffset: items.length >= limit ? offset + limit : undefined,
      };
    },
  }),
  defineTool({
    name: 'update_record_access',
    title: 'Update recording access',
    description:
      'Change who may watch a recording (by recordId or eventSessionId). Send only what changes.',
    method: 'PUT',
    path: ACCESS_PATHS.recordId,
    paths: ACCESS_PATHS,
    input: z.object({
      ...byRecordOrSession,
      isViewable: z.boolean().optional().describe('false: owner and admins only.'),
      password: z.string().max(64).optional().describe('Viewing password; empty removes it.'),
      viewAccess: z
        .enum(['owner', 'memberships', 'participants', 'all'])
        .optional()
        .describe('Audience; all = anyone with the link.'),
    }),
    toParams: (input) => {
      const { recordId: _r, eventSessionId: _s, ...changes } = input;
      if (Object.values(changes).every((v) => v === undefined)) {
        throw new InputError('isViewable', 'give at least one of isViewable, password, viewAccess');
      }
      return input;
    },
    shape: (_data, { password, ...input }) => ({
      ok: true,
      ...input,
      password: password === undefined ? undefined : password ? 'set' : 'removed',
    }),
    errorHint: notFoundHint,
  }),
  defineTool({
    name: 'delete_record',
    title: 'Delete recording',
    description: 'Delete an online recording for good (its MP4s stay).',
    method: 'DELETE',
    path: '/records/{recordId}',
    input: z.object({ recordId: cf.recordId }),
    confirm: async (input, ctx) => `Delete ${await recordSubject(ctx, input.recordId)} for good?`,
  }),
  defineTool({
    name: 'share_record',
    title: 'E-mail recording link',
    description:
      "E-mail the recording's link to everyone registered for its session; to: no-shows lists who did not come, with the link, sending nothing.",
    method: 'POST',
    path: '/records/{recordId}/share',
    input: z.object({
      recordId: cf.recordId,
      to: z.enum(['everyone', 'no-shows']).optional().describe('Default everyone.'),
    }),
    // Listing the no-shows sends nothing: only the e-mail to everyone is asked for.
    confirm: async (input, ctx) => {
      if (input.to === 'no-shows') return undefined;
      const record = await findRecord(ctx, input.recordId).catch(() => undefined);
      const session = record && sessionOf(record);
      const audience = session && (await audienceOf(ctx, session).catch(() => undefined));
      const who = audience ? ` (${audienceWords(audience)})` : '';
      return `E-mail the link of ${await recordSubject(ctx, input.recordId)} to everyone registered for it${who}, including people who came?`;
    },
    run: async ({ recordId, to }, ctx) => {
      const record = await findRecord(ctx, recordId);
      const eventSessionId = sessionOf(record);
      const audience = eventSessionId ? await audienceOf(ctx, eventSessionId) : undefined;
      const common = { recordId, eventSessionId, link: record.link, access: accessWarning(record) };
      if (to === 'no-shows') {
        return {
          ...common,
          emailed: 'nothing: the API e-mails everyone registered and cannot pick people',
          noShows: audience?.noShows.length,
          ...(audience ? noShowList(audience) : {}),
          next: 'send the link to these people yourself, or share_record to everyone',
        };
      }
      await ctx.client.request({
        method: 'POST',
        path: `/records/${recordId}/share`,
        signal: ctx.signal,
      });
      return {
        ...common,
        emailed: `asked the platform to e-mail the link to everyone registered${audience ? ` (${audienceWords(audience)})` : ''}; the API does not report delivery`,
      };
    },
  }),
  defineTool({
    name: 'convert_record',
    title: 'Convert recording to MP4',
    description:
      'Queue an MP4 conversion of a recording (by recordId or eventSessionId). Takes minutes, one at a time per member: waitSeconds waits, else poll get_conversion. Returns conversionId, state, downloadUrl when done.',
    method: 'POST',
    path: CONVERSION_PATHS.recordId,
    paths: CONVERSION_PATHS,
    input: z.object({
      ...byRecordOrSession,
      quality: z.literal([720, 1080]).optional().describe('Default 720.'),
      view: z
        .enum([
          'chat',
          'questions',
          'minichat',
          'minichat_novideo',
          'none',
          'chat_novideo',
          'questions_novideo',
          'none_novideo',
        ])
        .optional()
        .describe('Layout (default chat); *_novideo: no camera.'),
      waitSeconds,
    }),
    run: async ({ waitSeconds: wait, ...params }, ctx) => {
      const path = pathFor({ path: CONVERSION_PATHS.recordId, paths: CONVERSION_PATHS }, params);
      const res = await ctx.client.request({ method: 'POST', path, params, signal: ctx.signal });
      const created = res.data as Row | null;
      const id = Number(created?.id ?? (created?.data as Row | undefined)?.id);
      if (!Number.isSafeInteger(id) || id <= 0) {
        return {
          queued: true,
          note: 'The API did not return a conversion id; find it with list_conversions.',
        };
      }
      return conversionReport(ctx, id, wait ?? 0);
    },
    errorHint: conversionHint,
  }),
  defineTool({
    name: 'get_conversion',
    title: 'Get MP4 conversion',
    description:
      'MP4 conversion state and progress; downloadUrl once completed. waitSeconds waits; call again while it runs.',
    method: 'GET',
    path: '/records/conversions/{conversionId}',
    input: z.object({ conversionId: cf.conversionId, waitSeconds }),
    run: ({ conversionId, waitSeconds: wait }, ctx) =>
      conversionReport(ctx, conversionId, wait ?? 0),
  }),
  defineTool({
    name: 'list_converted_records',
    title: 'List session MP4s',
    description: "A session's MP4 conversions; finished ones carry downloadUrl.",
    method: 'GET',
    path: '/eventsessions/{eventSessionId}/converted-records',
    input: z.object({ eventSessionId: f.eventSessionId }),
    shape: (data) => ({ count: rowsOf(data).length, items: rowsOf(data).map(pickConversion) }),
  }),
  defineTool({
    name: 'list_conversions',
    title: 'List MP4 conversions',
    description:
      "The organisation's MP4 conversions, newest first (default: the last 7 days), with state and downloadUrl.",
    method: 'GET',
    path: '/converted-records',
    input: z.object({
      from: f.dateTime('Start date, ISO 8601.').optional(),
      to: f.dateTime('End date, ISO 8601.').optional(),
      onlyFinished: z.boolean().optional().describe('Completed ones only.'),
      ...conversionPaging.input,
    }),
    toParams: ({ from, to, onlyFinished, ...rest }) => ({
      ...conversionPaging.params(rest),
      from: from ? toApiQueryDateTime(from).slice(0, 10) : undefined,
      to: to ? toApiQueryDateTime(to, 'end').slice(0, 10) : undefined,
      isUncompleted: onlyFinished === undefined ? undefined : !onlyFinished,
    }),
    shape: (data, input) => conversionPaging.pageOf(rowsOf(data), input, pickConversion),
  }),
];
