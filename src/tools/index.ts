// Toolsets = API areas (DESIGN.md §4). The default set covers the main jobs.
import type { ToolDef } from './define.js';
import { eventsTools } from './events.js';

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
