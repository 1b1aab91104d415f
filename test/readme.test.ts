// README tool tables == tables rendered from TOOLSETS. UPDATE_README=1 rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_LIST } from '../src/config.js';
import { renderToolTables } from '../src/toolsets/catalog.js';
import { TOOLSETS } from '../src/toolsets/index.js';
import {
  codeOnly,
  codeSpans,
  outline,
  section,
  type CodeBlock,
  type MarkdownOutline,
  type Table,
} from './helpers/markdown.js';

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
    const places = (file: string, title: string) =>
      outline(section(readFileSync(file, 'utf8'), title))
        .tables.flatMap((t) => t.rows.slice(1))
        .map((cells) => cells.at(-1));
    const en = places(README, 'Assumptions');
    expect(en.length).toBeGreaterThan(10);
    expect(places(README_RU, 'Допущения')).toEqual(en);
  });
});

// README.ru.md carries every section of README.md (issue 20.7): the same outline, section by
// section, so that a section, command, setting or table row added to one fails until the other
// has it too. Prose is free to read naturally in each language; what must agree is structure.
describe('README.ru.md follows README.md', () => {
  const en = outline(readFileSync(README, 'utf8'));
  const ru = outline(readFileSync(README_RU, 'utf8'));
  const headingShape = (o: MarkdownOutline) =>
    o.headings.map((h) => `${'#'.repeat(h.level)} ${codeSpans(h.text).join(' ')}`);

  it('has the same headings, level by level, with the same code in them', () => {
    expect(en.headings.length).toBeGreaterThan(20);
    expect(headingShape(ru)).toEqual(headingShape(en));
  });

  /** A block as a reader copies it: placeholders (`<your token>`) and shell comments aside. */
  const copied = (b: CodeBlock) =>
    `${b.lang}\n${b.body
      .replace(/<[^<>\n]+>/g, '<…>')
      .split('\n')
      .map((l) => (b.lang === 'bash' ? l.replace(/(^|\s)#.*$/, '') : l).trimEnd())
      .join('\n')}`;

  it('has the same code blocks, in the same order', () => {
    expect(en.code.length).toBeGreaterThan(5);
    expect(ru.code.map(copied)).toEqual(en.code.map(copied));
  });

  it('names the same commands inline', () => {
    const commands = (o: MarkdownOutline) =>
      [
        ...new Set(
          codeSpans(o.prose).filter((s) =>
            /^(npm|npx|node|mtslink-mcp|docker|claude|git) /.test(s),
          ),
        ),
      ].sort();
    expect(commands(en).length).toBeGreaterThan(10);
    expect(commands(ru)).toEqual(commands(en));
  });

  it('has the same tables: rows, columns and the code-only cells (names, flags, defaults)', () => {
    const shape = (t: Table) => ({
      rows: t.rows.length,
      columns: t.rows.map((r) => r.length),
    });
    expect(ru.tables.length, 'number of tables').toBe(en.tables.length);
    en.tables.forEach((table, i) => {
      const other = ru.tables[i]!;
      const where = `table ${i + 1} (under "${table.under}" / "${other.under}")`;
      expect(shape(other), where).toEqual(shape(table));
      table.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          const code = codeOnly(cell);
          if (code) expect(codeSpans(other.rows[r]![c]!), `${where}, row ${r + 1}`).toEqual(code);
        }),
      );
    });
  });
});
