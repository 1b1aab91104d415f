// The seam a shared store (Redis, issue 15) plugs into: a job record is plain JSON — state,
// progress, every person's result and what is still to be sent — and a run saved half-way can
// be resumed from it by another process, which first reads who the API already has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistrationJob } from '../../src/workflows/registration-job.js';
import { validateRows, rowsFromPeople } from '../../src/workflows/registration-rows.js';
import {
  MemoryRegistrationStore,
  newRecord,
  type JobRecord,
} from '../../src/workflows/registration-store.js';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

/** A store that keeps only serialised copies, as a shared store would. */
class JsonStore extends MemoryRegistrationStore {
  readonly saved = new Map<string, string>();
  override async create(job: JobRecord) {
    this.saved.set(job.id, JSON.stringify(job));
  }
  override async update(job: JobRecord) {
    this.saved.set(job.id, JSON.stringify(job));
  }
  override async get(_tenant: string, id: string) {
    const text = this.saved.get(id);
    return text ? (JSON.parse(text) as JobRecord) : undefined;
  }
}

describe('registration job records', () => {
  it('round-trip through JSON and resume in another process without duplicates', async () => {
    const s = await h.call('schedule_webinar', { name: 'Resume', startsAt: '2037-12-08T11:00' });
    const eventSessionId = s.json.eventSessionId as number;
    const people = Array.from({ length: 120 }, (_, i) => ({ email: `resume${i}@example.com` }));
    const { ready, rejected, notes } = validateRows(rowsFromPeople(people), []);
    const record = newRecord({
      tenant: h.api.tenant,
      inputKey: 'k',
      target: { eventSessionId },
      options: { sendEmail: false },
      form: [],
      moderated: false,
      notes,
      ready,
      rejected,
    });
    // Ten people had got no answer and could not be checked: they keep what to send.
    for (const e of record.entries.slice(100, 110)) e.status = 'unconfirmed';
    Object.assign(record.counts, { pending: 110, unconfirmed: 10 });
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    // The first process registered 40 of them, then went away before saving their results.
    const first40 = people.slice(0, 40).map((p) => ({ email: p.email }));
    const done = await h.call('register_participants', { eventSessionId, people: first40 });
    expect(done.json.counts.registered).toBe(40);

    const store = new JsonStore();
    await store.create(record);
    const loaded = (await store.get(record.tenant, record.id))!;
    const job = RegistrationJob.resume(h.api, store, loaded);
    await job.finished;
    const saved = (await store.get(record.tenant, record.id))!;
    expect(saved.state).toBe('done');
    expect(saved.counts).toMatchObject({
      registered: 80,
      alreadyRegistered: 40,
      pending: 0,
      unconfirmed: 0,
    });
    expect(saved.entries.every((e) => e.person === undefined || e.person === null)).toBe(true);
    const emails = [...h.sandbox.state.participations.values()]
      .filter((p) => p.eventSessionId === eventSessionId)
      .map((p) => p.email);
    expect(emails).toHaveLength(120);
    expect(new Set(emails).size).toBe(120);
  });
});
