// Files area, F1–F9, plus the INFERRED upload/delete flow of F10: create the entry
// (POST /fileSystem/files → uploadUrl), send the bytes to the storage host, delete by id.
import { createHash } from 'node:crypto';
import type { FileRec } from '../content-types.js';
import { HttpError, conflict, fieldError, notFound } from '../errors.js';
import type { RouteContext, RouteResult, Router } from '../router.js';
import { nextId, type SandboxState } from '../state.js';
import { findEvent, findSession } from './events.js';
import {
  UPLOAD_PATH,
  anyFileView,
  fileView,
  refView,
  sameOwner,
  testFileView,
  type FileOwner,
} from './files-view.js';

const NO_CONTENT: RouteResult = { status: 204 };

/** Extension → [typeFile, mimeType] for uploads (INFERRED from the typeFile enumeration). */
const KINDS: Record<string, [string, string]> = {
  pdf: ['presentation', 'application/pdf'],
  ppt: ['presentation', 'application/vnd.ms-powerpoint'],
  pptx: [
    'presentation',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
  mp4: ['video', 'video/mp4'],
  png: ['image', 'image/png'],
  jpg: ['image', 'image/jpeg'],
  jpeg: ['image', 'image/jpeg'],
  docx: ['document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  txt: ['document', 'text/plain'],
};

export const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

export function kindOf(name: string): [string, string] {
  return KINDS[extensionOf(name)] ?? ['document', 'application/octet-stream'];
}

export function registerFileRoutes(router: Router): void {
  router
    .add('GET', '/fileSystem/files', listFiles)
    .add('POST', '/fileSystem/files', createUpload) // F10, INFERRED
    .add('GET', '/fileSystem/file/{fileId}', (ctx) => ({
      status: 200,
      body: anyFileView(ctx.state, Number(ctx.params.fileId), ctx.now, ctx.origin),
    }))
    .add('DELETE', '/fileSystem/file/{fileId}', deleteFile) // F10, INFERRED
    .add('POST', '/eventsessions/{eventSessionId}/files', (ctx) => attach(ctx, 'session'))
    .add('GET', '/eventsessions/{eventSessionId}/files', (ctx) => listRefs(ctx, 'session'))
    .add('DELETE', '/eventsessions/{eventSessionId}/files', detachAll)
    .add('PUT', '/eventsessions/{eventSessionId}/files/{fileReferenceId}', setShared)
    .add('DELETE', '/eventsessions/{eventSessionId}/files/{fileId}', detachOne)
    .add('POST', '/events/{eventId}/files', (ctx) => attach(ctx, 'event'))
    .add('GET', '/events/{eventId}/files', (ctx) => listRefs(ctx, 'event'))
    .add('POST', UPLOAD_PATH, receiveUpload);
}

function findFile(state: SandboxState, id: number): FileRec {
  const f = state.files.get(id);
  if (!f || f.deleted) throw notFound(`File ${id}`);
  return f;
}

/**
 * F1. INFERRED: without `parent` the root level is listed (one script recurses into folders);
 * `isShared` switches to the shared folder; tests are file-manager items too (api §9).
 */
function listFiles({ state, input, origin }: RouteContext): RouteResult {
  const userId = input.int('user', { min: 1 });
  const parentId = input.int('parent', { min: 1 }) ?? null;
  if (parentId !== null) {
    const parent = findFile(state, parentId);
    if (parent.type !== 'folder') throw fieldError('parent', 'is not a folder');
  }
  const format = input.str('format')?.toLowerCase().replace(/^\./, '');
  const shared = input.bool('isShared') ?? false;
  const files = [...state.files.values()].filter(
    (f) =>
      !f.deleted &&
      f.uploadToken === null &&
      f.parentId === parentId &&
      f.shared === shared &&
      (userId === undefined || f.ownerId === userId) &&
      (format === undefined || (f.type === 'file' && f.format === format)),
  );
  const body: unknown[] = files.map((f) => fileView(state, f, origin));
  if (parentId === null && !shared && !format) {
    for (const t of state.tests.values()) {
      if (!t.deleted && (userId === undefined || t.userId === userId)) {
        body.push(testFileView(state, t));
      }
    }
  }
  return { status: 200, body };
}

/** F10 step 1 (INFERRED): an empty entry whose `uploadUrl` takes the bytes. */
function createUpload({ state, input, now, origin }: RouteContext): RouteResult {
  const name = (input.str('name', true) as string).trim();
  if (name === '' || name.length > 255 || /[/\\]/.test(name)) {
    throw fieldError('name', 'must be 1-255 characters without slashes');
  }
  const parentId = input.int('parent', { min: 1 }) ?? null;
  let shared = false;
  if (parentId !== null) {
    const parent = findFile(state, parentId);
    if (parent.type !== 'folder') throw fieldError('parent', 'is not a folder');
    shared = parent.shared;
  }
  const [typeFile, mimeType] = kindOf(name);
  const id = nextId(state, 'file');
  const f: FileRec = {
    id,
    name,
    type: 'file',
    typeFile,
    format: extensionOf(name),
    mimeType,
    size: 0,
    parentId,
    ownerId: input.int('userId', { min: 1 }) ?? state.organization.ownerId,
    shared,
    createdAt: now,
    uploadToken: createHash('sha256').update(`upload:${id}:${now}`).digest('hex').slice(0, 32),
    deleted: false,
  };
  state.files.set(id, f);
  return { status: 201, body: fileView(state, f, origin) };
}

/** F10 step 2 on the storage host: the raw bytes, authorised by the token in the URL. */
function receiveUpload({ state, query, bodyBytes, origin }: RouteContext): RouteResult {
  const token = typeof query.token === 'string' ? query.token : '';
  const f = token
    ? [...state.files.values()].find((x) => x.uploadToken === token && !x.deleted)
    : undefined;
  if (!f) throw new HttpError(403, 'Upload token is invalid or already used');
  if (bodyBytes <= 0) throw fieldError('file', 'ERROR_BLANK');
  const ext = typeof query.extension === 'string' ? query.extension.toLowerCase() : '';
  if (ext && ext !== f.format) throw fieldError('extension', `expected ${f.format || 'none'}`);
  f.size = bodyBytes;
  f.uploadToken = null;
  return { status: 200, body: fileView(state, f, origin) };
}

/** F10 delete (INFERRED): detaches it everywhere; a folder must be empty first. */
function deleteFile({ state, params }: RouteContext): RouteResult {
  const f = findFile(state, Number(params.fileId));
  if (
    f.type === 'folder' &&
    [...state.files.values()].some((x) => !x.deleted && x.parentId === f.id)
  ) {
    throw conflict('Folder is not empty');
  }
  f.deleted = true;
  for (const [id, ref] of state.fileRefs) if (ref.fileId === f.id) state.fileRefs.delete(id);
  return NO_CONTENT;
}

type Owner = 'session' | 'event';

function ownerOf(ctx: RouteContext, owner: Owner): FileOwner {
  if (owner === 'session') {
    return {
      eventSessionId: findSession(ctx.state, Number(ctx.params.eventSessionId)).id,
      eventId: null,
    };
  }
  return { eventSessionId: null, eventId: findEvent(ctx.state, Number(ctx.params.eventId)).id };
}

/** F3/F4. `fileId` is a file-manager file or a test. Attaching twice returns the same reference (INFERRED). */
function attach(ctx: RouteContext, owner: Owner): RouteResult {
  const { state, input, now } = ctx;
  const o = ownerOf(ctx, owner);
  const fileId = input.int('fileId', { required: true, min: 1 }) as number;
  const f = state.files.get(fileId);
  const t = state.tests.get(fileId);
  if (f && !f.deleted) {
    if (f.type === 'folder') throw fieldError('fileId', 'is a folder; attach files one by one');
    if (f.uploadToken !== null) throw conflict(`File ${fileId} has not been uploaded yet`);
  } else if (!t || t.deleted) {
    throw notFound(`File ${fileId}`);
  }
  let ref = [...state.fileRefs.values()].find((r) => r.fileId === fileId && sameOwner(r, o));
  if (!ref) {
    ref = { id: nextId(state, 'fileRef'), ...o, fileId, isShared: false, createdAt: now };
    state.fileRefs.set(ref.id, ref);
  }
  return { status: 201, body: refView(state, ref, now) };
}

/** F5/F6, with the optional `fileId` filter (SEEN ONCE). */
function listRefs(ctx: RouteContext, owner: Owner): RouteResult {
  const o = ownerOf(ctx, owner);
  const fileId = ctx.input.int('fileId', { min: 1 });
  const refs = [...ctx.state.fileRefs.values()].filter(
    (r) => sameOwner(r, o) && (fileId === undefined || r.fileId === fileId),
  );
  return { status: 200, body: refs.map((r) => refView(ctx.state, r, ctx.now)) };
}

/** F7. `isShared` is required. */
function setShared(ctx: RouteContext): RouteResult {
  const o = ownerOf(ctx, 'session');
  const ref = ctx.state.fileRefs.get(Number(ctx.params.fileReferenceId));
  if (!ref || !sameOwner(ref, o)) throw notFound(`File reference ${ctx.params.fileReferenceId}`);
  ref.isShared = ctx.input.bool('isShared', true) as boolean;
  return NO_CONTENT;
}

/** F8. INFERRED: the id is the attached file's id, as the docs name it. */
function detachOne(ctx: RouteContext): RouteResult {
  const o = ownerOf(ctx, 'session');
  const fileId = Number(ctx.params.fileId);
  const ref = [...ctx.state.fileRefs.values()].find((r) => r.fileId === fileId && sameOwner(r, o));
  if (!ref) throw notFound(`File ${fileId} attached to event session ${o.eventSessionId}`);
  ctx.state.fileRefs.delete(ref.id);
  return NO_CONTENT;
}

function detachAll(ctx: RouteContext): RouteResult {
  const o = ownerOf(ctx, 'session');
  for (const [id, ref] of ctx.state.fileRefs) if (sameOwner(ref, o)) ctx.state.fileRefs.delete(id);
  return NO_CONTENT;
}
