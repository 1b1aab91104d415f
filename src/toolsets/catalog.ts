// The tool catalogue as Markdown, rendered from the toolsets (README tables; checked by a test).
import { LOADED_TOOLSETS as TOOLSETS } from './all.js';

const firstSentence = (text: string) => (/^.*?[.!?](\s|$)/.exec(text)?.[0] ?? text).trim();
const cell = (text: string) => text.replace(/\|/g, '\\|');

const WORDS = {
  en: {
    sets: '| toolset | default | tools | what for |',
    tools: '| tool | title | read-only | what it does |',
    on: 'on',
    off: 'off',
    yes: 'yes',
    no: 'no',
    confirms: 'no (confirms)',
  },
  ru: {
    sets: '| набор | по умолчанию | инструментов | для чего |',
    tools: '| инструмент | название | только чтение | что делает |',
    on: 'вкл.',
    off: 'выкл.',
    yes: 'да',
    no: 'нет',
    confirms: 'нет (с подтверждением)',
  },
};

/** Markdown tables of toolsets and tools; tool texts stay in English (what the model reads). */
export function renderToolTables(lang: 'en' | 'ru' = 'en'): string {
  const w = WORDS[lang];
  const lines = [
    w.sets,
    '| --- | --- | --- | --- |',
    ...TOOLSETS.map(
      (s) =>
        `| \`${s.id}\` | ${s.isDefault ? w.on : w.off} | ${s.tools.length} | ${cell(s.description)} |`,
    ),
  ];
  for (const set of TOOLSETS) {
    lines.push('', `### \`${set.id}\``, '', w.tools, '| --- | --- | --- | --- |');
    for (const t of set.tools) {
      const flags = t.annotations.readOnlyHint ? w.yes : t.confirm ? w.confirms : w.no;
      lines.push(
        `| \`${t.name}\` | ${cell(t.title)} | ${flags} | ${cell(firstSentence(t.description))} |`,
      );
    }
  }
  return lines.join('\n');
}
