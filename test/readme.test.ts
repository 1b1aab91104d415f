// README tool tables == tables rendered from TOOLSETS. UPDATE_README=1 rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_LIST } from '../src/config.js';
import { renderToolTables } from '../src/toolsets/catalog.js';
import { TOOLSETS } from '../src/toolsets/index.js';

const README = join(import.meta.dirname, '..', 'README.md');
const README_RU = join(import.meta.dirname, '..', 'README.ru.md');
const START = '<!-- TOOLS:START -->';
const END = '<!-- TOOLS:END -->';

describe('README', () => {
  it('starts with the two commands a newcomer runs', () => {
    const head = readFileSync(README, 'utf8').split('\n').slice(0, 12).join('\n');
    expect(head).toContain('npm ci && npm run demo');
    expect(head).toContain('npm ci && npm test');
  });

  it.each([
    [README, 'en'],
    [README_RU, 'ru'],
  ] as const)('tool tables in %s are rendered from the definitions', (file, lang) => {
    const text = readFileSync(file, 'utf8');
    const [before, rest] = text.split(START);
    const after = rest?.split(END)[1];
    expect(before && after !== undefined, 'README needs the TOOLS markers').toBeTruthy();
    const fresh = `${before}${START}\n${renderToolTables(lang)}\n${END}${after}`;
    if (process.env.UPDATE_README) writeFileSync(file, fresh);
    expect(text).toBe(process.env.UPDATE_README ? text : fresh);
  });

  it('the Russian README lists the same tools as the English one', () => {
    const block = (file: string) => readFileSync(file, 'utf8').split(START)[1]?.split(END)[0] ?? '';
    const names = (file: string) =>
      [...block(file).matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(names(README_RU)).toEqual(names(README));
    expect(names(README).length).toBeGreaterThan(10);
  });

  it.each([README, README_RU])('%s documents every setting with its env variable', (file) => {
    const text = readFileSync(file, 'utf8');
    const envs = SETTING_LIST.map((s) => s.env);
    for (const env of envs) expect(text, env).toContain(`\`${env}\``);
    const defaults = TOOLSETS.filter((t) => t.isDefault)
      .map((t) => t.id)
      .join(',');
    expect(text).toMatch(
      new RegExp(`\\| \`MTSLINK_TOOLSETS\` \\| \`--toolsets\` \\| \`${defaults}\``),
    );
  });

  it('lists the same assumptions in both languages, each with the file to change', () => {
    const section = (file: string, title: string) =>
      readFileSync(file, 'utf8').split(`\n## ${title}`)[1]?.split('\n## ')[0] ?? '';
    const places = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
        .slice(1)
        .map((l) => l.split('|').at(-2)!.trim());
    const en = places(section(README, 'Assumptions'));
    const ru = places(section(README_RU, 'Допущения'));
    expect(en.length).toBeGreaterThan(10);
    expect(ru).toEqual(en);
  });
});
