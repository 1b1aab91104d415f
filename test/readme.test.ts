// README tool tables == tables rendered from TOOLSETS. UPDATE_README=1 rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderToolTables } from '../src/tools/catalog.js';

const README = join(import.meta.dirname, '..', 'README.md');
const START = '<!-- TOOLS:START -->';
const END = '<!-- TOOLS:END -->';

describe('README', () => {
  it('starts with the two commands a newcomer runs', () => {
    const head = readFileSync(README, 'utf8').split('\n').slice(0, 12).join('\n');
    expect(head).toContain('npm ci && npm run demo');
    expect(head).toContain('npm ci && npm test');
  });

  it('tool tables are rendered from the definitions', () => {
    const text = readFileSync(README, 'utf8');
    const [before, rest] = text.split(START);
    const after = rest?.split(END)[1];
    expect(before && after !== undefined, 'README needs the TOOLS markers').toBeTruthy();
    const fresh = `${before}${START}\n${renderToolTables()}\n${END}${after}`;
    if (process.env.UPDATE_README) writeFileSync(README, fresh);
    expect(text).toBe(process.env.UPDATE_README ? text : fresh);
  });
});
