// Invariants over every tool definition (STYLE.md §8) and the tools/list snapshot.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { pathParamsOf } from '../../src/tools/execute.js';
import { argumentsSchema } from '../../src/tools/input.js';
import { ALL_TOOLS } from '../../src/toolsets/all.js';
import { DEFAULT_TOOLSET_IDS, TOOLSET_IDS, TOOLSETS } from '../../src/toolsets/index.js';
import { META_TOOLS } from '../../src/toolsets/meta-tools.js';
import { publishedJsonSchema } from '../../src/tools/json-schema.js';
import { createHarness } from '../helpers/harness.js';

const NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** Every tool a server may offer: the toolsets' and the meta-tools that switch toolsets on. */
const EVERY_TOOL = [...ALL_TOOLS, ...META_TOOLS];
const SNAPS = join(import.meta.dirname, '__toolsnaps__');

describe('tool inventory', () => {
  it('has unique, well-formed names', () => {
    const names = EVERY_TOOL.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(NAME);
  });

  it.each(EVERY_TOOL.map((t) => [t.name, t] as const))('%s is well-declared', (_name, def) => {
    expect(def.title.trim()).not.toBe('');
    expect(def.description.length).toBeGreaterThan(20);
    const shape = def.input.shape as Record<string, z.ZodType>;
    if (def.kind === 'endpoint') {
      // Path params are input keys; required unless they are the id that selects a `paths` variant.
      const selectors = Object.keys(def.paths ?? {});
      for (const path of [def.path, ...Object.values(def.paths ?? {})]) {
        for (const param of pathParamsOf(path)) {
          expect(shape[param], `path param ${param}`).toBeDefined();
          // With variants, the main path's ids may be optional: pathFor names a missing one.
          if (selectors.includes(param) || (selectors.length && path === def.path)) continue;
          expect(shape[param]!.safeParse(undefined).success, `${param} must be required`).toBe(
            false,
          );
        }
      }
      expect(def.annotations.readOnlyHint).toBe(def.method === 'GET');
      if (def.method === 'DELETE') expect(def.annotations.destructiveHint).toBe(true);
    } else {
      // A workflow names the tools whose operations it performs; read-only uses read-only only.
      const byName = new Map(ALL_TOOLS.map((t) => [t.name, t]));
      for (const used of def.uses) {
        expect(byName.has(used), `${def.name} uses unknown tool ${used}`).toBe(true);
        if (def.annotations.readOnlyHint) {
          expect(byName.get(used)?.annotations.readOnlyHint, `${def.name} uses ${used}`).toBe(true);
        }
      }
    }
    // What tools/list publishes: the input side (a perPage that rounds up is a transform).
    const json = publishedJsonSchema(argumentsSchema(def), 'input') as {
      type: string;
      properties?: Record<string, { description?: string }>;
    };
    expect(json.type).toBe('object');
    expect(JSON.stringify(json)).not.toContain('$ref');
    for (const [key, prop] of Object.entries(json.properties ?? {})) {
      expect(prop.description, `${def.name}.${key} needs .describe()`).toBeTruthy();
    }
    if (def.confirm) expect(argumentsSchema(def).shape.confirm).toBeDefined();
    // Whatever cannot be undone asks the user first (confirm.ts).
    if (def.annotations.destructiveHint) expect(def.confirm, `${def.name} confirms`).toBeDefined();
  });

  it('each toolset id matches its area file', async () => {
    for (const set of TOOLSETS) {
      const file =
        set.id === 'workflows' ? '../../src/workflows/index.ts' : `../../src/tools/${set.id}.ts`;
      const mod = (await import(file)) as Record<string, unknown>;
      // The area file's tools, in order (a toolset may add a workflow of its area after them).
      const own = mod[`${set.id}Tools`] as unknown[];
      expect((await set.load()).slice(0, own.length)).toEqual(own);
    }
  });

  // One small file per tool (as the GitHub MCP server keeps them): a description change is a
  // one-file diff. After an intended change: `npx vitest run test/tools/inventory.test.ts -u`.
  describe('tools/list snapshot, one file per tool', async () => {
    // Every toolset switched on through enable_toolsets, so the meta-tools are listed too.
    const h = await createHarness({ toolsets: DEFAULT_TOOLSET_IDS });
    await h.call('enable_toolsets', { toolsets: TOOLSET_IDS });
    const { tools } = await h.client.listTools().finally(() => h.close());

    it.each(tools.map((t) => [t.name, t] as const))('%s', async (name, tool) => {
      await expect(`${JSON.stringify(tool, null, 2)}\n`).toMatchFileSnapshot(
        join(SNAPS, `${name}.snap.json`),
      );
    });

    it('has no snapshot of a tool that is gone', () => {
      const names = new Set(tools.map((t) => `${t.name}.snap.json`));
      const stale = readdirSync(SNAPS).filter((f) => !names.has(f));
      expect(
        stale,
        `delete ${stale.map((f) => join('test/tools/__toolsnaps__', f)).join(', ')}`,
      ).toEqual([]);
    });
  });
});
