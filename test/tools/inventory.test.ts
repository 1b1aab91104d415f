// Invariants over every tool definition (STYLE.md §8) and the tools/list snapshot.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { pathParamsOf } from '../../src/tools/execute.js';
import { ALL_TOOLS } from '../../src/tools/all-tools.js';
import { TOOLSETS } from '../../src/tools/toolsets.js';
import { publishedJsonSchema } from '../../src/tools/json-schema.js';
import { createHarness } from '../helpers/harness.js';

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

describe('tool inventory', () => {
  it('has unique, well-formed names', () => {
    const names = ALL_TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(NAME);
  });

  it.each(ALL_TOOLS.map((t) => [t.name, t] as const))('%s is well-declared', (_name, def) => {
    expect(def.title.trim()).not.toBe('');
    expect(def.description.length).toBeGreaterThan(20);
    const shape = def.input.shape as Record<string, z.ZodType>;
    // Path params are input keys; required unless they are the id that selects a `paths` variant.
    const selectors = Object.keys(def.paths ?? {});
    for (const path of [def.path, ...Object.values(def.paths ?? {})]) {
      for (const param of pathParamsOf(path)) {
        expect(shape[param], `path param ${param}`).toBeDefined();
        // With variants, the main path's ids may be optional: pathFor names a missing one.
        if (selectors.includes(param) || (selectors.length && path === def.path)) continue;
        expect(shape[param]!.safeParse(undefined).success, `${param} must be required`).toBe(false);
      }
    }
    // What tools/list publishes: the input side (a perPage that rounds up is a transform).
    const json = publishedJsonSchema(def.input, 'input') as {
      type: string;
      properties?: Record<string, { description?: string }>;
    };
    expect(json.type).toBe('object');
    expect(JSON.stringify(json)).not.toContain('$ref');
    for (const [key, prop] of Object.entries(json.properties ?? {})) {
      expect(prop.description, `${def.name}.${key} needs .describe()`).toBeTruthy();
    }
    expect(def.annotations.readOnlyHint).toBe(def.method === 'GET');
    if (def.method === 'DELETE') expect(def.annotations.destructiveHint).toBe(true);
    if (def.confirm) expect(shape.confirm).toBeDefined();
    // Whatever cannot be undone asks the user first (confirm.ts).
    if (def.annotations.destructiveHint) expect(def.confirm, `${def.name} confirms`).toBeDefined();
  });

  it('each toolset id matches its area file', async () => {
    for (const set of TOOLSETS) {
      const mod = (await import(`../../src/tools/${set.id}.ts`)) as Record<string, unknown>;
      expect(mod[`${set.id}Tools`]).toBe(await set.load());
    }
  });

  it('tools/list matches the committed snapshot', async () => {
    const h = await createHarness();
    try {
      const { tools } = await h.client.listTools();
      await expect(JSON.stringify(tools, null, 2) + '\n').toMatchFileSnapshot(
        'tools-list.snap.json',
      );
    } finally {
      await h.close();
    }
  });
});
