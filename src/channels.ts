// Operational events, published on node:diagnostics_channel (the standard library's way, also
// used by undici and Node itself). Code that does the work publishes; metrics and graceful
// shutdown subscribe only when they are switched on. A publish with no subscriber costs one
// boolean check, so nothing here loads or costs anything in a default start.
import { channel } from 'node:diagnostics_channel';

/** An MCP tool call ended: `outcome` is ok, error (isError result) or input_required. */
export interface ToolCallEvent {
  tool: string;
  outcome: 'ok' | 'error' | 'input_required';
  seconds: number;
}

/** One answer (or failure to get one) from the MTS Link API; one per attempt, retries included. */
export interface ApiResponseEvent {
  method: string;
  /** HTTP status as text, or `network_error` / `timeout` when no response came. */
  status: string;
}

/** A request waited for a rate-limit slot. */
export interface RateLimitWaitEvent {
  seconds: number;
}

/**
 * A registration job started running in this process. `finished` settles with its final state
 * once the run is over; `cancel()` stops it with every person left resumable (a repeated call
 * with the same input skips the people already registered).
 */
export interface JobEvent {
  finished: Promise<string>;
  cancel(): void;
}

export const toolCalls = channel('mtslink:tool-call');
export const apiResponses = channel('mtslink:api-response');
export const rateLimitWaits = channel('mtslink:rate-limit-wait');
export const registrationJobs = channel('mtslink:registration-job');

/** Publishes only when someone listens (building the message is then skipped too). */
export function publish<T>(ch: typeof toolCalls, message: () => T): void {
  if (ch.hasSubscribers) ch.publish(message());
}
