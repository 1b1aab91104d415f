// `testData[…]` of T1/T2 (api §9): create a test, or patch one where items are addressed by
// `questionId` / `answerId`, `[_destroy]=true` deletes, and entries without an id are created.
import type { TestAnswer, TestQuestion, TestRec } from '../content-types.js';
import { fieldError } from '../errors.js';
import type { Input } from '../params.js';
import { nextId, type SandboxState } from '../state.js';

const ASSESS = ['pointsSum', 'answerCount'] as const;
const TYPES = ['test', 'poll'] as const;

/** Settings of the test itself; only the keys present are returned. */
function readTestSettings(data: Input): Partial<TestRec> {
  const out: Partial<TestRec> = {};
  const name = data.str('name');
  if (name !== undefined) {
    if (name.trim() === '') throw fieldError(data.path('name'), 'ERROR_BLANK');
    out.name = name.trim();
  }
  const assessType = data.oneOf('assessType', ASSESS);
  if (assessType) out.assessType = assessType;
  // INFERRED: `type` (seen on GET) is accepted on write too.
  const type = data.oneOf('type', TYPES);
  if (type) out.type = type;
  const minPoints = data.int('minPoints', { min: 0 });
  if (minPoints !== undefined) out.minPoints = minPoints;
  const minAnswers = data.int('minAnswers', { min: 0 });
  if (minAnswers !== undefined) out.minAnswers = minAnswers;
  const duration = data.int('duration', { min: 0, max: 86_400 });
  if (duration !== undefined) out.duration = duration;
  return out;
}

function newAnswer(state: SandboxState, a: Input, order: number): TestAnswer {
  const answerData = a.str('answerData') ?? '';
  const imageUrl = a.str('imageUrl') ?? (a.has('imageId') ? `image:${a.int('imageId')}` : null);
  if (answerData.trim() === '' && imageUrl === null) {
    throw fieldError(a.path('answerData'), 'ERROR_BLANK');
  }
  return {
    id: nextId(state, 'testAnswer'),
    answerData,
    isCorrect: a.bool('isCorrect') ?? false,
    points: a.int('points', { min: -1000, max: 1000 }) ?? 0,
    order: a.int('order', { min: 0 }) ?? order,
    imageUrl,
  };
}

function newQuestion(state: SandboxState, q: Input, order: number): TestQuestion {
  const questionData = q.str('questionData', true) as string;
  const answers = (q.objList('answers') ?? []).map((a, j) => newAnswer(state, a, j + 1));
  return {
    id: nextId(state, 'testQuestion'),
    questionData,
    allowCustomAnswer: q.bool('allowCustomAnswer') ?? false,
    order: q.int('order', { min: 0 }) ?? order,
    answers,
  };
}

/** T1: the whole test from `testData`. */
export function readNewTest(
  state: SandboxState,
  data: Input,
): Omit<TestRec, 'id' | 'userId' | 'createdAt'> {
  const settings = readTestSettings(data);
  if (!settings.name) throw fieldError(data.path('name'), 'ERROR_BLANK');
  const questions = (data.objList('questions') ?? []).map((q, i) => newQuestion(state, q, i + 1));
  const scored = questions.some((q) => q.answers.some((a) => a.isCorrect || a.points !== 0));
  return {
    name: settings.name,
    // INFERRED: a test without correct answers or points is a poll.
    type: settings.type ?? (scored ? 'test' : 'poll'),
    assessType: settings.assessType ?? 'answerCount',
    minPoints: settings.minPoints ?? 0,
    minAnswers: settings.minAnswers ?? 0,
    duration: settings.duration ?? 0,
    questions,
    deleted: false,
  };
}

const destroyed = (item: Input) => item.bool('_destroy') === true;

/**
 * T2: applies the patch to a copy and returns it, so that a 400 halfway leaves the test as it
 * was. Unknown ids are a 400 on the field that carries them (INFERRED).
 */
export function patchTest(state: SandboxState, test: TestRec, data: Input): TestRec {
  const next: TestRec = {
    ...test,
    ...readTestSettings(data),
    questions: test.questions.map((q) => ({ ...q, answers: q.answers.map((a) => ({ ...a })) })),
  };
  for (const q of data.objList('questions') ?? []) {
    const questionId = q.int('questionId', { min: 1 });
    if (questionId === undefined) {
      next.questions.push(newQuestion(state, q, next.questions.length + 1));
      continue;
    }
    const index = next.questions.findIndex((x) => x.id === questionId);
    if (index === -1)
      throw fieldError(q.path('questionId'), `no question ${questionId} in this test`);
    if (destroyed(q)) {
      next.questions.splice(index, 1);
      continue;
    }
    const question = next.questions[index] as TestQuestion;
    const text = q.str('questionData');
    if (text !== undefined) {
      if (text.trim() === '') throw fieldError(q.path('questionData'), 'ERROR_BLANK');
      question.questionData = text;
    }
    question.allowCustomAnswer = q.bool('allowCustomAnswer') ?? question.allowCustomAnswer;
    question.order = q.int('order', { min: 0 }) ?? question.order;
    for (const a of q.objList('answers') ?? []) patchAnswer(state, question, a);
  }
  return next;
}

function patchAnswer(state: SandboxState, question: TestQuestion, a: Input): void {
  const answerId = a.int('answerId', { min: 1 });
  if (answerId === undefined) {
    question.answers.push(newAnswer(state, a, question.answers.length + 1));
    return;
  }
  const index = question.answers.findIndex((x) => x.id === answerId);
  if (index === -1) throw fieldError(a.path('answerId'), `no answer ${answerId} in this question`);
  if (destroyed(a)) {
    question.answers.splice(index, 1);
    return;
  }
  const answer = question.answers[index] as TestAnswer;
  answer.answerData = a.str('answerData') ?? answer.answerData;
  answer.isCorrect = a.bool('isCorrect') ?? answer.isCorrect;
  answer.points = a.int('points', { min: -1000, max: 1000 }) ?? answer.points;
  answer.order = a.int('order', { min: 0 }) ?? answer.order;
  if (a.obj('image') && destroyed(a.obj('image') as Input)) answer.imageUrl = null;
  answer.imageUrl = a.str('imageUrl') ?? answer.imageUrl;
}
