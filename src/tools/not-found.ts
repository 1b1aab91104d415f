// After a 404: which argument named nothing. A call may carry several ids (a session and the user
// to post as, a session and a question); the API's 404 does not say which one it could not find
// (its messages are undocumented), so the server checks the event and session ids it can read
// and blames what is left. An event id given as a session id (or the reverse) is told with the
// id to use.
import { ApiError } from '../api/errors.js';
import type { z } from 'zod';
import type { AnyTool, Params, ToolContext } from './define.js';
import { InputError } from './errors.js';
import { checkEventId } from './event-read.js';
import { pathFor, pathParamsOf } from './execute.js';
import { ID_SOURCES } from './fields.js';

/** A 404 with the argument(s) that named nothing, or the mix-up and its fix. */
export class WrongIdError extends Error {
  override name = 'WrongIdError';
  constructor(
    readonly apiError: ApiError,
    /** The arguments that may be wrong; empty when every id given exists. */
    readonly suspects: string[],
    /** The whole fix when it is known, e.g. "eventSessionId: 123 is an event id … use 456". */
    readonly fix?: string,
  ) {
    super(apiError.message);
  }
}

const isId = (value: unknown) =>
  (typeof value === 'number' && Number.isInteger(value)) ||
  (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number'));

/** The id arguments of this call: path ids first, then ids in the query or body. */
function idArguments(def: AnyTool, input: Params): string[] {
  const path = def.kind === 'endpoint' ? pathParamsOf(safePath(def, input)) : [];
  const named = Object.keys(input).filter(
    (k) => isId(input[k]) && (k in ID_SOURCES || /Ids?$/.test(k)),
  );
  return [...new Set([...path, ...named])].filter((k) => isId(input[k]));
}

function safePath(def: Extract<AnyTool, { kind: 'endpoint' }>, input: Params): string {
  try {
    return pathFor(def, input);
  } catch {
    return def.path;
  }
}

/** zod wrappers (optional, array, pipe) down to the field's own schema. */
function* layers(schema: z.ZodType | undefined): Generator<z.ZodType> {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 5; depth++) {
    yield current;
    const def = current._zod.def as { innerType?: z.ZodType; element?: z.ZodType; in?: z.ZodType };
    current = def.innerType ?? def.element ?? def.in;
  }
}

/**
 * Where valid values of an argument come from: the tools its description names (a per-tool
 * description first, then the shared field's under it), else the shared table.
 */
function idSource(def: AnyTool, name: string): string | undefined {
  for (const layer of layers(def.input.shape[name] as z.ZodType | undefined)) {
    const tools = layer.description?.match(/\b(?:list|get|search|create|start)_[a-z_]+/g);
    if (tools?.length) return [...new Set(tools)].join(' or ');
  }
  return ID_SOURCES[name];
}

/** The 404 turned into a WrongIdError; any other error, or a failed check, is left as it was. */
export async function explainNotFound(
  err: unknown,
  def: AnyTool,
  input: Params | undefined,
  ctx: ToolContext,
): Promise<unknown> {
  if (!input || !(err instanceof ApiError) || err.status !== 404) return err;
  if (def.errorHint?.(err) !== undefined) return err;
  const given = idArguments(def, input);
  if (given.length === 0) return err;
  let suspects = given;
  try {
    for (const name of given) {
      if (name !== 'eventId' && name !== 'eventSessionId') continue;
      const found = await checkEventId(ctx, name, input[name] as number);
      if (found instanceof InputError) return new WrongIdError(err, [name], found.message);
      if (found) suspects = suspects.filter((s) => s !== name);
      else return new WrongIdError(err, [name]);
    }
  } catch {
    return err; // the check itself failed: keep the plain 404
  }
  return new WrongIdError(err, suspects);
}

/** The hint of a WrongIdError, as the model reads it (starts with a space). */
export function wrongIdHint(err: WrongIdError, def: AnyTool): string {
  if (err.fix) return ` Wrong ${err.fix}.`;
  if (err.suspects.length === 0) {
    return ' The ids given exist; what is missing is the thing this call looks for in them.';
  }
  const named = err.suspects.map((name) => {
    const from = idSource(def, name);
    return from ? `${name} (from ${from})` : name;
  });
  return ` Nothing with that id here: check ${named.join(', ')}.`;
}
