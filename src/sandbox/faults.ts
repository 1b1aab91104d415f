// Failure simulation: the deterministic queue tests fill with `injectFaults`, the seeded random
// faults the knobs ask for, and how each kind is put on the wire.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Prng } from './prng.js';
import type { FaultKind, QueuedFault, SandboxKnobs } from './types.js';
import { errorBody } from './errors.js';

interface Pending extends QueuedFault {
  left: number;
  skipLeft: number;
}

export class FaultQueue {
  private readonly items: Pending[] = [];

  push(faults: QueuedFault[]): void {
    for (const f of faults) this.items.push({ ...f, left: f.times ?? 1, skipLeft: f.skip ?? 0 });
  }

  /** The first queued fault matching this request, consuming one use of it. */
  take(method: string, path: string): QueuedFault | undefined {
    const i = this.items.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.pathPrefix || path.startsWith(f.pathPrefix)),
    );
    const f = this.items[i];
    if (!f) return undefined;
    if (f.skipLeft > 0) {
      f.skipLeft -= 1;
      return undefined;
    }
    f.left -= 1;
    if (f.left <= 0) this.items.splice(i, 1);
    return f;
  }

  get size(): number {
    return this.items.length;
  }
}

/**
 * One draw per request from the seeded PRNG. 5xx, reset and stall strike before the request
 * is applied; a truncated body is the real answer cut short, so it strikes after (INFERRED:
 * these are the two realistic places for each failure).
 */
export function randomFault(knobs: SandboxKnobs, rand: Prng): QueuedFault | undefined {
  const r = rand();
  let edge = knobs.faultRate5xx;
  if (r < edge) return { kind: (['500', '502', '503'] as const)[Math.floor(rand() * 3)] ?? '500' };
  if (r < (edge += knobs.faultRateReset)) return { kind: 'reset' };
  if (r < (edge += knobs.faultRateStall)) return { kind: 'stall' };
  if (r < (edge += knobs.faultRateTruncated)) return { kind: 'truncated', afterApply: true };
  // Drawn last, so existing seeds keep their sequence of the other faults.
  if (r < (edge += knobs.faultRate429)) return { kind: '429' };
  return undefined;
}

const MESSAGES: Partial<Record<FaultKind, string>> = {
  '400': 'Validation failed',
  '413': 'Request entity too large',
  '429': 'Too many requests',
  '500': 'Internal server error',
  '502': 'Bad gateway',
  '503': 'Service temporarily unavailable',
};

/**
 * Answers (or refuses to answer) with `fault`; `realBody` is the applied request's answer.
 * Returns the status recorded in the request log (0 = no answer).
 */
export function sendFault(
  fault: QueuedFault,
  req: IncomingMessage,
  res: ServerResponse,
  realBody: unknown,
  stall: (ms: number, onEnd: () => void) => void,
  stallMs: number,
): number {
  switch (fault.kind) {
    case 'reset':
      req.socket.destroy();
      return 0;
    case 'stall':
      // Say nothing; then drop the connection. close() cancels the timer and the socket.
      stall(stallMs, () => req.socket.destroy());
      return 0;
    case 'truncated': {
      const full = JSON.stringify(realBody ?? { status: 'ok', truncated: false });
      const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(cut);
      return 200;
    }
    case 'nonjson':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
      return 200;
    default: {
      const status = Number(fault.kind);
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      const retryAfter = fault.retryAfter === undefined ? 1 : fault.retryAfter;
      if (status === 429 && retryAfter !== null) headers['retry-after'] = String(retryAfter);
      res.writeHead(status, headers);
      res.end(JSON.stringify(errorBody(status, MESSAGES[fault.kind] ?? 'Error')));
      return status;
    }
  }
}
