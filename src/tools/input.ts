// The one validating entry: every call of a tool, whether from an MCP client, a workflow or a
// resource, has its arguments checked here before anything is sent. A bad argument is an
// InputError that names it, so every caller reports it the same way.
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { AnyObject, AnyTool, ParsedInputOf } from './define.js';
import { InputError, UnknownArgumentError } from './errors.js';
import { confirm as confirmField, ID_SOURCES } from './fields.js';

const schemas = new WeakMap<AnyTool, AnyObject>();

/**
 * The arguments a tool accepts: its input, plus `confirm` where the tool needs the user's
 * confirmation and the client cannot be asked (DESIGN.md §4). Nothing else: parseArguments
 * refuses an unknown argument (a guessed name would otherwise be dropped and the call run
 * without it, e.g. unfiltered). The published schema does not add `additionalProperties:
 * false`: it would cost ~5 tokens a tool (+84 on the default set, past its 5,000 budget; +349 on
 * all), some Gemini clients reject the keyword, and the refusal already names the fix.
 */
export function argumentsSchema(def: AnyTool): AnyObject {
  let schema = schemas.get(def);
  if (!schema) {
    schema = def.confirm ? def.input.extend({ confirm: confirmField.optional() }) : def.input;
    schemas.set(def, schema);
  }
  return schema;
}

const normalised = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The valid argument an unknown one most likely meant: a near spelling (`eventSesionId`,
 * `event_id`), a longer or shorter form (`sessionId` → eventSessionId), or a field whose
 * description uses the word (`title` → name, described "Title contains this.").
 */
function closestArgument(unknown: string, schema: AnyObject): string | undefined {
  const shape: Record<string, z.ZodType> = schema.shape;
  const keys = Object.keys(shape);
  const u = normalised(unknown);
  if (!u) return undefined;
  const ranked = keys
    .map((key) => ({ key, d: distance(u, normalised(key)) }))
    .sort((a, b) => a.d - b.d);
  const near = ranked[0];
  if (near && near.d <= Math.max(1, Math.floor(u.length / 3))) return near.key;
  if (u.length >= 4) {
    const long = keys.filter((k) => normalised(k).length >= 4); // `to` is in too many words
    const part = long.find((k) => normalised(k).includes(u) || u.includes(normalised(k)));
    if (part) return part;
  }
  if (unknown.length < 3 || unknown.length > 40) return undefined;
  const word = new RegExp(`\\b${escaped(unknown)}\\b`, 'i');
  return keys.find((k) => word.test(shape[k]?.description ?? ''));
}

/** `title` → "unknown argument `title`; did you mean `name`?", or the list of valid ones. */
function unknownArguments(unknown: string[], schema: AnyObject): UnknownArgumentError {
  const shown = (name: string) => `\`${name.length > 40 ? `${name.slice(0, 40)}…` : name}\``;
  const guesses = unknown.map((name) => ({ name, guess: closestArgument(name, schema) }));
  const only = guesses.length === 1 ? guesses[0] : undefined;
  if (only?.guess) {
    return new UnknownArgumentError(
      unknown,
      `unknown argument ${shown(only.name)}; did you mean \`${only.guess}\`?`,
    );
  }
  const named = guesses
    .slice(0, 5)
    .map(({ name, guess }) => `${shown(name)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`)
    .join(', ');
  const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
  const valid = Object.keys(schema.shape).join(', ') || 'none';
  const plural = unknown.length > 1 ? 's' : '';
  return new UnknownArgumentError(
    unknown,
    `unknown argument${plural} ${named}${more}; this tool takes: ${valid}`,
  );
}

/** Top-level keys whose schema is a plain number (through optional / default wrappers). */
function numberKeys(schema: AnyObject): string[] {
  const shape: Record<string, z.ZodType> = schema.shape;
  return Object.keys(shape).filter((key) => {
    let inner = shape[key]?._zod.def;
    while (inner && 'innerType' in inner) inner = (inner.innerType as z.ZodType)._zod.def;
    return inner?.type === 'number';
  });
}

/**
 * Models now and then quote a number (`"eventSessionId": "2405019"`): a digit string in a number
 * argument is read as the number. The published schema still says integer.
 */
function withQuotedNumbers(args: Record<string, unknown>, schema: AnyObject) {
  const quoted = numberKeys(schema).filter(
    (k) => typeof args[k] === 'string' && /^\s*\d{1,15}\s*$/.test(args[k]),
  );
  if (!quoted.length) return args;
  const out = { ...args };
  for (const key of quoted) out[key] = Number(args[key]);
  return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `people[3].email` from a zod issue path. */
const pathText = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** What is wrong with one argument, in words a model can act on. */
function problemOf(issue: z.core.$ZodIssue, args: Record<string, unknown>): string {
  const top = issue.path[0];
  const source = issue.path.length === 1 && typeof top === 'string' && ID_SOURCES[top];
  const from = source ? ` (an id from ${source})` : '';
  if (issue.path.length === 1 && typeof top === 'string' && args[top] === undefined) {
    return `required${from}`;
  }
  return `${issue.message}${from}`;
}

export interface ParsedArguments<D extends AnyTool> {
  input: ParsedInputOf<D>;
  /** The caller said `confirm: true` (only tools that confirm accept the argument). */
  confirmed: boolean;
}

/** Checks raw arguments against the tool's schema; throws an InputError naming every problem. */
export function parseArguments<D extends AnyTool>(def: D, args: unknown): ParsedArguments<D> {
  const raw = args ?? {};
  if (!isRecord(raw)) throw new InputError('arguments', 'expected an object of named arguments');
  const schema = argumentsSchema(def);
  const unknown = Object.keys(raw).filter((key) => !Object.hasOwn(schema.shape, key));
  if (unknown.length) throw unknownArguments(unknown, schema);
  const parsed = schema.safeParse(withQuotedNumbers(raw, schema));
  if (!parsed.success) {
    const [first, ...more] = parsed.error.issues.slice(0, 5).map((issue) => ({
      field: pathText(issue.path) || 'arguments',
      problem: problemOf(issue, raw),
    }));
    const rest = more.map((m) => `; ${m.field}: ${m.problem}`).join('');
    throw new InputError(first?.field ?? 'arguments', `${first?.problem ?? 'invalid'}${rest}`);
  }
  const { confirm, ...input } = parsed.data;
  // The schema is D's own input (plus `confirm`, taken off above): its output is D's input type.
  return { input: input as ParsedInputOf<D>, confirmed: confirm === true };
}
