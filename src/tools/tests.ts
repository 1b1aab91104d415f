// Tests and polls area (reference §9, T1–T11). Questions and answers use the friendly shape of
// test-data.ts; names and free-text answers arrive marked as participant text (untrusted-fields.ts).
import { z } from 'zod';
import type { ApiError } from '../api/errors.js';
import * as cf from './content-fields.js';
import { toApiQueryDateTime } from './dates.js';
import { defineTool, type Params } from './define.js';
import * as f from './fields.js';
import { rows, type Row } from './rows.js';
import { testSubject } from './subjects.js';
import { isEmail } from './participant-input.js';
import {
  createTestData,
  fromTest,
  questionInput,
  questionPatch,
  settingsInput,
  updateTestData,
} from './test-data.js';
import { untrustedName } from './untrusted.js';

const filters = {
  eventSessionId: f.eventSessionId.optional().describe('Only this session.'),
  testSessionId: cf.testSessionId.optional(),
  from: f.dateTime('Runs since, ISO 8601.').optional(),
};

function filterParams({ from, to, ...rest }: { from?: string; to?: string } & Params): Params {
  return {
    ...rest,
    startTime: from ? toApiQueryDateTime(from) : undefined,
    endTime: to ? toApiQueryDateTime(to, 'end') : undefined,
  };
}

function startHint(err: ApiError): string | undefined {
  if (err.status !== 409) return undefined;
  if (/not started/i.test(err.apiMessage)) {
    return ' The session is not live: start it with start_event_session, then retry.';
  }
  if (/not attached/i.test(err.apiMessage)) {
    return ' Attach the test first: start_test with attachFirst true (the default) does it.';
  }
  return ' It is already running there: get_test lists its runs (testSessions).';
}

const pickUser = (u: Row) => ({
  userId: u.userId,
  name: untrustedName(u.name, u.secondName),
  email: u.email,
  passed: u.isTestPassed,
  points: u.pointsSum,
  correctAnswers: u.correctlyAnsweredQuestions,
  endTime: u.endTime,
});

const pickResult = (r: Row) => ({
  testSessionId: r.id,
  eventSessionId: r.eventSessionId,
  startTime: r.startTime,
  endTime: r.endTime,
  usersCount: r.usersCount,
  passedCount: r.passedCount,
  users: rows(r.users).map(pickUser),
  questions: rows(r.questions).map((q) => ({
    questionId: q.questionId,
    text: q.questionData,
    answered: q.answeredCount,
    freeTextAnswers: q.customAnswersCount,
    answers: rows(q.answers).map((a) => ({
      answerId: a.answerId,
      text: a.answerData,
      chosen: a.chosenCount,
    })),
  })),
});

export const testsTools = [
  defineTool({
    name: 'create_test',
    title: 'Create test or poll',
    description:
      'Create a test or poll: questions with options (mark right ones, optional points; none right = poll). Run it with start_test. Returns testId.',
    method: 'POST',
    path: '/tests',
    input: z.object({
      name: f.name,
      ...settingsInput,
      questions: z.array(questionInput).min(1).max(100).describe('Questions in order.'),
      ownerId: f.memberUserId.optional().describe('Owner (default the token owner).'),
    }),
    toParams: ({ ownerId, ...input }) => ({ testData: createTestData(input), userId: ownerId }),
    shape: (data) => ({
      testId: (data as Row).id,
      next: 'start_test runs it in a live session (it attaches the test itself); start the session first with start_event_session if it is not live.',
    }),
  }),
  defineTool({
    name: 'update_test',
    title: 'Update test or poll',
    description:
      'Change a test or poll partially: settings; add, change or remove questions and options (ids from get_test). Not while running.',
    method: 'PUT',
    path: '/tests/{testId}',
    input: z.object({
      testId: cf.testId,
      name: f.name.optional(),
      ...settingsInput,
      questions: z
        .array(questionPatch)
        .max(100)
        .optional()
        .describe('Questions to add (no questionId), change, or remove (remove: true).'),
    }),
    toParams: ({ testId, ...input }) => ({ testId, testData: updateTestData(input) }),
    // The test as it now is: the question and option ids a next change needs.
    shape: async (_data, { testId }, ctx) => {
      try {
        const path = `/tests/${testId}`;
        const res = await ctx.client.request({ method: 'GET', path, signal: ctx.signal });
        const { testSessions: _runs, ...test } = fromTest(res.data as Row);
        return test;
      } catch {
        return { testId, changed: true, note: 'could not be read back; get_test shows it' };
      }
    },
    // Removing questions and options cannot be undone: only that needs the user's yes.
    annotations: { destructiveHint: true },
    confirm: async (input, ctx) => {
      const questions = (input.questions ?? []).filter((q) => q.remove).length;
      const options = (input.questions ?? [])
        .flatMap((q) => (q.remove ? [] : (q.answers ?? [])))
        .filter((a) => a.remove).length;
      if (!questions && !options) return undefined;
      const what = [
        questions && `${questions} question${questions === 1 ? '' : 's'}`,
        options && `${options} option${options === 1 ? '' : 's'}`,
      ].filter(Boolean);
      return `Remove ${what.join(' and ')} from ${await testSubject(ctx, input.testId)} for good?`;
    },
  }),
  defineTool({
    name: 'delete_test',
    title: 'Delete test or poll',
    description: 'Delete a test or poll for good, with its attachments.',
    method: 'DELETE',
    path: '/tests/{testId}',
    input: z.object({ testId: cf.testId }),
    confirm: async (input, ctx) => `Delete ${await testSubject(ctx, input.testId)} for good?`,
  }),
  defineTool({
    name: 'get_test',
    title: 'Get test or poll',
    description:
      'A test or poll in the create_test shape, with question/option ids and its runs (testSessions).',
    method: 'GET',
    path: '/tests/{testId}',
    input: z.object({
      testId: cf.testId,
      testSessionId: cf.testSessionId.optional(),
    }),
    shape: (data) => fromTest(data as Row),
  }),
  defineTool({
    name: 'start_test',
    title: 'Start test or poll',
    description:
      'Start a test or poll in a live session, attaching it first unless attachFirst is false. Returns testSessionId.',
    method: 'POST',
    path: '/tests/{testId}/start',
    input: z.object({
      testId: cf.testId,
      eventSessionId: f.eventSessionId.describe('A live session (status START).'),
      attachFirst: z.boolean().optional().describe('Default true.'),
    }),
    run: async ({ testId, eventSessionId, attachFirst }, ctx) => {
      let attached = false;
      if (attachFirst !== false) {
        const files = '/eventsessions/{eventSessionId}/files';
        const list = await ctx.client.request({
          method: 'GET',
          path: files,
          params: { eventSessionId, fileId: testId },
          signal: ctx.signal,
        });
        if (!rows(list.data).some((r) => (r.file as Row | undefined)?.id === testId)) {
          const params = { eventSessionId, fileId: testId };
          await ctx.client.request({ method: 'POST', path: files, params, signal: ctx.signal });
          attached = true;
        }
      }
      const res = await ctx.client.request({
        method: 'POST',
        path: '/tests/{testId}/start',
        params: { testId, eventSessionId },
        signal: ctx.signal,
      });
      return {
        testSessionId: (res.data as Row | null)?.testSessionId,
        attached,
        next: 'Participants can answer now. submit_test_answers records one person; stop_test closes it; get_test_results shows results.',
      };
    },
    errorHint: startHint,
  }),
  defineTool({
    name: 'stop_test',
    title: 'Stop test or poll',
    description: 'End a test or poll run: nobody can answer any more.',
    method: 'PUT',
    path: '/testsessions/{testSessionId}/stop',
    input: z.object({ testSessionId: cf.testSessionId }),
    annotations: { destructiveHint: true, idempotentHint: false },
    confirm: (input) => `Stop test run ${input.testSessionId} now? Nobody can answer afterwards.`,
    shape: (_data, { testSessionId }) => ({
      testSessionId,
      running: false,
      next: 'get_test_results (testSessionId) shows who answered and passed',
    }),
  }),
  defineTool({
    name: 'submit_test_answers',
    title: 'Submit test answers',
    description:
      "Record all of one person's answers to a running test at once; their attempt then closes. Ids from get_test.",
    method: 'POST',
    path: '/testsessions/{testSessionId}/answers',
    input: z.object({
      testSessionId: cf.testSessionId,
      email: z
        .string()
        .max(254)
        .refine(isEmail, 'expected an e-mail address')
        .describe('Who answers.'),
      name: z.string().min(1).max(255).optional().describe('Their name.'),

      answers: z
        .array(
          z.object({
            questionId: cf.itemId('Question id from get_test.'),
            answerIds: z
              .array(cf.itemId('Option id from get_test.'))
              .max(30)
              .optional()
              .describe('Chosen option ids.'),
            freeText: z.string().min(1).max(5000).optional().describe('Typed answer.'),
          }),
        )
        .min(1)
        .max(100)
        .describe('One per question.'),
    }),
    toParams: ({ email, name, answers, testSessionId }) => ({
      testSessionId,
      userData: { email, name },
      answers: answers.map((a) => ({
        questionId: a.questionId,
        answerIds: a.answerIds,
        customAnswer: a.freeText,
      })),
    }),
  }),
  defineTool({
    name: 'grade_test_answers',
    title: 'Grade free-text answers',
    description:
      'Grade typed answers (list_test_free_answers): correct, or points for tests passed by points.',
    method: 'PUT',
    path: '/testsessions/{testSessionId}/assessanswers',
    input: z.object({
      testSessionId: cf.testSessionId,
      grades: z
        .array(
          z.object({
            userAnswerId: cf.itemId('userAnswerId.'),
            correct: z.boolean().optional().describe('Right or wrong.'),
            points: z.number().int().min(-1000).max(1000).optional().describe('Points.'),
          }),
        )
        .min(1)
        .max(500)
        .describe('Grades.'),
    }),
    toParams: ({ testSessionId, grades }) => ({
      testSessionId,
      data: grades.map((g) => ({
        userAnswerId: g.userAnswerId,
        isCorrect: g.correct,
        answerPoints: g.points,
      })),
    }),
  }),
  defineTool({
    name: 'get_test_results',
    title: 'Get test results',
    description:
      'Results per run: who passed, points, and how many chose each option (last 6 months by default).',
    method: 'GET',
    path: '/tests/{testId}/results',
    input: z.object({ testId: cf.testId, ...filters }),
    toParams: filterParams,
    shape: (data) => ({ items: rows(data).map(pickResult) }),
  }),
  defineTool({
    name: 'list_test_free_answers',
    title: 'List free-text answers',
    description:
      'Typed answers to a test or poll with userAnswerId for grading (last month by default).',
    method: 'GET',
    path: '/tests/{testId}/customanswers',
    input: z.object({
      testId: cf.testId,
      ...filters,
      notGradedOnly: z.boolean().optional().describe('Ungraded only.'),
    }),
    toParams: ({ notGradedOnly, ...rest }) => ({
      ...filterParams(rest),
      notAssessedOnly: notGradedOnly,
    }),
    shape: (data) => ({
      items: rows(data).map((a) => ({
        userAnswerId: a.id,
        testSessionId: a.testSessionId,
        question: a.questionData,
        answer: a.answerData,
        by: untrustedName(a.name, a.secondName) ?? a.email,
        correct: a.isCorrect,
        points: a.points,
      })),
    }),
  }),
  defineTool({
    name: 'get_user_test_results',
    title: "Get a user's test results",
    description:
      "One person's attempts across tests: passed, points, answers (last 6 months by default).",
    method: 'GET',
    path: '/users/{userId}/tests/stats',
    input: z.object({
      userId: f.sessionUserId,
      testId: cf.testId.optional(),
      ...filters,
    }),
    toParams: filterParams,
    shape: (data) => ({
      items: rows(data).map((t) => ({
        testId: t.testId,
        attempts: rows(t.testPassings).map((p) => ({
          testSessionId: p.testSessionId,
          endTime: p.endTime,
          passed: p.isTestPassed,
          points: p.pointsSum,
          correctAnswers: p.correctlyAnsweredQuestions,
          questions: rows(p.questions).map((q) => ({
            questionId: q.questionId,
            text: q.questionData,
            correct: q.isCorrect,
            answers: rows(q.answers).map((a) => a.answerData ?? a.customAnswer),
          })),
        })),
      })),
    }),
  }),
];
