// A real redis-server (Debian's package) on a free loopback port, for the shared-state tests.
// Missing binary: the tests are skipped with a message on a developer's machine, but fail in CI
// (CI or MTSLINK_REQUIRE_REDIS set; .ci/run installs the package), so they cannot silently vanish.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

const required = Boolean(process.env.CI || process.env.MTSLINK_REQUIRE_REDIS);

function findRedisServer(): string | undefined {
  const dirs = [
    ...(process.env.PATH ?? '').split(delimiter),
    '/usr/bin',
    '/usr/sbin',
    '/usr/local/bin',
  ];
  return dirs.map((d) => join(d, 'redis-server')).find((p) => existsSync(p));
}

export const redisServerPath = findRedisServer();
if (!redisServerPath) {
  const message =
    'redis-server not found: the shared-state (Redis) tests need it (apt-get install -y redis-server)';
  if (required) throw new Error(`${message}; in CI it is required`);
  console.warn(`${message}; skipping them on this machine.`);
}
/** For describe.skipIf: true only off CI when the binary is missing. */
export const noRedis = !redisServerPath;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface RunningRedis {
  url: string;
  port: number;
  /** Stops it abruptly (as a crash would): its data is gone. */
  kill(): Promise<void>;
}

/** Starts redis-server without persistence on `port` (default: a free one); resolves when ready. */
export async function startRedis(port?: number): Promise<RunningRedis> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(
    redisServerPath as string,
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
