// register_participants: up to 10,000 people (a list or pasted CSV) on a session or a series in
// one call, and get_registration_job to follow a run that outlived the call.
//
// Long runs and client timeouts: the call waits up to `waitSeconds` (default 45, under the
// common 60 s request timeout), sending MCP progress notifications when the client asked for
// them; if the run is not finished by then, it answers with a jobId and the run continues in
// this process, to be polled with get_registration_job. Cancelling the call before that stops
// the run. Re-running the same input resumes: people already registered are skipped.
import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { defineWorkflow, type ToolContext } from '../tools/define.js';
import { InputError } from '../tools/errors.js';
import * as f from '../tools/fields.js';
import { formFields, role } from '../tools/participant-input.js';
import { RegistrationJob, type Status } from './registration-job.js';
import {
  MAX_PEOPLE,
  rowsFromCsv,
  rowsFromPeople,
  validateRows,
  type PersonIn,
} from './registration-rows.js';
import { findJob, jobView, track } from './registration-view.js';

const DEFAULT_WAIT_SECONDS = 45;

const waitSeconds = (what: string) => z.number().int().min(0).max(600).optional().describe(what);

const perPage = z
  .number()
  .int()
  .min(1)
  .max(500)
  .optional()
  .describe('Account rows per page (default 100), problems first.');

// Loose per-row types on purpose: a bad e-mail or role rejects that row, not the whole call.
const person = z.object({
  email: z.string().max(320).describe('E-mail (checked per row).'),
  name: z.string().max(255).optional().describe('First name.'),
  secondName: z.string().max(255).optional().describe('Last name.'),
  patronymic: z.string().max(255).optional().describe('Patronymic.'),
  role: z.string().max(20).optional().describe('GUEST, LECTURER or ADMIN.'),
  fields: z
    .record(z.string().max(255), z.string().max(2000))
    .optional()
    .describe('Form answers by field label or key.'),
});

/** Resolves when `done` settles or after `ms`; true when it settled. Aborting ends the wait. */
async function waitFor(done: Promise<void>, ms: number, signal?: AbortSignal): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    onAbort = () => resolve(false);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([done.then(() => true as const), expired]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** The registration form, with a 404 turned into an argument error naming where ids come from. */
async function formOf(ctx: ToolContext, target: { eventSessionId?: number; eventId?: number }) {
  try {
    return await formFields(ctx, target);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404)) throw err;
    const [field, value] = target.eventSessionId
      ? ['eventSessionId', target.eventSessionId]
      : ['eventId', target.eventId];
    throw new InputError(field as string, `${value} does not exist; get ids from list_events`);
  }
}

export const registrationTools = [
  defineWorkflow({
    name: 'register_participants',
    title: 'Register many participants',
    description:
      'Register up to 10,000 people on a session or a whole series in one call, from a list or pasted CSV. Rows are checked first; each person ends registered (with link), alreadyRegistered, rejected or failed, with the reason.',
    // Reads the form and who is registered, invites in batches of 50 (P3, which no tool exposes
    // alone) and registers one by one the people whose answer was lost.
    uses: ['get_event_session', 'get_event', 'list_participants', 'register_participant'],
    input: z.object({
      eventSessionId: f.eventSessionId.optional().describe('Session (list_events).'),
      eventId: f.eventId.optional().describe('Or a whole series that allows it.'),
      people: z
        .array(person)
        .max(MAX_PEOPLE, `at most ${MAX_PEOPLE} people per call: split the list`)
        .optional()
        .describe('The people; or give csv.'),
      csv: z
        .string()
        .max(4_000_000)
        .optional()
        .describe(
          'CSV (, or ;), header row: email, name, secondName, patronymic, role; other columns are form fields. A bare e-mail list works too.',
        ),
      role: role.optional().describe('Default role (GUEST).'),
      isAutoEnter: z.boolean().optional().describe('Enter without the extra form.'),
      sendEmail: z.boolean().optional().describe('Platform e-mails the links (default true).'),
      waitSeconds: waitSeconds(
        `Seconds to wait (default ${DEFAULT_WAIT_SECONDS}), then a jobId; the run goes on.`,
      ),
      perPage,
    }),
    // Re-running the same input registers nobody twice.
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    run: async (input, ctx) => {
      if (Boolean(input.eventSessionId) === Boolean(input.eventId)) {
        throw new InputError('eventSessionId', 'give eventSessionId or eventId (exactly one)');
      }
      if ((input.people === undefined) === (input.csv === undefined)) {
        throw new InputError('people', 'give people or csv (exactly one)');
      }
      const rows = input.csv ? rowsFromCsv(input.csv) : rowsFromPeople(input.people as PersonIn[]);
      if (!rows.length) throw new InputError(input.csv ? 'csv' : 'people', 'no people in it');
      const target = input.eventSessionId
        ? { eventSessionId: input.eventSessionId }
        : { eventId: input.eventId as number };
      const { fields, data } = await formOf(ctx, target);
      if (target.eventId && data.isEventRegAllowed === false) {
        throw new InputError(
          'eventId',
          'this series does not allow registration on the whole series; register on its sessions (eventSessionId) instead',
        );
      }
      const { ready, rejected, ignoredFields } = validateRows(rows, fields, input.role);
      const opts = { isAutoEnter: input.isAutoEnter, sendEmail: input.sendEmail };
      const job = new RegistrationJob(ctx.client, target, ready, rejected, opts, ignoredFields);
      track(job);
      job.listener = ctx.progress;
      const cancel = () => job.cancel();
      ctx.signal.addEventListener('abort', cancel, { once: true });
      if (ctx.signal.aborted) job.cancel();
      const wait = (input.waitSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
      try {
        await waitFor(job.finished, wait);
      } finally {
        // From here on the run belongs to nobody's request: no progress, no cancellation.
        job.listener = undefined;
        ctx.signal.removeEventListener('abort', cancel);
      }
      if (job.state === 'failed' && job.fatal && job.counts.registered === 0) throw job.fatal;
      track(job);
      return jobView(job, { perPage: input.perPage });
    },
  }),
  defineWorkflow({
    name: 'get_registration_job',
    title: 'Get registration job',
    description:
      'Progress and per-person account of a register_participants run (jobId); waitSeconds waits for it to finish.',
    uses: [], // reads the run's record in this process
    input: z.object({
      jobId: z.string().min(1).max(64).describe('jobId from register_participants.'),
      waitSeconds: waitSeconds('Wait up to this long for the run to finish (default 0).'),
      status: z
        .enum(['registered', 'alreadyRegistered', 'rejected', 'failed', 'pending'])
        .optional()
        .describe('Only rows with this status.'),
      page: f.page.optional().describe('Page of the per-person account (default 1).'),
      perPage,
    }),
    annotations: {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    run: async (input, ctx) => {
      const job = findJob(input.jobId);
      if (!job) {
        throw new InputError(
          'jobId',
          'no such job in this server (jobs live in memory only); call register_participants again: people already registered are skipped',
        );
      }
      if (input.waitSeconds) await waitFor(job.finished, input.waitSeconds * 1000, ctx.signal);
      return jobView(job, {
        page: input.page,
        perPage: input.perPage,
        status: input.status as Status | undefined,
      });
    },
  }),
];
