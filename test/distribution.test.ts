// Cheap checks of the install paths (the slow suite builds and installs them for real).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

describe('distribution files', () => {
  it('manifest.json validates with the MCPB CLI and keeps the token sensitive', () => {
    const out = execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js'),
        'validate',
        join(ROOT, 'manifest.json'),
      ],
      { encoding: 'utf8' },
    );
    expect(out).toContain('passes');
    expect(json('manifest.json').user_config.mtslink_token.sensitive).toBe(true);
  });

  it('versions agree across package.json, manifest.json and server.json', () => {
    const version = json('package.json').version;
    expect(json('manifest.json').version).toBe(version);
    expect(json('server.json').version).toBe(version);
    expect(json('server.json').packages[0].version).toBe(version);
    expect(json('server.json').name).toBe(json('package.json').mcpName);
  });

  it('mcp.json.example holds placeholders only', () => {
    const text = readFileSync(join(ROOT, 'mcp.json.example'), 'utf8');
    const env = JSON.parse(text).mcpServers.mtslink.env;
    expect(env.MTSLINK_TOKEN).toMatch(/^<.*>$/);
    expect(text).not.toMatch(/\/(home|Users|root)\//);
  });
});
