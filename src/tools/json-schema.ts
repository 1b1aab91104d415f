// The JSON Schema a tool publishes, trimmed of what costs tokens and tells a model nothing
// (the `$schema` dialect URL on every tool). Validation stays zod's own.
import { z } from 'zod';

type Io = 'input' | 'output';

/**
 * A `z.preprocess` (ids that accept "123") has no JSON Schema of its own: publish the schema it
 * feeds, which is what a client should send.
 */
function publishPreprocessedAsTarget(ctx: {
  zodSchema: z.core.$ZodTypes;
  jsonSchema: Record<string, unknown>;
}): void {
  const def = ctx.zodSchema._zod.def;
  if (def.type !== 'pipe' || def.in._zod.def.type !== 'transform') return;
  const { $schema: _dialect, ...target } = z.toJSONSchema(def.out, { io: 'input' });
  Object.assign(ctx.jsonSchema, target);
}

/** Definitions never change at run time; HTTP mode builds a server (and a tools/list) per request. */
const cache = { input: new WeakMap<z.ZodType, object>(), output: new WeakMap<z.ZodType, object>() };

export function publishedJsonSchema(schema: z.ZodType, io: Io): Record<string, unknown> {
  let published = cache[io].get(schema);
  if (!published) {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
      override: publishPreprocessedAsTarget,
    });
    published = rest;
    cache[io].set(schema, published);
  }
  // A copy: the SDK or a caller may decorate what it gets.
  return structuredClone(published) as Record<string, unknown>;
}

/**
 * The schema as a Standard Schema whose JSON form is the trimmed one: what the SDK publishes
 * in tools/list comes from `~standard.jsonSchema`, validation from `~standard.validate`.
 */
export function withPublishedJsonSchema<T extends z.ZodType>(schema: T): T {
  const std = schema['~standard'];
  const standard = {
    ...std,
    jsonSchema: {
      input: () => publishedJsonSchema(schema, 'input'),
      output: () => publishedJsonSchema(schema, 'output'),
    },
  };
  return { '~standard': standard } as unknown as T;
}
