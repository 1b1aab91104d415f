// One bulk registration run: read who is already registered, send invite calls (≤ 50 people
// each, several in flight under the client's rate limit), then settle every person whose
// answer was lost one by one. Every input row ends in exactly one status.
import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../api/client.js';
import { ApiError, CancelledError } from '../api/errors.js';
import { publish, registrationJobs, type JobEvent } from '../ops/channels.js';
import type { ReadyPerson, Rejected } from './registration-rows.js';

/** At most 50 users per invite call (reference P3, CONFIRMED). */
export const BATCH_SIZE = 50;
/** Calls in flight; the client's limiter spaces their starts, this only hides latency. */
const CONCURRENCY = 4;
const LIST_PAGE = 500;

export type Status = 'pending' | 'registered' | 'alreadyRegistered' | 'rejected' | 'failed';
export type JobState = 'running' | 'done' | 'cancelled' | 'failed';

export interface Entry {
  row: number;
  email: string;
  status: Status;
  participationId?: number;
  contactId?: number;
  link?: string;
  reason?: string;
  person?: ReadyPerson;
}

export interface Target {
  eventSessionId?: number;
  eventId?: number;
}

export interface JobOptions {
  isAutoEnter?: boolean;
  sendEmail?: boolean;
}

type Progress = (done: number, total: number, message: string) => Promise<void>;
type Row = Record<string, unknown>;

const CANCELLED_IN_FLIGHT =
  'cancelled while its batch was in flight: may or may not be registered; call again to resume (registered people are skipped)';

/** Runs `work` over `items` with `n` workers, taking no new item once `stop()` says so. */
async function pool<T>(
  items: T[],
  n: number,
  stop: () => boolean,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

const isFatal = (err: unknown): err is ApiError =>
  err instanceof ApiError &&
  err.status >= 400 &&
  err.status < 500 &&
  ![408, 429].includes(err.status);

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class RegistrationJob {
  readonly id = randomUUID();
  state: JobState = 'running';
  /** The error that stopped the run (a request-level 4xx such as "series registration off"). */
  fatal: ApiError | Error | undefined;
  readonly entries: Entry[];
  readonly counts: Record<Status, number> = {
    pending: 0,
    registered: 0,
    alreadyRegistered: 0,
    rejected: 0,
    failed: 0,
  };
  /** Progress sink while a caller is waiting on the run; undefined once it went to background. */
  listener: Progress | undefined;
  readonly finished: Promise<void>;
  finishedAt: number | undefined;
  private readonly controller = new AbortController();

  constructor(
    private readonly client: ApiClient,
    readonly target: Target,
    ready: ReadyPerson[],
    rejected: Rejected[],
    private readonly opts: JobOptions,
    readonly ignoredFields: string[],
  ) {
    this.entries = [
      ...rejected.map((r): Entry => ({ ...r, status: 'rejected' })),
      ...ready.map((p): Entry => ({ row: p.row, email: p.email, status: 'pending', person: p })),
    ].sort((a, b) => a.row - b.row);
    for (const e of this.entries) this.counts[e.status] += 1;
    this.finished = this.run().catch((err: unknown) => {
      this.fatal = err instanceof Error ? err : new Error(String(err));
      this.finish();
    });
    // Metrics count it; a graceful shutdown waits for it, then cancels it (resumable).
    publish(registrationJobs, (): JobEvent => ({
      finished: this.finished.then(() => this.state),
      cancel: () => this.cancel(),
    }));
  }

  get total(): number {
    return this.entries.length;
  }

  cancel(): void {
    this.controller.abort(new Error('registration cancelled'));
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private stopped = () => this.signal.aborted || this.fatal !== undefined;

  private set(e: Entry, status: Status, extra: Partial<Entry> = {}): void {
    this.counts[e.status] -= 1;
    this.counts[status] += 1;
    Object.assign(e, extra, { status });
  }

  private async run(): Promise<void> {
    const pending = this.entries.filter((e) => e.status === 'pending');
    if (pending.length) await this.markAlreadyRegistered(pending);
    const toSend = pending.filter((e) => e.status === 'pending');
    const batches: Entry[][] = [];
    for (let i = 0; i < toSend.length; i += BATCH_SIZE) {
      batches.push(toSend.slice(i, i + BATCH_SIZE));
    }
    const unresolved: Entry[] = [];
    await pool(batches, CONCURRENCY, this.stopped, (b) => this.invite(b, unresolved));
    await pool(unresolved, CONCURRENCY, this.stopped, (e) => this.registerOne(e));
    this.finish();
  }

  /**
   * The target's current registrations, so people already there are reported as such and not
   * sent (a repeated run resumes where the last one stopped). Series: whole-series ones only.
   */
  private async markAlreadyRegistered(pending: Entry[]): Promise<void> {
    const byEmail = new Map(pending.map((e) => [e.email.toLowerCase(), e]));
    const path = this.target.eventSessionId
      ? '/eventsessions/{eventSessionId}/participations'
      : '/events/{eventId}/participations';
    for (let page = 1; ; page++) {
      const res = await this.client.request({
        method: 'GET',
        path,
        params: { ...this.target, page, perPage: LIST_PAGE },
        signal: this.signal,
      });
      const items = Array.isArray(res.data) ? (res.data as Row[]) : [];
      for (const p of items) {
        if (!this.target.eventSessionId && p.eventSessionId) continue;
        const e = byEmail.get(String(p.email ?? '').toLowerCase());
        if (e?.status === 'pending') {
          this.set(e, 'alreadyRegistered', { participationId: Number(p.id) || undefined });
        }
      }
      if (items.length < LIST_PAGE) break;
    }
    await this.report();
  }

  private async invite(batch: Entry[], unresolved: Entry[]): Promise<void> {
    const path = this.target.eventSessionId
      ? '/eventsessions/{eventSessionId}/invite'
      : '/events/{eventId}/invite';
    try {
      const res = await this.client.request({
        method: 'POST',
        path,
        params: { ...this.target, users: batch.map(wireUser), ...this.opts },
        signal: this.signal,
        // Invite ignores e-mails already registered, so a repeated batch cannot duplicate anyone.
        idempotent: true,
      });
      const answered = new Map<string, Row>();
      for (const item of Array.isArray(res.data) ? (res.data as Row[]) : []) {
        answered.set(String(item.email ?? '').toLowerCase(), item);
      }
      for (const e of batch) {
        const hit = answered.get(e.email.toLowerCase());
        // Missing from the answer: registered by an attempt whose answer was lost, or dropped
        // by the API as invalid. registerOne() tells which, person by person.
        if (hit) this.set(e, 'registered', registration(hit));
        else unresolved.push(e);
      }
    } catch (err) {
      if (err instanceof CancelledError || this.signal.aborted) {
        for (const e of batch) this.set(e, 'failed', { reason: CANCELLED_IN_FLIGHT });
      } else if (isFatal(err)) {
        this.fatal ??= err;
        for (const e of batch) this.set(e, 'failed', { reason: messageOf(err) });
      } else {
        unresolved.push(...batch); // retries exhausted: the outcome is unknown
      }
    }
    await this.report();
  }

  /** P1/P2 for one person: registers them, or returns the existing registration, or says why not. */
  private async registerOne(e: Entry): Promise<void> {
    const path = this.target.eventSessionId
      ? '/eventsessions/{eventSessionId}/register'
      : '/events/{eventId}/register';
    try {
      const res = await this.client.request({
        method: 'POST',
        path,
        params: { ...this.target, ...wireUser(e), ...this.opts },
        signal: this.signal,
        idempotent: true, // a known e-mail is ignored (or answered 409): safe to repeat
      });
      this.set(e, 'registered', registration((res.data ?? {}) as Row));
    } catch (err) {
      if (err instanceof CancelledError || this.signal.aborted) {
        this.set(e, 'failed', { reason: CANCELLED_IN_FLIGHT });
      } else if (err instanceof ApiError && err.status === 409) {
        // Not registered before this run, registered now: the personal link was not returned.
        this.set(e, 'registered', {
          reason: 'registered; the API did not return the personal link (see list_participants)',
        });
      } else if (err instanceof ApiError && (err.status === 400 || err.status === 422)) {
        this.set(e, 'rejected', { reason: `refused by the API: ${err.apiMessage ?? err.message}` });
      } else {
        this.set(e, 'failed', { reason: messageOf(err) });
      }
    }
    await this.report();
  }

  private finish(): void {
    const why = this.signal.aborted
      ? 'not sent: the run was cancelled; call again to resume'
      : `not sent: ${this.fatal ? messageOf(this.fatal) : 'the run stopped'}`;
    for (const e of this.entries) {
      if (e.status === 'pending') this.set(e, 'failed', { reason: why });
      e.person = undefined; // not `delete`: keeps 10,000 entries in fast (non-dictionary) mode
    }
    this.state = this.signal.aborted ? 'cancelled' : this.fatal ? 'failed' : 'done';
    this.finishedAt = Date.now();
  }

  private async report(): Promise<void> {
    const c = this.counts;
    const done = this.total - c.pending;
    const text = `job ${this.id}: ${c.registered} registered, ${c.alreadyRegistered} already registered, ${c.rejected} rejected, ${c.failed} failed, ${c.pending} to go`;
    try {
      await this.listener?.(done, this.total, text);
    } catch {
      // A client that went away cannot stop the run through its progress channel.
    }
  }
}

/** One invite/register user in the API's field names (reference §4). */
function wireUser(e: Entry | ReadyPerson): Row {
  const p = 'person' in e ? e.person : (e as ReadyPerson);
  const { row: _row, ...fields } = p ?? { row: 0, email: e.email };
  return fields;
}

function registration(item: Row): Partial<Entry> {
  return {
    participationId: Number(item.participationId) || undefined,
    contactId: Number(item.contactId) || undefined,
    link: typeof item.link === 'string' ? item.link : undefined,
  };
}
