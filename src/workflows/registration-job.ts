// One bulk registration run: read who is already registered, send invite calls (≤ 50 people
// each, several in flight under the client's rate limit), settle every person whose answer was
// lost one by one, and before calling anyone "failed" read the list again: "failed" means
// "not registered". Every input row ends in exactly one status; the record (registration-
// store.ts) is saved after every step, so another process can report or resume it.
import { setMaxListeners } from 'node:events';
import type { ApiClient } from '../api/client.js';
import { ApiError, CancelledError, SharedStateError } from '../api/errors.js';
import { publish, registrationJobs, type JobEvent } from '../channels.js';
import { emailKey } from '../tools/email.js';
import type { Entry, JobRecord, RegistrationStore, Status } from './registration-store.js';
import { rows, type Row } from '../tools/rows.js';

/** At most 50 users per invite call (reference P3, CONFIRMED). */
const BATCH_SIZE = 50;
/**
 * Most requests in flight at once (the client's pool has as many sockets, api/client.ts): at
 * the default 2 requests/s this covers an API up to 8 s slow.
 */
const MAX_IN_FLIGHT = 16;
const LIST_PAGE = 500;
/** Times a batch still turned away with 429 after the client's retries goes back in the queue. */
const REQUEUE_429 = 3;
/** Read-then-retry rounds for people whose writes got no answer, before the final verdict. */
const CHECK_ROUNDS = 3;

type Progress = (done: number, total: number, message: string) => Promise<void>;

const IN_FLIGHT =
  'cancelled while its request was in flight: may or may not be registered; call again to resume (registered people are skipped)';
const LINK_LOST =
  'registered (the API answer was lost, so no personal link here; list_participants shows the registration)';

/**
 * Runs `work` over `items` at the API's pace: the next item starts as soon as the previous
 * one's request has left the client's rate limit (`work` calls `sent`), so one request always
 * waits for the next start slot and as many are in flight as the API's latency needs — none
 * when the limit is the bottleneck, more when the API is slow — never more than MAX_IN_FLIGHT.
 * 429s slow the limit itself down (api/back-pressure.ts), and this pace follows. Takes no new
 * item once `stop()` says so.
 */
async function paced<T>(
  items: T[],
  stop: () => boolean,
  work: (item: T, sent: () => void) => Promise<void>,
) {
  const running = new Set<Promise<void>>();
  // `items` may grow while the run goes on (a batch the API turned away with 429s comes back).
  for (let next = 0; (next < items.length || running.size) && !stop();) {
    if (next >= items.length || running.size >= MAX_IN_FLIGHT) {
      await Promise.race(running);
      continue;
    }
    let sent = () => {};
    const leftLimit = new Promise<void>((resolve) => (sent = resolve));
    const done: Promise<void> = work(items[next++] as T, sent).finally(() => running.delete(done));
    running.add(done);
    await Promise.race([leftLimit, done]);
  }
  await Promise.all(running);
}

/** The API refused the request as such: nothing was registered, and repeating changes nothing. */
const isRefusal = (err: unknown): err is ApiError =>
  err instanceof ApiError &&
  err.status >= 400 &&
  err.status < 500 &&
  ![408, 429].includes(err.status);
/** Refused for what it carried: the person (or batch) is at fault, not the run. */
const isContentRefusal = (err: unknown): err is ApiError =>
  err instanceof ApiError && [400, 413, 422].includes(err.status);

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Runs of this process, for waiting, progress and cancellation (the record is in the store). */
const live = new Map<string, RegistrationJob>();
export const liveJob = (tenant: string, id: string) => live.get(`${tenant}/${id.trim()}`);

export class RegistrationJob {
  /** Progress sink while a caller is waiting on the run; undefined once it went to background. */
  listener: Progress | undefined;
  readonly finished: Promise<void>;
  /** The API error that stopped the run, kept to answer the caller with it. */
  fatal: Error | undefined;
  private readonly controller = new AbortController();
  private readonly index = new Map<Entry, number>();
  private readonly changed = new Set<number>();

  private constructor(
    private readonly client: ApiClient,
    private readonly store: RegistrationStore,
    readonly record: JobRecord,
  ) {
    // Every request in flight and every wait listens to this signal.
    setMaxListeners(4 * MAX_IN_FLIGHT, this.controller.signal);
    record.entries.forEach((e, i) => this.index.set(e, i));
    live.set(`${record.tenant}/${record.id}`, this);
    this.finished = this.run()
      .catch((err: unknown) => {
        this.fatal = err instanceof Error ? err : new Error(String(err));
      })
      .then(() => this.finish())
      // Only the store can fail here; the run is over either way, and nobody may be waiting.
      .catch((err: unknown) => {
        this.fatal ??= err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => live.delete(`${record.tenant}/${record.id}`));
    // Metrics count it; a graceful shutdown waits for it, then cancels it (resumable).
    publish(registrationJobs, (): JobEvent => ({
      finished: this.finished.then(() => this.record.state),
      cancel: () => this.cancel(),
    }));
  }

  /** Starts a new run (its record is created in the store first). */
  static async start(client: ApiClient, store: RegistrationStore, record: JobRecord) {
    await store.create(record);
    return new RegistrationJob(client, store, record);
  }

  /**
   * Continues a saved run, e.g. one whose process went away: people not finally settled are
   * sent again after the API's own list says who it already has.
   */
  static resume(client: ApiClient, store: RegistrationStore, record: JobRecord) {
    for (const e of record.entries) {
      if ((e.status === 'unconfirmed' || e.status === 'pending') && e.person) {
        record.counts[e.status] -= 1;
        record.counts.pending += 1;
        e.status = 'pending';
      }
    }
    record.state = 'running';
    record.finishedAt = undefined;
    return new RegistrationJob(client, store, record);
  }

  get id(): string {
    return this.record.id;
  }

  cancel(): void {
    this.controller.abort(new Error('registration cancelled'));
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private stopped = () => this.signal.aborted || this.fatal !== undefined;

  private set(e: Entry, status: Status, extra: Partial<Entry> = {}): void {
    const counts = this.record.counts;
    counts[e.status] -= 1;
    counts[status] += 1;
    Object.assign(e, extra, { status });
    // A final status needs nothing more sent; "unconfirmed" keeps what to send, for a resume.
    if (status !== 'pending' && status !== 'unconfirmed') {
      e.person = undefined; // not `delete`: keeps 10,000 entries in fast (non-dictionary) mode
      e.uncertain = undefined;
    }
    this.changed.add(this.index.get(e) ?? -1);
  }

  private pending = () => this.record.entries.filter((e) => e.status === 'pending');

  private async run(): Promise<void> {
    const pending = this.pending();
    if (pending.length) await this.markAlreadyRegistered(pending);
    const toSend = this.pending();
    const batches: Entry[][] = [];
    for (let i = 0; i < toSend.length; i += BATCH_SIZE) {
      batches.push(toSend.slice(i, i + BATCH_SIZE));
    }
    const unresolved: Entry[] = [];
    const requeued = new Map<Entry[], number>();
    const again = (b: Entry[]) => {
      const times = (requeued.get(b) ?? 0) + 1;
      if (times > REQUEUE_429) return false;
      requeued.set(b, times);
      batches.push(b);
      return true;
    };
    await paced(batches, this.stopped, (b, sent) =>
      this.invite(b, unresolved, sent, () => again(b)),
    );
    let open = await this.settle(unresolved);
    // Writes that got no answer (timeouts, resets, 5xx or 429 after the retries) may have
    // registered the person: read the list before anyone is called failed, retry who is not
    // on it, and only then give the verdict.
    for (let round = 1; open.length && !this.stopped(); round++) {
      const onList = await this.registeredNow();
      const last = round >= CHECK_ROUNDS;
      if (onList) {
        for (const e of open) {
          const p = onList.get(emailKey(e.email));
          if (p) this.set(e, 'registered', { ...registrationOf(p), reason: LINK_LOST });
        }
        open = open.filter((e) => e.status === 'pending');
        if (last) {
          for (const e of open) {
            this.set(e, 'failed', {
              problem: 'not registered',
              reason: `not registered (checked on the list): ${e.reason}`,
            });
          }
          open = [];
        } else open = await this.settle(open);
      } else if (last) {
        for (const e of open) {
          this.set(e, 'unconfirmed', {
            problem: 'no answer',
            reason: `${e.reason}; the list could not be read to check: call again to resume`,
          });
        }
      }
      await this.report();
    }
  }

  /**
   * The target's current registrations, so people already there are reported as such and not
   * sent (a repeated run resumes where the last one stopped). Series: whole-series ones only.
   */
  private async markAlreadyRegistered(pending: Entry[]): Promise<void> {
    const byEmail = new Map(pending.map((e) => [emailKey(e.email), e]));
    const listed = await this.readList();
    for (const [key, p] of listed) {
      const e = byEmail.get(key);
      if (e?.status !== 'pending') continue;
      const waiting = p.isAccepted === 0 || p.isAccepted === false || p.isAccepted === '0';
      this.set(e, 'alreadyRegistered', {
        participationId: Number(p.id) || undefined,
        awaitingApproval: this.record.moderated && waiting ? true : undefined,
      });
    }
    await this.report();
  }

  /** Every registration of the target by e-mail key (throws when a page cannot be read). */
  private async readList(): Promise<Map<string, Row>> {
    const out = new Map<string, Row>();
    const path = this.record.target.eventSessionId
      ? '/eventsessions/{eventSessionId}/participations'
      : '/events/{eventId}/participations';
    for (let page = 1; ; page++) {
      const res = await this.client.request({
        method: 'GET',
        path,
        params: { ...this.record.target, page, perPage: LIST_PAGE },
        signal: this.signal,
      });
      const items = rows(res.data);
      for (const p of items) {
        if (!this.record.target.eventSessionId && p.eventSessionId) continue;
        out.set(emailKey(String(p.email ?? '')), p);
      }
      if (items.length < LIST_PAGE) return out;
    }
  }

  /** The list now, or undefined when it cannot be read (the outcome then stays unknown). */
  private async registeredNow(): Promise<Map<string, Row> | undefined> {
    try {
      return await this.readList();
    } catch (err) {
      if (err instanceof CancelledError || this.signal.aborted) return undefined;
      if (isRefusal(err)) throw err;
      return undefined;
    }
  }

  private async invite(
    batch: Entry[],
    unresolved: Entry[],
    sent?: () => void,
    again?: () => boolean,
  ): Promise<void> {
    const path = this.record.target.eventSessionId
      ? '/eventsessions/{eventSessionId}/invite'
      : '/events/{eventId}/invite';
    try {
      const res = await this.client.request({
        method: 'POST',
        path,
        params: { ...this.record.target, users: batch.map(wireUser), ...this.record.options },
        signal: this.signal,
        // Invite ignores e-mails already registered, so a repeated batch cannot duplicate anyone.
        idempotent: true,
        onStart: sent,
      });
      const answered = new Map<string, Row>();
      for (const item of rows(res.data)) {
        answered.set(emailKey(String(item.email ?? '')), item);
      }
      for (const e of batch) {
        const hit = answered.get(emailKey(e.email));
        // Missing from the answer: registered by an attempt whose answer was lost, or dropped
        // by the API as invalid. registerOne() tells which, person by person.
        if (hit) this.set(e, 'registered', this.registered(hit));
        else unresolved.push(e);
      }
    } catch (err) {
      if (err instanceof SharedStateError) {
        this.fatal ??= err; // sent nothing: the batch stays pending, "not sent" when the run ends
      } else if (err instanceof CancelledError || this.signal.aborted) {
        for (const e of batch)
          this.set(e, 'unconfirmed', { problem: 'cancelled', reason: IN_FLIGHT });
      } else if (err instanceof ApiError && err.status === 413 && batch.length > 1) {
        // Too large a body: the same people in two smaller calls.
        const half = Math.ceil(batch.length / 2);
        await this.invite(batch.slice(0, half), unresolved);
        await this.invite(batch.slice(half), unresolved);
        return;
      } else if (err instanceof ApiError && err.status === 429 && again?.()) {
        // Still "too many" after the client's retries: nothing was registered, so the batch
        // goes to the back of the queue whole (the client has slowed down meanwhile) instead
        // of being settled one person at a time, which would only add requests.
      } else if (isContentRefusal(err)) {
        // One bad person must not sink 49 good ones: settle them one by one, each with its answer.
        unresolved.push(...batch);
      } else if (isRefusal(err)) {
        this.fatal ??= err;
        for (const e of batch) {
          this.set(e, 'failed', { problem: 'refused by the API', reason: messageOf(err) });
        }
      } else {
        for (const e of batch) {
          e.uncertain = true; // retries exhausted: the outcome is unknown
          this.changed.add(this.index.get(e) ?? -1);
        }
        unresolved.push(...batch);
      }
    }
    await this.report();
  }

  /** registerOne for each; returns the people whose outcome is still unknown. */
  private async settle(entries: Entry[]): Promise<Entry[]> {
    const open: Entry[] = [];
    await paced(entries, this.stopped, async (e, sent) => {
      if (!(await this.registerOne(e, sent))) open.push(e);
    });
    return open;
  }

  /**
   * P1/P2 for one person: registers them, or returns the existing registration, or says why
   * not. False when the API gave no usable answer (the person stays pending, reason = why).
   */
  private async registerOne(e: Entry, sent?: () => void): Promise<boolean> {
    const path = this.record.target.eventSessionId
      ? '/eventsessions/{eventSessionId}/register'
      : '/events/{eventId}/register';
    try {
      const res = await this.client.request({
        method: 'POST',
        path,
        params: { ...this.record.target, ...wireUser(e), ...this.record.options },
        signal: this.signal,
        idempotent: true, // a known e-mail is ignored (or answered 409): safe to repeat
        onStart: sent,
      });
      this.set(e, 'registered', this.registered((res.data ?? {}) as Row));
    } catch (err) {
      if (err instanceof SharedStateError) {
        this.fatal ??= err; // sent nothing: stays pending, "not sent" when the run ends
        return true;
      } else if (err instanceof CancelledError || this.signal.aborted) {
        this.set(e, 'unconfirmed', { problem: 'cancelled', reason: IN_FLIGHT });
      } else if (err instanceof ApiError && err.status === 409) {
        // Not registered before this run, registered now: the personal link was not returned.
        this.set(e, 'registered', {
          awaitingApproval: this.record.moderated || undefined,
          reason: 'registered; the API did not return the personal link (see list_participants)',
        });
      } else if (isContentRefusal(err)) {
        this.set(e, 'rejected', {
          problem: 'refused by the API',
          reason: `refused by the API: ${err.apiMessage ?? err.message}`,
        });
      } else if (isRefusal(err)) {
        this.set(e, 'failed', { problem: 'refused by the API', reason: messageOf(err) });
      } else {
        Object.assign(e, { uncertain: true, reason: messageOf(err) });
        this.changed.add(this.index.get(e) ?? -1);
        await this.report();
        return false;
      }
    }
    await this.report();
    return true;
  }

  private registered(item: Row): Partial<Entry> {
    return {
      ...registrationOf(item),
      // INFERRED: invite has no pre-approval flag, so on a pre-moderated webinar everyone waits.
      awaitingApproval: this.record.moderated || undefined,
    };
  }

  private async finish(): Promise<void> {
    const r = this.record;
    const why = this.signal.aborted
      ? 'not sent: the run was cancelled; call again to resume'
      : `not sent: ${this.fatal ? messageOf(this.fatal) : 'the run stopped'}`;
    for (const e of r.entries) {
      if (e.status !== 'pending') continue;
      if (e.uncertain) {
        this.set(e, 'unconfirmed', {
          problem: 'no answer',
          reason: `${e.reason ?? 'no answer'}; the run stopped before it could check: call again to resume`,
        });
      } else this.set(e, 'failed', { problem: 'not sent', reason: why });
    }
    r.state = this.signal.aborted ? 'cancelled' : this.fatal ? 'failed' : 'done';
    r.error = this.fatal?.message;
    r.finishedAt = Date.now();
    await this.save();
  }

  private async save(): Promise<void> {
    this.record.updatedAt = Date.now();
    const changed = [...this.changed].filter((i) => i >= 0);
    this.changed.clear();
    await this.store.update(this.record, changed);
  }

  private async report(): Promise<void> {
    await this.save();
    const c = this.record.counts;
    const total = this.record.entries.length;
    const text = `job ${this.id}: ${c.registered} registered, ${c.alreadyRegistered} already registered, ${c.rejected} rejected, ${c.failed} failed, ${c.pending} to go`;
    try {
      await this.listener?.(total - c.pending, total, text);
    } catch {
      // A client that went away cannot stop the run through its progress channel.
    }
  }
}

/** One invite/register user in the API's field names (reference §4). */
function wireUser(e: Entry): Row {
  return { ...(e.person ?? { email: e.email }) };
}

function registrationOf(item: Row): Partial<Entry> {
  return {
    participationId: Number(item.participationId ?? item.id) || undefined,
    contactId: Number(item.contactId) || undefined,
    link: typeof item.link === 'string' ? item.link : undefined,
  };
}
