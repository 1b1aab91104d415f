// What each tool definition costs the model: the tools/list JSON of a tool, counted with a real
// BPE tokenizer (o200k_base via gpt-tokenizer; Claude's tokenizer is not public, and o200k counts
// land close to it for English JSON). Imported lazily: only `mtslink-mcp tools` and tests use it.
import { countTokens } from 'gpt-tokenizer';
import type { ToolDef } from './define.js';
import { publishedJsonSchema } from './json-schema.js';
import { ALL_TOOLS, LOADED_TOOLSETS as TOOLSETS } from './all-tools.js';
import { DEFAULT_TOOLSET_IDS } from './toolsets.js';

/**
 * Targets from DESIGN.md §5 (a test fails when the totals grow past them). `all` was 16,000; the
 * five tools of issue 13.4 (profile, webhooks, reactions: ~530 tokens) moved it to 16,500, as
 * flagged for the lead: trimming other areas' descriptions further would cost the model clarity.
 */
export const TOKEN_TARGETS = { default: 5_000, all: 16_500 };

/** The tool as tools/list shows it (key order aside). */
export function toolDefinition(def: ToolDef) {
  return {
    name: def.name,
    title: def.title,
    description: def.description,
    inputSchema: publishedJsonSchema(def.input, 'input'),
    ...(def.output ? { outputSchema: publishedJsonSchema(def.output, 'output') } : {}),
    annotations: def.annotations,
  };
}

export interface TokenRow {
  name: string;
  toolset: string;
  isDefault: boolean;
  tokens: number;
}

export function tokenReport() {
  const rows: TokenRow[] = TOOLSETS.flatMap((set) =>
    set.tools.map((def) => ({
      name: def.name,
      toolset: set.id,
      isDefault: DEFAULT_TOOLSET_IDS.includes(set.id),
      tokens: countTokens(JSON.stringify(toolDefinition(def))),
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

export function renderTokenReport(report = tokenReport()): string {
  const width = Math.max(...report.rows.map((r) => r.name.length));
  const lines = report.rows.map(
    (r) =>
      `${r.name.padEnd(width)}  ${r.toolset.padEnd(12)} ${r.isDefault ? 'default' : '       '}  ${String(r.tokens).padStart(5)}`,
  );
  const { default: d, all } = report.totals;
  lines.push(
    '',
    `default toolsets (${DEFAULT_TOOLSET_IDS.join(', ')}): ${d.tools} tools, ${d.tokens} tokens (target <= ${TOKEN_TARGETS.default})`,
    `all toolsets: ${all.tools} tools, ${all.tokens} tokens (target <= ${TOKEN_TARGETS.all})`,
    'Tokens: tools/list JSON per tool, o200k_base (gpt-tokenizer).',
  );
  return lines.join('\n');
}
