// Tests and polls routes (T1–T11) with plain fetch: testData parsing, the start preconditions,
// one closed attempt per user, grading and results computed from what was submitted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startClient();
});
afterAll(async () => {
  await c.sb.close();
});

const QUIZ = {
  'testData[name]': 'Quiz',
  'testData[assessType]': 'pointsSum',
  'testData[minPoints]': 2,
  'testData[questions][0][questionData]': '2 + 2?',
  'testData[questions][0][answers][0][answerData]': '4',
  'testData[questions][0][answers][0][isCorrect]': 1,
  'testData[questions][0][answers][0][points]': 2,
  'testData[questions][0][answers][1][answerData]': '5',
  'testData[questions][0][answers][1][isCorrect]': 'false',
  'testData[questions][1][questionData]': 'Any comments?',
  'testData[questions][1][allowCustomAnswer]': 'true',
};

async function createQuiz() {
  const res = await c.call('POST', '/tests', { form: QUIZ });
  expect(res.status, res.text).toBe(201);
  const test = await c.call('GET', `/tests/${res.json.id}`);
  return test.json as {
    id: number;
    questions: { id: number; answers: { id: number }[] }[];
  };
}

async function liveSession(start = true) {
  const ev = await c.call('POST', '/events', { form: { name: 'Live quiz', access: 1 } });
  const s = await c.call('POST', `/events/${ev.json.eventId}/sessions`, { form: {} });
  const id = s.json.eventSessionId as number;
  if (start) await c.call('PUT', `/eventsessions/${id}/start`);
  return id;
}

async function running() {
  const quiz = await createQuiz();
  const sessionId = await liveSession();
  await c.call('POST', `/eventsessions/${sessionId}/files`, { form: { fileId: quiz.id } });
  const start = await c.call('POST', `/tests/${quiz.id}/start`, {
    form: { eventSessionId: sessionId },
  });
  expect(start.status, start.text).toBe(201);
  return { quiz, sessionId, testSessionId: start.json.testSessionId as number };
}

const answer = (
  quiz: Awaited<ReturnType<typeof createQuiz>>,
  email: string,
  pick: number,
  text?: string,
) => ({
  'userData[email]': email,
  'userData[name]': email.split('@')[0]!,
  'answers[0][questionId]': quiz.questions[0]!.id,
  'answers[0][answerIds][0]': quiz.questions[0]!.answers[pick]!.id,
  ...(text
    ? { 'answers[1][questionId]': quiz.questions[1]!.id, 'answers[1][customAnswer]': text }
    : {}),
});

describe('T1–T4 create, get, update, delete', () => {
  it('creates from testData and shows it back with ids', async () => {
    const quiz = await createQuiz();
    const res = await c.call('GET', `/tests/${quiz.id}`);
    expect(res.json).toMatchObject({
      name: 'Quiz',
      type: 'test',
      assessType: 'pointsSum',
      minPoints: 2,
      userId: 1029,
      questions: [
        {
          questionData: '2 + 2?',
          allowCustomAnswer: false,
          order: 1,
          answers: [
            { answerData: '4', isCorrect: true, points: 2, order: 1 },
            { answerData: '5', isCorrect: false, points: 0, order: 2 },
          ],
        },
        { questionData: 'Any comments?', allowCustomAnswer: true, answers: [] },
      ],
      testSessions: [],
    });
    const blank = await c.call('POST', '/tests', { form: { 'testData[assessType]': 'pointsSum' } });
    expect(blank.status).toBe(400);
    expect(blank.json.error.fieldErrors).toEqual({ 'testData[name]': 'ERROR_BLANK' });
  });

  it('updates partially: add, change, _destroy; 409 while running; delete', async () => {
    const quiz = await createQuiz();
    const [q0, q1] = quiz.questions;
    const put = await c.call('PUT', `/tests/${quiz.id}`, {
      form: {
        'testData[name]': 'Quiz v2',
        'testData[questions][0][questionId]': q0!.id,
        'testData[questions][0][answers][0][answerId]': q0!.answers[1]!.id,
        'testData[questions][0][answers][0][_destroy]': 'true',
        'testData[questions][0][answers][1][answerData]': '22',
        'testData[questions][1][questionId]': q1!.id,
        'testData[questions][1][_destroy]': 'true',
        'testData[questions][2][questionData]': 'New one?',
        'testData[questions][2][answers][0][answerData]': 'Yes',
      },
    });
    expect(put.status, put.text).toBe(204);
    const after = (await c.call('GET', `/tests/${quiz.id}`)).json;
    expect(after.name).toBe('Quiz v2');
    expect(after.questions.map((q: { questionData: string }) => q.questionData)).toEqual([
      '2 + 2?',
      'New one?',
    ]);
    expect(after.questions[0].answers.map((a: { answerData: string }) => a.answerData)).toEqual([
      '4',
      '22',
    ]);
    const unknown = await c.call('PUT', `/tests/${quiz.id}`, {
      form: { 'testData[questions][0][questionId]': 1 },
    });
    expect(unknown.status).toBe(400);
    expect((await c.call('GET', `/tests/${quiz.id}`)).json.name).toBe('Quiz v2');

    const run = await running();
    const busy = await c.call('PUT', `/tests/${run.quiz.id}`, { form: { 'testData[name]': 'x' } });
    expect(busy.status).toBe(409);
    expect((await c.call('DELETE', `/tests/${run.quiz.id}`)).status).toBe(204);
    expect((await c.call('GET', `/tests/${run.quiz.id}`)).status).toBe(404);
    expect((await c.call('GET', `/eventsessions/${run.sessionId}/files`)).json).toEqual([]);
  });
});

describe('T5/T6 start and stop', () => {
  it('needs a started session with the test attached (409s), then answers 201', async () => {
    const quiz = await createQuiz();
    const idle = await liveSession(false);
    const notStarted = await c.call('POST', `/tests/${quiz.id}/start`, {
      form: { eventSessionId: idle },
    });
    expect(notStarted.status).toBe(409);
    expect(notStarted.json.error.message).toBe('Event session is not started');
    const live = await liveSession();
    const detached = await c.call('POST', `/tests/${quiz.id}/start`, {
      form: { eventSessionId: live },
    });
    expect(detached.status).toBe(409);
    expect(detached.json.error.message).toBe('Test not attached to Event session');
    await c.call('POST', `/eventsessions/${live}/files`, { form: { fileId: quiz.id } });
    const ok = await c.call('POST', `/tests/${quiz.id}/start`, { form: { eventSessionId: live } });
    expect(ok.status).toBe(201);
    expect(ok.json).toEqual({ testSessionId: expect.any(Number) });
    const twice = await c.call('POST', `/tests/${quiz.id}/start`, {
      form: { eventSessionId: live },
    });
    expect(twice.status).toBe(409);
    const view = await c.call('GET', `/tests/${quiz.id}?testSessionId=${ok.json.testSessionId}`);
    expect(view.json.testSessions).toEqual([
      expect.objectContaining({
        id: String(ok.json.testSessionId),
        eventSessionId: String(live),
        endTime: null,
      }),
    ]);
    expect((await c.call('POST', `/testsessions/${ok.json.testSessionId}/stop`)).status).toBe(204);
    expect((await c.call('PUT', `/testsessions/${ok.json.testSessionId}/stop`)).status).toBe(409);
    expect((await c.call('PUT', '/testsessions/1/stop')).status).toBe(404);
  });
});

describe('T7–T11 answers, grading and results', () => {
  it('closes each attempt, grades free text, and computes results from submissions', async () => {
    const { quiz, sessionId, testSessionId } = await running();
    const ann = await c.call('POST', `/testsessions/${testSessionId}/answers`, {
      form: answer(quiz, 'ann@example.com', 0, 'Great'),
    });
    expect(ann.status, ann.text).toBe(201);
    expect(ann.json).toEqual({ status: 'submitted', userId: expect.any(Number) });
    const again = await c.call('POST', `/testsessions/${testSessionId}/answers`, {
      form: answer(quiz, 'ann@example.com', 1),
    });
    expect(again.status).toBe(409);
    const bob = await c.call('POST', `/testsessions/${testSessionId}/answers`, {
      form: answer(quiz, 'bob@example.com', 1, 'Meh'),
    });
    expect(bob.status).toBe(201);
    const badQuestion = await c.call('POST', `/testsessions/${testSessionId}/answers`, {
      form: { 'userData[email]': 'eve@example.com', 'answers[0][questionId]': 1 },
    });
    expect(badQuestion.status).toBe(400);
    expect(badQuestion.json.error.fieldErrors).toHaveProperty(['answers[0][questionId]']);
    const noFree = await c.call('POST', `/testsessions/${testSessionId}/answers`, {
      form: {
        'userData[email]': 'eve@example.com',
        'answers[0][questionId]': quiz.questions[0]!.id,
        'answers[0][customAnswer]': 'five',
      },
    });
    expect(noFree.status).toBe(400);

    const open = await c.call('GET', `/tests/${quiz.id}/customanswers?notAssessedOnly=true`);
    expect(open.json.map((a: { answerData: string }) => a.answerData).sort()).toEqual([
      'Great',
      'Meh',
    ]);
    const great = open.json.find((a: { answerData: string }) => a.answerData === 'Great');
    const assess = await c.call('PUT', `/testsessions/${testSessionId}/assessanswers`, {
      form: {
        'data[0][userAnswerId]': great.id,
        'data[0][isCorrect]': 1,
        'data[0][answerPoints]': 1,
      },
    });
    expect(assess.status).toBe(204);
    const left = await c.call('GET', `/tests/${quiz.id}/customanswers?notAssessedOnly=true`);
    expect(left.json.map((a: { answerData: string }) => a.answerData)).toEqual(['Meh']);

    const results = await c.call('GET', `/tests/${quiz.id}/results?eventSessionId=${sessionId}`);
    expect(results.json).toHaveLength(1);
    const r = results.json[0];
    expect(r).toMatchObject({ id: testSessionId, usersCount: 2, endedCount: 2, passedCount: 1 });
    const annRow = r.users.find((u: { email: string }) => u.email === 'ann@example.com');
    expect(annRow).toMatchObject({
      pointsSum: 3,
      correctlyAnsweredQuestions: 2,
      isTestPassed: true,
    });
    expect(r.questions[0].answers.map((a: { chosenCount: number }) => a.chosenCount)).toEqual([
      1, 1,
    ]);

    const stats = await c.call('GET', `/users/${ann.json.userId}/tests/stats`);
    expect(stats.json).toEqual([
      {
        testId: quiz.id,
        testPassings: [
          expect.objectContaining({ testSessionId, isTestPassed: true, pointsSum: 3 }),
        ],
      },
    ]);
    expect((await c.call('GET', '/users/999999/tests/stats')).json).toEqual([]);

    await c.call('PUT', `/eventsessions/${sessionId}/stop`);
    const late = await c.call('POST', `/testsessions/${testSessionId}/answers`, {
      form: answer(quiz, 'late@example.com', 0),
    });
    expect(late.status).toBe(409);
  });

  it('seeds a test with results in a finished session', async () => {
    const test = [...c.sb.state.tests.values()][0]!;
    const res = await c.call('GET', `/tests/${test.id}/results`);
    expect(res.json).toHaveLength(1);
    expect(res.json[0].usersCount).toBeGreaterThan(0);
    const free = await c.call('GET', `/tests/${test.id}/customanswers?startTime=2025-01-01`);
    expect(free.json.length).toBe(res.json[0].usersCount);
  });
});
