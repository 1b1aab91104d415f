// Polls and tests that ran in the sessions: their ids from each session's attached files (F5,
// typeFile test), what they are from T4 (`type: poll`, SEEN ONCE; a test with no right option
// is read as a poll too, as create_test makes them), results from T9 restricted to the session.
// A poll is reported as answers per option (T9 `questions[].answers[].chosenCount`, INFERRED:
// the reference's list of T9 fields is cut short, get_test_results reads the same), a test as
// how many passed.
import type { ToolContext } from '../../tools/define.js';
import { rows, type Row } from '../../tools/rows.js';
import { percent } from './compute.js';
import { DAY, get, msOf, query } from './requests.js';
import type { Report } from './schema.js';

type Poll = NonNullable<Report['polls']>[number];
type Test = NonNullable<Report['tests']>[number];

const isPoll = (t: Row) =>
  t.type === 'poll' ||
  (t.type === undefined &&
    rows(t.questions).every((q) => rows(q.answers).every((a) => a.isCorrect !== true)));

export async function testResults(
  ctx: ToolContext,
  sessions: Row[],
): Promise<{ polls?: Poll[]; tests?: Test[] }> {
  const polls = new Map<number, Poll>();
  const tests = new Map<number, Test>();
  for (const s of sessions) {
    const eventSessionId = Number(s.id);
    const files = rows(await get(ctx, '/eventsessions/{eventSessionId}/files', { eventSessionId }));
    const attached = files.map((r) => (r.file ?? {}) as Row).filter((f) => f.typeFile === 'test');
    const at = msOf(s.startsAt);
    for (const file of attached) {
      const testId = Number(file.id);
      const test = (await get(ctx, '/tests/{testId}', { testId })) as Row;
      const runs = rows(
        await get(ctx, '/tests/{testId}/results', {
          testId,
          eventSessionId,
          // T9 defaults to the last 6 months; the session's own days cover older sessions.
          startTime: Number.isFinite(at) ? query(at - DAY) : undefined,
          endTime: Number.isFinite(at) ? query(at + 2 * DAY) : undefined,
        }),
      );
      const name = typeof test.name === 'string' ? test.name : undefined;
      if (isPoll(test)) addPoll(polls, testId, name, test, runs);
      else addTest(tests, testId, name, runs);
    }
  }
  const pollList = [...polls.values()].filter((p) => p.respondents > 0);
  const testList = [...tests.values()].filter((t) => t.takers > 0);
  for (const t of testList) t.passPercent = percent(t.passed, t.takers);
  for (const p of pollList) {
    for (const q of p.questions) {
      const chosen = q.options.reduce((sum, o) => sum + o.count, 0);
      for (const o of q.options) o.percent = percent(o.count, chosen);
    }
  }
  return {
    polls: pollList.length ? pollList : undefined,
    tests: testList.length ? testList : undefined,
  };
}

function addTest(tests: Map<number, Test>, testId: number, name: string | undefined, runs: Row[]) {
  const t = tests.get(testId) ?? { testId, name, takers: 0, passed: 0, passPercent: 0 };
  for (const run of runs) {
    t.takers += Number(run.usersCount) || 0;
    t.passed += Number(run.passedCount) || 0;
  }
  tests.set(testId, t);
}

/** Answers per option, summed over the poll's runs; options in the poll's own order (T4). */
function addPoll(
  polls: Map<number, Poll>,
  testId: number,
  name: string | undefined,
  test: Row,
  runs: Row[],
) {
  const order = (list: Row[]) =>
    [...list].sort((a, b) => (Number(a.order) || 0) - (Number(b.order) || 0));
  const poll = polls.get(testId) ?? {
    testId,
    name,
    respondents: 0,
    questions: order(rows(test.questions)).map((q) => ({
      id: Number(q.id),
      text: typeof q.questionData === 'string' ? q.questionData : undefined,
      answered: 0,
      freeText: 0,
      options: order(rows(q.answers)).map((a) => ({
        id: Number(a.id),
        text: typeof a.answerData === 'string' ? a.answerData : undefined,
        count: 0,
        percent: 0,
      })),
    })),
  };
  for (const run of runs) {
    poll.respondents += Number(run.usersCount) || 0;
    for (const stat of rows(run.questions)) {
      const q = poll.questions.find((x) => x.id === Number(stat.questionId));
      if (!q) continue;
      q.answered += Number(stat.answeredCount) || 0;
      q.freeText = (q.freeText ?? 0) + (Number(stat.customAnswersCount) || 0);
      for (const a of rows(stat.answers)) {
        const option = q.options.find((o) => o.id === Number(a.answerId));
        if (option) option.count += Number(a.chosenCount) || 0;
      }
    }
  }
  polls.set(testId, poll);
}
