// CSV as users paste it: a header row, comma- or semicolon-separated (Russian spreadsheet
// exports use `;`), quoted cells with "" escapes and line breaks, a UTF-8 BOM, CRLF or LF.

export interface CsvRecord {
  /** Line of the file where the record starts (1-based; the header is usually line 1). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  header: CsvRecord | undefined;
  rows: CsvRecord[];
  delimiter: string;
}

const DELIMITERS = [',', ';', '\t'] as const;
/** Lines looked at to choose the delimiter. */
const SAMPLE_LINES = 5;

/** Per line of the sample, how often each delimiter occurs outside quotes. */
function delimiterCounts(text: string): Map<string, number>[] {
  const lines: Map<string, number>[] = [];
  let counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      lines.push(counts);
      if (lines.length >= SAMPLE_LINES) return lines;
      counts = new Map(DELIMITERS.map((d) => [d, 0]));
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  lines.push(counts);
  return lines;
}

/**
 * `;`, `,` or tab. The one that splits the first lines into the same number of columns wins
 * (a Russian header «Фамилия, имя, отчество;E-mail» has more commas than semicolons, but only
 * the semicolons repeat on every line); else the most frequent one in the first line.
 */
export function detectDelimiter(text: string): string {
  const lines = delimiterCounts(text).filter((l) => [...l.values()].some((n) => n > 0));
  const first = lines[0];
  if (!first) return ',';
  const steady = DELIMITERS.filter(
    (d) => (first.get(d) ?? 0) > 0 && lines.every((l) => l.get(d) === first.get(d)),
  );
  const pool: string[] = lines.length > 1 && steady.length ? steady : [...DELIMITERS];
  return pool.reduce((best, d) => ((first.get(d) ?? 0) > (first.get(best) ?? 0) ? d : best));
}

/** All records, then the first non-blank one becomes the header; blank records are skipped. */
export function parseCsv(input: string): ParsedCsv {
  const unmarked = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Excel's `sep=;` first line names the delimiter; it is not the header.
  const sep = /^sep=(.)\r?\n/i.exec(unmarked);
  const text = sep ? unmarked.slice(sep[0].length) : unmarked;
  const delimiter = sep?.[1] ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = sep ? 2 : 1; // lines of the file as the user sees it
  let start = line;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (cells.some((c) => c.trim() !== '')) records.push({ line: start, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (ch === delimiter) endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) endRecord();
  return { header: records[0], rows: records.slice(1), delimiter };
}
