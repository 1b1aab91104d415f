// The report as compact Markdown in the report's language: the text block a model (and a person)
// reads first, and all that clients without images show. Every figure says what it counts
// (people or registrations) and over which sessions.
import { localeFor, type Locale } from './locale.js';
import type { PersonRef, Report, SessionRow } from './schema.js';

const BAR = 20;
const MAX_ATTENDEE_LINES = 500;

function heading(r: Report, l: Locale, only?: SessionRow): string {
  const s = r.scope;
  const title = s.title ? ` «${s.title}»` : '';
  if (s.kind === 'session') {
    const when = only?.startsAt
      ? ` — ${l.date(only.startsAt)}, ${l.num(only.durationMinutes)} ${l.w.minutes}`
      : '';
    return `# ${l.w.title}: ${l.w.session}${title}${when}`;
  }
  if (s.kind === 'event') return `# ${l.w.title}: ${l.w.event}${title}`;
  return `# ${l.w.title}: ${l.w.period} ${l.day(s.from)}${s.to ? ` — ${l.day(s.to)}` : ''}`;
}

function who(p: PersonRef): string {
  const name = p.name ?? '';
  return p.email ? `${name} <${p.email}>`.trim() : name || String(p.userId ?? '?');
}

export function renderReport(r: Report): string {
  const l = localeFor(r.lang === 'en' ? 'en' : 'ru');
  const w = l.w;
  const byId = new Map((r.sessions ?? []).map((s) => [s.eventSessionId, s]));
  const sessionName = (id: number) => {
    const s = byId.get(id);
    return s ? `«${s.name ?? id}» ${l.day(s.startsAt)}` : `${w.session} ${id}`;
  };
  const single = r.sessionsTotal === 1 ? r.sessions?.[0] : undefined;
  const out = [heading(r, l, single), '', `> ${r.participantData}`];
  if (r.note) out.push('', `${w.note}: ${r.note}`);
  if (!r.sessionsTotal || !r.registrations) return out.join('\n');

  const people = r.people ?? { registered: 0, attended: 0, noShows: 0 };
  const pc = (part: number, whole: number) =>
    l.pct(whole ? Math.round((1000 * part) / whole) / 10 : 0);
  out.push(
    '',
    `**${l.count(people.registered, w.people)} ${w.registeredPeople} · ${w.cameBy} ${l.num(people.attended)} (${pc(people.attended, people.registered)}) · ${r.sessionsTotal > 1 ? w.cameToNone : w.didNotCome} ${l.num(people.noShows)}**`,
  );
  if (r.sessionsTotal > 1) {
    const g = r.registrations;
    out.push(
      `${w.registrationsLine} (${l.count(r.sessionsTotal, w.sessions)}): ${l.num(g.total)} · ${w.attendedRegs} ${l.num(g.attended)} (${l.pct(g.attendedPercent)}) · ${w.missedRegs} ${l.num(g.missed)}.`,
    );
    sessionsTable(r, l, out);
  }
  noShows(r, l, out, sessionName);
  attendees(r, l, out);
  if (r.watchMinutes) {
    const m = r.watchMinutes;
    out.push('', `## ${w.watchHeading} (${w.watchOf})`);
    out.push(
      `${w.median} ${l.num(m.median)} ${w.minutes} · ${w.mean} ${l.num(m.mean)} ${w.minutes}.`,
    );
    out.push(
      (m.buckets ?? []).map((b) => `${b.label} ${w.minutes}: ${l.num(b.people)}`).join(' · '),
    );
  }
  joinLeave(r, l, out, single);
  if (r.platforms?.length || r.countries?.length) {
    const line = (list: Report['platforms']) =>
      (list ?? [])
        .map(
          (x) =>
            `${x.name === 'other' ? w.other : x.name === 'unknown' ? w.unknown : x.name} ${l.pct(x.percent)} (${l.num(x.people)})`,
        )
        .join(' · ');
    out.push('', `## ${w.platforms} · ${w.countries}`, `${w.platforms}: ${line(r.platforms)}`);
    out.push(`${w.countries}: ${line(r.countries)}`);
  }
  if (r.topParticipants?.length) {
    out.push('', `## ${w.engagedHeading}`, w.engagedTable, '| --- | --- | --- | --- | --- | --- |');
    for (const p of r.topParticipants) {
      out.push(
        `| ${p.name ?? p.userId ?? ''} | ${p.email ?? ''} | ${l.num(p.watchMinutes)} | ${l.num(p.questions)} | ${l.num(p.chatMessages)} | ${l.num(p.involvement)} |`,
      );
    }
  }
  questions(r, l, out, sessionName);
  if (r.chat) {
    const per =
      r.chat.perAttendee !== undefined
        ? ` (${l.fill(w.perAttendee, { n: l.num(r.chat.perAttendee) })})`
        : '';
    out.push(
      '',
      `## ${w.chatHeading}`,
      `${l.fill(w.chatLine, { n: l.num(r.chat.messages) })}${per}.`,
    );
  }
  polls(r, l, out);
  if (r.tests?.length) {
    out.push('', `## ${w.testsHeading}`);
    for (const t of r.tests) {
      const counts = l.fill(w.passedOf, {
        p: l.num(t.passed),
        t: l.num(t.takers),
        pct: l.pct(t.passPercent),
      });
      out.push(`«${t.name ?? t.testId}»: ${counts}.`);
    }
  }
  if (r.chart) out.push('', w.chartAttached);
  out.push('', w.fullFigures);
  return out.join('\n');
}

function sessionsTable(r: Report, l: Locale, out: string[]): void {
  const list = r.sessions ?? [];
  const latest =
    list.length < r.sessionsTotal ? ` (${l.w.latestSessions} ${l.num(list.length)})` : '';
  out.push(
    '',
    `## ${l.w.sessionsHeading}${latest}`,
    l.w.sessionsTable,
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const s of list) {
    const reg = s.registered ?? 0;
    const came = s.attended ?? 0;
    out.push(
      `| ${l.day(s.startsAt)} ${l.time(s.startsAt)} | ${s.name ?? s.eventSessionId} | ${l.num(reg)} | ${l.num(came)} | ${l.pct(reg ? Math.round((1000 * came) / reg) / 10 : 0)} | ${l.num(s.peakOnline)} |`,
    );
  }
}

function noShows(r: Report, l: Locale, out: string[], sessionName: (id: number) => string): void {
  const listed = r.noShows?.listed ?? [];
  if (!listed.length) return;
  const total = r.people?.noShows ?? listed.length;
  out.push(
    '',
    `## ${l.w.noShowsHeading} (${l.count(total, l.w.people)}${r.sessionsTotal > 1 ? `: ${l.w.noShowsNote}` : ''})`,
  );
  for (const p of listed) {
    const missed = p.missed?.length
      ? ` — ${l.w.missed}: ${p.missed.map(sessionName).join(', ')}`
      : '';
    out.push(`- ${who(p)}${missed}`);
  }
  if (r.noShows?.more) out.push(`- … ${l.fill(l.w.andMore, { n: l.num(r.noShows.more) })}`);
}

function attendees(r: Report, l: Locale, out: string[]): void {
  const listed = r.attendees?.listed ?? [];
  if (!listed.length) return;
  out.push(
    '',
    `## ${l.w.attendeesHeading} (${l.count(r.people?.attended ?? listed.length, l.w.people)})`,
  );
  for (const p of listed.slice(0, MAX_ATTENDEE_LINES)) {
    const sessions = r.sessionsTotal > 1 ? `, ${l.count(p.sessions, l.w.sessions)}` : '';
    out.push(`- ${who(p)} — ${l.num(p.watchMinutes)} ${l.w.minutes}${sessions}`);
  }
  if (r.attendees?.more) out.push(`- … ${l.fill(l.w.andMore, { n: l.num(r.attendees.more) })}`);
}

function joinLeave(r: Report, l: Locale, out: string[], single: SessionRow | undefined): void {
  const jl = r.joinLeave;
  if (!jl) return;
  const labels = l.w.joinedBuckets as Record<string, string>;
  out.push('', `## ${l.w.joinHeading}`);
  out.push(
    (jl.joined ?? []).map((b) => `${labels[b.label] ?? b.label}: ${l.num(b.people)}`).join(' · '),
  );
  out.push(`${l.w.stayed}: ${l.num(jl.stayedToEnd)} · ${l.w.leftEarly}: ${l.num(jl.leftEarly)}.`);
  if (jl.peak) {
    const at = clockAt(single?.startsAt, jl.peak.minute);
    out.push(
      `${l.w.peak}: ${l.num(jl.peak.online)} ${l.w.online}${at ? ` ${at}` : ''} (${l.w.atMinute} ${jl.peak.minute}).`,
    );
  }
  const online = jl.onlineByMinute ?? [];
  if (!online.length) return;
  const top = Math.max(1, ...online);
  const step = Math.max(5, Math.ceil(online.length / 12 / 5) * 5);
  out.push('', `${l.fill(l.w.curve, { n: step })}:`, '```');
  for (let m = 0; m < online.length; m += step) {
    const v = online[m] ?? 0;
    const at = clockAt(single?.startsAt, m) || `${m}′`;
    out.push(
      `${at.padStart(5)} ${'█'.repeat(Math.round((BAR * v) / top)).padEnd(BAR)} ${l.num(v)}`,
    );
  }
  out.push('```');
}

/** "11:47": the session's wall clock `minute` minutes after its start. */
export function clockAt(startsAt: string | undefined, minute: number): string {
  const m = startsAt ? /T(\d{2}):(\d{2})/.exec(startsAt) : null;
  if (!m) return '';
  const total = (Number(m[1]) * 60 + Number(m[2]) + minute) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function questions(r: Report, l: Locale, out: string[], sessionName: (id: number) => string): void {
  const q = r.questions;
  if (!q) return;
  const w = l.w;
  out.push('', `## ${w.questionsHeading}`);
  const read = q.read;
  const split = (x: NonNullable<typeof read>) =>
    `${l.num(x.asked)} ${w.asked} · ${l.num(x.answered)} ${w.answered} · ${l.num(x.unanswered)} ${w.unanswered}`;
  if (read && read.sessions >= r.sessionsTotal) out.push(`${split(read)}.`);
  else {
    out.push(
      `${l.num(q.asked)} ${w.asked} ${l.fill(w.inAllSessions, { n: l.num(r.sessionsTotal) })}.`,
    );
    if (read) out.push(`${l.fill(w.inLatest, { n: l.num(read.sessions) })}: ${split(read)}.`);
  }
  const list = q.unanswered ?? [];
  if (!list.length) return;
  const shown = read ? ` (${l.num(list.length)} / ${l.num(read.unanswered)})` : '';
  out.push('', `### ${w.unansweredHeading}${shown}`);
  for (const [i, item] of list.entries()) {
    const where = r.sessionsTotal > 1 ? `${sessionName(item.eventSessionId)}, ` : '';
    const times = item.times && item.times > 1 ? ` ×${item.times}` : '';
    out.push(
      `${i + 1}. ${item.text ?? ''}${times} — ${w.from} ${item.from ?? '?'}, ${where}${l.time(item.at)}`,
    );
  }
}

function polls(r: Report, l: Locale, out: string[]): void {
  if (!r.polls?.length) return;
  out.push('', `## ${l.w.pollsHeading}`);
  for (const p of r.polls) {
    out.push(`«${p.name ?? p.testId}»: ${l.w.respondents} ${l.num(p.respondents)}.`);
    for (const q of p.questions) {
      const options = q.options
        .map((o) => `${o.text ?? o.id} — ${l.num(o.count)} (${l.pct(o.percent)})`)
        .join(' · ');
      const free = q.freeText ? ` · ${l.w.freeText}: ${l.num(q.freeText)}` : '';
      out.push(`- ${q.text ?? ''}: ${options}${free}`);
    }
  }
}
