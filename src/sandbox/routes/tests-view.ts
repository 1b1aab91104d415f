// Tests as the API shows them (T4), grading of submitted answers, and the result views
// (T9 results with per-question statistics, T10 free-text answers, T11 one user's results).
import type {
  Passing,
  TestQuestion,
  TestRec,
  TestSessionRec,
  UserAnswer,
} from '../content-types.js';
import { formatPlain } from '../dates.js';
import type { SandboxState } from '../state.js';
import { ORG_TZ } from './records-view.js';

const plain = (ms: number | null) => (ms === null ? null : formatPlain(ms, ORG_TZ));

/** A test session ends by T6, or when its webinar session stops (INFERRED). */
export function endOf(state: SandboxState, ts: TestSessionRec): number | null {
  if (ts.endTime !== null) return ts.endTime;
  const s = state.sessions.get(ts.eventSessionId);
  return s?.status === 'STOP' ? (s.stoppedAt ?? s.startsAt) : null;
}

/** T4. Test-session ids (and their session ids) are strings, as in the docs' example. */
export function testView(state: SandboxState, t: TestRec, testSessionId?: number) {
  const sessions = [...state.testSessions.values()].filter(
    (ts) => ts.testId === t.id && (testSessionId === undefined || ts.id === testSessionId),
  );
  return {
    id: t.id,
    userId: t.userId,
    name: t.name,
    type: t.type,
    assessType: t.assessType,
    minPoints: t.minPoints,
    minAnswers: t.minAnswers,
    duration: t.duration,
    questions: t.questions.map((q) => ({
      id: q.id,
      allowCustomAnswer: q.allowCustomAnswer,
      order: q.order,
      questionData: q.questionData,
      answers: q.answers.map((a) => ({
        id: a.id,
        isCorrect: a.isCorrect,
        points: a.points,
        order: a.order,
        answerData: a.answerData,
        ...(a.imageUrl ? { imageUrl: a.imageUrl } : {}),
      })),
    })),
    testSessions: sessions.map((ts) => ({
      id: String(ts.id),
      startTime: plain(ts.startTime),
      endTime: plain(endOf(state, ts)),
      eventSessionId: String(ts.eventSessionId),
      complexResultsShared: ts.complexResultsShared,
      individualResultsShared: ts.individualResultsShared,
    })),
  };
}

/**
 * Grades one answer. Choices: correct when exactly the correct options were chosen, points
 * are the sum of the chosen options' points (INFERRED). Free text alone waits for T8 (null).
 */
export function grade(
  q: TestQuestion,
  answer: Omit<UserAnswer, 'isCorrect' | 'points'>,
): UserAnswer {
  if (answer.answerIds.length === 0 && answer.customAnswer) {
    return { ...answer, isCorrect: null, points: 0 };
  }
  const correct = new Set(q.answers.filter((a) => a.isCorrect).map((a) => a.id));
  const chosen = new Set(answer.answerIds);
  const isCorrect =
    correct.size > 0 && correct.size === chosen.size && [...chosen].every((id) => correct.has(id));
  const points = q.answers.filter((a) => chosen.has(a.id)).reduce((sum, a) => sum + a.points, 0);
  return { ...answer, isCorrect, points };
}

function summary(t: TestRec, p: Passing) {
  const pointsSum = p.answers.reduce((sum, a) => sum + a.points, 0);
  const correctlyAnsweredQuestions = p.answers.filter((a) => a.isCorrect === true).length;
  const isTestPassed =
    t.assessType === 'pointsSum'
      ? pointsSum >= t.minPoints
      : correctlyAnsweredQuestions >= t.minAnswers;
  return { pointsSum, correctlyAnsweredQuestions, isTestPassed };
}

/** Per question: how many chose each option, and how many wrote free text (INFERRED). */
function statistics(t: TestRec, passings: Passing[]) {
  return t.questions.map((q) => {
    const given = passings.flatMap((p) => p.answers.filter((a) => a.questionId === q.id));
    return {
      questionId: q.id,
      questionData: q.questionData,
      answeredCount: given.length,
      customAnswersCount: given.filter((a) => a.customAnswer).length,
      answers: q.answers.map((a) => ({
        answerId: a.id,
        answerData: a.answerData,
        isCorrect: a.isCorrect,
        chosenCount: given.filter((g) => g.answerIds.includes(a.id)).length,
      })),
    };
  });
}

/** T9 item. INFERRED inner fields of `users` (the docs' list is truncated). */
export function resultView(state: SandboxState, t: TestRec, ts: TestSessionRec) {
  const users = ts.passings.map((p) => ({
    userId: p.userId,
    email: p.email,
    name: p.name,
    secondName: p.secondName,
    startTime: plain(p.startTime),
    endTime: plain(p.endTime),
    isResultSubmitted: true,
    ...summary(t, p),
  }));
  return {
    id: ts.id,
    eventSessionId: ts.eventSessionId,
    startTime: plain(ts.startTime),
    endTime: plain(endOf(state, ts)),
    isComplexResultsShared: ts.complexResultsShared,
    isIndividualResultsShared: ts.individualResultsShared,
    usersCount: users.length,
    // Answers close an attempt at once (T7), so every user who answered has ended.
    endedCount: users.length,
    passedCount: users.filter((u) => u.isTestPassed).length,
    users,
    questions: statistics(t, ts.passings),
  };
}

/** T10 item. */
export function customAnswerView(t: TestRec, ts: TestSessionRec, p: Passing, a: UserAnswer) {
  const q = t.questions.find((x) => x.id === a.questionId);
  return {
    id: a.id,
    questionId: a.questionId,
    questionData: q?.questionData ?? '',
    questionImage: null,
    answerData: a.customAnswer,
    answerImage: null,
    isCorrect: a.isCorrect,
    points: a.points,
    isAssessed: a.isCorrect !== null,
    testSessionId: ts.id,
    eventSessionId: ts.eventSessionId,
    userId: p.userId,
    email: p.email,
    name: p.name,
    secondName: p.secondName,
  };
}

/** T11 passing: the docs' example fields, with the chosen answers per question. */
export function passingView(t: TestRec, ts: TestSessionRec, p: Passing) {
  return {
    testSessionId: ts.id,
    startTime: plain(p.startTime),
    endTime: plain(p.endTime),
    isResultSubmitted: true,
    ...summary(t, p),
    questions: p.answers.map((a) => {
      const q = t.questions.find((x) => x.id === a.questionId);
      return {
        questionId: a.questionId,
        questionData: q?.questionData ?? '',
        isCorrect: a.isCorrect,
        points: a.points,
        answers: [
          ...a.answerIds.map((id) => ({
            answerId: id,
            answerData: q?.answers.find((x) => x.id === id)?.answerData ?? '',
          })),
          ...(a.customAnswer ? [{ userAnswerId: a.id, customAnswer: a.customAnswer }] : []),
        ],
      };
    }),
  };
}
