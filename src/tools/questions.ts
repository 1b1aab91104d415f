// Questions area (reference §7, Q1–Q4). Questions, answers and names are participant data: they
// arrive marked (untrusted-fields.ts) and results carry the note that says so.
import { z } from 'zod';
import { defineTool } from './define.js';
import { InputError } from './errors.js';
import * as f from './fields.js';
import { questionsLeft } from './after-change.js';
import { sessionSubject } from './subjects.js';
import { rows, type Row } from './rows.js';

const questionIdField = z
  .number()
  .int()
  .min(1)
  .max(f.MAX_ID)
  .describe('Question id: from list_questions.');

const author = (q: Row) => (q.user ?? {}) as Row;

export const pickQuestion = (q: Row) => ({
  id: q.id,
  from: author(q).nickname,
  fromUserId: author(q).id,
  text: q.text,
  published: q.isModerated,
  answered: q.isAnswered,
  at: q.createAt,
  answers: Array.isArray(q.answers)
    ? q.answers.map((a: Row) => ({
        id: a.id,
        by: author(a).nickname,
        text: a.text,
        published: a.isModerated,
      }))
    : undefined,
});

const whichQuestions = (input: {
  questionId?: number;
  userId?: number;
  onlyUnmoderated?: boolean;
}) =>
  `${
    input.questionId !== undefined
      ? `question ${input.questionId}`
      : input.userId !== undefined
        ? `every question of user ${input.userId}`
        : 'every question'
  }${input.onlyUnmoderated ? ' (unmoderated only)' : ''}`;

const questionList = (data: unknown) => {
  const items = rows(data).map(pickQuestion);
  return { count: items.length, items };
};

const postInput = {
  eventSessionId: f.eventSessionId,
  text: z.string().min(1).max(4000).describe('The text.'),
};

export const questionsTools = [
  defineTool({
    name: 'list_questions',
    title: 'List questions',
    description:
      "List a session's questions with their answers: all, one (questionId), one user's (userId), or those awaiting moderation. Use one filter at a time. eventSessionId from list_events.",
    method: 'GET',
    path: '/eventsessions/{eventSessionId}/questions',
    input: z.object({
      eventSessionId: f.eventSessionId,
      questionId: questionIdField.optional().describe('Only this question.'),
      userId: f.sessionUserId.optional().describe("Only this user's questions."),
      awaitingModeration: z
        .boolean()
        .optional()
        .describe('true: only questions no host has published or hidden yet.'),
    }),
    toParams: ({ awaitingModeration, ...rest }) => {
      const filters = [rest.questionId, rest.userId, awaitingModeration || undefined];
      if (filters.filter((x) => x !== undefined).length > 1) {
        throw new InputError('questionId', 'use one of questionId, userId, awaitingModeration');
      }
      return { ...rest, onlyOnModeration: awaitingModeration };
    },
    shape: questionList,
  }),
  defineTool({
    name: 'ask_question',
    title: 'Ask or answer a question',
    description:
      'Ask a question in a live session, or answer one (questionId from list_questions; answers are published). Author: the organisation owner unless userId.',
    method: 'POST',
    path: '/eventsessions/{eventSessionId}/questions',
    input: z.object({
      ...postInput,
      questionId: questionIdField.optional().describe('Answer this question instead of asking.'),
      userId: f.sessionUserId.optional().describe('Author (default the organisation owner).'),
    }),
    shape: (data) => pickQuestion(data as Row),
  }),
  defineTool({
    name: 'delete_questions',
    title: 'Delete questions',
    description:
      "Delete all of a session's questions, one question or answer (questionId), or one user's questions (userId), optionally only unmoderated ones. Irreversible. Ids from list_questions.",
    method: 'DELETE',
    path: '/eventsessions/{eventSessionId}/questions',
    input: z.object({
      eventSessionId: f.eventSessionId,
      questionId: questionIdField.optional().describe('Only this question or answer.'),
      userId: f.sessionUserId.optional().describe("Only this user's questions."),
      onlyUnmoderated: z
        .boolean()
        .optional()
        .describe('Only questions no host has published or hidden.'),
    }),
    toParams: ({ onlyUnmoderated, ...rest }) => ({ ...rest, onlyNotModerated: onlyUnmoderated }),
    confirm: async (input, ctx) =>
      `Delete ${whichQuestions(input)} in ${await sessionSubject(ctx, input.eventSessionId)}?`,
    shape: async (_data, input, ctx) => ({
      deleted: whichQuestions(input),
      eventSessionId: input.eventSessionId,
      questionsLeft: await questionsLeft(ctx, input.eventSessionId),
    }),
  }),
  defineTool({
    name: 'moderate_questions',
    title: 'Publish or hide questions',
    description:
      'Publish (publish: true) or hide (false) questions by id and/or author; with neither it applies to every question of the session. Ids from list_questions.',
    method: 'PUT',
    path: '/eventsessions/{eventSessionId}/questions/moderate',
    input: z.object({
      eventSessionId: f.eventSessionId,
      publish: z.boolean().describe('true publishes, false hides.'),
      questionIds: z
        .array(questionIdField)
        .min(1)
        .max(500)
        .optional()
        .describe('Questions to change (ids from list_questions).'),
      userId: f.sessionUserId.optional().describe("Only this user's questions."),
    }),
    toParams: ({ publish, ...rest }) => ({ ...rest, isModerated: publish }),
    shape: (data) => {
      const list = questionList(data);
      return {
        ...list,
        items: list.items.map((q) => ({ id: q.id, from: q.from, published: q.published })),
      };
    },
  }),
];
