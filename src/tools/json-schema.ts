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
 * The schema as the SDK sees it: tools/list publishes the trimmed JSON form. Tool arguments are
 * checked by the tools' one validating entry (input.ts, which names the argument to fix), so for
 * them the SDK passes arguments through; results are validated by zod against the output schema.
 */
export function sdkSchema(schema: z.ZodType, io: Io): SdkSchema {
  const std = schema['~standard'];
  return {
    '~standard': {
      version: 1,
      vendor: std.vendor,
      validate: io === 'input' ? (value) => ({ value }) : std.validate,
      jsonSchema: {
        input: () => publishedJsonSchema(schema, 'input'),
        output: () => publishedJsonSchema(schema, 'output'),
      },
    },
  };
}
