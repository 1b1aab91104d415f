// Install paths as a new user meets them: the npm tarball and the MCPB bundle.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mtslink-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack tarball', () => {
  it('installs without dev dependencies and serves tools over stdio', async () => {
    const tgz = execFileSync('npm', ['pack', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop()!;
    const app = join(work, 'app');
    execFileSync('npm', ['init', '-y'], { cwd: work, stdio: 'ignore' });
    execFileSync('mkdir', ['-p', app]);
    execFileSync('npm', ['init', '-y'], { cwd: app, stdio: 'ignore' });
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(work, tgz)], {
      cwd: app,
      stdio: 'ignore',
    });
    const installed = readdirSync(join(app, 'node_modules'));
    expect(installed).toContain('mtslink-mcp');
    for (const dev of ['vitest', 'typescript', 'eslint', '@anthropic-ai', 'gpt-tokenizer']) {
      expect(installed, `${dev} must not be installed`).not.toContain(dev);
    }
    // Only the bundled CLI ships: no per-module compiler output, no maps, no dev entries.
    const pkg = join(app, 'node_modules', 'mtslink-mcp');
    const shipped = (readdirSync(join(pkg, 'dist'), { recursive: true }) as string[]).map((f) =>
      f.replace(/\\/g, '/'),
    );
    expect(shipped.filter((f) => f !== 'cli.js' && !/^chunks(\/[\w-]+\.js)?$/.test(f))).toEqual([]);
    const bin = join(app, 'node_modules', '.bin', 'mtslink-mcp');
    expect(existsSync(bin)).toBe(true);
    const client = new Client({ name: 'pack-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: bin,
        args: ['--sandbox'],
        env: { PATH: process.env.PATH ?? '' },
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('create_event');
    await client.close();
    // The catalogue works without the tokenizer, and says how to get the counts.
    const catalogue = execFileSync(bin, ['tools'], { encoding: 'utf8' });
    expect(catalogue).toContain('schedule_webinar');
    expect(catalogue).toContain('gpt-tokenizer');
  });
});

describe('MCPB bundle', () => {
  it('builds, and its manifest validates and matches the package', () => {
    const out = join(work, 'mtslink-mcp.mcpb');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-mcpb.mjs'), out], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    expect(existsSync(out)).toBe(true);
    const info = execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js'), 'info', out],
      { encoding: 'utf8' },
    );
    expect(info).toContain('mtslink-mcp');
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.user_config.mtslink_token.sensitive).toBe(true);
  });
});
