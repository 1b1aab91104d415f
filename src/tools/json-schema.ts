// The JSON Schema a tool publishes, trimmed of what costs tokens and tells a model nothing
// (the `$schema` dialect URL on every tool). Validation stays zod's own.
import { z } from 'zod';

type Io = 'input' | 'output';

export function publishedJsonSchema(schema: z.ZodType, io: Io): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
  return rest;
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
