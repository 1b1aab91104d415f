// `mtslink-mcp sandbox`: serve the simulator alone (for curl, other clients, benchmarks).
// Only stderr is written: stdout may be an MCP channel in the parent process.
import { SANDBOX_USAGE, parseSandboxArgs, startSandbox } from './index.js';

/**
 * MTSLINK_SANDBOX_<FLAG> environment variables, e.g. MTSLINK_SANDBOX_RATE_LIMIT=2 or
 * MTSLINK_SANDBOX_LENIENT=1 (switches). Flags win.
 */
export function envArgs(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  for (const flag of [
    'port',
    'host',
    'seed',
    'token',
    'oauth-token',
    'rate-limit',
    'fault-5xx',
    'fault-reset',
    'fault-stall',
    'fault-truncated',
    'stall-ms',
    'latency-ms',
    'duplicate-registration',
    'conversion-conflict',
    'conversion-ms',
    'min-session-minutes',
  ]) {
    const value = env[`MTSLINK_SANDBOX_${flag.toUpperCase().replace(/-/g, '_')}`];
    if (value !== undefined && value !== '') out.push(`--${flag}`, value);
  }
  for (const flag of ['lenient', 'no-api-access']) {
    const name = `MTSLINK_SANDBOX_${flag.toUpperCase().replace(/-/g, '_')}`;
    const value = env[name]?.trim().toLowerCase();
    if (value === '1' || value === 'true' || value === 'yes') out.push(`--${flag}`);
  }
  return out;
}

export async function runSandboxCli(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.error(SANDBOX_USAGE);
    return;
  }
  const verbose = argv.includes('--verbose');
  const rest = argv.filter((a) => a !== '--verbose');
  // A token given on the command line replaces the one from the environment.
  const env = envArgs(process.env);
  const fromEnv = rest.includes('--token')
    ? env.filter((a, i) => a !== '--token' && env[i - 1] !== '--token')
    : env;
  const opts = parseSandboxArgs([...fromEnv, ...rest]);
  const sandbox = await startSandbox({
    ...opts,
    log: verbose ? (l) => console.error(l) : undefined,
  });
  const notes = [
    opts.lenient ? 'lenient flags' : '',
    opts.apiAccess === false ? 'plan without API access' : '',
  ].filter(Boolean);
  console.error(
    `mtslink sandbox listening on ${sandbox.url} (token: ${sandbox.token}, seed: ${opts.seed ?? 1}, OAuth token: ${sandbox.oauthToken}${notes.map((n) => `, ${n}`).join('')})`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      sandbox.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
