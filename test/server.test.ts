// Toolset selection, read-only mode and the instructions the model gets.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.js';
import { ALL_TOOLS } from '../src/toolsets/all.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
});

describe('createServer', () => {
  it('read-only mode keeps only read-only tools, whatever else is enabled', async () => {
    h = await createHarness({ readOnly: true, tools: ['delete_event'] });
    const { tools } = await h.client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((t) => t.name)).not.toContain('delete_event');
    expect(h.client.getInstructions()).toContain('Read-only mode');
  });

  it('exclude-tools hides tools and every tool carries all four hints', async () => {
    h = await createHarness({ excludeTools: ['delete_event'] });
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).not.toContain('delete_event');
    expect(tools).toHaveLength(ALL_TOOLS.length - 1);
    for (const t of tools) {
      expect(Object.keys(t.annotations ?? {})).toEqual(
        expect.arrayContaining([
          'readOnlyHint',
          'destructiveHint',
          'idempotentHint',
          'openWorldHint',
        ]),
      );
    }
  });

  it('instructions say the data is simulated in sandbox mode', async () => {
    h = await createHarness();
    expect(h.client.getInstructions()).toContain('sandbox');
    const res = await h.call('list_timezones');
    // The mark is a block of its own: the data block stays plain JSON for programs.
    const blocks = res.raw.content as { type: string; text: string }[];
    expect(blocks.at(-1)).toEqual({ type: 'text', text: '[sandbox data]' });
    expect(JSON.parse(blocks[0]!.text).items.length).toBeGreaterThan(10);
    expect(h.client.getInstructions()).toContain('[sandbox data]');
  });

  it("instructions carry today's date and time in Moscow, read when the server is made", async () => {
    // 23:30 UTC on Monday is already Tuesday in Moscow: the date is the zone's, not UTC's.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T23:30:00Z'));
    try {
      h = await createHarness({ toolsets: ['default'] });
    } finally {
      vi.useRealTimers();
    }
    expect(h.client.getInstructions()).toContain(
      'Now: Tuesday 2027-03-02 02:30 Moscow (UTC+03:00).',
    );
  });
});
