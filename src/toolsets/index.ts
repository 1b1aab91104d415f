// Toolsets = API areas (DESIGN.md §4): the registry of every tool, the endpoint areas of tools/
// and the workflows. It sits above both, so neither imports it. The default set covers the main
// jobs. Each area's definitions load on first use (see selectTools); all.ts loads every one.
import { ConfigError } from '../config-error.js';
import type { AnyTool } from '../tools/define.js';

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
 * The tools a server registers. Only the toolsets in use are loaded: building every area's zod
 * schemas would cost start-up ~25 ms for tools most sessions never see. Unknown tool names in
 * `tools` / `excludeTools` are a ConfigError (exit 2), found once every toolset is loaded.
 */
export async function selectTools(sel: ToolSelection): Promise<AnyTool[]> {
  const sets = sel.toolsets.includes('all') ? TOOLSET_IDS : sel.toolsets;
  const named = [...(sel.tools ?? []), ...(sel.excludeTools ?? [])];
  const needed = TOOLSETS.filter((set) => named.length > 0 || sets.includes(set.id));
  const loaded = await Promise.all(needed.map(async (set) => ({ set, tools: await set.load() })));
  if (named.length) {
    const known = new Set(loaded.flatMap(({ tools }) => tools.map((t) => t.name)));
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
    .flatMap(({ set, tools }) => tools.filter((t) => sets.includes(set.id) || extra.has(t.name)))
    .filter((t) => !excluded.has(t.name) && (!sel.readOnly || t.annotations.readOnlyHint));
}

/** A tool by name from any toolset, loading toolsets until it is found. */
export async function findTool(name: string): Promise<AnyTool | undefined> {
  for (const set of TOOLSETS) {
    const def = (await set.load()).find((t) => t.name === name);
    if (def) return def;
  }
  return undefined;
}

/** The toolset a tool belongs to, loading toolsets until it is found. */
export async function toolsetOf(name: string): Promise<string | undefined> {
  for (const set of TOOLSETS) {
    if ((await set.load()).some((t) => t.name === name)) return set.id;
  }
  return undefined;
}

/** Toolsets that exist but are switched off, for the server instructions. */
export function disabledToolsets(sel: ToolSelection): Toolset[] {
  if (sel.toolsets.includes('all')) return [];
  return TOOLSETS.filter((t) => !sel.toolsets.includes(t.id));
}
