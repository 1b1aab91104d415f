// Chat area, CH1–CH5: messages of a session, private messages, pre-moderation, and the rule
// that nothing is posted unless the session is live (409).
import { activityOf } from '../activity.js';
import { findAuthor, messagesOf, type ChatMessage } from '../conversation.js';
import { formatIso } from '../dates.js';
import { HttpError, conflict, fieldError, notFound } from '../errors.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { nextId, type SessionRec } from '../state.js';
import { findSession } from './events.js';
import { tzName } from './events-view.js';

const NO_CONTENT: RouteResult = { status: 204 };
const DEFAULT_LIMIT = 100;

export function registerChatRoutes(router: Router): void {
  router
    .add('GET', '/eventsessions/{eventSessionId}/chat', listMessages)
    .add('POST', '/eventsessions/{eventSessionId}/chat', sendMessage)
    .add('DELETE', '/eventsessions/{eventSessionId}/chat', deleteMessages)
    .add('PUT', '/eventsessions/{eventSessionId}/chat', chatSettings)
    .add('PUT', '/eventsessions/{eventSessionId}/chat/messages/moderate', moderateMessages);
}

const sessionOf = (ctx: RouteContext) => findSession(ctx.state, Number(ctx.params.eventSessionId));

/** Chat posts and questions need a live session (api §14; the 409 code is INFERRED). */
export function requireLive(s: SessionRec): void {
  if (s.status === 'STOP') throw conflict('Event session is finished: nothing can be posted');
  if (s.status !== 'START') throw conflict('Event session is not started');
}

/** CH1/CH2 item; `authorName` is the recipient's name on a private message (api §6). */
function messageView(s: SessionRec, m: ChatMessage) {
  const tz = tzName(s.timezoneId);
  return {
    id: m.id,
    authorId: m.authorId,
    authorName: m.toUserId === null ? m.authorName : m.toName,
    toUserId: m.toUserId, // INFERRED: lets a client tell private messages apart
    text: m.text,
    isModerated: m.isModerated,
    sentByAdmin: m.sentByAdmin,
    avatarUrl: null,
    thumbnails: [],
    createAt: formatIso(m.createdAt, tz),
    updateAt: formatIso(m.updatedAt, tz),
    updateUserId: m.updateUserId,
    isDeleted: false,
    additionalData: '[]',
    attachments: [],
    user: { id: m.authorId, nickname: m.authorName, photo: null },
  };
}

/** CH1. Published (default) or hidden messages, the last `limit`, oldest first. */
function listMessages(ctx: RouteContext): RouteResult {
  const s = sessionOf(ctx);
  const { input } = ctx;
  const published = input.bool('isModerated') ?? true;
  const limit = input.int('limit', { min: 1, max: 10_000 }) ?? DEFAULT_LIMIT;
  const authorId = input.int('authorId', { min: 1 });
  const privateChat = input.bool('privateChat') ?? false;
  if (privateChat && authorId === undefined) {
    throw fieldError('authorId', 'required with privateChat=true');
  }
  const picked = messagesOf(ctx.state, s.id)
    .filter((m) => {
      if (privateChat)
        return m.toUserId !== null && (m.authorId === authorId || m.toUserId === authorId);
      if (m.toUserId !== null || m.isModerated !== published) return false;
      return authorId === undefined || m.authorId === authorId;
    })
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
    .slice(-limit);
  return { status: 200, body: picked.map((m) => messageView(s, m)) };
}

/** CH2. Default sender: the organisation owner. Pre-moderated chats hold participants' posts. */
function sendMessage(ctx: RouteContext): RouteResult {
  const { state, input, now } = ctx;
  const s = sessionOf(ctx);
  const text = (input.str('text', true) as string).trim();
  if (!text) throw fieldError('text', 'ERROR_BLANK');
  const fromId = input.int('fromUserId', { min: 1 }) ?? state.organization.ownerId;
  const toId = input.int('toUserId', { min: 1 });
  requireLive(s);
  const from = findAuthor(state, s, fromId);
  if (!from) throw notFound(`User ${fromId} in event session ${s.id}`);
  const to = toId === undefined ? undefined : findAuthor(state, s, toId);
  if (toId !== undefined && !to) throw notFound(`User ${toId} in event session ${s.id}`);
  const held = !to && !from.isMember && activityOf(state).chatPreModeration.has(s.id);
  const m: ChatMessage = {
    id: nextId(state, 'chatMessage'),
    eventSessionId: s.id,
    authorId: from.userId,
    authorName: from.nickname,
    toUserId: to?.userId ?? null,
    toName: to?.nickname ?? null,
    text,
    isModerated: !held,
    sentByAdmin: from.isMember,
    createdAt: now,
    updatedAt: now,
    updateUserId: null,
  };
  state.chatMessages.set(m.id, m);
  const view = messageView(s, m);
  // The documented answer has id, createAt, text and user; isModerated tells a held message.
  const body = { id: view.id, createAt: view.createAt, text: m.text, isModerated: m.isModerated };
  return { status: 201, body: { ...body, toUserId: m.toUserId, user: view.user } };
}

/** CH3. No filter deletes the whole chat. */
function deleteMessages(ctx: RouteContext): RouteResult {
  const { state, input } = ctx;
  const s = sessionOf(ctx);
  const messageId = input.int('messageId', { min: 1 });
  const userId = input.int('userId', { min: 1 });
  const onlyNotModerated = input.bool('onlyNotModerated') ?? false;
  const own = messagesOf(state, s.id);
  if (messageId !== undefined && !own.some((m) => m.id === messageId)) {
    throw notFound(`Chat message ${messageId}`); // INFERRED
  }
  for (const m of own) {
    if (messageId !== undefined && m.id !== messageId) continue;
    if (userId !== undefined && m.authorId !== userId) continue;
    if (onlyNotModerated && m.isModerated) continue;
    state.chatMessages.delete(m.id);
  }
  return NO_CONTENT;
}

/** CH4. Publish (`isModerated=true`) or hide (default) by ids and/or author; no filter: all. */
function moderateMessages(ctx: RouteContext): RouteResult {
  const { state, input, now } = ctx;
  const s = sessionOf(ctx);
  const publish = input.bool('isModerated') ?? false;
  const ids = input.intList('messageIds');
  const userId = input.int('userId', { min: 1 });
  const picked = messagesOf(state, s.id).filter(
    (m) => (!ids || ids.includes(m.id)) && (userId === undefined || m.authorId === userId),
  );
  for (const m of picked) {
    m.isModerated = publish;
    m.updatedAt = now;
    m.updateUserId = state.organization.ownerId;
  }
  return { status: 200, body: picked.map((m) => messageView(s, m)) };
}

/** CH5 (SEEN ONCE): `isModerated=on|off` switches pre-moderation; true/false/1/0 accepted too. */
function chatSettings(ctx: RouteContext): RouteResult {
  const s = sessionOf(ctx);
  const raw = ctx.input.str('isModerated', true)?.toLowerCase();
  const on = raw === 'on' || raw === 'true' || raw === '1';
  if (!on && raw !== 'off' && raw !== 'false' && raw !== '0') {
    throw new HttpError(400, 'Validation failed: isModerated must be on or off', {
      isModerated: 'must be on or off',
    });
  }
  const set = activityOf(ctx.state).chatPreModeration;
  if (on) set.add(s.id);
  else set.delete(s.id);
  return NO_CONTENT;
}
