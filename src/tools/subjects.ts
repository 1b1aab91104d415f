// What an irreversible call is about, in words a person recognises: a confirmation names the
// webinar by its title, start and number of people, not by a bare id (DESIGN.md §4). Each
// describer reads the object once; when the read fails it falls back to the id, so a question
// is always asked (the call itself then reports the real error).
import { toApiQueryDateTime } from './dates.js';
import type { ToolContext } from './define.js';
import { rows, type Row } from './rows.js';
import { untrustedName } from './untrusted.js';

const YEAR_MS = 365 * 86_400_000;

/** Title in «» (the quotes Russian-speaking organisers use); participant text stays marked. */
const quoted = (name: unknown) => `«${String(name ?? '').trim() || 'untitled'}»`;

export const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** `2037-12-08T11:00:00+03:00` → `2037-12-08 11:00 +03:00`, the wall clock the API reported. */
function when(iso: unknown): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    String(iso ?? ''),
  );
  if (!m) return undefined;
  const zone = m[3] === 'Z' ? 'UTC' : m[3];
  return [m[1], m[2], zone].filter(Boolean).join(' ');
}

async function read(ctx: ToolContext, path: string, params: Row): Promise<unknown> {
  try {
    const res = await ctx.client.request({ method: 'GET', path, params, signal: ctx.signal });
    return res.data;
  } catch {
    return undefined;
  }
}

const count = (value: unknown) => (Number.isFinite(Number(value)) ? Number(value) : 0);

function sessionWords(s: Row): string {
  const start = when(s.startsAt);
  const facts = [
    start && `${s.status === 'STOP' ? 'ran' : 'starts'} ${start}`,
    `${people(count(s.participationsCount))} registered`,
  ].filter(Boolean);
  return `${quoted(s.name)} (${facts.join(', ')})`;
}

/** `«Title» (starts 2037-12-08 11:00 +03:00, 3 people registered)`. */
export async function sessionSubject(ctx: ToolContext, eventSessionId: number): Promise<string> {
  const s = (await read(ctx, '/eventsessions/{eventSessionId}', { eventSessionId })) as Row | null;
  return s && s.name !== undefined
    ? `session ${sessionWords(s)}`
    : `session ${eventSessionId} (could not be read)`;
}

/** `«Title» (starts …; 2 unfinished sessions, 40 people registered)`. */
export async function eventSubject(ctx: ToolContext, eventId: number): Promise<string> {
  const e = (await read(ctx, '/organization/events/{eventId}', { eventId })) as Row | null;
  if (!e || e.name === undefined) return `event ${eventId} (could not be read)`;
  const open = rows(e.eventSessions).filter((s) => s.status !== 'STOP');
  const registered = open.reduce((sum, s) => sum + count(s.participationsCount), 0);
  const start = when(open[0]?.startsAt ?? e.startsAt);
  const facts = [
    start && `starts ${start}`,
    `${open.length} unfinished session${open.length === 1 ? '' : 's'}`,
    `${people(registered)} registered`,
  ].filter(Boolean);
  return `event ${quoted(e.name)} (${facts.join(', ')})`;
}

/** A recording has no read-by-id endpoint: it is looked up among the last year's recordings. */
export async function recordSubject(ctx: ToolContext, recordId: number): Promise<string> {
  const from = toApiQueryDateTime(new Date(Date.now() - YEAR_MS).toISOString());
  const list = rows(await read(ctx, '/records', { from, offset: 0, limit: 500 }));
  const r = list.find((x) => Number(x.id) === recordId);
  if (!r) return `recording ${recordId}`;
  const session =
    r.eventSessionId === undefined
      ? undefined
      : ((await read(ctx, '/eventsessions/{eventSessionId}', {
          eventSessionId: r.eventSessionId,
        })) as Row | null);
  return session?.name !== undefined
    ? `recording ${quoted(r.name)} of ${sessionWords(session!)}`
    : `recording ${quoted(r.name)}${when(r.createAt) ? ` (${when(r.createAt)})` : ''}`;
}

export async function fileSubject(ctx: ToolContext, fileId: number): Promise<string> {
  const f = (await read(ctx, '/fileSystem/file/{fileId}', { fileId })) as Row | null;
  return f?.name !== undefined ? `file ${quoted(f.name)}` : `file ${fileId}`;
}

export async function testSubject(ctx: ToolContext, testId: number): Promise<string> {
  const t = (await read(ctx, '/tests/{testId}', { testId })) as Row | null;
  return t?.name !== undefined
    ? `${t.type === 'poll' ? 'poll' : 'test'} ${quoted(t.name)}`
    : `test ${testId}`;
}

export async function contactSubject(ctx: ToolContext, contactId: number): Promise<string> {
  const c = (await read(ctx, '/contacts/{contactId}', { contactId })) as Row | null;
  if (!c || c.email === undefined) return `contact ${contactId}`;
  // The contact's own name, still marked as participant text (untrusted-fields.ts).
  const name = untrustedName(c.name, c.secondName);
  return `contact ${name ? `${name} ` : ''}<${String(c.email)}>`;
}
