// Toolsets the model switches on during a conversation, through a real MCP client (2025-11-25)
// against the real server and sandbox: the client hears tools/list_changed, lists again and calls
// the new tools; read-only mode and --exclude-tools still hold; an operator can turn it off.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterEach, describe, expect, it } from 'vitest';
import { LOADED_TOOLSETS } from '../../src/toolsets/all.js';
import { DEFAULT_TOOLSET_IDS } from '../../src/toolsets/index.js';
import { toolDefinition } from '../../src/toolsets/token-report.js';
import { createHarness, type Harness, type HarnessOptions } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A server with the default toolsets (as `mtslink-mcp --sandbox` starts) and a change counter. */
async function start(opts: HarnessOptions = {}) {
  h = await createHarness({ toolsets: DEFAULT_TOOLSET_IDS, ...opts });
  let changes = 0;
  let announced: () => void = () => {};
  const firstChange = new Promise<void>((resolve) => (announced = resolve));
  h.client.setNotificationHandler('notifications/tools/list_changed', () => {
    changes += 1;
    announced();
  });
  const names = async () => (await h!.client.listTools()).tools.map((t) => t.name);
  return { h, names, firstChange, changes: () => changes };
}

describe('dynamic toolsets', () => {
  it('switches contacts on: the client hears list_changed, lists again and finds a contact', async () => {
    const { h, names, firstChange, changes } = await start();
    expect(h.client.getServerCapabilities()?.tools?.listChanged).toBe(true);
    expect(await names()).toEqual(expect.arrayContaining(['list_toolsets', 'enable_toolsets']));
    expect(await names()).not.toContain('search_contacts');

    const res = await h.call('enable_toolsets', { toolsets: ['contacts'] });
    expect(res.isError).toBe(false);
    expect(res.json.enabled).toEqual([
      { id: 'contacts', added: expect.arrayContaining(['search_contacts', 'delete_contact']) },
    ]);
    expect(res.json.next).toMatch(/MTSLINK_TOOLSETS/);
    await firstChange;
    expect(await names()).toContain('search_contacts');

    const [someone] = h.sandbox.state.contacts.values();
    const found = await h.call('search_contacts', { secondName: someone!.secondName });
    expect(found.isError).toBe(false);
    expect(found.text).toContain(`"id":${someone!.id}`);
    // The seven tools arrived with one announcement, not seven.
    expect(changes()).toBe(1);
  });

  it('enables several at once, says what was already on, and announces nothing new', async () => {
    const { h, names, firstChange, changes } = await start();
    const res = await h.call('enable_toolsets', { toolsets: ['chat', 'events', 'questions'] });
    expect(res.json.enabled.map((e: { id: string }) => e.id)).toEqual(['chat', 'questions']);
    expect(res.json.alreadyOn).toEqual(['events']);
    await firstChange;
    expect(await names()).toEqual(expect.arrayContaining(['list_chat_messages', 'list_questions']));

    const again = await h.call('enable_toolsets', { toolsets: ['chat'] });
    expect(again.json).toMatchObject({ alreadyOn: ['chat'], next: /Nothing new/ });
    await names(); // a round trip after the call: a notification would have come before it
    expect(changes()).toBe(1);
  });

  it('refuses an unknown toolset, naming the valid ones, and changes nothing', async () => {
    const { h, names, changes } = await start();
    const before = await names();
    const res = await h.call('enable_toolsets', { toolsets: ['contact'] });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(
      /toolsets: unknown toolset contact; the toolsets are events, .*contacts/,
    );
    expect(await names()).toEqual(before);
    expect(changes()).toBe(0);
  });

  it('read-only mode adds only the read tools, and says what it withheld', async () => {
    const { h, firstChange } = await start({ readOnly: true });
    const res = await h.call('enable_toolsets', { toolsets: ['contacts'] });
    expect(res.json.enabled[0].added.sort()).toEqual(['get_contact', 'search_contacts']);
    expect(res.json.enabled[0].withheld).toContain('delete_contact (read-only mode)');
    await firstChange;
    const { tools } = await h.client.listTools();
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((t) => t.name)).toContain('search_contacts');
    const mark = h.sandbox.requests.length;
    const refused = await h.call('create_contact', { email: 'a@example.com' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/^create_contact is switched off on this server \(read-only/);
    expect(h.requestsSince(mark)).toEqual([]);
  });

  it('--exclude-tools still hides a tool of a toolset switched on', async () => {
    const { h, names } = await start({ excludeTools: ['delete_contact'] });
    const res = await h.call('enable_toolsets', { toolsets: ['contacts'] });
    expect(res.json.enabled[0].added).not.toContain('delete_contact');
    expect(res.json.enabled[0].withheld).toEqual(['delete_contact (hidden by the operator)']);
    expect(await names()).toContain('search_contacts');
    expect(await names()).not.toContain('delete_contact');
  });

  it('a tool named with --tools is not added twice when its toolset comes on', async () => {
    const { h, names } = await start({ tools: ['search_contacts'] });
    const res = await h.call('enable_toolsets', { toolsets: ['contacts'] });
    expect(res.isError).toBe(false);
    expect(res.json.enabled[0].added).not.toContain('search_contacts');
    const listed = await names();
    expect(listed.filter((n) => n === 'search_contacts')).toHaveLength(1);
  });

  it('lists every toolset with what it is for, its tools, their cost and whether it is on', async () => {
    const { h } = await start({ readOnly: true });
    const listed = await h.call('list_toolsets');
    type Row = { id: string; on: boolean; about: string; tools: string[]; tokens: number };
    const rows: Row[] = listed.json.toolsets;
    expect(rows.map((r) => r.id)).toEqual(LOADED_TOOLSETS.map((s) => s.id));
    expect(rows.find((r) => r.id === 'events')?.on).toBe(true);
    expect(rows.find((r) => r.id === 'contacts')).toMatchObject({
      on: false,
      about: expect.stringMatching(/Address book/),
      tools: ['search_contacts', 'get_contact'], // read-only mode: what it would add here
    });
    await h.call('enable_toolsets', { toolsets: ['contacts'] });
    const after: Row[] = (await h.call('list_toolsets')).json.toolsets;
    expect(after.find((r) => r.id === 'contacts')?.on).toBe(true);
  });

  it("estimates each toolset's cost within 10% of the o200k count of its tools/list JSON", async () => {
    const { h } = await start();
    const rows: { id: string; tokens: number }[] = (await h.call('list_toolsets')).json.toolsets;
    for (const set of LOADED_TOOLSETS) {
      const real = set.tools.reduce(
        (n, d) => n + countTokens(JSON.stringify(toolDefinition(d))),
        0,
      );
      const estimate = rows.find((r) => r.id === set.id)?.tokens ?? 0;
      expect(Math.abs(estimate - real) / real, `${set.id}: ${estimate} vs ${real}`).toBeLessThan(
        0.1,
      );
    }
  });

  it('with every toolset on there is nothing to switch on, and no meta-tools', async () => {
    const { h } = await start({ toolsets: ['all'] });
    const listed = (await h.client.listTools()).tools.map((t) => t.name);
    expect(listed).toContain('search_contacts');
    expect(listed).not.toContain('enable_toolsets');
    expect(h.client.getServerCapabilities()?.tools?.listChanged).toBe(false);
  });

  it('instructions point to enable_toolsets; with it turned off, to MTSLINK_TOOLSETS as before', async () => {
    const on = await start();
    expect(on.h.client.getInstructions()).toMatch(
      /Off here: participants, chat, .*, tests; switch on .* with enable_toolsets/,
    );
    await on.h.close();

    h = await createHarness({ toolsets: DEFAULT_TOOLSET_IDS, dynamicToolsets: false });
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).not.toContain('enable_toolsets');
    expect(tools.map((t) => t.name)).not.toContain('list_toolsets');
    expect(h.client.getServerCapabilities()?.tools?.listChanged).toBe(false);
    expect(h.client.getInstructions()).toMatch(
      /enable them with MTSLINK_TOOLSETS\): participants \(/,
    );
    expect(h.client.getInstructions()).not.toContain('enable_toolsets');
  });

  it('a call to a tool of a toolset that is off says how to switch it on, then works', async () => {
    const { h } = await start();
    const off = await h.call('list_records', {});
    expect(off.isError).toBe(true);
    expect(off.text).toBe(
      'list_records is in the records toolset, which is off here: call enable_toolsets with toolsets ["records"], then call list_records again.',
    );
    await h.call('enable_toolsets', { toolsets: ['records'] });
    expect((await h.call('list_records', {})).isError).toBe(false);
    // A name no toolset has keeps the protocol's own error.
    await expect(h.call('frobnicate', {})).rejects.toThrow(/Tool frobnicate not found/);
  });

  it('without meta-tools the hint names the setting; read-only mode says the tool is not here', async () => {
    h = await createHarness({ toolsets: DEFAULT_TOOLSET_IDS, dynamicToolsets: false });
    expect((await h.call('list_records', {})).text).toMatch(
      /in the records toolset, which is off here: the user can add "records" to MTSLINK_TOOLSETS/,
    );
    await h.close();
    h = await createHarness({ toolsets: DEFAULT_TOOLSET_IDS, readOnly: true });
    expect((await h.call('delete_event', { eventId: 1 })).text).toMatch(
      /^delete_event is switched off on this server \(read-only mode/,
    );
  });
});
