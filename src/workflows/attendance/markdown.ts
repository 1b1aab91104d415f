// The report as compact Markdown: the text block a model (and a person) reads first.
import type { Report } from './schema.js';

const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US');
const BAR = 20;

function scopeLine(r: Report): string {
  const s = r.scope;
  if (s.kind === 'session') return `session ${s.eventSessionId} "${s.title ?? ''}"`;
  if (s.kind === 'event') return `event ${s.eventId} "${s.title ?? ''}"`;
  return `period ${s.from}${s.to ? ` to ${s.to}` : ''}`;
}

const shareLine = (list: Report['platforms']) =>
  (list ?? []).map((x) => `${x.name} ${x.percent}% (${n(x.people)})`).join(' · ');

function curve(r: Report, attended: number): string[] {
  const online = r.joinLeave?.onlineByMinute ?? [];
  if (online.length === 0) return [];
  const step = Math.max(5, Math.ceil(online.length / 12 / 5) * 5);
  const lines = ['', `Online by minute since the start (every ${step} min):`, '```'];
  for (let m = 0; m < online.length; m += step) {
    const v = online[m] ?? 0;
    const bar = '█'.repeat(attended ? Math.round((BAR * v) / attended) : 0);
    lines.push(`${String(m).padStart(4)}′ ${bar.padEnd(BAR)} ${n(v)}`);
  }
  lines.push('```');
  return lines;
}

export function renderReport(r: Report): string {
  const out = [`# Attendance report: ${scopeLine(r)}`, '', `> ${r.participantData}`];
  if (r.note) out.push('', `Note: ${r.note}`);
  if (!r.sessionsTotal) return out.join('\n');
  const attended = r.attended ?? 0;
  out.push(
    '',
    `**${n(r.sessionsTotal)} session(s) · registered ${n(r.registered)} · attended ${n(attended)} (${r.attendancePercent}%) · no-shows ${n(r.noShows?.count)}**`,
  );
  if (r.sessionsTotal > 1) out.push(`Unique attendees: ${n(r.uniqueAttendees)}.`);
  const names = r.noShows?.names ?? [];
  if (names.length) {
    const more = r.noShows?.more ? ` and ${n(r.noShows.more)} more` : '';
    const people = r.noShows?.people;
    const who = people !== undefined ? ` (${n(people)} people, each named once)` : '';
    out.push(`No-shows${who}: ${names.join(', ')}${more}.`);
  }
  if (r.watchMinutes) {
    const w = r.watchMinutes;
    out.push('', '## Watch time', `Median ${w.median} min · mean ${w.mean} min.`);
    out.push((w.buckets ?? []).map((b) => `${b.label} min: ${n(b.people)}`).join(' · '));
  }
  const jl = r.joinLeave;
  if (jl) {
    out.push('', '## Joining and leaving');
    out.push((jl.joined ?? []).map((b) => `${b.label}: ${n(b.people)}`).join(' · '));
    out.push(`Stayed to the end: ${n(jl.stayedToEnd)} · left early: ${n(jl.leftEarly)}.`);
    if (jl.peak) out.push(`Peak: ${n(jl.peak.online)} online at minute ${jl.peak.minute}.`);
    out.push(...curve(r, attended));
  }
  if (r.platforms?.length || r.countries?.length) {
    out.push('', '## Platforms and countries', `Platforms: ${shareLine(r.platforms)}`);
    out.push(`Countries: ${shareLine(r.countries)}`);
  }
  if (r.topParticipants?.length) {
    out.push('', '## Most engaged', '| name | watched, min | questions | chat | involvement |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const p of r.topParticipants) {
      out.push(
        `| ${p.name ?? p.email ?? p.userId} | ${p.watchMinutes} | ${p.questions ?? 0} | ${p.chatMessages ?? 0} | ${p.involvement ?? ''} |`,
      );
    }
  }
  const q = r.questions;
  out.push('', '## Questions and chat');
  const split =
    q?.answered !== undefined
      ? ` (${n(q.answered)} answered, ${n(q.unanswered)} not${q.answeredCovers ? `, in ${q.answeredCovers}` : ''})`
      : '';
  out.push(`Questions: ${n(q?.total)}${split} · chat messages: ${n(r.chat?.messages)}.`);
  for (const [i, item] of (q?.topUnanswered ?? []).entries()) {
    out.push(
      `${i + 1}. ${item.text ?? ''} (from ${item.from ?? '?'}, session ${item.eventSessionId})`,
    );
  }
  if (r.tests) {
    out.push('', '## Tests');
    for (const t of r.tests.results ?? []) {
      out.push(
        `${t.name ?? t.testId}: ${t.passPercent}% passed (${n(t.passedCount)} of ${n(t.usersCount)}).`,
      );
    }
    if (r.tests.note) out.push(r.tests.note);
  }
  out.push('', 'Full figures (per-minute curve, shares, lists) are in structuredContent.');
  return out.join('\n');
}
