// The structure of a Markdown document as far as the README tests need it: headings, fenced code
// blocks and pipe tables, in order, with what is inside a fence never read as a heading or table.
// Line-based on purpose: the READMEs use only these three constructs, one per line.

interface Heading {
  level: number;
  text: string;
}

export interface CodeBlock {
  lang: string;
  body: string;
}

export interface Table {
  /** The heading the table sits under (its text), for messages. */
  under: string;
  /** Cells of each row, the header row first; the `| --- |` line is left out. */
  rows: string[][];
}

export interface MarkdownOutline {
  headings: Heading[];
  code: CodeBlock[];
  tables: Table[];
  /** Every line outside the code blocks. */
  prose: string;
}

/** Cells of a `| a | b |` line; `\|` is a pipe inside a cell. */
const cellsOf = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

export function outline(text: string): MarkdownOutline {
  const out: MarkdownOutline = { headings: [], code: [], tables: [], prose: '' };
  let fence: CodeBlock | undefined;
  let table: Table | undefined;
  let under = '';
  for (const line of text.split('\n')) {
    if (fence) {
      if (/^```\s*$/.test(line)) {
        out.code.push(fence);
        fence = undefined;
      } else fence.body += `${line}\n`;
      continue;
    }
    const opening = /^```(\S*)/.exec(line);
    if (opening) {
      fence = { lang: opening[1] ?? '', body: '' };
      table = undefined;
      continue;
    }
    out.prose += `${line}\n`;
    if (line.startsWith('|')) {
      if (!table) out.tables.push((table = { under, rows: [] }));
      if (!/^\|\s*-{3}/.test(line)) table.rows.push(cellsOf(line));
      continue;
    }
    table = undefined;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      under = heading[2]!.trim();
      out.headings.push({ level: heading[1]!.length, text: under });
    }
  }
  return out;
}

/**
 * The `code` spans of a piece of Markdown text, in order, as a reader would copy them: a span
 * wrapped over two lines has one space, and a placeholder (`<your token>`) reads `<…>`.
 */
export const codeSpans = (text: string): string[] =>
  [...text.matchAll(/`([^`]+)`/g)].map((m) =>
    m[1]!.replace(/\s+/g, ' ').replace(/<[^<>]+>/g, '<…>'),
  );

/**
 * The spans of a cell made of code and nothing else (besides separators), e.g. `` `--port` `` or
 * `` `MTSLINK_TOOLS` ``; undefined for a cell with words in it, which a translation rewrites.
 */
export function codeOnly(cell: string): string[] | undefined {
  const spans = codeSpans(cell);
  const rest = cell.replace(/`[^`]+`/g, '');
  return spans.length && /^[\s,/—–-]*$/.test(rest) ? spans : undefined;
}

/** The section under `## title` (up to the next `## `), without its heading line. */
export const section = (text: string, title: string): string =>
  text.split(`\n## ${title}`)[1]?.split('\n## ')[0] ?? '';
