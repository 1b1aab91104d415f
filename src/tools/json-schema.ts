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

/** Top-level keys whose schema is a plain number (through optional / default wrappers). */
function numberKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.keys(shape).filter((key) => {
    let inner = shape[key]?._zod.def;
    while (inner && 'innerType' in inner) inner = (inner.innerType as z.ZodType)._zod.def;
    return inner?.type === 'number';
  });
}

/**
 * Models now and then quote a number (`"eventSessionId": "2405019"`): a digit string in a number
 * argument is read as the number before validation. The published schema still says integer.
 */
function withQuotedNumbers(value: unknown, keys: string[]): unknown {
  if (!keys.length || !value || typeof value !== 'object' || Array.isArray(value)) return value;
  const args = value as Record<string, unknown>;
  const quoted = keys.filter(
    (k) => typeof args[k] === 'string' && /^\s*\d{1,15}\s*$/.test(args[k]),
  );
  if (!quoted.length) return value;
  const out = { ...args };
  for (const key of quoted) out[key] = Number(args[key]);
  return out;
}

/**
 * The schema as a Standard Schema whose JSON form is the trimmed one: what the SDK publishes
 * in tools/list comes from `~standard.jsonSchema`, validation from `~standard.validate` (for
 * input schemas after quoted numbers are read as numbers).
 */
export function withPublishedJsonSchema<T extends z.ZodType>(
  schema: T,
  opts: { acceptQuotedNumbers?: boolean } = {},
): T {
  const std = schema['~standard'];
  const keys = opts.acceptQuotedNumbers ? numberKeys(schema) : [];
  const standard = {
    ...std,
    validate: (value: unknown) => std.validate(withQuotedNumbers(value, keys)),
    jsonSchema: {
      input: () => publishedJsonSchema(schema, 'input'),
      output: () => publishedJsonSchema(schema, 'output'),
    },
  };
  return { '~standard': standard } as unknown as T;
}
