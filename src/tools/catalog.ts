// The tool catalogue as Markdown, rendered from TOOLSETS (README tables; checked by a test).
import { TOOLSETS } from './index.js';

const firstSentence = (text: string) => (/^.*?[.!?](\s|$)/.exec(text)?.[0] ?? text).trim();
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderToolTables(): string {
  const lines = [
    '| toolset | default | tools | what for |',
    '| --- | --- | --- | --- |',
    ...TOOLSETS.map(
      (s) =>
        `| \`${s.id}\` | ${s.isDefault ? 'on' : 'off'} | ${s.tools.length} | ${cell(s.description)} |`,
    ),
  ];
  for (const set of TOOLSETS) {
    lines.push(
      '',
      `### \`${set.id}\``,
      '',
      '| tool | title | read-only | what it does |',
      '| --- | --- | --- | --- |',
    );
    for (const t of set.tools) {
      const flags = t.annotations.readOnlyHint ? 'yes' : t.confirm ? 'no (confirms)' : 'no';
      lines.push(
        `| \`${t.name}\` | ${cell(t.title)} | ${flags} | ${cell(firstSentence(t.description))} |`,
      );
    }
  }
  return lines.join('\n');
}
