// Toolsets = API areas (DESIGN.md §4). The default set covers the main jobs.
import type { ToolDef } from './define.js';
import { chatTools } from './chat.js';
import { contactsTools } from './contacts.js';
import { eventsTools } from './events.js';
import { filesTools } from './files.js';
import { membersTools } from './members.js';
import { participantsTools } from './participants.js';
import { questionsTools } from './questions.js';
import { recordsTools } from './records.js';
import { statsTools } from './stats.js';
import { testsTools } from './tests.js';
import { workflowsTools } from './workflows.js';

export interface Toolset {
  id: string;
  description: string;
  /** On unless MTSLINK_TOOLSETS says otherwise. */
  isDefault: boolean;
  tools: ToolDef[];
}

export const TOOLSETS: Toolset[] = [
  {
    id: 'events',
    description: 'Schedule, change, start, stop, list and delete events and sessions; time zones.',
    isDefault: true,
    tools: eventsTools,
  },
  {
    id: 'participants',
    description:
      'Register one person, list registrations with attendance, approve, re-role, kick, delete.',
    isDefault: false,
    tools: participantsTools,
  },
  {
    id: 'workflows',
    description:
      'The main jobs in one call each: schedule a webinar, register up to 10,000 people from a list or CSV, attendance report.',
    isDefault: true,
    tools: workflowsTools,
  },
  {
    id: 'chat',
    description: 'Read, send, delete, publish or hide chat messages; switch chat pre-moderation.',
    isDefault: false,
    tools: chatTools,
  },
  {
    id: 'questions',
    description: 'List, ask, answer, delete, publish or hide the questions of a session.',
    isDefault: false,
    tools: questionsTools,
  },
  {
    id: 'stats',
    description:
      'Attendance statistics: per-session summaries, per-participant activity, visits of one person.',
    isDefault: false,
    tools: statsTools,
  },
  {
    id: 'contacts',
    description: 'Address book: search, get, create, update, delete contacts; add or remove tags.',
    isDefault: false,
    tools: contactsTools,
  },
  {
    id: 'members',
    description: 'Organisation employees (user ids for owners and hosts), with filters.',
    isDefault: false,
    tools: membersTools,
  },
  {
    id: 'records',
    description:
      'Recordings: list, access, delete, e-mail the link; MP4 conversions with progress and download links.',
    isDefault: false,
    tools: recordsTools,
  },
  {
    id: 'files',
    description:
      'File manager: list, get, upload, delete; attach files or tests to sessions, allow downloads, detach.',
    isDefault: false,
    tools: filesTools,
  },
  {
    id: 'tests',
    description:
      'Tests and polls: create, edit, start in a live session, stop, submit and grade answers, results.',
    isDefault: false,
    tools: testsTools,
  },
];

export const TOOLSET_IDS = TOOLSETS.map((t) => t.id);
export const DEFAULT_TOOLSET_IDS = TOOLSETS.filter((t) => t.isDefault).map((t) => t.id);
export const ALL_TOOLS: ToolDef[] = TOOLSETS.flatMap((t) => t.tools);

export interface ToolSelection {
  /** Toolset ids, or ['all']. */
  toolsets: string[];
  /** Extra tools by name, on top of the toolsets. */
  tools?: string[];
  excludeTools?: string[];
  /** Keeps only read-only tools; wins over everything else. */
  readOnly?: boolean;
}

export function selectTools(sel: ToolSelection): ToolDef[] {
  const sets = sel.toolsets.includes('all') ? TOOLSET_IDS : sel.toolsets;
  const extra = new Set(sel.tools ?? []);
  const excluded = new Set(sel.excludeTools ?? []);
  return TOOLSETS.flatMap((set) =>
    set.tools.filter((t) => sets.includes(set.id) || extra.has(t.name)),
  ).filter((t) => !excluded.has(t.name) && (!sel.readOnly || t.annotations.readOnlyHint));
}

/** Toolsets that exist but are switched off, for the server instructions. */
export function disabledToolsets(sel: ToolSelection): Toolset[] {
  if (sel.toolsets.includes('all')) return [];
  return TOOLSETS.filter((t) => !sel.toolsets.includes(t.id));
}
