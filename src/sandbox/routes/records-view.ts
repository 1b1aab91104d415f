// Recordings and conversions as the API shows them (api §5), plus the two rules that follow the
// sandbox clock: which sessions have a recording, and how far a conversion has got.
import type { ConversionRec, ConversionState, RecordRec } from '../content-types.js';
import { formatIso, formatPlain } from '../dates.js';
import { nextId, type SandboxState } from '../state.js';
import { PUBLIC_HOST } from './hosts.js';

export const STORAGE_HOST = 'https://events-storage.webinar.ru';
/** Records and tests print plain `YYYY-MM-DD HH:MM:SS` in the organisation's zone (INFERRED). */
export const ORG_TZ = 'Europe/Moscow';
/** Share of a conversion's time spent `waiting` in the queue before `processing` (INFERRED). */
const WAITING_SHARE = 0.2;
const DAY_SECONDS = 86_400;

export interface ConversionStatus {
  state: ConversionState;
  progress: number;
}

/** waiting → processing (progress 0–99) → completed (100), on the sandbox clock. */
export function conversionStatus(c: ConversionRec, now: number): ConversionStatus {
  if (c.finalState) return { state: c.finalState, progress: 0 };
  if (now >= c.readyAt) return { state: 'completed', progress: 100 };
  const total = c.readyAt - c.createdAt;
  const queued = total * WAITING_SHARE;
  const elapsed = now - c.createdAt;
  if (elapsed < queued) return { state: 'waiting', progress: 0 };
  return {
    state: 'processing',
    progress: Math.min(99, Math.floor(((elapsed - queued) / (total - queued)) * 100)),
  };
}

export const isRunning = (c: ConversionRec, now: number) => {
  const { state } = conversionStatus(c, now);
  return state === 'waiting' || state === 'processing';
};

/**
 * Every session that ran (started and stopped) was recorded (INFERRED: recording is on by
 * default). Records appear lazily, so sessions stopped at run time get one too; a deleted
 * record stays in the map as deleted and is not re-created.
 */
export function syncRecords(state: SandboxState): void {
  const recorded = new Set<number>();
  for (const r of state.records.values()) recorded.add(r.eventSessionId);
  for (const s of state.sessions.values()) {
    if (s.status !== 'STOP' || s.startedAt === null || s.stoppedAt === null) continue;
    if (recorded.has(s.id)) continue;
    const ev = state.events.get(s.eventId);
    const duration = Math.max(1, Math.round((s.stoppedAt - s.startedAt) / 1000));
    const id = nextId(state, 'record');
    state.records.set(id, {
      id,
      eventSessionId: s.id,
      eventId: s.eventId,
      ownerId: ev?.ownerId ?? s.createUserId,
      name: s.name,
      duration,
      // About 0.6 MB a minute of replay data, varied a little per record.
      size: duration * 10_000 + (id % 997) * 13,
      isViewable: true,
      password: '',
      viewAccess: 'all',
      createdAt: s.stoppedAt,
      deleted: false,
    });
  }
}

export const tooLongToConvert = (r: RecordRec) => r.duration >= DAY_SECONDS;

export function recordLink(state: SandboxState, r: RecordRec): string {
  const ownerId = state.events.get(r.eventId)?.ownerId ?? r.ownerId;
  return `${PUBLIC_HOST}/${ownerId}/${r.eventId}/record-new/${r.eventSessionId}`;
}

/** R1 item: the fixture's fields, plus the session, length and audience (INFERRED). */
export function recordView(state: SandboxState, r: RecordRec) {
  return {
    id: r.id,
    name: r.name,
    link: recordLink(state, r),
    isViewable: r.isViewable,
    hasPassword: r.password !== '',
    size: r.size,
    createAt: formatPlain(r.createdAt, ORG_TZ),
    eventSessionId: r.eventSessionId,
    eventId: r.eventId,
    userId: r.ownerId,
    duration: r.duration,
    viewAccess: r.viewAccess,
  };
}

const mp4Url = (c: ConversionRec) =>
  `${STORAGE_HOST}/api-storage/files/converted/${c.id}/record-${c.recordId}-${c.quality}p.mp4`;

/** R9/R10 row; `downloadUrl` only once completed (SEEN ONCE). */
export function conversionRow(c: ConversionRec, now: number) {
  const status = conversionStatus(c, now);
  return {
    id: c.id,
    ...status,
    quality: c.quality,
    view: c.view,
    recordFileId: c.recordId,
    recordFile: { id: c.recordId },
    eventSessionId: c.eventSessionId,
    createAt: formatPlain(c.createdAt, ORG_TZ),
    ...(status.state === 'completed' ? { downloadUrl: mp4Url(c) } : {}),
  };
}

/** F2 with a conversion id: the MP4 as a file object (`typeFile` ConvertedRecord). */
export function conversionFileView(state: SandboxState, c: ConversionRec, now: number) {
  const status = conversionStatus(c, now);
  const record = state.records.get(c.recordId);
  const done = status.state === 'completed';
  const owner = state.members.get(c.ownerId);
  return {
    id: c.id,
    isDeleted: false,
    createAt: formatIso(c.createdAt, ORG_TZ),
    name: `${record?.name ?? `record-${c.recordId}`}.mp4`,
    type: 'file',
    typeFile: 'ConvertedRecord',
    format: 'mp4',
    mimeType: 'video/mp4',
    user: owner
      ? {
          id: owner.id,
          nickname: owner.nickname,
          type: 'USER',
          name: owner.name,
          secondName: owner.secondName,
        }
      : null,
    parent: null,
    size: done
      ? Math.round((record?.duration ?? 60) * (c.quality === 1080 ? 250_000 : 125_000))
      : 0,
    state: status.state,
    progress: status.progress,
    convertedAt: done ? formatIso(c.readyAt, ORG_TZ) : null,
    ...(done ? { url: mp4Url(c), downloadUrl: mp4Url(c) } : {}),
  };
}
