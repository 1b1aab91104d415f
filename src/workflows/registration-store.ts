// Where registration jobs live between calls, behind one small interface. The in-memory store
// below serves one process; a shared store (Redis, issue 15) implements the same interface so
// any instance can answer get_registration_job. Everything in a JobRecord is plain JSON —
// state, progress and every person's result, including what is still to be sent — so a run can
// be saved, read back elsewhere and resumed (RegistrationJob.resume); resuming is safe because
// the run first reads who the API already has (registrations are idempotent per e-mail).
//
// Jobs are keyed by tenant (a hash of the API token, ApiClient.tenant) and id: a caller with
// another token never sees a job, whatever id it guesses.
import { randomUUID } from 'node:crypto';
import type { WirePerson } from '../tools/person-row.js';

export type Status =
  | 'pending'
  | 'registered'
  | 'alreadyRegistered'
  | 'rejected'
  | 'failed'
  /** The API did not answer and the check afterwards could not be read either. */
  | 'unconfirmed';
type JobState = 'running' | 'done' | 'cancelled' | 'failed';

export interface Entry {
  row: number;
  email: string;
  status: Status;
  /** Rejected/failed: short, shared by every row with the same problem. */
  problem?: string;
  /** This row's part of the reason (the offending value, the row it repeats). */
  detail?: string;
  reason?: string;
  participationId?: number;
  contactId?: number;
  link?: string;
  /** Registered on a pre-moderated webinar and not approved yet. */
  awaitingApproval?: boolean;
  /** What is sent for this person; dropped once the person has a final status. */
  person?: WirePerson;
  /** A write for this person got no answer: its outcome is unknown until the list is read. */
  uncertain?: boolean;
}

export interface Target {
  eventSessionId?: number;
  eventId?: number;
}

export interface JobOptions {
  isAutoEnter?: boolean;
  sendEmail?: boolean;
}

/** Said once for the whole input (see registration-rows.ts). */
export interface JobNotes {
  warnings: string[];
  ignoredFields: string[];
  changes: { row: number; change: string }[];
}

export interface JobRecord {
  id: string;
  tenant: string;
  /** Hash of target, options and people: the same call again finds this job while it runs. */
  inputKey: string;
  target: Target;
  options: JobOptions;
  state: JobState;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** Why the run stopped, when the API refused it as a whole. */
  error?: string;
  /** The registration form as read before the run: what the model is told exists. */
  form: { label: string; required: boolean; options?: string[] }[];
  moderated: boolean;
  notes: JobNotes;
  counts: Record<Status, number>;
  entries: Entry[];
}

export interface RegistrationStore {
  create(job: JobRecord): Promise<void>;
  /** Saves the record's header (state, counts, error, times) and the entries at `changed`. */
  update(job: JobRecord, changed: readonly number[]): Promise<void>;
  get(tenant: string, id: string): Promise<JobRecord | undefined>;
  /** A running job of this tenant with this input, if any (a repeated call joins it). */
  findRunning(tenant: string, inputKey: string): Promise<JobRecord | undefined>;
  /**
   * A running job that no live process runs any more (its instance died): this process takes
   * it over and gets it back to resume, or undefined when its runner is alive.
   */
  adopt(job: JobRecord): Promise<JobRecord | undefined>;
}

const emptyCounts = (): Record<Status, number> => ({
  pending: 0,
  registered: 0,
  alreadyRegistered: 0,
  rejected: 0,
  failed: 0,
  unconfirmed: 0,
});

/** A new job's record: rejected rows already final, the others pending with what to send. */
export function newRecord(init: {
  tenant: string;
  inputKey: string;
  target: Target;
  options: JobOptions;
  form: JobRecord['form'];
  moderated: boolean;
  notes: JobNotes;
  ready: (WirePerson & { row: number })[];
  rejected: { row: number; email: string; problem: string; detail?: string; reason: string }[];
}): JobRecord {
  const entries: Entry[] = [
    ...init.rejected.map((r): Entry => ({ ...r, status: 'rejected' })),
    ...init.ready.map(({ row, ...person }): Entry => ({
      row,
      email: person.email,
      status: 'pending',
      person,
    })),
  ].sort((a, b) => a.row - b.row);
  const counts = emptyCounts();
  for (const e of entries) counts[e.status] += 1;
  const now = Date.now();
  const { ready: _r, rejected: _j, ...rest } = init;
  return {
    id: randomUUID(),
    ...rest,
    state: 'running',
    createdAt: now,
    updatedAt: now,
    counts,
    entries,
  };
}

/** Finished jobs kept per tenant for get_registration_job; the oldest finished go first. */
const KEEP_FINISHED = 20;

/**
 * One process's jobs. The record stored is the live object the run updates, so `update` has
 * nothing to copy; it only forgets the oldest finished jobs.
 */
export class MemoryRegistrationStore implements RegistrationStore {
  private readonly jobs = new Map<string, JobRecord>();

  private static key = (tenant: string, id: string) => `${tenant}/${id}`;

  async create(job: JobRecord): Promise<void> {
    this.jobs.set(MemoryRegistrationStore.key(job.tenant, job.id), job);
  }

  async update(job: JobRecord): Promise<void> {
    if (job.state === 'running') return;
    const finished = [...this.jobs.values()].filter(
      (j) => j.tenant === job.tenant && j.state !== 'running',
    );
    finished.sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(MemoryRegistrationStore.key(old.tenant, old.id));
    }
  }

  async get(tenant: string, id: string): Promise<JobRecord | undefined> {
    return this.jobs.get(MemoryRegistrationStore.key(tenant, id.trim()));
  }

  async findRunning(tenant: string, inputKey: string): Promise<JobRecord | undefined> {
    for (const job of this.jobs.values()) {
      if (job.tenant === tenant && job.inputKey === inputKey && job.state === 'running') return job;
    }
    return undefined;
  }

  /** Every run of this store is in this process, alive until its record says it ended. */
  async adopt(): Promise<undefined> {
    return undefined;
  }
}

let store: RegistrationStore = new MemoryRegistrationStore();

/** The store in use (the HTTP mode builds a server per request; jobs outlive them). */
export const registrationStore = (): RegistrationStore => store;

/** Replaces the in-memory store, once at start-up (the Redis one, MTSLINK_REDIS_URL). */
export function useRegistrationStore(shared: RegistrationStore): void {
  store = shared;
}
