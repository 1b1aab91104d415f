// Organisation members (reference §10, M1): the employees who own and host events.
import { z } from 'zod';
import { defineTool } from './define.js';
import * as f from './fields.js';
import { apiPaging } from './paging.js';
import { type Row } from './rows.js';

const paging = apiPaging([10, 50, 100, 250, 500], 50);

export const membersTools = [
  defineTool({
    name: 'list_members',
    title: 'List members',
    description:
      "List the organisation's employees (user id, name, e-mail, role, position). The id is the userId that event owners, hosts (lectorIds) and list_member_events take.",
    method: 'GET',
    path: '/organization/members',
    input: z.object({
      userId: f.memberUserId.optional().describe('Only this member (user id).'),
      role: z.enum(['admin', 'lecturer']).optional().describe('Only admins or only lecturers.'),
      email: z.string().min(3).max(254).optional().describe('Exact e-mail.'),
      position: z.string().min(1).max(255).optional().describe('Job title.'),
      ...paging.input,
    }),
    toParams: ({ userId, ...rest }) => ({ ...paging.params(rest), id: userId }),
    shape: (data, input) =>
      paging.pageOf(data, input, (m: Row) => ({
        id: m.id,
        name: m.name,
        secondName: m.secondName,
        email: m.email,
        role: m.role,
        position: m.position,
      })),
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
