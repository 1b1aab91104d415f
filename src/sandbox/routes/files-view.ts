// File-manager objects as the API shows them (api §8): files, folders, tests seen as files,
// recordings and MP4s, and the references that attach them to sessions and events.
import { createHash } from 'node:crypto';
import type { FileRec, FileRefRec, TestRec } from '../content-types.js';
import { formatIso } from '../dates.js';
import { notFound } from '../errors.js';
import type { SandboxState } from '../state.js';
import {
  ORG_TZ,
  STORAGE_HOST,
  conversionFileView,
  recordLink,
  syncRecords,
} from './records-view.js';

/** Where the sandbox's storage host takes uploads (F10, INFERRED from `uploadUrl`). */
export const UPLOAD_PATH = '/api-storage/app.php/upload';

function userOf(state: SandboxState, id: number) {
  const m = state.members.get(id);
  return m
    ? { id, nickname: m.nickname, type: 'USER', name: m.name, secondName: m.secondName }
    : { id, type: 'USER' };
}

const hash = (text: string) => createHash('md5').update(text).digest('hex');

function fileUrl(f: FileRec): string {
  return `${STORAGE_HOST}/api-storage/files/${hash(`file:${f.id}`).slice(0, 12)}/${encodeURIComponent(f.name)}`;
}

/** A file or folder. `origin` makes the upload link point at this sandbox while one is due. */
export function fileView(state: SandboxState, f: FileRec, origin?: string) {
  const parent = f.parentId === null ? null : state.files.get(f.parentId);
  const ready = f.type === 'file' && f.uploadToken === null;
  const ext = encodeURIComponent(f.format);
  return {
    id: f.id,
    isDeleted: f.deleted,
    createAt: formatIso(f.createdAt, ORG_TZ),
    name: f.name,
    type: f.type,
    typeFile: f.type === 'folder' ? undefined : f.typeFile,
    user: userOf(state, f.ownerId),
    parent: parent ? { id: parent.id, name: parent.name, type: 'folder' } : null,
    organization: { id: state.organization.id },
    path: pathOf(state, f),
    isShared: f.shared,
    size: f.size,
    format: f.type === 'folder' ? undefined : f.format,
    mimeType: f.type === 'folder' ? undefined : f.mimeType,
    isHidden: false,
    isSystem: false,
    ...(ready ? { url: fileUrl(f), downloadUrl: fileUrl(f) } : {}),
    ...(f.uploadToken !== null && origin
      ? { uploadUrl: `${origin}${UPLOAD_PATH}?token=${f.uploadToken}&extension=${ext}` }
      : {}),
  };
}

function pathOf(state: SandboxState, f: FileRec): string {
  const names: string[] = [];
  for (let cur: FileRec | undefined = f; cur;) {
    names.unshift(cur.name);
    cur = cur.parentId === null ? undefined : state.files.get(cur.parentId);
  }
  return `/${names.join('/')}`;
}

/** A test as a file-manager item (TestFile, api §9). */
export function testFileView(state: SandboxState, t: TestRec) {
  return {
    id: t.id,
    isDeleted: t.deleted,
    createAt: formatIso(t.createdAt, ORG_TZ),
    name: t.name,
    type: 'file',
    typeFile: 'test',
    user: userOf(state, t.userId),
    parent: null,
    size: 0,
    assessType: t.assessType,
    minPoints: t.minPoints,
    minAnswers: t.minAnswers,
    questionsCount: t.questions.length,
  };
}

/** F2: a file, a test, an MP4 (by conversion id, CONFIRMED) or a recording (typeFile record). */
export function anyFileView(state: SandboxState, id: number, now: number, origin?: string) {
  const f = state.files.get(id);
  if (f && !f.deleted) return fileView(state, f, origin);
  const t = state.tests.get(id);
  if (t && !t.deleted) return testFileView(state, t);
  const c = state.conversions.get(id);
  if (c) return conversionFileView(state, c, now);
  syncRecords(state);
  const r = state.records.get(id);
  if (r && !r.deleted) {
    return {
      id: r.id,
      isDeleted: false,
      createAt: formatIso(r.createdAt, ORG_TZ),
      name: r.name,
      type: 'file',
      typeFile: 'record',
      user: userOf(state, r.ownerId),
      size: r.size,
      url: recordLink(state, r),
      isViewable: r.isViewable,
      password: r.password !== '' ? '***' : '',
      eventSession: { id: r.eventSessionId },
    };
  }
  throw notFound(`File ${id}`);
}

/** F3 response and F5/F6 items. */
export function refView(state: SandboxState, ref: FileRefRec, now: number) {
  return {
    id: ref.id,
    isDeleted: false,
    createAt: formatIso(ref.createdAt, ORG_TZ),
    isShared: ref.isShared,
    eventSessionId: ref.eventSessionId ?? undefined,
    eventId: ref.eventId ?? undefined,
    file: anyFileView(state, ref.fileId, now),
  };
}

/** What a file reference is attached to: a session, or a whole event (the other one null). */
export type FileOwner = Pick<FileRefRec, 'eventSessionId' | 'eventId'>;

export const sameOwner = (ref: FileRefRec, o: FileOwner) =>
  ref.eventSessionId === o.eventSessionId && ref.eventId === o.eventId;

/**
 * The `files` of an E9 event or E10 session: what F3/F4 attached to it (only files and tests
 * can be attached). `fileType` follows the E10 fixture: `test`, else `presentation` (INFERRED
 * for documents, which the fixture does not show).
 */
export function attachedFiles(state: SandboxState, owner: FileOwner) {
  const refs = [...state.fileRefs.values()].filter((r) => sameOwner(r, owner));
  return refs.flatMap((ref) => {
    const f = state.files.get(ref.fileId);
    if (f && !f.deleted) {
      return [
        { id: f.id, name: f.name, format: f.format, url: fileUrl(f), fileType: 'presentation' },
      ];
    }
    const t = state.tests.get(ref.fileId);
    return t && !t.deleted ? [{ id: t.id, name: t.name, fileType: 'test' }] : [];
  });
}
