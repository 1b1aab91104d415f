// Resources: read-only JSON views a host may attach as context. Each one is a GET tool
// definition run through callTool (the tools' one validating entry: a bad id in the URI gets the
// same clear error as a bad argument), so everything a resource shows is reachable by a tool too.
import {
  ResourceTemplate,
  type McpServer,
  type ReadResourceResult,
  type Variables,
} from '@modelcontextprotocol/server';
import type { AnyTool, Params, ToolContext } from '../tools/define.js';
import { callTool } from '../tools/execute.js';
import { compact, toErrorResult } from '../tools/result.js';
import type { ToolDeps } from '../tools/register.js';
import { rows } from '../tools/rows.js';
import { withParticipantNote } from '../tools/untrusted.js';
import { findTool } from '../toolsets/index.js';
import { registerExportResources } from './attendance-exports.js';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface ResourceSpec {
  name: string;
  uri: string;
  title: string;
  description: string;
  /** The tool whose result the resource shows (its toolset loads on first read). */
  tool: string;
  args: (vars: Variables) => Params;
}

/** A URI variable as the tool argument: an id in digits reads as a number, anything else fails validation. */
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const RESOURCES: ResourceSpec[] = [
  {
    name: 'events',
    uri: 'mtslink://events',
    title: 'Upcoming and recent events',
    description: 'Events from 30 days ago to 90 days ahead, with their sessions (as list_events).',
    tool: 'list_events',
    args: () => ({
      from: isoDay(Date.now() - 30 * DAY_MS),
      to: isoDay(Date.now() + 90 * DAY_MS),
      perPage: 100,
    }),
  },
  {
    name: 'event',
    uri: 'mtslink://events/{eventId}',
    title: 'Event',
    description: 'One event with its sessions and registration fields (as get_event).',
    tool: 'get_event',
    args: (v) => ({ eventId: one(v.eventId) }),
  },
  {
    name: 'event_session',
    uri: 'mtslink://event-sessions/{eventSessionId}',
    title: 'Event session',
    description: 'One session: status, times, access, files (as get_event_session).',
    tool: 'get_event_session',
    args: (v) => ({ eventSessionId: one(v.eventSessionId) }),
  },
  {
    name: 'session_participants',
    uri: 'mtslink://event-sessions/{eventSessionId}/participants',
    title: 'Session participants',
    description: 'First page of a session’s participants with attendance (as list_participants).',
    tool: 'list_participants',
    args: (v) => ({ eventSessionId: one(v.eventSessionId), perPage: 100 }),
  },
  {
    name: 'session_attendance',
    uri: 'mtslink://event-sessions/{eventSessionId}/attendance',
    title: 'Session attendance summary',
    description: 'Attendance report of one session (as summarize_attendance).',
    tool: 'summarize_attendance',
    args: (v) => ({ eventSessionId: one(v.eventSessionId) }),
  },
  {
    name: 'timezones',
    uri: 'mtslink://timezones',
    title: 'Time zones',
    description: 'Time zones the API supports (as list_timezones).',
    tool: 'list_timezones',
    args: () => ({}),
  },
];

/** A resource's tool, whatever toolsets the server serves: resources are read-only views. */
async function toolOf(spec: ResourceSpec): Promise<AnyTool> {
  const def = await findTool(spec.tool);
  if (!def) throw new Error(`resource ${spec.name} needs the ${spec.tool} tool`);
  return def;
}

function contextOf(deps: ToolDeps, signal?: AbortSignal): ToolContext {
  return {
    client: deps.client,
    timezones: deps.timezones,
    signal: signal ?? new AbortController().signal,
    progress: async () => undefined,
  };
}

/** Recent and upcoming event and session ids, for completing URI variables. */
async function knownIds(deps: ToolDeps): Promise<{ events: number[]; sessions: number[] }> {
  const recent = RESOURCES[0]!;
  const data: { items?: unknown } = await callTool(
    await toolOf(recent),
    recent.args({}),
    contextOf(deps),
  );
  const events = rows(data.items);
  return {
    events: events.map((e) => Number(e.id)),
    sessions: events.flatMap((e) => rows(e.eventSessions).map((s) => Number(s.id))),
  };
}

const completeFrom =
  (deps: ToolDeps, kind: 'events' | 'sessions') =>
  async (value: string): Promise<string[]> => {
    const ids = await knownIds(deps).catch(() => ({ events: [], sessions: [] }));
    return ids[kind]
      .map(String)
      .filter((id) => id.startsWith(value))
      .slice(0, 100);
  };

export function registerResources(server: McpServer, deps: ToolDeps): void {
  for (const spec of RESOURCES) {
    const read = async (uri: URL, vars: Variables): Promise<ReadResourceResult> => {
      const def = await toolOf(spec);
      try {
        const data: unknown = await callTool(def, spec.args(vars), contextOf(deps));
        const text = JSON.stringify(compact(withParticipantNote(data)));
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
      } catch (err) {
        throw new Error(
          `${uri.href}: ${toErrorResult(err, def).content[0]?.text ?? 'read failed'}`,
        );
      }
    };
    const meta = { title: spec.title, description: spec.description, mimeType: 'application/json' };
    if (!spec.uri.includes('{')) {
      server.registerResource(spec.name, spec.uri, meta, (uri) => read(uri, {}));
      continue;
    }
    const template = new ResourceTemplate(spec.uri, {
      list: undefined,
      complete: {
        eventId: completeFrom(deps, 'events'),
        eventSessionId: completeFrom(deps, 'sessions'),
      },
    });
    server.registerResource(spec.name, template, meta, read);
  }
  registerExportResources(server, deps);
}
