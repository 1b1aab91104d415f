// Questions area, Q1–Q4: questions with their answers, moderation, and no posting unless live.
import { findAuthor, questionsOf, type Question } from '../conversation.js';
import { formatIso } from '../dates.js';
import { fieldError, notFound } from '../errors.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { nextId, type SessionRec } from '../state.js';
import { requireLive } from './chat.js';
import { findSession } from './events.js';
import { tzName } from './events-view.js';

export function registerQuestionRoutes(router: Router): void {
  router
    .add('GET', '/eventsessions/{eventSessionId}/questions', listQuestions)
    .add('POST', '/eventsessions/{eventSessionId}/questions', postQuestion)
    .add('DELETE', '/eventsessions/{eventSessionId}/questions', deleteQuestions)
    .add('PUT', '/eventsessions/{eventSessionId}/questions/moderate', moderateQuestions);
}

const sessionOf = (ctx: RouteContext) => findSession(ctx.state, Number(ctx.params.eventSessionId));

/** The documented question object (api §7). */
function questionView(s: SessionRec, q: Question) {
  const tz = tzName(s.timezoneId);
  return {
    id: q.id,
    createAt: formatIso(q.createdAt, tz),
    text: q.text,
    // The doc's user also has createAt (account creation); the sandbox has no such date.
    user: { id: q.userId, nickname: q.nickname },
    answers: q.answers.map((a) => ({
      id: a.id,
      createAt: formatIso(a.createdAt, tz),
      text: a.text,
      user: { id: a.userId, nickname: a.nickname },
      isModerated: a.isModerated,
    })),
    isModerated: q.isModerated,
    isAnswered: q.answers.length > 0,
  };
}

/** Q1. One filter at a time: questionId, then onlyOnModeration (wins over userId), then userId. */
function listQuestions(ctx: RouteContext): RouteResult {
  const { state, input } = ctx;
  const s = sessionOf(ctx);
  const questionId = input.int('questionId', { min: 1 });
  const userId = input.int('userId', { min: 1 });
  const onlyOnModeration = input.bool('onlyOnModeration') ?? false;
  const picked = questionsOf(state, s.id)
    .filter((q) => {
      if (questionId !== undefined) return q.id === questionId;
      if (onlyOnModeration) return !q.isModerated;
      return userId === undefined || q.userId === userId;
    })
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  return { status: 200, body: picked.map((q) => questionView(s, q)) };
}

/**
 * Q2. Asks (default author: the organisation owner) or, with questionId, answers. Members'
 * questions and answers are published at once; participants' questions wait for moderation.
 */
function postQuestion(ctx: RouteContext): RouteResult {
  const { state, input, now } = ctx;
  const s = sessionOf(ctx);
  const text = (input.str('text', true) as string).trim();
  if (!text) throw fieldError('text', 'ERROR_BLANK');
  const questionId = input.int('questionId', { min: 1 });
  const userId = input.int('userId', { min: 1 }) ?? state.organization.ownerId;
  requireLive(s);
  const author = findAuthor(state, s, userId);
  if (!author) throw notFound(`User ${userId} in event session ${s.id}`);
  if (questionId !== undefined) {
    const q = state.questions.get(questionId);
    if (!q || q.eventSessionId !== s.id) throw notFound(`Question ${questionId}`);
    q.answers.push({
      id: nextId(state, 'question'),
      userId: author.userId,
      nickname: author.nickname,
      text,
      isModerated: true,
      createdAt: now,
    });
    return { status: 201, body: questionView(s, q) };
  }
  const q: Question = {
    id: nextId(state, 'question'),
    eventSessionId: s.id,
    userId: author.userId,
    nickname: author.nickname,
    text,
    isModerated: author.isMember,
    answers: [],
    createdAt: now,
  };
  state.questions.set(q.id, q);
  return { status: 201, body: questionView(s, q) };
}

/** Q3. No filter deletes every question; questionId may also name an answer. */
function deleteQuestions(ctx: RouteContext): RouteResult {
  const { state, input } = ctx;
  const s = sessionOf(ctx);
  const questionId = input.int('questionId', { min: 1 });
  const userId = input.int('userId', { min: 1 });
  const onlyNotModerated = input.bool('onlyNotModerated') ?? false;
  const own = questionsOf(state, s.id);
  if (questionId !== undefined) {
    const parent = own.find((q) => q.answers.some((a) => a.id === questionId));
    if (parent) {
      parent.answers = parent.answers.filter((a) => a.id !== questionId);
      return { status: 204 };
    }
    if (!own.some((q) => q.id === questionId)) throw notFound(`Question ${questionId}`);
  }
  for (const q of own) {
    if (questionId !== undefined && q.id !== questionId) continue;
    if (userId !== undefined && q.userId !== userId) continue;
    if (onlyNotModerated && q.isModerated) continue;
    state.questions.delete(q.id);
  }
  return { status: 204 };
}

/** Q4. `questionIds[]` (the doc also says `messageIds[]` once: both accepted); no filter: all. */
function moderateQuestions(ctx: RouteContext): RouteResult {
  const { state, input } = ctx;
  const s = sessionOf(ctx);
  const publish = input.bool('isModerated') ?? false; // INFERRED default, as for chat (CH4)
  const ids = input.intList('questionIds') ?? input.intList('messageIds');
  const userId = input.int('userId', { min: 1 });
  const picked = questionsOf(state, s.id).filter(
    (q) => (!ids || ids.includes(q.id)) && (userId === undefined || q.userId === userId),
  );
  for (const q of picked) q.isModerated = publish;
  return { status: 200, body: picked.map((q) => questionView(s, q)) };
}
