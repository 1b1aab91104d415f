import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BASE_URL, HELP, parseCommand, SETTING_LIST } from '../src/config.js';
import { selectTools } from '../src/toolsets/index.js';

const serve = (argv: string[], env: Record<string, string> = {}) => {
  const cmd = parseCommand(argv, { MTSLINK_TOKEN: 'tok', ...env });
  if (cmd.kind !== 'serve') throw new Error(`expected serve, got ${cmd.kind}`);
  return cmd.config;
};

describe('parseCommand', () => {
  it('has sensible defaults', () => {
    const c = serve([]);
    expect(c).toMatchObject({
      baseUrl: DEFAULT_BASE_URL,
      timeoutMs: 30_000,
      maxRps: 2,
      readOnly: false,
      sandbox: false,
      dynamicToolsets: true,
      // The main jobs (schedule, register, report) within the token budget of tools/list.
      toolsets: ['events', 'workflows'],
    });
  });

  it('takes an upload folder only as an existing absolute folder', () => {
    expect(serve([]).uploadDir).toBeUndefined();
    expect(serve([], { MTSLINK_UPLOAD_DIR: tmpdir() }).uploadDir).toBe(tmpdir());
    expect(() => serve(['--upload-dir', 'uploads'])).toThrow(/--upload-dir.*absolute/);
    expect(() => serve(['--upload-dir', '/no/such/folder/here'])).toThrow(/not a folder/);
  });

  it('reads env and lets flags win', () => {
    const c = serve(['--timeout-ms', '5000', '--read-only'], {
      MTSLINK_TIMEOUT_MS: '9000',
      MTSLINK_BASE_URL: 'https://userapi.webinar.ru/v3',
      MTSLINK_TOOLSETS: 'all',
      MTSLINK_MAX_RPS: '0.5',
    });
    expect(c).toMatchObject({
      timeoutMs: 5000,
      readOnly: true,
      baseUrl: 'https://userapi.webinar.ru/v3',
      toolsets: ['all'],
      maxRps: 0.5,
    });
  });

  it('lets the operator turn dynamic toolsets off by flag or env', () => {
    expect(serve(['--dynamic-toolsets', 'false']).dynamicToolsets).toBe(false);
    expect(serve(['--dynamic-toolsets=no']).dynamicToolsets).toBe(false);
    expect(serve([], { MTSLINK_DYNAMIC_TOOLSETS: 'false' }).dynamicToolsets).toBe(false);
    expect(serve(['--dynamic-toolsets', 'true'], { MTSLINK_DYNAMIC_TOOLSETS: '0' })).toMatchObject({
      dynamicToolsets: true,
    });
    expect(HELP).toMatch(/--dynamic-toolsets B\s+MTSLINK_DYNAMIC_TOOLSETS\s+true\/false/);
  });

  it.each([
    [
      [],
      { MTSLINK_DYNAMIC_TOOLSETS: 'off' },
      /MTSLINK_DYNAMIC_TOOLSETS "off": expected true or false/,
    ],
    [['--timeout-ms', 'abc'], {}, /--timeout-ms "abc"/],
    [[], { MTSLINK_MAX_RPS: '-1' }, /MTSLINK_MAX_RPS "-1"/],
    [[], { MTSLINK_TOOLSETS: 'events,nope' }, /MTSLINK_TOOLSETS .*expected a comma-separated list/],
    [[], { MTSLINK_READ_ONLY: 'maybe' }, /MTSLINK_READ_ONLY "maybe": expected true or false/],
    [[], { MTSLINK_BASE_URL: 'ftp://x' }, /MTSLINK_BASE_URL/],
    [['--exclude-tools', 'Bad Name'], {}, /--exclude-tools .*tool names/],
    [['--bogus'], {}, /bogus/],
  ])('rejects %j %j with one clear line', (argv, env, pattern) => {
    expect(() => serve(argv, env)).toThrow(ConfigError);
    expect(() => serve(argv, env)).toThrow(pattern);
  });

  it('rejects an unknown tool name once the tools are loaded, as a config error', async () => {
    const cmd = parseCommand(['--sandbox', '--exclude-tools', 'no_such_tool'], {});
    if (cmd.kind !== 'serve') throw new Error('expected serve');
    const selecting = selectTools(cmd.config);
    await expect(selecting).rejects.toThrow(ConfigError);
    await expect(selecting).rejects.toThrow(/unknown tool name no_such_tool/);
  });

  it('explains how to get a token or try the sandbox when there is none', () => {
    expect(() => parseCommand([], {})).toThrow(/MTSLINK_TOKEN.*--sandbox/);
    const cmd = parseCommand(['--sandbox'], {});
    expect(cmd.kind === 'serve' && cmd.config.sandbox).toBe(true);
    expect(cmd.kind === 'serve' && cmd.config.maxRps).toBe(50);
  });

  it('routes subcommands and help', () => {
    expect(parseCommand(['sandbox', '--port', '0'], {})).toEqual({
      kind: 'sandbox',
      argv: ['--port', '0'],
    });
    expect(parseCommand(['--help'], {}).kind).toBe('help');
    expect(parseCommand(['--version'], {}).kind).toBe('version');
  });

  it('takes an OAuth access token instead of an API key, never both', () => {
    const oauth = parseCommand([], { MTSLINK_OAUTH_TOKEN: 'oauth' });
    expect(oauth.kind === 'serve' && oauth.config).toMatchObject({
      token: 'oauth',
      authScheme: 'bearer',
    });
    expect(serve([]).authScheme).toBe('x-auth-token');
    expect(() => serve([], { MTSLINK_OAUTH_TOKEN: 'oauth' })).toThrow(/keep one/);
  });

  it('reads --trace and MTSLINK_TRACE', () => {
    expect(serve(['--trace', '/tmp/t.jsonl']).trace).toBe('/tmp/t.jsonl');
    expect(serve([], { MTSLINK_TRACE: '/tmp/e.jsonl' }).trace).toBe('/tmp/e.jsonl');
    expect(serve([]).trace).toBeUndefined();
  });

  it('routes doctor with the serving flags; it reports a missing token itself', () => {
    const cmd = parseCommand(['doctor', '--base-url', 'https://userapi.webinar.ru/v3'], {});
    expect(cmd.kind).toBe('doctor');
    expect(cmd.kind === 'doctor' && cmd.config).toMatchObject({
      baseUrl: 'https://userapi.webinar.ru/v3',
      token: undefined,
    });
  });

  it('--help names every setting with its flag and env variable, from the one table', () => {
    for (const s of SETTING_LIST) {
      const line = HELP.split('\n').find((l) => l.includes(` ${s.env}`));
      expect(line, s.env).toBeDefined();
      if (s.flag) expect(line).toContain(`--${s.flag}`);
    }
  });

  it('reads the secrets from the environment only, trimmed', () => {
    expect(serve([], { MTSLINK_TOKEN: '  abc  ' }).token).toBe('abc');
    const http = serve(['--http'], { MTSLINK_TOKEN: '', MTSLINK_HTTP_TOKEN: ' s3cret ' });
    expect(http.token).toBeUndefined();
    expect(http.http?.secret).toBe('s3cret');
  });
});

describe('operations settings', () => {
  it('reads the shutdown deadline and metrics, and refuses metrics without HTTP', () => {
    const cmd = parseCommand(['--http', '--metrics', '--shutdown-timeout-ms', '25000'], {
      MTSLINK_TOKEN: 'tok',
    });
    if (cmd.kind !== 'serve') throw new Error('expected serve');
    expect(cmd.config.shutdownTimeoutMs).toBe(25_000);
    expect(cmd.config.http?.metrics).toBe(true);
    const plain = parseCommand([], { MTSLINK_TOKEN: 'tok' });
    expect(plain.kind === 'serve' && plain.config.shutdownTimeoutMs).toBe(8000);
    expect(() => parseCommand(['--metrics'], { MTSLINK_TOKEN: 'tok' })).toThrow(
      /--metrics \(MTSLINK_METRICS\) needs --http/,
    );
    expect(() =>
      parseCommand([], { MTSLINK_TOKEN: 'tok', MTSLINK_SHUTDOWN_TIMEOUT_MS: 'soon' }),
    ).toThrow(/MTSLINK_SHUTDOWN_TIMEOUT_MS "soon"/);
  });

  it('keeps prom-client out of every bundle chunk but the metrics one (loaded only when on)', () => {
    const dist = join(import.meta.dirname, '..', 'dist');
    const chunks = [
      'cli.js',
      ...readdirSync(join(dist, 'chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => join('chunks', f)),
    ];
    const importing = chunks.filter((f) =>
      readFileSync(join(dist, f), 'utf8').includes('prom-client'),
    );
    expect(importing).toHaveLength(1);
    expect(importing[0]).toMatch(/^chunks\/metrics-/);
  });
});
