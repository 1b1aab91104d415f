// Files area (reference §8, F1–F10): the file manager, and files or tests attached to sessions
// and series. F3/F4 and F5/F6 are one tool each, addressed by eventSessionId or eventId.
// upload_file and delete_file follow an UNVERIFIED flow (see file-upload.ts).
import { z } from 'zod';
import type { ApiError } from '../api/errors.js';
import { attachedLeft } from './after-change.js';
import * as cf from './content-fields.js';
import { defineTool } from './define.js';
import { InputError } from './errors.js';
import * as f from './fields.js';
import { rows, type Row } from './rows.js';
import { fileSubject, sessionSubject } from './subjects.js';
import { MAX_UPLOAD_BYTES, uploadFile, uploadInput } from './file-upload.js';

const pickFile = (x: Row) => ({
  id: x.id,
  name: x.name,
  type: x.type,
  typeFile: x.typeFile,
  format: x.format,
  size: x.size,
  parentId: (x.parent as Row | null | undefined)?.id,
  owner: (x.user as Row | undefined)?.nickname,
  createAt: x.createAt,
  state: x.state,
  progress: x.progress,
  downloadUrl: x.downloadUrl,
});

const pickRef = (r: Row) => ({
  id: r.id,
  allowDownload: r.isShared,
  file: r.file ? pickFile(r.file as Row) : undefined,
});

const bySessionOrEvent = {
  eventSessionId: f.eventSessionId
    .optional()
    .describe('The session (list_events), or give eventId.'),
  eventId: f.eventId.optional().describe('Or the whole event/series.'),
};

function owner(input: { eventSessionId?: number; eventId?: number }) {
  if ((input.eventSessionId === undefined) === (input.eventId === undefined)) {
    throw new InputError('eventSessionId', 'give exactly one of eventSessionId or eventId');
  }
  return input.eventSessionId !== undefined
    ? {
        path: '/eventsessions/{eventSessionId}/files',
        params: { eventSessionId: input.eventSessionId },
      }
    : { path: '/events/{eventId}/files', params: { eventId: input.eventId } };
}

const ownerHint = (err: ApiError) =>
  err.status === 404
    ? ' Nothing with that id: eventSessionId/eventId come from list_events, fileId from list_files (a test id from create_test).'
    : undefined;

export const filesTools = [
  defineTool({
    name: 'list_files',
    title: 'List files',
    description:
      'One folder of the file manager (default the root, which also lists tests); a folder id goes into parentId.',
    method: 'GET',
    path: '/fileSystem/files',
    input: z.object({
      parentId: cf.fileId.optional().describe('Folder id; default the root.'),
      ownerId: f.memberUserId.optional().describe('Only this member (list_members).'),
      format: z.string().min(1).max(10).optional().describe('Extension, e.g. pdf.'),
      shared: z.boolean().optional().describe('The shared folder.'),
    }),
    toParams: ({ parentId, ownerId, shared, format }) => ({
      parent: parentId,
      user: ownerId,
      isShared: shared,
      format,
    }),
    shape: (data) => ({ count: rows(data).length, items: rows(data).map(pickFile) }),
  }),
  defineTool({
    name: 'get_file',
    title: 'Get file',
    description: 'One file with its downloadUrl; also takes a conversionId (the MP4) or a test id.',
    method: 'GET',
    path: '/fileSystem/file/{fileId}',
    input: z.object({ fileId: cf.fileId }),
    shape: (data) => ({ ...pickFile(data as Row), url: (data as Row).url }),
  }),
  defineTool({
    name: 'attach_file',
    title: 'Attach file',
    description:
      'Attach a file or a test/poll to a session or a whole series. Returns the attachment id.',
    method: 'POST',
    path: '/eventsessions/files',
    input: z.object({
      fileId: cf.fileId.describe('File id (list_files) or test id (create_test).'),
      ...bySessionOrEvent,
    }),
    run: async ({ fileId, ...where }, ctx) => {
      const { path, params } = owner(where);
      const res = await ctx.client.request({
        method: 'POST',
        path,
        params: { ...params, fileId },
        signal: ctx.signal,
      });
      return pickRef((res.data ?? {}) as Row);
    },
    errorHint: ownerHint,
  }),
  defineTool({
    name: 'list_attached_files',
    title: 'List attached files',
    description:
      'Files and tests attached to a session or series, with attachment ids and download permission.',
    method: 'GET',
    path: '/eventsessions/files',
    input: z.object(bySessionOrEvent),
    run: async (input, ctx) => {
      const { path, params } = owner(input);
      const res = await ctx.client.request({ method: 'GET', path, params, signal: ctx.signal });
      return { count: rows(res.data).length, items: rows(res.data).map(pickRef) };
    },
    errorHint: ownerHint,
  }),
  defineTool({
    name: 'set_file_download',
    title: 'Allow file download',
    description: 'Allow or forbid participants to download a file attached to a session.',
    method: 'PUT',
    path: '/eventsessions/{eventSessionId}/files/{fileReferenceId}',
    input: z.object({
      eventSessionId: f.eventSessionId,
      fileReferenceId: cf.fileReferenceId,
      allowDownload: z.boolean().describe('true: downloadable.'),
    }),
    toParams: ({ allowDownload, ...rest }) => ({ ...rest, isShared: allowDownload }),
    shape: (_data, { eventSessionId, fileReferenceId, allowDownload }) => ({
      eventSessionId,
      fileReferenceId,
      participantsMayDownload: allowDownload,
    }),
  }),
  defineTool({
    name: 'detach_files',
    title: 'Detach files',
    description:
      'Detach one file or test (fileId = file.id in list_attached_files), or without fileId all of them, from a session. They stay in the file manager.',
    method: 'DELETE',
    path: '/eventsessions/{eventSessionId}/files',
    paths: { fileId: '/eventsessions/{eventSessionId}/files/{fileId}' },
    input: z.object({
      eventSessionId: f.eventSessionId,
      fileId: cf.fileId.optional().describe('Only this file; omit to detach all.'),
    }),
    confirm: async (input, ctx) => {
      const session = await sessionSubject(ctx, input.eventSessionId);
      return input.fileId === undefined
        ? `Detach ALL files and tests from ${session}?`
        : `Detach ${await fileSubject(ctx, input.fileId)} from ${session}?`;
    },
    shape: async (_data, { eventSessionId, fileId }, ctx) => ({
      detached: fileId === undefined ? 'every file and test' : `file ${fileId}`,
      eventSessionId,
      stillAttached: await attachedLeft(ctx, eventSessionId),
      note: 'detached files stay in the file manager',
    }),
  }),
  defineTool({
    name: 'upload_file',
    title: 'Upload file',
    description: `Upload a file (max ${MAX_UPLOAD_BYTES / 1024 / 1024} MB) from localPath or contentBase64 into the file manager. Unverified: the API documents no upload endpoint.`,
    method: 'POST',
    path: '/fileSystem/files',
    input: z.object(uploadInput),
    run: async (input, ctx) => pickFile(await uploadFile(input, ctx)),
    errorHint: (err) =>
      err.status === 404 || err.status === 405
        ? ' The upload endpoint this server assumes does not exist on this API (the flow is unverified): upload in the MTS Link web interface instead.'
        : undefined,
  }),
  defineTool({
    name: 'delete_file',
    title: 'Delete file',
    description:
      'Delete a file or empty folder from the file manager and every session. Unverified endpoint.',
    method: 'DELETE',
    path: '/fileSystem/file/{fileId}',
    input: z.object({ fileId: cf.fileId }),
    confirm: async (input, ctx) =>
      `Delete ${await fileSubject(ctx, input.fileId)} from the file manager and every session for good?`,
  }),
];
