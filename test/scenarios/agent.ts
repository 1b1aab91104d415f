// A scripted agent for the scenario tests: it knows only what the server tells it (the
// instructions, tool results) and records the calls it makes, so a scenario can assert the
// calls a competent agent needs and the end state in the sandbox.
import { expect } from 'vitest';
import type { CallOutcome, Harness } from '../helpers/harness.js';

export interface Agent {
  /** Tool names in the order the agent called them. */
  calls: string[];
  /** Calls a tool; a failed call fails the scenario with the server's text. */
  call(name: string, args?: Record<string, unknown>): Promise<CallOutcome>;
}

export function agentOn(h: Harness): Agent {
  const calls: string[] = [];
  return {
    calls,
    async call(name, args = {}) {
      calls.push(name);
      const res = await h.call(name, args);
      expect(res.isError, `${name}: ${res.text}`).toBe(false);
      return res;
    },
  };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Today as the instructions say it ("Now: Sunday 2026-11-29 21:23 Moscow (UTC+03:00).") */
export function today(h: Harness): { date: string; weekday: number } {
  const m = /Now: (\w+) (\d{4}-\d\d-\d\d) \d\d:\d\d Moscow/.exec(h.client.getInstructions() ?? '');
  if (!m) throw new Error('the instructions do not say what day it is');
  return { date: m[2]!, weekday: WEEKDAYS.indexOf(m[1]!) };
}

/** `date` plus `days`, as YYYY-MM-DD (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "Next Tuesday": the first Tuesday after today. */
export function next(h: Harness, weekday: string): string {
  const now = today(h);
  const want = WEEKDAYS.indexOf(weekday);
  return addDays(now.date, ((want - now.weekday + 6) % 7) + 1);
}

/** "Last month": its first and last day. */
export function lastMonth(h: Harness): { from: string; to: string } {
  const [y, m] = today(h).date.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}
