// MP4 conversions take minutes. A tool call may wait a bounded time (reporting progress, so a
// client that resets its timeout on progress keeps the call alive) and otherwise says how to
// continue: call get_conversion again. No call ever blocks past MAX_WAIT_SECONDS.
import { z } from 'zod';
import { CancelledError } from '../api/errors.js';
import { sleep } from '../api/rate-limit.js';
import type { ToolContext } from './define.js';
import { type Row } from './rows.js';

/** Below the common 60 s client request timeout. */
const MAX_WAIT_SECONDS = 50;
const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5000;

export const waitSeconds = z
  .number()
  .int()
  .min(0)
  .max(MAX_WAIT_SECONDS)
  .optional()
  .describe(`Seconds to wait for the MP4 (max ${MAX_WAIT_SECONDS}, default 0), with progress.`);

const TERMINAL = new Set(['completed', 'failed', 'canceled']);

/** R8 answers `{state}` (CONFIRMED), sometimes `{data:{…}}` with `progress` (SEEN ONCE). */
async function readStatus(ctx: ToolContext, conversionId: number) {
  const res = await ctx.client.request({
    method: 'GET',
    path: '/records/conversions/{conversionId}',
    params: { conversionId },
    signal: ctx.signal,
  });
  const body = (res.data ?? {}) as Row;
  const row = (body.data && typeof body.data === 'object' ? body.data : body) as Row;
  const state = typeof row.state === 'string' ? row.state : 'unknown';
  const progress =
    typeof row.progress === 'number' ? row.progress : state === 'completed' ? 100 : undefined;
  return { state, progress };
}

/** F2 with the conversion id gives the MP4's downloadUrl (CONFIRMED). */
async function downloadUrlOf(ctx: ToolContext, conversionId: number): Promise<unknown> {
  const res = await ctx.client.request({
    method: 'GET',
    path: '/fileSystem/file/{fileId}',
    params: { fileId: conversionId },
    signal: ctx.signal,
  });
  return (res.data as Row | null)?.downloadUrl;
}

function nextStep(conversionId: number, state: string, progress?: number): string {
  if (state === 'completed') {
    return 'Done: downloadUrl is the MP4. list_converted_records lists every MP4 of the session.';
  }
  if (state === 'failed' || state === 'canceled') {
    return `The conversion ${state === 'failed' ? 'failed' : 'was canceled'}; start a new one with convert_record.`;
  }
  const done = progress === undefined ? '' : ` (${progress}%)`;
  return `Still ${state}${done}. Conversions take minutes: call get_conversion with conversionId ${conversionId} and waitSeconds up to ${MAX_WAIT_SECONDS} to keep waiting. Only one conversion per member runs at a time.`;
}

/** Status now, or after waiting up to `waitSeconds` for a final state. */
export async function conversionReport(
  ctx: ToolContext,
  conversionId: number,
  wait = 0,
): Promise<Row> {
  const started = Date.now();
  const deadline = started + wait * 1000;
  let delay = FIRST_POLL_MS;
  let status = await readStatus(ctx, conversionId);
  while (!TERMINAL.has(status.state) && Date.now() + delay <= deadline) {
    await ctx.progress(status.progress ?? 0, 100, `conversion ${conversionId}: ${status.state}`);
    await sleep(delay, ctx.signal).catch(() => {
      throw new CancelledError('GET', `/records/conversions/${conversionId}`, '');
    });
    delay = Math.min(delay * 2, MAX_POLL_MS);
    status = await readStatus(ctx, conversionId);
  }
  if (wait > 0)
    await ctx.progress(status.progress ?? 0, 100, `conversion ${conversionId}: ${status.state}`);
  const downloadUrl =
    status.state === 'completed' ? await downloadUrlOf(ctx, conversionId) : undefined;
  return {
    conversionId,
    state: status.state,
    progress: status.progress,
    downloadUrl,
    waitedSeconds: wait > 0 ? Math.round((Date.now() - started) / 1000) : undefined,
    next: nextStep(conversionId, status.state, status.progress),
  };
}
