// What each tool definition costs the model: the tools/list JSON of a tool, counted with a real
// BPE tokenizer (o200k_base via gpt-tokenizer; Claude's tokenizer is not public, and o200k counts
// land close to it for English JSON). The tokenizer is a dev dependency (55 MB of tables): a clone
// counts; an installed package lists the tools and says how to get the counts.
import type { AnyTool } from '../tools/define.js';
import { argumentsSchema } from '../tools/input.js';
import { publishedJsonSchema } from '../tools/json-schema.js';
import { ALL_TOOLS, LOADED_TOOLSETS as TOOLSETS } from './all.js';
import { DEFAULT_TOOLSET_IDS } from './index.js';

/** Targets from DESIGN.md §5 (a test fails when the totals grow past them). */
export const TOKEN_TARGETS = { default: 5_000, all: 16_500 };

type CountTokens = (text: string) => number;

/** o200k_base's counter, or undefined where gpt-tokenizer is not installed. */
export async function loadTokenCounter(
  load: () => Promise<{ countTokens: CountTokens }> = () =>
    import('gpt-tokenizer/encoding/o200k_base'),
): Promise<CountTokens | undefined> {
  try {
    return (await load()).countTokens;
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? err.code : undefined;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

/** The tool as tools/list shows it (key order aside). */
export function toolDefinition(def: AnyTool) {
  return {
    name: def.name,
    title: def.title,
    description: def.description,
    inputSchema: publishedJsonSchema(argumentsSchema(def), 'input'),
    ...(def.output ? { outputSchema: publishedJsonSchema(def.output, 'output') } : {}),
    annotations: def.annotations,
  };
}

interface TokenRow {
  name: string;
  toolset: string;
  isDefault: boolean;
  tokens: number;
}

export function tokenReport(count: CountTokens) {
  const rows: TokenRow[] = TOOLSETS.flatMap((set) =>
    set.tools.map((def) => ({
      name: def.name,
      toolset: set.id,
      isDefault: DEFAULT_TOOLSET_IDS.includes(set.id),
      tokens: count(JSON.stringify(toolDefinition(def))),
    })),
  );
  const sum = (xs: TokenRow[]) => xs.reduce((n, r) => n + r.tokens, 0);
  const defaults = rows.filter((r) => r.isDefault);
  return {
    rows,
    totals: {
      default: { tools: defaults.length, tokens: sum(defaults) },
      all: { tools: ALL_TOOLS.length, tokens: sum(rows) },
    },
  };
}

/** The catalogue with token counts, or without them (and how to get them) when `count` is absent. */
export function renderTokenReport(count: CountTokens | undefined): string {
  const report = tokenReport(count ?? (() => 0));
  const width = Math.max(...report.rows.map((r) => r.name.length));
  const lines = report.rows.map(
    (r) =>
      `${r.name.padEnd(width)}  ${r.toolset.padEnd(12)} ${r.isDefault ? 'default' : '       '}${count ? `  ${String(r.tokens).padStart(5)}` : ''}`,
  );
  const { default: d, all } = report.totals;
  if (!count) {
    lines.push(
      '',
      `default toolsets (${DEFAULT_TOOLSET_IDS.join(', ')}): ${d.tools} tools; all toolsets: ${all.tools} tools.`,
      'Token counts need gpt-tokenizer, a development dependency: run `node dist/cli.js tools` in a clone after `npm ci && npm run build`, or install gpt-tokenizer beside the package.',
    );
    return lines.join('\n');
  }
  lines.push(
    '',
    `default toolsets (${DEFAULT_TOOLSET_IDS.join(', ')}): ${d.tools} tools, ${d.tokens} tokens (target <= ${TOKEN_TARGETS.default})`,
    `all toolsets: ${all.tools} tools, ${all.tokens} tokens (target <= ${TOKEN_TARGETS.all})`,
    'Tokens: tools/list JSON per tool, o200k_base (gpt-tokenizer).',
  );
  return lines.join('\n');
}
