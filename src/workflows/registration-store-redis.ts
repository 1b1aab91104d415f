// Registration jobs in Redis (MTSLINK_REDIS_URL), so any instance answers get_registration_job
// and a run whose instance died is resumed by the next call with the same input.
//
// Keys (tenant = token hash, never the token):
//   mtslink:job:{tenant}:{id}           hash: "h" = the record without entries, "0".."n-1" =
//                                       each person's entry (JSON); expires JOB_TTL_MS after
//                                       the last change
//   mtslink:running:{tenant}:{inputKey} the id of the running job with this input (findRunning)
//   mtslink:lease:{tenant}:{id}         which process runs the job; renewed every LEASE_MS / 3
//                                       while it runs, so it lapses LEASE_MS after that process
//                                       died and only then may another one adopt the run
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@redis/client';
import { SharedStateError } from '../api/errors.js';
import type { Entry, JobRecord, RegistrationStore } from './registration-store.js';

/** Finished (and abandoned) jobs stay readable this long after their last change. */
const JOB_TTL_MS = 24 * 60 * 60 * 1000;
/** A run whose process stopped renewing its lease this long ago is adopted by the next call. */
const LEASE_MS = 15_000;

/** Renews the lease only while this process still holds it (another may have adopted the run). */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

export type RedisForJobs = Pick<
  RedisClientType,
  'multi' | 'hGetAll' | 'get' | 'set' | 'eval' | 'del'
>;

type Header = Omit<JobRecord, 'entries'> & { size: number };

export class RedisRegistrationStore implements RegistrationStore {
  /** This process, as named in the leases it holds. */
  private readonly owner = randomUUID();
  private readonly heartbeats = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly redis: RedisForJobs,
    private readonly leaseMs = LEASE_MS,
    private readonly onLeaseLost: (jobId: string) => void = () => undefined,
  ) {}

  private static jobKey = (tenant: string, id: string) => `mtslink:job:${tenant}:${id}`;
  private static runningKey = (job: JobRecord) => `mtslink:running:${job.tenant}:${job.inputKey}`;
  private static leaseKey = (tenant: string, id: string) => `mtslink:lease:${tenant}:${id}`;

  async create(job: JobRecord): Promise<void> {
    const key = RedisRegistrationStore.jobKey(job.tenant, job.id);
    const fields: Record<string, string> = { h: header(job) };
    job.entries.forEach((e, i) => (fields[i] = JSON.stringify(e)));
    await shared('saving a new registration job', () =>
      this.redis
        .multi()
        .hSet(key, fields)
        .pExpire(key, JOB_TTL_MS)
        .set(RedisRegistrationStore.runningKey(job), job.id, { expiration: ttl(JOB_TTL_MS) })
        .set(RedisRegistrationStore.leaseKey(job.tenant, job.id), this.owner, {
          expiration: ttl(this.leaseMs),
        })
        .exec(),
    );
    this.beat(job);
  }

  async update(job: JobRecord, changed: readonly number[]): Promise<void> {
    const key = RedisRegistrationStore.jobKey(job.tenant, job.id);
    const fields: Record<string, string> = { h: header(job) };
    for (const i of changed) {
      const e = job.entries[i];
      if (e) fields[i] = JSON.stringify(e);
    }
    const tx = this.redis.multi().hSet(key, fields).pExpire(key, JOB_TTL_MS);
    if (job.state !== 'running') {
      this.stopBeat(job);
      tx.del([
        RedisRegistrationStore.runningKey(job),
        RedisRegistrationStore.leaseKey(job.tenant, job.id),
      ]);
    }
    await shared('saving registration progress', () => tx.exec());
  }

  async get(tenant: string, id: string): Promise<JobRecord | undefined> {
    const key = RedisRegistrationStore.jobKey(tenant, id.trim());
    const fields = await shared('reading a registration job', () => this.redis.hGetAll(key));
    const head = fields.h;
    if (!head) return undefined;
    const { size, ...rest } = JSON.parse(head) as Header;
    const entries = Array.from({ length: size }, (_, i) => {
      const raw = fields[i];
      if (raw === undefined)
        throw new SharedStateError('reading a registration job', 'entry missing');
      return JSON.parse(raw) as Entry;
    });
    // The id is part of the key, the tenant too: a record can only come back to its own tenant.
    return rest.tenant === tenant ? { ...rest, entries } : undefined;
  }

  async findRunning(tenant: string, inputKey: string): Promise<JobRecord | undefined> {
    const id = await shared('looking for a running registration job', () =>
      this.redis.get(`mtslink:running:${tenant}:${inputKey}`),
    );
    const job = id ? await this.get(tenant, id) : undefined;
    return job?.state === 'running' ? job : undefined;
  }

  async adopt(job: JobRecord): Promise<JobRecord | undefined> {
    const taken = await shared('taking over a registration job', () =>
      this.redis.set(RedisRegistrationStore.leaseKey(job.tenant, job.id), this.owner, {
        condition: 'NX',
        expiration: ttl(this.leaseMs),
      }),
    );
    if (taken !== 'OK') return undefined; // its process is alive (or another one just took it)
    const fresh = await this.get(job.tenant, job.id);
    if (fresh?.state !== 'running') return undefined;
    this.beat(fresh);
    return fresh;
  }

  /** Stops renewing every lease (shutdown): the runs become resumable by other instances. */
  close(): void {
    for (const timer of this.heartbeats.values()) clearInterval(timer);
    this.heartbeats.clear();
  }

  private beat(job: JobRecord): void {
    const lease = RedisRegistrationStore.leaseKey(job.tenant, job.id);
    const timer = setInterval(() => {
      this.redis
        .eval(RENEW, { keys: [lease], arguments: [this.owner, String(this.leaseMs)] })
        .then((renewed) => {
          if (renewed === 0 && this.heartbeats.get(lease) === timer) {
            this.stopBeat(job);
            this.onLeaseLost(job.id);
          }
        })
        // Redis away: the next save fails loudly; the lease lapses and the run can be resumed.
        .catch(() => undefined);
    }, this.leaseMs / 3);
    timer.unref(); // a heartbeat alone must not keep the process alive
    this.heartbeats.set(lease, timer);
  }

  private stopBeat(job: JobRecord): void {
    const lease = RedisRegistrationStore.leaseKey(job.tenant, job.id);
    clearInterval(this.heartbeats.get(lease));
    this.heartbeats.delete(lease);
  }
}

const ttl = (ms: number) => ({ type: 'PX' as const, value: ms });

function header(job: JobRecord): string {
  const { entries, ...rest } = job;
  return JSON.stringify({ ...rest, size: entries.length } satisfies Header);
}

/** Runs a Redis operation; any failure becomes a SharedStateError saying what to do. */
async function shared<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw err instanceof SharedStateError ? err : new SharedStateError(operation, err);
  }
}
