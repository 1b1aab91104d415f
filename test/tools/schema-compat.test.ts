// Every schema in tools/list against the rules the strictest common clients apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  description?: string;
};

let h: Harness;
let tools: { name: string; inputSchema: Schema; outputSchema?: Schema }[];
beforeAll(async () => {
  h = await createHarness();
  tools = (await h.client.listTools()).tools as typeof tools;
});
afterAll(async () => {
  await h.close();
});

/** Problems of one schema node and everything below it, as readable paths. */
function problems(node: Schema, path: string, out: string[]): string[] {
  if ('$ref' in node) out.push(`${path}: $ref`);
  const types = ([] as string[]).concat(node.type ?? []);
  if ((types.includes('number') || types.includes('integer')) && !Array.isArray(node.enum)) {
    if (node.minimum === undefined && node.exclusiveMinimum === undefined)
      out.push(`${path}: no minimum`);
    if (node.maximum === undefined && node.exclusiveMaximum === undefined)
      out.push(`${path}: no maximum`);
  }
  if (types.includes('string') && typeof node.pattern === 'string' && node.pattern.length > 100) {
    out.push(`${path}: long pattern`);
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (!child.description) out.push(`${path}.${key}: no description`);
    problems(child, `${path}.${key}`, out);
  }
  if (node.items) problems(node.items, `${path}[]`, out);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, sub] of ((node[key] as Schema[] | undefined) ?? []).entries()) {
      problems(sub, `${path}.${key}[${i}]`, out);
    }
  }
  return out;
}

describe('schema compatibility', () => {
  it('tool names fit ^[a-z][a-z0-9_]{0,39}$', () => {
    for (const t of tools) expect(t.name).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
  });

  it('every input and output schema is a flat object without top-level unions', () => {
    for (const t of tools) {
      for (const schema of [t.inputSchema, t.outputSchema].filter(Boolean) as Schema[]) {
        expect(schema.type, t.name).toBe('object');
        for (const key of ['anyOf', 'oneOf', 'allOf', '$ref'])
          expect(schema, t.name).not.toHaveProperty(key);
      }
    }
  });

  it('every property is described, every number bounded, no $ref, no long patterns', () => {
    const found = tools.flatMap((t) => [
      ...problems(t.inputSchema, `${t.name}.input`, []),
      ...(t.outputSchema ? problems(t.outputSchema, `${t.name}.output`, []) : []),
    ]);
    expect(found).toEqual([]);
  });
});
