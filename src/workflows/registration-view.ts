// What a bulk registration reports. The summary is sized to the question, whatever the number
// of people: counts that add up to the input, every kind of problem with the rows it hit (cut
// to a budget, with the way to page the rest), what waits for approval, and the next step —
// about 2,000 tokens at most. The per-person account pages through get_registration_job.
import { DUPLICATE } from './registration-rows.js';
import { MISSING_FIELD } from '../tools/person-row.js';
import type { Entry, JobRecord, Status } from './registration-store.js';

/** Up to this many people the summary lists everyone, with links: a short list wants them. */
const LIST_ALL_UP_TO = 20;
/** Character budgets of the summary's parts (JSON of Cyrillic text runs near 3 a token). */
const BUDGET = { problems: 3_000, changes: 700, form: 800, ignored: 300 };
const PROBLEMS: Status[] = ['rejected', 'failed', 'unconfirmed'];
const ORDER: Record<Status, number> = {
  rejected: 0,
  failed: 1,
  unconfirmed: 2,
  pending: 3,
  alreadyRegistered: 4,
  registered: 5,
};

const TOOLSETS_HINT =
  'moderate_participants (participants toolset, off by default: enable_toolsets switches it on, or the user adds it to MTSLINK_TOOLSETS) or the MTS Link web interface';

/** Takes items while their JSON fits `budget` characters. */
function fit<T>(items: T[], budget: number): { shown: T[]; more: number } {
  let used = 0;
  let n = 0;
  for (const item of items) {
    used += JSON.stringify(item).length + 1;
    if (used > budget && n > 0) break;
    n++;
  }
  return { shown: items.slice(0, n), more: items.length - n };
}

/** One person under their problem: the row, the address and what is particular to them. */
const line = (e: Entry) => {
  const detail = e.detail ?? (e.reason !== e.problem ? e.reason : undefined);
  return `row ${e.row} ${e.email}${detail ? `: ${detail}` : ''}`;
};

/** Every problem kind with the rows it hit, largest first, within the budget. */
function problems(job: JobRecord) {
  const groups = new Map<string, { status: Status; problem: string; rows: Entry[] }>();
  for (const e of job.entries) {
    if (!PROBLEMS.includes(e.status)) continue;
    const problem = e.problem ?? e.status;
    const key = `${e.status}\n${problem}`;
    const g = groups.get(key) ?? { status: e.status, problem, rows: [] };
    g.rows.push(e);
    groups.set(key, g);
  }
  const list = [...groups.values()].sort((a, b) => b.rows.length - a.rows.length);
  // Each kind gets its share of the budget, so one large kind cannot hide the others.
  const share = Math.floor(BUDGET.problems / Math.max(1, list.length));
  return list.map((g) => {
    const { shown, more } = fit(g.rows.map(line), Math.max(share, 200));
    return {
      status: g.status,
      problem: g.problem,
      count: g.rows.length,
      rows: shown,
      ...(more ? { more: `${more} more: get_registration_job with status "${g.status}"` } : {}),
    };
  });
}

function next(job: JobRecord, awaitingApproval: number): string | undefined {
  const c = job.counts;
  const parts: string[] = [];
  if (job.state === 'running') {
    parts.push(
      'Still running in the background: call get_registration_job with this jobId (waitSeconds up to 600) until state is done.',
    );
  }
  const duplicates = job.entries.filter((e) => e.problem === DUPLICATE).length;
  // Answers only the user can give: say so, rather than "fix the rows".
  const unanswered = job.entries.filter((e) => e.problem?.startsWith(MISSING_FIELD));
  if (unanswered.length) {
    const fields = [...new Set(unanswered.map((e) => e.problem?.slice(MISSING_FIELD.length)))];
    parts.push(
      `${unanswered.length} rows lack answers the event's registration form requires (${fields.join('; ')}): ask the user for them, add them as columns (or people[].fields), and call again.`,
    );
  }
  const toFix = c.rejected + c.failed - duplicates - unanswered.length;
  if (toFix > 0) {
    parts.push(
      `Fix the ${toFix} rejected or failed rows (get_registration_job with status "rejected" or "failed" lists each with its reason) and call register_participants again with them; people already registered are skipped, nobody is registered twice.`,
    );
  }
  if (duplicates) {
    const rows = duplicates === 1 ? '1 row repeats' : `${duplicates} rows repeat`;
    parts.push(`${rows} an earlier row's e-mail, left out: nothing to fix.`);
  }
  if (c.unconfirmed) {
    parts.push(
      `${c.unconfirmed} people got no answer from the API and the check could not be read: call register_participants again with the same input to settle them (nobody is registered twice).`,
    );
  }
  if (awaitingApproval) {
    parts.push(
      `${awaitingApproval} registered people wait for a host's approval before they can enter (moderation is on): approve them with ${TOOLSETS_HINT}.`,
    );
  }
  return parts.length ? parts.join(' ') : undefined;
}

const countsOf = (job: JobRecord) => {
  const { pending, unconfirmed, ...rest } = job.counts;
  return {
    ...rest,
    ...(unconfirmed ? { unconfirmed } : {}),
    ...(job.state === 'running' ? { pending } : {}),
  };
};

const item = (e: Entry) => ({
  row: e.row,
  email: e.email,
  status: e.status,
  participationId: e.participationId,
  link: e.link,
  awaitingApproval: e.awaitingApproval,
  reason: e.reason,
});

/** The answer of register_participants, and of get_registration_job without a status. */
export function jobSummary(job: JobRecord) {
  const awaitingApproval = job.entries.filter((e) => e.awaitingApproval).length;
  const changes = fit(
    job.notes.changes.map((c) => `row ${c.row}: ${c.change}`),
    BUDGET.changes,
  );
  const ignored = fit(job.notes.ignoredFields, BUDGET.ignored);
  const form = fit(job.form, BUDGET.form);
  const total = job.entries.length;
  return {
    jobId: job.id,
    state: job.state,
    ...job.target,
    warnings: job.notes.warnings,
    total,
    counts: countsOf(job),
    error: job.error,
    problems: problems(job),
    awaitingApproval: awaitingApproval || undefined,
    changed: job.notes.changes.length
      ? {
          count: job.notes.changes.length,
          rows: changes.shown,
          ...(changes.more ? { more: changes.more } : {}),
        }
      : undefined,
    ignoredColumns: ignored.shown.length
      ? [...ignored.shown, ...(ignored.more ? [`…and ${ignored.more} more`] : [])]
      : undefined,
    form: form.shown.length ? form.shown : undefined,
    people: total <= LIST_ALL_UP_TO ? job.entries.map(item) : undefined,
    next:
      next(job, awaitingApproval) ??
      (total > LIST_ALL_UP_TO
        ? 'Done. Personal links: get_registration_job with status "registered" (paged).'
        : undefined),
  };
}

/** get_registration_job with a status or page: the per-person account, problems first. */
export function jobPage(
  job: JobRecord,
  opts: { page?: number; perPage?: number; status?: Status } = {},
) {
  const page = opts.page ?? 1;
  const perPage = opts.perPage ?? 50;
  const rows = job.entries
    .filter((e) => !opts.status || e.status === opts.status)
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.row - b.row);
  return {
    jobId: job.id,
    state: job.state,
    total: job.entries.length,
    counts: countsOf(job),
    status: opts.status,
    matching: rows.length,
    items: rows.slice((page - 1) * perPage, page * perPage).map(item),
    page,
    perPage,
    nextPage: rows.length > page * perPage ? page + 1 : undefined,
  };
}
