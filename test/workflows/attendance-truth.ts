// Ground truth for attendance figures, computed straight from the sandbox state (not through
// the API), so tests compare the report with what really happened in the simulation.
import { activityOf, registrationsOf, type Activity } from '../../src/sandbox/activity.js';
import type { SandboxState, SessionRec } from '../../src/sandbox/index.js';

const round1 = (v: number) => Math.round(v * 10) / 10;

export function truthFor(state: SandboxState, sessions: SessionRec[]) {
  let registered = 0;
  const watch: number[] = [];
  const platforms = new Map<string, number>();
  const online = new Map<number, number>();
  let questions = 0;
  let answered = 0;
  let chat = 0;
  /** Contacts that missed at least one of the sessions. */
  const noShowPeople = new Set<number>();
  /** Contacts registered for one or more of the sessions, and those who came to one or more. */
  const people = new Set<number>();
  const came = new Set<number>();
  for (const s of sessions) {
    const records = activityOf(state).sessions.get(s.id) ?? new Map<number, Activity>();
    const start = Math.floor((s.startedAt ?? s.startsAt) / 1000) * 1000;
    for (const p of registrationsOf(state, s)) {
      registered += 1;
      people.add(p.contactId);
      const a = records.get(p.id);
      if (!a || a.connections.length === 0) {
        noShowPeople.add(p.contactId);
        continue;
      }
      came.add(p.contactId);
      watch.push(
        a.connections.reduce((sum, c) => sum + Math.round((c.leaved - c.joined) / 1000), 0),
      );
      const platform = a.connections[0]!.platform;
      platforms.set(platform, (platforms.get(platform) ?? 0) + 1);
      for (let m = 0; m < 24 * 60; m += 1) {
        const t = start + m * 60_000;
        if (t > (s.stoppedAt ?? start)) break;
        if (a.connections.some((c) => c.joined <= t && t < c.leaved)) {
          online.set(m, (online.get(m) ?? 0) + 1);
        }
      }
    }
    for (const q of state.questions.values()) {
      if (q.eventSessionId !== s.id) continue;
      questions += 1;
      if (q.answers.length > 0) answered += 1;
    }
    for (const m of state.chatMessages.values()) {
      if (m.eventSessionId === s.id && m.toUserId === null) chat += 1;
    }
  }
  watch.sort((a, b) => a - b);
  const mid = Math.floor(watch.length / 2);
  const median = watch.length % 2 ? watch[mid]! : (watch[mid - 1]! + watch[mid]!) / 2;
  return {
    registered,
    attended: watch.length,
    noShows: registered - watch.length,
    noShowPeople: noShowPeople.size,
    people: { registered: people.size, attended: came.size, noShows: people.size - came.size },
    medianMinutes: round1(median / 60),
    meanMinutes: round1(watch.reduce((a, b) => a + b, 0) / watch.length / 60),
    platforms,
    onlineAt: (m: number) => online.get(m) ?? 0,
    questions,
    answered,
    chat,
  };
}
