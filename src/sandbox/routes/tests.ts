// Tests and polls area, T1–T11: tests live in the file manager, run in a live session once
// attached to it, collect one closed attempt per user, and report what was submitted.
import type { Passing, TestRec, TestSessionRec, UserAnswer } from '../content-types.js';
import { parseQueryDate } from '../dates.js';
import { conflict, fieldError, notFound } from '../errors.js';
import type { Input } from '../params.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { contactByEmail, emailKey, nextId, type SandboxState } from '../state.js';
import { findSession } from './events.js';
import { ORG_TZ } from './records-view.js';
import { patchTest, readNewTest } from './tests-input.js';
import { customAnswerView, endOf, grade, passingView, resultView, testView } from './tests-view.js';

const NO_CONTENT: RouteResult = { status: 204 };
const DAY = 86_400_000;

export function registerTestRoutes(router: Router): void {
  router
    .add('POST', '/tests', createTest)
    .add('GET', '/tests/{testId}', (ctx) => ({
      status: 200,
      body: testView(ctx.state, testOf(ctx), ctx.input.int('testSessionId', { min: 1 })),
    }))
    .add('PUT', '/tests/{testId}', updateTest)
    .add('DELETE', '/tests/{testId}', deleteTest)
    .add('POST', '/tests/{testId}/start', startTest)
    .add('GET', '/tests/{testId}/results', results)
    .add('GET', '/tests/{testId}/customanswers', customAnswers)
    // T6: the title says PUT, the example POST; both accepted (INFERRED).
    .add('PUT', '/testsessions/{testSessionId}/stop', stopTest)
    .add('POST', '/testsessions/{testSessionId}/stop', stopTest)
    .add('POST', '/testsessions/{testSessionId}/answers', submitAnswers)
    .add('PUT', '/testsessions/{testSessionId}/assessanswers', assess)
    .add('GET', '/users/{userId}/tests/stats', userStats);
}

function findTest(state: SandboxState, id: number): TestRec {
  const t = state.tests.get(id);
  if (!t || t.deleted) throw notFound(`Test ${id}`);
  return t;
}

const testOf = (ctx: RouteContext) => findTest(ctx.state, Number(ctx.params.testId));

function testSessionOf(ctx: RouteContext): TestSessionRec {
  const ts = ctx.state.testSessions.get(Number(ctx.params.testSessionId));
  if (!ts || ctx.state.tests.get(ts.testId)?.deleted) {
    throw notFound(`Test session ${ctx.params.testSessionId}`);
  }
  return ts;
}

/** T1. `userId` (owner) defaults to the organisation owner and must be a member (INFERRED). */
function createTest({ state, input, now }: RouteContext): RouteResult {
  const data = input.obj('testData', true) as Input;
  const userId = input.int('userId', { min: 1 }) ?? state.organization.ownerId;
  if (!state.members.has(userId)) throw fieldError('userId', 'is not a member of the organization');
  const t: TestRec = {
    id: nextId(state, 'test'),
    userId,
    createdAt: now,
    ...readNewTest(state, data),
  };
  state.tests.set(t.id, t);
  return { status: 201, body: { id: t.id } };
}

const runningIn = (state: SandboxState, testId: number) =>
  [...state.testSessions.values()].find((ts) => ts.testId === testId && endOf(state, ts) === null);

/** T2. INFERRED condition for the documented 409: the test is running somewhere. */
function updateTest(ctx: RouteContext): RouteResult {
  const t = testOf(ctx);
  const data = ctx.input.obj('testData', true) as Input;
  if (runningIn(ctx.state, t.id)) throw conflict('Test cannot be updated while it is running');
  ctx.state.tests.set(t.id, patchTest(ctx.state, t, data));
  return NO_CONTENT;
}

/** T3. The test leaves the file manager and every session it was attached to. */
function deleteTest(ctx: RouteContext): RouteResult {
  const t = testOf(ctx);
  t.deleted = true;
  for (const [id, ref] of ctx.state.fileRefs)
    if (ref.fileId === t.id) ctx.state.fileRefs.delete(id);
  return NO_CONTENT;
}

/** Attached to the session, or to its event (a series file applies to every session, INFERRED). */
function isAttached(state: SandboxState, testId: number, sessionId: number): boolean {
  const s = state.sessions.get(sessionId);
  return [...state.fileRefs.values()].some(
    (r) =>
      r.fileId === testId && (r.eventSessionId === sessionId || (s && r.eventId === s.eventId)),
  );
}

/** T5. 409 texts are the documented ones. */
function startTest(ctx: RouteContext): RouteResult {
  const { state, input, now } = ctx;
  const t = testOf(ctx);
  const sessionId = input.int('eventSessionId', { required: true, min: 1 }) as number;
  const s = findSession(state, sessionId);
  if (s.status !== 'START') throw conflict('Event session is not started');
  if (!isAttached(state, t.id, s.id)) throw conflict('Test not attached to Event session');
  const running = runningIn(state, t.id);
  if (running?.eventSessionId === s.id) {
    throw conflict(`Test is already running in this event session (test session ${running.id})`);
  }
  const startText = input.str('startTime');
  const ts: TestSessionRec = {
    id: nextId(state, 'testSession'),
    testId: t.id,
    eventSessionId: s.id,
    startTime: startText ? parseQueryDate(startText, 'startTime', ORG_TZ) : now,
    endTime: null,
    complexResultsShared: false,
    individualResultsShared: false,
    passings: [],
  };
  state.testSessions.set(ts.id, ts);
  return { status: 201, body: { testSessionId: ts.id } };
}

function stopTest(ctx: RouteContext): RouteResult {
  const ts = testSessionOf(ctx);
  if (endOf(ctx.state, ts) !== null) throw conflict('Test session is already finished');
  ts.endTime = ctx.now;
  return NO_CONTENT;
}

/** The platform user behind an e-mail: a member, a known contact/registration, or a new user. */
export function userIdFor(state: SandboxState, email: string): number {
  const key = email.toLowerCase();
  for (const m of state.members.values()) if (m.email.toLowerCase() === key) return m.id;
  for (const p of state.participations.where('email', emailKey(email))) {
    if (p.userId !== null) return p.userId;
  }
  const contact = contactByEmail(state, email);
  if (contact) {
    contact.userId ??= nextId(state, 'user');
    return contact.userId;
  }
  for (const ts of state.testSessions.values()) {
    const known = ts.passings.find((p) => p.email.toLowerCase() === key);
    if (known) return known.userId;
  }
  return nextId(state, 'user');
}

/** T7. All answers at once; the attempt is then closed (a second submission is a 409). */
function submitAnswers(ctx: RouteContext): RouteResult {
  const { state, input, now } = ctx;
  const ts = testSessionOf(ctx);
  const t = state.tests.get(ts.testId) as TestRec;
  if (endOf(state, ts) !== null) throw conflict('Test session is finished: answers are closed');
  const user = input.obj('userData', true) as Input;
  const email = (user.str('email', true) as string).trim();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw fieldError('userData[email]', 'invalid email');
  if (ts.passings.some((p) => p.email.toLowerCase() === email.toLowerCase())) {
    throw conflict('This user has already answered: the attempt is closed');
  }
  const answers: UserAnswer[] = [];
  for (const a of input.objList('answers') ?? []) {
    const questionId = a.int('questionId', { required: true, min: 1 }) as number;
    const q = t.questions.find((x) => x.id === questionId);
    if (!q) throw fieldError(a.path('questionId'), `no question ${questionId} in this test`);
    if (answers.some((x) => x.questionId === questionId)) {
      throw fieldError(a.path('questionId'), 'answered twice');
    }
    const answerIds = a.intList('answerIds') ?? [];
    for (const id of answerIds) {
      if (!q.answers.some((x) => x.id === id)) {
        throw fieldError(a.path('answerIds'), `no answer ${id} in question ${questionId}`);
      }
    }
    const custom = a.str('customAnswer')?.trim() || null;
    if (custom && !q.allowCustomAnswer) {
      throw fieldError(a.path('customAnswer'), 'this question takes no free-text answer');
    }
    const base = { id: nextId(state, 'userAnswer'), questionId, answerIds, customAnswer: custom };
    answers.push(grade(q, base));
  }
  const startText = input.str('startTime');
  const endText = input.str('endTime');
  const passing: Passing = {
    id: nextId(state, 'testPassing'),
    userId: userIdFor(state, email),
    email,
    name: user.str('name') ?? '',
    secondName: user.str('secondName') ?? '',
    startTime: startText ? parseQueryDate(startText, 'startTime', ORG_TZ) : now,
    endTime: endText ? parseQueryDate(endText, 'endTime', ORG_TZ) : now,
    answers,
  };
  ts.passings.push(passing);
  // INFERRED status and body values (the docs name the fields only).
  return { status: 201, body: { status: 'submitted', userId: passing.userId } };
}

/** T8. `isCorrect` for answerCount tests, `answerPoints` for pointsSum tests; both accepted. */
function assess(ctx: RouteContext): RouteResult {
  const ts = testSessionOf(ctx);
  const byId = new Map(ts.passings.flatMap((p) => p.answers.map((a) => [a.id, a] as const)));
  const changes: Array<[UserAnswer, boolean | undefined, number | undefined]> = [];
  for (const d of ctx.input.objList('data') ?? []) {
    const id = d.int('userAnswerId', { required: true, min: 1 }) as number;
    const answer = byId.get(id);
    if (!answer) throw fieldError(d.path('userAnswerId'), `no answer ${id} in this test session`);
    const isCorrect = d.bool('isCorrect');
    const points = d.int('answerPoints', { min: -1000, max: 1000 });
    if (isCorrect === undefined && points === undefined) {
      throw fieldError(d.path('isCorrect'), 'ERROR_BLANK');
    }
    changes.push([answer, isCorrect, points]);
  }
  for (const [answer, isCorrect, points] of changes) {
    // INFERRED: points alone mark the answer correct when positive.
    answer.isCorrect = isCorrect ?? (points ?? 0) > 0;
    if (points !== undefined) answer.points = points;
  }
  return NO_CONTENT;
}

interface Window {
  from: number;
  to: number;
}

function window(input: Input, now: number, defaultDays: number): Window {
  const from = input.str('startTime');
  const to = input.str('endTime');
  return {
    from: from ? parseQueryDate(from, 'startTime', ORG_TZ) : now - defaultDays * DAY,
    to: to ? parseQueryDate(to, 'endTime', ORG_TZ) : now,
  };
}

/** Test sessions matching the common filters of T9/T10/T11. */
function sessionsMatching(state: SandboxState, input: Input, w: Window, testId?: number) {
  const eventId = input.int('eventId', { min: 1 });
  const eventSessionId = input.int('eventSessionId', { min: 1 });
  const testSessionId = input.int('testSessionId', { min: 1 });
  return [...state.testSessions.values()].filter((ts) => {
    const t = state.tests.get(ts.testId);
    if (!t || t.deleted || (testId !== undefined && ts.testId !== testId)) return false;
    if (ts.startTime < w.from || ts.startTime > w.to) return false;
    if (eventSessionId !== undefined && ts.eventSessionId !== eventSessionId) return false;
    if (testSessionId !== undefined && ts.id !== testSessionId) return false;
    return eventId === undefined || state.sessions.get(ts.eventSessionId)?.eventId === eventId;
  });
}

/** T9. Default window: the last 6 months. `userId` keeps that member's attempts only. */
function results(ctx: RouteContext): RouteResult {
  const t = testOf(ctx);
  const userId = ctx.input.int('userId', { min: 1 });
  const w = window(ctx.input, ctx.now, 183);
  const body = sessionsMatching(ctx.state, ctx.input, w, t.id).map((ts) =>
    resultView(ctx.state, t, {
      ...ts,
      passings: ts.passings.filter((p) => userId === undefined || p.userId === userId),
    }),
  );
  return { status: 200, body };
}

/** T10. Default window: the last month. */
function customAnswers(ctx: RouteContext): RouteResult {
  const t = testOf(ctx);
  const onlyOpen = ctx.input.bool('notAssessedOnly') ?? false;
  const w = window(ctx.input, ctx.now, 31);
  const body = sessionsMatching(ctx.state, ctx.input, w, t.id).flatMap((ts) =>
    ts.passings.flatMap((p) =>
      p.answers
        .filter((a) => a.customAnswer !== null && (!onlyOpen || a.isCorrect === null))
        .map((a) => customAnswerView(t, ts, p, a)),
    ),
  );
  return { status: 200, body };
}

/** T11. A user with no attempts gets an empty list (INFERRED). */
function userStats(ctx: RouteContext): RouteResult {
  const userId = Number(ctx.params.userId);
  const testId = ctx.input.int('testId', { min: 1 });
  const w = window(ctx.input, ctx.now, 183);
  const byTest = new Map<number, ReturnType<typeof passingView>[]>();
  for (const ts of sessionsMatching(ctx.state, ctx.input, w, testId)) {
    const t = ctx.state.tests.get(ts.testId) as TestRec;
    for (const p of ts.passings) {
      if (p.userId !== userId) continue;
      const list = byTest.get(t.id) ?? [];
      list.push(passingView(t, ts, p));
      byTest.set(t.id, list);
    }
  }
  const body = [...byTest].map(([id, testPassings]) => ({ testId: id, testPassings }));
  return { status: 200, body };
}
