// `mtslink-mcp doctor` against the sandbox (issue 13.5): a ready organisation, a wrong token, a
// plan without API access, an unreachable host; read-only throughout; the exit code scripts see.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, runDoctor, type Check } from '../src/doctor.js';
import { startSandbox, type RunningSandbox } from '../src/sandbox/index.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ seed: 1 });
});
afterAll(async () => {
  await sb.close();
});

const outcomes = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.name, c.outcome]));
const doctorOn = (token: string, extra: Partial<Parameters<typeof runDoctor>[0]> = {}) =>
  runDoctor({ baseUrl: sb.url, token, maxRps: 100, retryBaseMs: 1, ...extra });

/** A loopback port that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs the built binary; resolves with its exit code and output. */
function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('doctor', () => {
  it('reports a ready organisation: user, organisation, zones, members, schedule', async () => {
    const mark = sb.requests.length;
    const checks = await doctorOn(sb.token);
    expect(outcomes(checks)).toEqual({
      'Host reachable': 'ok',
      'Token accepted': 'ok',
      'User and organisation': 'ok',
      'Time zones': 'ok',
      Members: 'ok',
      Schedule: 'ok',
    });
    const owner = sb.state.members.get(sb.state.organization.ownerId)!;
    const user = checks.find((c) => c.name === 'User and organisation')!;
    expect(user.detail).toContain(owner.email);
    expect(user.detail).toContain(sb.state.organization.name);
    expect(checks.find((c) => c.name === 'Time zones')!.detail).toMatch(/Europe\/Moscow is id 1/);
    const { text, ready } = renderReport(checks, 'the sandbox');
    expect(ready).toBe(true);
    expect(text).toMatch(/Verdict: READY/);
    // Read-only: nothing but GET reached the API.
    const methods = new Set(sb.requests.slice(mark).map((r) => r.method));
    expect([...methods]).toEqual(['GET']);
  });

  it('says a wrong token was refused and what to do, and stops there', async () => {
    const checks = await doctorOn('not-the-token');
    expect(outcomes(checks)).toEqual({ 'Host reachable': 'ok', 'Token accepted': 'fail' });
    const token = checks.find((c) => c.name === 'Token accepted')!;
    expect(token.detail).toBe('403: x-auth-token value is wrong');
    expect(token.fix).toMatch(/API\/Webhooks/);
    const { text, ready } = renderReport(checks, 'the sandbox');
    expect(ready).toBe(false);
    expect(text).toMatch(/Verdict: NOT READY: 1 check failed/);
  });

  it('names the plan when the organisation has no API access (403)', async () => {
    sb.knobs.apiAccess = false;
    try {
      const checks = await doctorOn(sb.token);
      const token = checks.find((c) => c.name === 'Token accepted')!;
      expect(token.outcome).toBe('fail');
      expect(token.fix).toMatch(/plan has no API access/);
    } finally {
      sb.knobs.apiAccess = true;
    }
  });

  it('accepts an OAuth access token as Authorization: Bearer', async () => {
    const checks = await doctorOn(sb.oauthToken, { authScheme: 'bearer' });
    expect(checks.every((c) => c.outcome === 'ok')).toBe(true);
  });

  it('reports an unreachable host with the base URL to check', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v3`;
    const checks = await runDoctor({ baseUrl: url, token: 'x', retryBaseMs: 1 });
    expect(checks).toEqual([
      expect.objectContaining({
        name: 'Host reachable',
        outcome: 'fail',
        detail: expect.stringMatching(/did not answer \(ECONNREFUSED\)/),
        fix: expect.stringContaining(url),
      }),
    ]);
  });

  it('says a base URL without /v3 is not the API', async () => {
    const checks = await doctorOn(sb.token, { baseUrl: sb.url.replace(/\/v3$/, '') });
    expect(checks.at(-1)).toMatchObject({ name: 'Host reachable', outcome: 'fail' });
    expect(checks.at(-1)!.fix).toMatch(/end with \/v3/);
  });

  it('fails without a token, sending nothing', async () => {
    const mark = sb.requests.length;
    const checks = await runDoctor({ baseUrl: sb.url });
    expect(checks).toEqual([expect.objectContaining({ name: 'Token set', outcome: 'fail' })]);
    expect(sb.requests.length).toBe(mark);
  });
});

describe('mtslink-mcp doctor (the binary)', () => {
  it('exits 0 when ready and 1 when not, with the report on stdout', async () => {
    const ok = await cli(['doctor', '--base-url', sb.url], { MTSLINK_TOKEN: sb.token });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^mtslink-mcp doctor: http:\/\/127\.0\.0\.1:\d+\/v3 \(API key\)/);
    expect(ok.stdout).toMatch(/Verdict: READY/);
    const bad = await cli(['doctor', '--base-url', sb.url], { MTSLINK_TOKEN: 'wrong' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/\[FAIL\] Token accepted/);
    const none = await cli(['doctor', '--base-url', sb.url]);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/\[FAIL\] Token set/);
  });

  it('writes a --trace file with no token in it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mtslink-doctor-')), 'trace.jsonl');
    const run = await cli(['doctor', '--base-url', sb.url, '--trace', file], {
      MTSLINK_TOKEN: sb.token,
    });
    expect(run.code).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).path)).toEqual([
      '/timezones',
      '/profile',
      '/organization/members',
      '/organization/events/schedule',
    ]);
    expect(readFileSync(file, 'utf8')).not.toContain(sb.token);
  });
});
