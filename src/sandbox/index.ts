// Public entry of the sandbox: start an in-memory MTS Link API v3 on loopback.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { FaultQueue } from './faults.js';
import { createPrng } from './prng.js';
import { buildRouter } from './routes/index.js';
import { seedState } from './seed.js';
import { PREFIX, createSandboxServer } from './server.js';
import type { RunningSandbox, SandboxKnobs, SandboxLogOption, SandboxOptions } from './types.js';

export type * from './types.js';
export type {
  Contact,
  EventRec,
  Member,
  Participation,
  SandboxState,
  SessionRec,
} from './state.js';
export { parseSandboxArgs, SANDBOX_USAGE } from './args.js';
export { SEED_OWNER_ID, SEED_UNCONFIRMED_MEMBER_ID } from './seed.js';
export { MOSCOW_TZ_ID } from './timezones.js';

export const DEFAULT_KNOBS: Readonly<SandboxKnobs> = {
  rateLimit: 0,
  faultRate5xx: 0,
  faultRateReset: 0,
  faultRateStall: 0,
  faultRateTruncated: 0,
  faultRate429: 0,
  stallMs: 60_000,
  latencyMs: 0,
  duplicateRegistration: 'ignore',
  conversionConflict: 409,
  conversionMs: 3000,
  minSessionMinutes: 60,
  lenient: false,
  apiAccess: true,
};

export async function startSandbox(
  opts: SandboxOptions & SandboxLogOption = {},
): Promise<RunningSandbox> {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now;
  const knobs: SandboxKnobs = { ...DEFAULT_KNOBS };
  for (const key of Object.keys(DEFAULT_KNOBS) as Array<keyof SandboxKnobs>) {
    if (opts[key] !== undefined) Object.assign(knobs, { [key]: opts[key] });
  }
  const tokens = opts.tokens?.length ? [...opts.tokens] : [randomBytes(16).toString('hex')];
  const oauthTokens = opts.oauthTokens?.length
    ? [...opts.oauthTokens]
    : [randomBytes(24).toString('base64url')];
  const state = seedState(seed, now());
  const faults = new FaultQueue();
  const requests: RunningSandbox['requests'] = [];
  const { server, close } = createSandboxServer({
    state,
    knobs,
    tokens,
    oauthTokens,
    now,
    router: buildRouter(),
    requests: opts.requestLog === false ? undefined : requests,
    faults,
    // Faults draw from their own stream, so turning them on does not change the seeded data.
    rand: createPrng(seed ^ 0x5eed_fa17),
    log: opts.log,
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}${PREFIX}`,
    token: tokens[0] as string,
    oauthToken: oauthTokens[0] as string,
    state,
    requests,
    knobs,
    injectFaults: (list) => faults.push(list),
    close,
  };
}
