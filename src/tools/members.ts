// The organisation: its members (M1), the token's own user (A1), its webhook URLs (W1–W3) and
// event ownership.
// Codes point into docs/api.md; the profile and webhook answers are INFERRED there, so the
// shapes below accept the body bare or wrapped in `data`.
import { z } from 'zod';
import { defineTool } from './define.js';
import * as f from './fields.js';
import { InputError } from './errors.js';
import { apiPaging } from './paging.js';
import { type Row } from './rows.js';
import { apiProbe, nameMatches } from './name-match.js';

const paging = apiPaging([10, 50, 100, 250, 500], 50);

/** Webhook event names are dotted words, e.g. `eventSession.startsAt.changed` (H19419). */
const EVENT_NAME = /^[A-Za-z]+(\.[A-Za-z]+)+$/;

/** The newer methods wrap their answer in `data`; older ones answer bare (api §11.3). */
const unwrap = (data: unknown): Row => {
  const row = (data ?? {}) as Row;
  return (row.data && typeof row.data === 'object' ? row.data : row) as Row;
};
const hooksOf = (data: unknown): Row[] => {
  if (Array.isArray(data)) return data as Row[];
  const items = unwrap(data).items;
  return Array.isArray(items) ? (items as Row[]) : [];
};
const pickHook = (h: Row) => ({
  webhookId: h.id,
  url: h.url,
  events: h.events,
  createdAt: h.createdAt,
});

export const membersTools = [
  defineTool({
    name: 'list_members',
    title: 'List members',
    description:
      "The organisation's employees: user id (for ownerId, lectorIds, list_events userId), name, e-mail, role, position.",
    method: 'GET',
    path: '/organization/members',
    input: z.object({
      userId: f.memberUserId.optional().describe('Only this member (user id).'),
      role: z.enum(['admin', 'lecturer']).optional().describe('Only admins or only lecturers.'),
      email: z.string().min(3).max(254).optional().describe('Exact e-mail.'),
      position: z.string().min(1).max(255).optional().describe('Job title.'),
      ...paging.input,
    }),
    // A job title as people write it (стажер finds Стажёр-методист): a probe out, the match here.
    toParams: ({ userId, position, ...rest }) => ({
      ...paging.params(rest),
      id: userId,
      position: position ? apiProbe(position, 'text') : undefined,
    }),
    shape: (data, input) => {
      const page = paging.pageOf(data, input, (m: Row) => ({
        id: m.id,
        name: m.name,
        secondName: m.secondName,
        email: m.email,
        role: m.role,
        position: m.position,
      }));
      const { position } = input;
      return position
        ? { ...page, items: page.items.filter((m) => nameMatches(position, m.position, 'text')) }
        : page;
    },
  }),
  defineTool({
    name: 'get_profile',
    title: 'Get my profile',
    description: 'The user every call runs as (the token owner) and their organisation.',
    method: 'GET',
    path: '/profile',
    input: z.object({}),
    shape: (data) => {
      const u = unwrap(data);
      const org = (u.organization ?? {}) as Row;
      return {
        userId: u.id,
        name: [u.name, u.secondName].filter(Boolean).join(' '),
        email: u.email,
        role: u.role,
        organization: { id: org.id ?? u.organizationId, name: org.name, alias: org.alias },
      };
    },
  }),
  defineTool({
    name: 'list_webhooks',
    title: 'List webhooks',
    description: 'Webhook URLs with their webhookId and events.',
    method: 'GET',
    path: '/webhooks',
    input: z.object({}),
    shape: (data) => ({ items: hooksOf(data).map(pickHook) }),
  }),
  defineTool({
    name: 'create_webhook',
    title: 'Create webhook',
    description: 'Register a URL to get event notifications as JSON POSTs (at most 20 URLs).',
    method: 'POST',
    path: '/webhooks/create',
    input: z.object({
      url: z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .describe('https://… receiver.'),
      events: z
        .array(z.string().max(100))
        .max(50)
        .optional()
        .describe('e.g. eventSession.created, convertedRecord.ready; default all.'),
    }),
    toParams: (input) => {
      const bad = input.events?.findIndex((e) => !EVENT_NAME.test(e)) ?? -1;
      if (bad >= 0) {
        throw new InputError(`events[${bad}]`, 'expected an event name like eventSession.created');
      }
      return input;
    },
    shape: (data) => {
      const h = unwrap(data);
      return { webhookId: h.id ?? h.webhookId, url: h.url, events: h.events };
    },
  }),
  defineTool({
    name: 'delete_webhook',
    title: 'Delete webhook',
    description: 'Stop notifications to one webhook URL.',
    method: 'POST',
    path: '/webhooks/{webhookId}/delete',
    input: z.object({ webhookId: f.id('Webhook id (list_webhooks).') }),
    annotations: { destructiveHint: true, idempotentHint: true },
    idempotent: true,
    confirm: (input) => `Delete webhook ${input.webhookId}? Its URL stops getting notifications.`,
  }),
  // An /organization/ operation whose user id comes from list_members: it lives with the
  // members, off by default, rather than costing every conversation its tokens.
  defineTool({
    name: 'change_event_owner',
    title: 'Change event owner',
    description: 'Hand an event over to another member; it then runs on their behalf.',
    method: 'PUT',
    path: '/organization/events/{eventId}/move',
    input: z.object({
      eventId: f.eventId,
      userId: f.memberUserId.describe('New owner (list_members).'),
    }),
  }),
];
