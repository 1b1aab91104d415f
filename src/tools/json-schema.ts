// The JSON Schema a tool publishes, trimmed of what costs tokens and tells a model nothing
// (the `$schema` dialect URL on every tool). Validation stays zod's own.
import { z } from 'zod';

type Io = 'input' | 'output';

/** Definitions never change at run time; HTTP mode builds a server (and a tools/list) per request. */
const cache = { input: new WeakMap<z.ZodType, object>(), output: new WeakMap<z.ZodType, object>() };

export function publishedJsonSchema(schema: z.ZodType, io: Io): Record<string, unknown> {
  let published = cache[io].get(schema);
  if (!published) {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
    published = rest;
    cache[io].set(schema, published);
  }
  // A copy: the SDK or a caller may decorate what it gets.
  return structuredClone(published) as Record<string, unknown>;
}

/** Standard Schema's validate, as zod declares it. */
type Validate = z.ZodType['~standard']['validate'];

/** A Standard Schema with its JSON form, as the SDK takes for tools/list and tools/call. */
export interface SdkSchema {
  '~standard': {
    version: 1;
    vendor: string;
    validate: Validate;
    jsonSchema: { input: () => Record<string, unknown>; output: () => Record<string, unknown> };
  };
}

/**
 * A schema as the SDK sees it: tools/list publishes `json` (publishedJsonSchema's output, made at
 * build time for the shipped server, see listed.ts). Without `zod` the SDK passes values
 * through: tool arguments are checked by the tools' one validating entry (input.ts, which names
 * the argument to fix). Results are validated by zod against the output schema, which `zod`
 * gives once the tool has run (its definition is loaded by then).
 */
export function sdkSchema(
  json: Record<string, unknown>,
  zod?: () => Promise<z.ZodType>,
): SdkSchema {
  // A copy each time: the SDK or a caller may decorate what it gets.
  const copy = () => structuredClone(json);
  return {
    '~standard': {
      version: 1,
      vendor: 'zod',
      validate: zod
        ? async (value) => (await zod())['~standard'].validate(value)
        : (value) => ({ value }),
      jsonSchema: { input: copy, output: copy },
    },
  };
}
