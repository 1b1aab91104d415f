// Chat area (reference §6, CH1–CH5). Message texts and names are participant data: they arrive
// marked (untrusted-fields.ts) and results carry the note that says so.
import { z } from 'zod';
import { defineTool } from './define.js';
import { InputError } from './errors.js';
import * as f from './fields.js';
import { chatLeft } from './after-change.js';
import { sessionSubject } from './subjects.js';
import { rows, type Row } from './rows.js';

const DEFAULT_LIMIT = 100;

const user = (m: Row) => (m.user ?? {}) as Row;

/** One message; on a private message the API's authorName is the recipient (api §6). */
const pickMessage = (m: Row, isPrivate: boolean) => ({
  id: m.id,
  from: user(m).nickname ?? m.authorName,
  fromUserId: user(m).id ?? m.authorId,
  to: isPrivate ? m.authorName : undefined,
  toUserId: m.toUserId,
  text: m.text,
  published: m.isModerated,
  byHost: m.sentByAdmin === true ? true : undefined,
  at: m.createAt,
});

const whichMessages = (input: { messageId?: number; userId?: number; onlyHidden?: boolean }) =>
  `${
    input.messageId !== undefined
      ? `message ${input.messageId}`
      : input.userId !== undefined
        ? `every message of user ${input.userId}`
        : 'the whole chat'
  }${input.onlyHidden ? ' (hidden messages only)' : ''}`;

const messages = (data: unknown, isPrivate: boolean) =>
  rows(data).map((m) => pickMessage(m, isPrivate || m.toUserId != null));

export const chatTools = [
  defineTool({
    name: 'list_chat_messages',
    title: 'List chat messages',
    description:
      "Read a session's chat: published messages (default) or hidden ones awaiting moderation, one user's messages, or one user's private conversation. Returns the most recent `limit` messages, oldest first. eventSessionId from list_events.",
    method: 'GET',
    path: '/eventsessions/{eventSessionId}/chat',
    input: z.object({
      eventSessionId: f.eventSessionId,
      hidden: z
        .boolean()
        .optional()
        .describe('true: hidden messages (awaiting pre-moderation or hidden by a host).'),
      authorId: f.sessionUserId.optional().describe('Only messages sent by (or to) this user.'),
      privateChat: z
        .boolean()
        .optional()
        .describe('true: the private messages of authorId (needs authorId).'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .optional()
        .describe(`How many of the latest messages (default ${DEFAULT_LIMIT}).`),
    }),
    toParams: ({ hidden, privateChat, authorId, limit, ...rest }) => {
      if (privateChat && authorId === undefined) {
        throw new InputError('authorId', 'privateChat needs the user whose messages to read');
      }
      return { ...rest, isModerated: !hidden, authorId, privateChat, limit };
    },
    shape: (data, input) => {
      const items = messages(data, input.privateChat === true);
      const limit = input.limit ?? DEFAULT_LIMIT;
      return {
        items,
        count: items.length,
        more:
          items.length >= limit
            ? `older messages may exist: raise limit (max 1000) to see them`
            : undefined,
      };
    },
  }),
  defineTool({
    name: 'send_chat_message',
    title: 'Send chat message',
    description:
      'Post a message to the chat of a live session (status START; a finished one refuses), publicly or privately to toUserId. By default it comes from the organisation owner; fromUserId posts as another member or participant.',
    method: 'POST',
    path: '/eventsessions/{eventSessionId}/chat',
    input: z.object({
      eventSessionId: f.eventSessionId,
      text: z.string().min(1).max(4000).describe('Message text.'),
      fromUserId: f.sessionUserId.optional().describe('Sender (default: the organisation owner).'),
      toUserId: f.sessionUserId.optional().describe('Recipient: makes the message private.'),
    }),
    shape: (data) => {
      const m = data as Row;
      return {
        id: m.id,
        at: m.createAt,
        fromUserId: user(m).id,
        toUserId: m.toUserId,
        published: m.isModerated,
        note:
          m.isModerated === false
            ? 'The chat is pre-moderated: the message waits until a host publishes it (moderate_chat_messages).'
            : undefined,
      };
    },
  }),
  defineTool({
    name: 'delete_chat_messages',
    title: 'Delete chat messages',
    description:
      "Delete a session's whole chat, one user's messages (userId) or one message (messageId), optionally only hidden ones. Irreversible. Ids from list_chat_messages.",
    method: 'DELETE',
    path: '/eventsessions/{eventSessionId}/chat',
    input: z.object({
      eventSessionId: f.eventSessionId,
      messageId: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('Only this message (id from list_chat_messages).'),
      userId: f.sessionUserId.optional().describe('Only the messages of this user.'),
      onlyHidden: z.boolean().optional().describe('Only messages that are not published.'),
    }),
    toParams: ({ onlyHidden, ...rest }) => ({ ...rest, onlyNotModerated: onlyHidden }),
    confirm: async (input, ctx) =>
      `Delete ${whichMessages(input)} in ${await sessionSubject(ctx, input.eventSessionId)}?`,
    shape: async (_data, input, ctx) => ({
      deleted: whichMessages(input),
      eventSessionId: input.eventSessionId,
      messagesLeft: await chatLeft(ctx, input.eventSessionId),
    }),
  }),
  defineTool({
    name: 'moderate_chat_messages',
    title: 'Publish or hide chat messages',
    description:
      'Publish (publish: true) or hide (false) chat messages by id and/or author; with neither it applies to every message of the session. Ids from list_chat_messages.',
    method: 'PUT',
    path: '/eventsessions/{eventSessionId}/chat/messages/moderate',
    input: z.object({
      eventSessionId: f.eventSessionId,
      publish: z.boolean().describe('true publishes, false hides.'),
      messageIds: z
        .array(z.number().int().min(1))
        .min(1)
        .max(500)
        .optional()
        .describe('Messages to change (ids from list_chat_messages).'),
      userId: f.sessionUserId.optional().describe("Only this user's messages."),
    }),
    toParams: ({ publish, ...rest }) => ({ ...rest, isModerated: publish }),
    shape: (data) => {
      const items = messages(data, false).map((m) => ({
        id: m.id,
        from: m.from,
        published: m.published,
      }));
      return { count: items.length, items };
    },
  }),
  defineTool({
    name: 'set_chat_moderation',
    title: 'Switch chat pre-moderation',
    description:
      "Switch a session's chat pre-moderation on or off. When on, participants' messages stay hidden until a host publishes them with moderate_chat_messages.",
    method: 'PUT',
    path: '/eventsessions/{eventSessionId}/chat',
    input: z.object({
      eventSessionId: f.eventSessionId,
      preModeration: z
        .boolean()
        .describe('true: hold messages for moderation; false: post at once.'),
    }),
    // Sent as on/off (CH5; the wire form lives in api/wire-forms.ts).
    toParams: ({ preModeration, ...rest }) => ({ ...rest, isModerated: preModeration }),
    shape: (_data, { eventSessionId, preModeration }) => ({
      eventSessionId,
      preModeration,
      effect: preModeration
        ? "participants' new messages stay hidden until moderate_chat_messages publishes them"
        : 'new messages are posted at once',
    }),
  }),
];
