// `mtslink-mcp sandbox`: serve the simulator alone (for curl, other clients, benchmarks).
// Only stderr is written: stdout may be an MCP channel in the parent process.
import { ENV_SWITCHES, VALUE_FLAGS, envName } from './args.js';
import { SANDBOX_USAGE, parseSandboxArgs, startSandbox } from './index.js';

/**
 * MTSLINK_SANDBOX_<FLAG> variables as flags: every flag that takes a value, and the switches
 * (`MTSLINK_SANDBOX_LENIENT=1`).
 */
export function envArgs(env: NodeJS.ProcessEnv): string[] {
  const values = VALUE_FLAGS.flatMap((flag) => {
    const value = env[envName(flag)];
    return value === undefined || value === '' ? [] : [`--${flag}`, value];
  });
  const switches = ENV_SWITCHES.filter((flag) =>
    ['1', 'true', 'yes'].includes(env[envName(flag)]?.trim().toLowerCase() ?? ''),
  ).map((flag) => `--${flag}`);
  return [...values, ...switches];
}

export async function runSandboxCli(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.error(SANDBOX_USAGE);
    return;
  }
  // Flags come after the environment's, so a flag given on the command line wins; a --token
  // flag replaces the environment's token rather than adding to it.
  const env = envArgs(process.env);
  const fromEnv = argv.includes('--token')
    ? env.filter((a, i) => a !== '--token' && env[i - 1] !== '--token')
    : env;
  const opts = parseSandboxArgs([...fromEnv, ...argv]);
  const sandbox = await startSandbox({
    ...opts,
    requestLog: false,
    log: argv.includes('--verbose') ? (l) => console.error(l) : undefined,
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
