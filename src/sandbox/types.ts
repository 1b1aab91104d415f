// Public contract of the sandbox (the API simulator). Imports nothing from api/, tools/, workflows/.
import type { SandboxState } from './state.js';

/** One kind of injected failure. */
export type FaultKind =
  | '400' // a request refused as a whole (tests what one bad entry does to its batch)
  | '413' // a request body larger than the API takes
  | '429' // 429 with Retry-After (seconds from `retryAfter`, omitted when `retryAfter` is null)
  | '500'
  | '502'
  | '503'
  | 'reset' // destroy the socket without answering
  | 'stall' // answer nothing for `stallMs` (longer than the client's timeout)
  | 'truncated' // 200 with a JSON body cut in the middle
  | 'nonjson'; // 200 with an HTML body

export interface QueuedFault {
  kind: FaultKind;
  /** Only requests whose method matches (default any). */
  method?: string;
  /** Only requests whose path (after /v3) starts with this (default any). */
  pathPrefix?: string;
  /** How many matching requests fail this way (default 1). */
  times?: number;
  /** Let this many matching requests through first (default 0). */
  skip?: number;
  /** For '429': Retry-After seconds; null sends no header. Default 1. */
  retryAfter?: number | null;
  /** When true the request is applied to the state before the fault answer is sent. */
  afterApply?: boolean;
}

export interface SandboxKnobs {
  /** Requests per second per token before 429 (0 = unlimited). */
  rateLimit: number;
  /** Random fault rates (0..1) drawn from a seeded PRNG. */
  faultRate5xx: number;
  faultRateReset: number;
  faultRateStall: number;
  faultRateTruncated: number;
  /** Random 429 answers (with Retry-After 1), as if another client shared the key's limit. */
  faultRate429: number;
  /** How long a 'stall' fault holds the request, ms. */
  stallMs: number;
  /** Added latency per request, ms. */
  latencyMs: number;
  /** Second registration of the same e-mail: 'ignore' (return the existing one) or 'conflict' (409). */
  duplicateRegistration: 'ignore' | 'conflict';
  /** Conflict answer for a second running conversion: 409, or 403 with fieldErrors. */
  conversionConflict: 409 | 403;
  /** How long an MP4 conversion takes on the sandbox clock, ms (waiting → processing → completed). */
  conversionMs: number;
  /**
   * The sandbox compresses time: a session stopped sooner than this after its start is recorded
   * as having run this long, ending now (its start moves back), so a demo that starts and stops
   * a session within seconds still gets a webinar's worth of statistics. 0 = real time.
   */
  minSessionMinutes: number;
  /**
   * Accept true/false/1/0 for every flag (older scripts). Default false: each flag only in its
   * documented form, anything else a 400 naming the flag and the form (wire-forms.ts).
   */
  lenient: boolean;
  /**
   * false: the organisation's plan has no API access; every request with valid credentials is
   * refused with 403 `x-auth-token value is wrong`, as the real API does (for `doctor` tests).
   */
  apiAccess: boolean;
}

export interface SandboxOptions extends Partial<SandboxKnobs> {
  port?: number; // 0 = any free port (default)
  host?: string; // default 127.0.0.1
  /** Accepted API tokens; default one random token. */
  tokens?: string[];
  /** Accepted OAuth access tokens (`Authorization: Bearer`); default one random token. */
  oauthTokens?: string[];
  /** Seed for the demo organisation and the fault PRNG (default 1). */
  seed?: number;
  /** Clock (tests); default Date.now. */
  now?: () => number;
  /**
   * Keep every served request in `requests` (default true: tests read it). A long-running
   * sandbox (the CLI, `--sandbox`) turns it off: nobody reads it there and it grows forever.
   */
  requestLog?: boolean;
}

export interface RequestRecord {
  method: string;
  /** Path after the /v3 prefix, without query string. */
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  /** Raw body text as received. */
  rawBody: string;
  contentType: string | undefined;
  hasAuthHeader: boolean;
  status: number;
  /** When it arrived (wall clock, ms; not the sandbox clock, which tests may step): rate checks. */
  at: number;
}

/** Diagnostic sink for one line per served request (the CLI's --verbose); never stdout. */
export interface SandboxLogOption {
  log?: (line: string) => void;
}

/** A started sandbox (see `startSandbox`). */
export interface RunningSandbox {
  /** Base URL including the version prefix, e.g. 'http://127.0.0.1:43121/v3'. */
  url: string;
  /** The first accepted token. */
  token: string;
  /** The first accepted OAuth access token (send it as `Authorization: Bearer`). */
  oauthToken: string;
  /** The live in-memory state (tests read ground truth from it). */
  state: SandboxState;
  /** Every request served, in arrival order (empty when `requestLog` is false). */
  requests: RequestRecord[];
  /** Live, mutable knobs. */
  knobs: SandboxKnobs;
  /** Deterministic queued faults, consumed by matching requests in order. */
  injectFaults(faults: QueuedFault[]): void;
  /** Closes the server and every open socket promptly (stalled requests included). */
  close(): Promise<void>;
}
