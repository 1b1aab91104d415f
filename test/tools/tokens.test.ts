// The token budget of tool definitions (DESIGN.md §5) and the fidelity of what we count.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/toolsets/all.js';
import { DEFAULT_TOOLSET_IDS } from '../../src/toolsets/index.js';
import {
  loadTokenCounter,
  renderTokenReport,
  TOKEN_TARGETS,
  tokenReport,
  toolDefinition,
} from '../../src/toolsets/token-report.js';
import { createHarness } from '../helpers/harness.js';

/** JSON with sorted keys, to compare objects regardless of key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

describe('tool definition tokens', () => {
  it('stay within the targets for the default and the full set', () => {
    const { totals } = tokenReport(countTokens);
    expect(totals.default.tokens).toBeLessThanOrEqual(TOKEN_TARGETS.default);
    expect(totals.all.tokens).toBeLessThanOrEqual(TOKEN_TARGETS.all);
  });

  it('default surface as a client gets it (tools, meta-tools, instructions) stays within 5,000', async () => {
    // --sandbox with default settings: its instructions are the longest (one line more).
    const h = await createHarness({ toolsets: DEFAULT_TOOLSET_IDS });
    try {
      const { tools } = await h.client.listTools();
      expect(tools.map((t) => t.name)).toContain('enable_toolsets');
      const total =
        tools.reduce((n, t) => n + countTokens(JSON.stringify(t)), 0) +
        countTokens(h.client.getInstructions() ?? '');
      expect(total).toBeLessThanOrEqual(TOKEN_TARGETS.default);
    } finally {
      await h.close();
    }
  });

  it('count exactly what tools/list sends', async () => {
    const h = await createHarness();
    try {
      const { tools } = await h.client.listTools();
      for (const def of ALL_TOOLS) {
        const listed = tools.find((t) => t.name === def.name);
        const { $schema: _a, ...listedInput } = (listed?.inputSchema ?? {}) as Record<
          string,
          unknown
        >;
        const { $schema: _b, ...ours } = toolDefinition(def).inputSchema as Record<string, unknown>;
        expect(canonical(listedInput), def.name).toBe(canonical(ours));
        expect(listed?.description).toBe(def.description);
      }
    } finally {
      await h.close();
    }
  });

  it('counts with o200k_base where gpt-tokenizer is installed (a clone)', async () => {
    const count = await loadTokenCounter();
    expect(count?.('{"name":"list_events"}')).toBe(countTokens('{"name":"list_events"}'));
    // A real BPE count, not characters / 4.
    expect(count?.('tokenization')).toBe(2);
    expect(renderTokenReport(count)).toMatch(/default toolsets .*\d+ tokens \(target <= 5000\)/);
  });

  it('without gpt-tokenizer (an installed package) lists the tools and says how to count', async () => {
    const missing = Object.assign(new Error('Cannot find package'), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const count = await loadTokenCounter(() => Promise.reject(missing));
    expect(count).toBeUndefined();
    const text = renderTokenReport(count);
    for (const def of ALL_TOOLS) expect(text).toContain(def.name);
    expect(text).toContain('gpt-tokenizer');
    expect(text).not.toMatch(/tokens \(target/);
    const broken = new Error('a bug in the tokenizer');
    await expect(loadTokenCounter(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
