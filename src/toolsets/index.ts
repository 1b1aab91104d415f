// Toolsets = API areas (DESIGN.md §4): the registry of every tool, the endpoint areas of tools/
// and the workflows. It sits above both, so neither imports it. The default set covers the main
// jobs. Each area's definitions load on first use (see selectTools); all.ts loads every one.
import { ConfigError } from '../config-error.js';
import type { AnyTool } from '../tools/define.js';
import { servedTool, type ListedTool, type ServedTool } from '../tools/listed.js';

export interface Toolset {
  id: string;
  description: string;
  /** On unless MTSLINK_TOOLSETS says otherwise. */
  isDefault: boolean;
  /** The area's tool definitions (a dynamic import, so unused areas cost nothing). */
  load: () => Promise<AnyTool[]>;
}

export const TOOLSETS: Toolset[] = [
  {
    id: 'events',
    description: 'Schedule, change, start, stop, list and delete events and sessions; time zones.',
    isDefault: true,
    load: async () => (await import('../tools/events.js')).eventsTools,
  },
  {
    id: 'participants',
    description:
      'Register one person, list registrations with attendance, approve, re-role, kick, delete.',
    isDefault: false,
    load: async () => (await import('../tools/participants.js')).participantsTools,
  },
  {
    id: 'workflows',
    description:
      'The main jobs in one call each: schedule a webinar, register up to 10,000 people from a list or CSV, attendance report.',
    isDefault: true,
    load: async () => (await import('../workflows/index.js')).workflowsTools,
  },
  {
    id: 'chat',
    description: 'Read, send, delete, publish or hide chat messages; switch chat pre-moderation.',
    isDefault: false,
    load: async () => (await import('../tools/chat.js')).chatTools,
  },
  {
    id: 'questions',
    description: 'List, ask, answer, delete, publish or hide the questions of a session.',
    isDefault: false,
    load: async () => (await import('../tools/questions.js')).questionsTools,
  },
  {
    id: 'stats',
    description:
      'Attendance statistics per session and per person, visits of one person, reactions.',
    isDefault: false,
    // export_attendance is a workflow that belongs with the statistics (off by default).
    load: async () => [
      ...(await import('../tools/stats.js')).statsTools,
      (await import('../workflows/export-attendance.js')).exportAttendanceTool,
    ],
  },
  {
    id: 'contacts',
    description: 'Address book: search, get, create, update, delete contacts; add or remove tags.',
    isDefault: false,
    load: async () => (await import('../tools/contacts.js')).contactsTools,
  },
  {
    id: 'members',
    description:
      'Employees (user ids of owners and hosts), your profile, webhooks; hand an event to another owner.',
    isDefault: false,
    load: async () => (await import('../tools/members.js')).membersTools,
  },
  {
    id: 'records',
    description:
      'Recordings: list, access, delete, e-mail the link; MP4 conversions with progress and download links.',
    isDefault: false,
    load: async () => (await import('../tools/records.js')).recordsTools,
  },
  {
    id: 'files',
    description:
      'File manager: list, get, upload, delete; attach files or tests to sessions, allow downloads, detach.',
    isDefault: false,
    load: async () => (await import('../tools/files.js')).filesTools,
  },
  {
    id: 'tests',
    description:
      'Tests and polls: create, edit, start in a live session, stop, submit and grade answers, results.',
    isDefault: false,
    load: async () => (await import('../tools/tests.js')).testsTools,
  },
];

export const TOOLSET_IDS = TOOLSETS.map((t) => t.id);
export const DEFAULT_TOOLSET_IDS = TOOLSETS.filter((t) => t.isDefault).map((t) => t.id);

export interface ToolSelection {
  /** Toolset ids, or ['all']. */
  toolsets: string[];
  /** Extra tools by name, on top of the toolsets. */
  tools?: string[];
  excludeTools?: string[];
  /** Keeps only read-only tools; wins over everything else. */
  readOnly?: boolean;
}

/**
 * Each toolset's tools/list entries as JSON text, embedded by scripts/build.mjs (listing.ts);
 * undefined where no build ran (tests, `npm run dev`).
 */
declare const __TOOL_LISTINGS__: Record<string, string> | undefined;
const BUILT_LISTINGS = typeof __TOOL_LISTINGS__ === 'undefined' ? undefined : __TOOL_LISTINGS__;

/** Key of the meta-tools' entries (meta-tools.ts) in the build's listings, beside the toolsets. */
export const META_LISTING = 'meta-tools';

function builtListing(id: string): ListedTool[] | undefined {
  const built = BUILT_LISTINGS?.[id];
  return built === undefined ? undefined : (JSON.parse(built) as ListedTool[]);
}

/**
 * A toolset's tools as served. From the build's listing, nothing of the toolset loads until one
 * of its tools is called: building its zod schemas and their JSON Schema would cost every
 * start-up for tools most sessions never call. Without a build, from the definitions.
 */
export async function servedToolset(set: Toolset): Promise<ServedTool[]> {
  const listed = builtListing(set.id);
  if (!listed) return (await set.load()).map(servedTool);
  let loading: Promise<AnyTool[]> | undefined;
  return listed.map((entry) => ({
    listed: entry,
    definition: async () => {
      const def = (await (loading ??= set.load())).find((t) => t.name === entry.name);
      if (!def) throw new Error(`the build lists ${entry.name}, which ${set.id} no longer has`);
      return def;
    },
  }));
}

/**
 * Tools whose definitions are already loaded (the meta-tools), listed from the build where one
 * ran: their JSON Schema would be the only one a default start-up makes (z.toJSONSchema's first
 * use, about 6% of the instructions of a start).
 */
export function servedLoaded(id: string, defs: AnyTool[]): ServedTool[] {
  const listed = builtListing(id);
  return defs.map((def) => {
    const entry = listed?.find((l) => l.name === def.name);
    return entry ? { listed: entry, definition: () => Promise.resolve(def) } : servedTool(def);
  });
}

/**
 * The tools a server registers, from the toolsets in use only. Unknown tool names in `tools` /
 * `excludeTools` are a ConfigError (exit 2), found once every toolset is listed.
 */
export async function selectTools(sel: ToolSelection): Promise<ServedTool[]> {
  const sets = sel.toolsets.includes('all') ? TOOLSET_IDS : sel.toolsets;
  const named = [...(sel.tools ?? []), ...(sel.excludeTools ?? [])];
  const needed = TOOLSETS.filter((set) => named.length > 0 || sets.includes(set.id));
  const loaded = await Promise.all(
    needed.map(async (set) => ({ set, tools: await servedToolset(set) })),
  );
  if (named.length) {
    const known = new Set(loaded.flatMap(({ tools }) => tools.map((t) => t.listed.name)));
    const unknown = named.filter((n) => !known.has(n));
    if (unknown.length) {
      throw new ConfigError(
        `unknown tool name ${unknown.join(', ')} in MTSLINK_TOOLS / MTSLINK_EXCLUDE_TOOLS (--tools / --exclude-tools); mtslink-mcp tools lists them all`,
      );
    }
  }
  const extra = new Set(sel.tools ?? []);
  const excluded = new Set(sel.excludeTools ?? []);
  return loaded
    .flatMap(({ set, tools }) =>
      tools.filter((t) => sets.includes(set.id) || extra.has(t.listed.name)),
    )
    .filter(
      ({ listed }) =>
        !excluded.has(listed.name) && (!sel.readOnly || listed.annotations.readOnlyHint),
    );
}

/** A tool by name from any toolset, loading toolsets until it is found. */
export async function findTool(name: string): Promise<AnyTool | undefined> {
  for (const set of TOOLSETS) {
    const def = (await set.load()).find((t) => t.name === name);
    if (def) return def;
  }
  return undefined;
}

/** The toolset a tool belongs to (for a call to a tool this server does not offer). */
export async function toolsetOf(name: string): Promise<string | undefined> {
  for (const set of TOOLSETS) {
    // The listing where a build made one: naming a tool's toolset loads no definitions.
    if ((await servedToolset(set)).some((t) => t.listed.name === name)) return set.id;
  }
  return undefined;
}

/** Toolsets that exist but are switched off, for the server instructions. */
export function disabledToolsets(sel: ToolSelection): Toolset[] {
  if (sel.toolsets.includes('all')) return [];
  return TOOLSETS.filter((t) => !sel.toolsets.includes(t.id));
}
