// What a bulk registration reports: counts that add up to the input, and the per-person account
// (problems first) one page at a time. Jobs live in this process's memory.
import type { Entry, RegistrationJob, Status } from './registration-job.js';

/** Finished jobs kept for get_registration_job; the oldest finished ones go first. */
const KEEP_FINISHED = 20;
const jobs = new Map<string, RegistrationJob>();

export function track(job: RegistrationJob): void {
  jobs.set(job.id, job);
  const finished = [...jobs.values()].filter((j) => j.state !== 'running');
  while (finished.length > KEEP_FINISHED) jobs.delete((finished.shift() as RegistrationJob).id);
}

export const findJob = (id: string) => jobs.get(id.trim());

const ORDER: Record<Status, number> = {
  rejected: 0,
  failed: 1,
  pending: 2,
  alreadyRegistered: 3,
  registered: 4,
};

const item = (e: Entry) => ({
  row: e.row,
  email: e.email,
  status: e.status,
  participationId: e.participationId,
  link: e.link,
  reason: e.reason,
});

/** What to do next. (More rows: `nextPage` says so, and disappears if the page had to be cut.) */
function hint(job: RegistrationJob): string | undefined {
  const parts: string[] = [];
  if (job.state === 'running') {
    parts.push(
      `Still running in the background: call get_registration_job with this jobId (waitSeconds up to 600) until state is done.`,
    );
  }
  if (job.counts.rejected || job.counts.failed) {
    parts.push(
      'Fix the rejected rows and call register_participants again with just those (or with everything: people already registered are skipped, nobody is registered twice).',
    );
  }
  return parts.length ? parts.join(' ') : undefined;
}

export function jobView(
  job: RegistrationJob,
  opts: { page?: number; perPage?: number; status?: Status } = {},
) {
  const page = opts.page ?? 1;
  const perPage = opts.perPage ?? 100;
  const rows = job.entries
    .filter((e) => !opts.status || e.status === opts.status)
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.row - b.row);
  const nextPage = rows.length > page * perPage ? page + 1 : undefined;
  const { pending, ...counts } = job.counts;
  return {
    jobId: job.id,
    state: job.state,
    ...job.target,
    total: job.total,
    counts: job.state === 'running' ? { ...counts, pending } : counts,
    error: job.fatal?.message,
    ignoredFields: job.ignoredFields,
    items: rows.slice((page - 1) * perPage, page * perPage).map(item),
    page,
    perPage,
    nextPage,
    hint: hint(job),
  };
}
