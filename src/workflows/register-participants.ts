// register_participants: up to 10,000 people (a list or pasted CSV) on a session or a series in
// one call, and get_registration_job to follow a run that outlived the call.
//
// Long runs and client timeouts: the call waits up to `waitSeconds` (default 45, under the
// common 60 s request timeout), sending MCP progress notifications when the client asked for
// them; if the run is not finished by then, it answers with a jobId and the run continues in
// this process, to be polled with get_registration_job. Cancelling the call before that stops
// the run. Re-running the same input resumes: people already registered are skipped; while the
// first run is still going, the same input joins it instead of starting a second one.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { defineWorkflow, type ToolContext } from '../tools/define.js';
import { InputError } from '../tools/errors.js';
import * as f from '../tools/fields.js';
import { formFields, formView, role, wholeEventProblem } from '../tools/participant-input.js';
import { liveJob, RegistrationJob } from './registration-job.js';
import {
  MAX_PEOPLE,
  rowsFromCsv,
  rowsFromPeople,
  validateRows,
  type PersonIn,
} from './registration-rows.js';
import {
  newRecord,
  registrationStore,
  type JobOptions,
  type JobRecord,
  type Status,
} from './registration-store.js';
import { jobPage, jobSummary } from './registration-view.js';

const DEFAULT_WAIT_SECONDS = 45;
/** How often a job run by another process is read while waiting for it. */
const POLL_MS = 1_000;

const waitSeconds = (what: string) => z.number().int().min(0).max(600).optional().describe(what);

/**
 * A cell, however long: lengths are checked per row (person-row.ts LIMITS), so one bad row is
 * rejected alone instead of failing the call; the message size is bounded by the transport.
 */
const cell = z.string();

// Loose per-row types on purpose: a bad e-mail, role or length rejects that row, not the call.
export const person = z.object({
  email: cell.describe('E-mail.'),
  name: cell.optional().describe('First name.'),
  secondName: cell.optional().describe('Last name.'),
  patronymic: cell.optional().describe('Patronymic.'),
  role: cell.optional().describe('GUEST, LECTURER or ADMIN.'),
  fields: z
    .record(cell, cell)
    .optional()
    .describe('Form answers by label; phone, organization, position.'),
});

/** Settles never: waitFor() on it is a pause that aborting ends early. */
const never = new Promise<void>(() => {});

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

/** Waits for a job to finish: on its run when it is in this process, else by reading the store. */
async function waitForJob(tenant: string, id: string, ms: number, signal: AbortSignal) {
  const store = registrationStore();
  const deadline = Date.now() + ms;
  const job = liveJob(tenant, id);
  if (job) {
    await waitFor(job.finished, ms, signal);
    return;
  }
  while (Date.now() < deadline && !signal.aborted) {
    const record = await store.get(tenant, id);
    if (!record || record.state !== 'running') return;
    await waitFor(never, Math.min(POLL_MS, deadline - Date.now()), signal);
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

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** A 413 is the request's size, not a passing failure: never "safe to retry" unchanged. */
const errorHint = (err: ApiError) =>
  err.status === 413
    ? ' The request was too large for the API: send fewer people per call (or shorter answers). Do not retry unchanged.'
    : undefined;

export const registrationTools = [
  defineWorkflow({
    name: 'register_participants',
    title: 'Register many participants',
    description:
      "Register up to 10,000 people on a session or a whole series in one call, from a list or pasted CSV. Rows are checked first against the event's registration form. Answers with counts, every problem by row and the next step; links page through get_registration_job.",
    // Reads the form and who is registered, invites in batches of 50 (P3, which no tool exposes
    // alone), registers one by one and checks the people whose answer was lost.
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
          'CSV (, or ;), header row in Russian or English (email, ФИО, role, phone, organization…; others answer form fields by label). A bare e-mail list works too.',
        ),
      role: role.optional().describe('Default role (GUEST).'),
      isAutoEnter: z.boolean().optional().describe('Enter without the extra form.'),
      sendEmail: z.boolean().optional().describe('Platform e-mails the links (default true).'),
      waitSeconds: waitSeconds(
        `Seconds to wait (default ${DEFAULT_WAIT_SECONDS}), then a jobId; the run goes on.`,
      ),
    }),
    // Re-running the same input registers nobody twice.
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    errorHint,
    run: async (input, ctx) => {
      if (Boolean(input.eventSessionId) === Boolean(input.eventId)) {
        throw new InputError('eventSessionId', 'give eventSessionId or eventId (exactly one)');
      }
      if ((input.people === undefined) === (input.csv === undefined)) {
        throw new InputError('people', 'give people or csv (exactly one)');
      }
      const read = input.csv ? rowsFromCsv(input.csv) : rowsFromPeople(input.people as PersonIn[]);
      if (!read.rows.length) throw new InputError(input.csv ? 'csv' : 'people', 'no people in it');
      const target = input.eventSessionId
        ? { eventSessionId: input.eventSessionId }
        : { eventId: input.eventId as number };
      const form = await formOf(ctx, target);
      const whole = target.eventId && wholeEventProblem(target.eventId, form.data);
      if (whole) throw new InputError('eventId', whole);
      const { ready, rejected, notes } = validateRows(read, form.fields, input.role);
      const options: JobOptions = {};
      if (input.isAutoEnter !== undefined) options.isAutoEnter = input.isAutoEnter;
      if (input.sendEmail !== undefined) options.sendEmail = input.sendEmail;
      const tenant = ctx.client.tenant;
      const inputKey = hashOf({ target, options, ready });
      const store = registrationStore();
      const joined = await store.findRunning(tenant, inputKey);
      let job = joined && liveJob(tenant, joined.id);
      if (joined && !job) {
        // Running elsewhere: leave it to its process, unless that process is gone (shared store).
        const orphan = await store.adopt(joined);
        if (!orphan) return jobSummary(joined);
        job = RegistrationJob.resume(ctx.client, store, orphan);
      }
      job ??= await RegistrationJob.start(
        ctx.client,
        store,
        newRecord({
          tenant,
          inputKey,
          target,
          options,
          form: formView(form.fields),
          moderated: form.moderated,
          notes,
          ready,
          rejected,
        }),
      );
      job.listener = ctx.progress;
      const started = job;
      const cancel = () => started.cancel();
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
      const record = job.record;
      const anyone = record.counts.registered + record.counts.alreadyRegistered;
      if (record.state === 'failed' && job.fatal && anyone === 0) throw job.fatal;
      return jobSummary(record);
    },
  }),
  defineWorkflow({
    name: 'get_registration_job',
    title: 'Get registration job',
    description:
      'A register_participants run (jobId): its summary, or with status or page each person with link, paged.',
    uses: [], // reads the run's record (this process, or the shared store)
    input: z.object({
      jobId: z.string().min(1).max(64).describe('jobId from register_participants.'),
      waitSeconds: waitSeconds('Wait up to this long for the end (default 0).'),
      status: z
        .enum(['registered', 'alreadyRegistered', 'rejected', 'failed', 'unconfirmed', 'pending'])
        .optional()
        .describe('Only people with this status.'),
      page: f.page.optional().describe('Page of the per-person account (default 1).'),
      perPage: z
        .number()
        .int()
        .min(1)
        .max(500)
        .optional()
        .describe('People per page (default 50).'),
    }),
    annotations: {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    run: async (input, ctx) => {
      const tenant = ctx.client.tenant;
      const find = () => registrationStore().get(tenant, input.jobId);
      let record: JobRecord | undefined = await find();
      if (!record) {
        // The same answer whether the id is unknown or another organisation's.
        throw new InputError(
          'jobId',
          'no such job for this organisation (jobs are kept in this server for a while); call register_participants again: people already registered are skipped',
        );
      }
      if (input.waitSeconds && record.state === 'running') {
        await waitForJob(tenant, record.id, input.waitSeconds * 1000, ctx.signal);
        record = (await find()) ?? record;
      }
      if (input.status === undefined && input.page === undefined) return jobSummary(record);
      return jobPage(record, {
        page: input.page,
        perPage: input.perPage,
        status: input.status as Status | undefined,
      });
    },
  }),
];
