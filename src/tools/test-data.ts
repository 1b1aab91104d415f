// The friendly test/poll shape a model writes (questions → answers with `correct`/`points`) and
// the API's `testData[…]` (reference §9 T1/T2, T4). Both directions live here, so that
// create_test → get_test shows the same questions and answers.
import { z } from 'zod';
import { InputError } from './errors.js';
import { id } from './fields.js';
import { rows, type Row } from './rows.js';

const itemId = id;
const text = (max: number, what: string) => z.string().min(1).max(max).describe(what);
const correct = z.boolean().optional().describe('A right option (omit in polls).');
const points = z.number().int().min(-1000).max(1000).optional().describe('Points for choosing it.');
const allowFreeText = z.boolean().optional().describe('People may type their own answer.');

export const questionInput = z.object({
  text: text(2000, 'Question.'),
  answers: z
    .array(z.object({ text: text(1000, 'Option.'), correct, points }))
    .max(30)
    .optional()
    .describe('Options; none for free text only.'),
  allowFreeText,
});

/** T2 items: with an id it is changed (or removed), without one it is added. */
export const questionPatch = z.object({
  questionId: itemId('Question id from get_test; omit to add a question.').optional(),
  remove: z.boolean().optional().describe('true: delete this question.'),
  text: text(2000, 'Question.').optional(),
  allowFreeText,
  answers: z
    .array(
      z.object({
        answerId: itemId('Option id from get_test; omit to add an option.').optional(),
        remove: z.boolean().optional().describe('true: delete this option.'),
        text: text(1000, 'Option.').optional(),
        correct,
        points,
      }),
    )
    .max(30)
    .optional()
    .describe('Options to add, change or remove.'),
});

export const settingsInput = {
  passBy: z
    .enum(['points', 'correctAnswers'])
    .optional()
    .describe('Pass by minPoints or minCorrectAnswers.'),
  minPoints: z.number().int().min(0).max(100_000).optional().describe('Points to pass.'),
  minCorrectAnswers: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe('Right answers to pass.'),
  durationSeconds: z
    .number()
    .int()
    .min(0)
    .max(86_400)
    .optional()
    .describe('Time limit; 0 = live (default).'),
};

type Question = z.output<typeof questionInput>;
type Patch = z.output<typeof questionPatch>;
type Answer = NonNullable<Question['answers']>[number];
type Settings = {
  name?: string;
  passBy?: 'points' | 'correctAnswers';
  minPoints?: number;
  minCorrectAnswers?: number;
  durationSeconds?: number;
};

const ASSESS = { points: 'pointsSum', correctAnswers: 'answerCount' } as const;
/** T2's deletion flag (its wire form, `true`, lives in api/wire-forms.ts). */
const DESTROY = true;

const newAnswer = (a: Answer, order?: number) => ({
  answerData: a.text,
  isCorrect: a.correct ?? false,
  points: a.points ?? 0,
  order,
});

function newQuestion(q: Question, field: string, order?: number) {
  if (!q.answers?.length && !q.allowFreeText) {
    throw new InputError(field, 'needs answers, or allowFreeText: true');
  }
  return {
    questionData: q.text,
    allowCustomAnswer: q.allowFreeText ?? false,
    order,
    answers: (q.answers ?? []).map((a, j) => newAnswer(a, j + 1)),
  };
}

function settings(s: Settings, questions: Question[] = []) {
  const scored = questions.some((q) => q.answers?.some((a) => (a.points ?? 0) !== 0));
  const passBy =
    s.passBy ?? (questions.length ? (scored ? 'points' : 'correctAnswers') : undefined);
  return {
    name: s.name,
    assessType: passBy ? ASSESS[passBy] : undefined,
    minPoints: s.minPoints,
    minAnswers: s.minCorrectAnswers,
    duration: s.durationSeconds,
  };
}

/** T1 body: `testData[…]` for a whole new test (a poll when no option is right or scored). */
export function createTestData(s: Settings & { questions: Question[] }) {
  return {
    ...settings(s, s.questions),
    questions: s.questions.map((q, i) => newQuestion(q, `questions[${i}]`, i + 1)),
  };
}

function patchAnswers(p: Patch, field: string) {
  return (p.answers ?? []).map((a, j) => {
    if (a.answerId === undefined) {
      if (!a.text) throw new InputError(`${field}.answers[${j}].text`, 'a new option needs text');
      return newAnswer({ text: a.text, correct: a.correct, points: a.points });
    }
    if (a.remove) return { answerId: a.answerId, _destroy: DESTROY };
    return { answerId: a.answerId, answerData: a.text, isCorrect: a.correct, points: a.points };
  });
}

/**
 * T2 body: only what changes. Existing items are addressed by id, deletions carry `_destroy`,
 * new items have no id (the API appends them).
 */
export function updateTestData(s: Settings & { questions?: Patch[] }) {
  const questions: Row[] = (s.questions ?? []).map((p, i) => {
    const field = `questions[${i}]`;
    if (p.questionId === undefined) {
      if (!p.text) throw new InputError(`${field}.text`, 'a new question needs text');
      const answers = (p.answers ?? []).map((a, j) => {
        if (!a.text) throw new InputError(`${field}.answers[${j}].text`, 'a new option needs text');
        return { ...a, text: a.text };
      });
      return newQuestion({ text: p.text, allowFreeText: p.allowFreeText, answers }, field);
    }
    if (p.remove) return { questionId: p.questionId, _destroy: DESTROY };
    return {
      questionId: p.questionId,
      questionData: p.text,
      allowCustomAnswer: p.allowFreeText,
      answers: patchAnswers(p, field),
    };
  });
  const data = { ...settings(s), questions };
  const empty = Object.values(data).every(
    (v) => v === undefined || (Array.isArray(v) && !v.length),
  );
  if (empty) throw new InputError('name', 'nothing to change: give at least one field');
  return data;
}

const byOrder = (a: Row, b: Row) => Number(a.order ?? 0) - Number(b.order ?? 0);

/** T4 → the friendly shape create_test takes, with the ids update_test needs. */
export function fromTest(t: Row) {
  return {
    testId: t.id,
    name: t.name,
    kind: t.type,
    passBy:
      t.assessType === 'pointsSum'
        ? 'points'
        : t.assessType === 'answerCount'
          ? 'correctAnswers'
          : undefined,
    minPoints: t.minPoints,
    minCorrectAnswers: t.minAnswers,
    durationSeconds: t.duration,
    questions: [...rows(t.questions)].sort(byOrder).map((q) => ({
      questionId: q.id,
      text: q.questionData,
      allowFreeText: q.allowCustomAnswer,
      answers: [...rows(q.answers)].sort(byOrder).map((a) => ({
        answerId: a.id,
        text: a.answerData,
        correct: a.isCorrect,
        points: a.points,
      })),
    })),
    testSessions: rows(t.testSessions).map((s) => ({
      testSessionId: s.id,
      eventSessionId: s.eventSessionId,
      startTime: s.startTime,
      endTime: s.endTime,
      running: !s.endTime,
    })),
  };
}
