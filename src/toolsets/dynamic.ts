// Toolsets the model switches on during a connection (DESIGN.md §4). The server starts with the
// configured toolsets; the meta-tools (meta-tools.ts) list the others and switch some on. Their
// tools are registered on the live server, which announces them with notifications/tools/
// list_changed (one per call: server.ts debounces it). The operator's limits hold: read-only mode
// adds only read tools, --exclude-tools stays hidden, and nothing is ever switched off.
import type { AnyTool } from '../tools/define.js';
import { InputError } from '../tools/errors.js';
import type { EnabledToolset, ToolsetState, ToolsetSwitch } from '../tools/toolset-switch.js';
import { TOOLSET_IDS, TOOLSETS, type ToolSelection } from './index.js';

/**
 * Characters per o200k token in our tools/list JSON: 3.9–4.3 across the toolsets, so the
 * estimate stays within 10% of the real count (a test holds it there). The tokenizer itself is a
 * 55 MB development dependency, absent from an installed package.
 */
const CHARS_PER_TOKEN = 4.2;

async function estimateTokens(defs: AnyTool[]): Promise<number> {
  // Loaded on first use: it builds every tool's JSON schema, which start-up never needs.
  const { toolDefinition } = await import('./token-report.js');
  const chars = defs.reduce((n, def) => n + JSON.stringify(toolDefinition(def)).length, 0);
  return Math.round(chars / CHARS_PER_TOKEN / 10) * 10;
}

export class DynamicToolsets implements ToolsetSwitch {
  private readonly on: Set<string>;
  /** Names of the tools registered on the server. */
  private readonly served: Set<string>;

  constructor(
    private readonly sel: ToolSelection,
    served: readonly AnyTool[],
    /** Registers tools on the live server (the generic path, register.ts). */
    private readonly register: (defs: AnyTool[]) => void,
  ) {
    this.on = new Set(sel.toolsets.includes('all') ? TOOLSET_IDS : sel.toolsets);
    this.served = new Set(served.map((t) => t.name));
  }

  /** Why this server never offers the tool, or undefined when it may. */
  private withheld(def: AnyTool): string | undefined {
    if (this.sel.excludeTools?.includes(def.name)) return 'hidden by the operator';
    if (this.sel.readOnly && !def.annotations.readOnlyHint) return 'read-only mode';
    return undefined;
  }

  async list(): Promise<ToolsetState[]> {
    return Promise.all(
      TOOLSETS.map(async (set) => {
        const tools = (await set.load()).filter((t) => !this.withheld(t));
        return {
          id: set.id,
          on: this.on.has(set.id),
          about: set.description,
          tools: tools.map((t) => t.name),
          tokens: await estimateTokens(tools),
        };
      }),
    );
  }

  async enable(ids: readonly string[]) {
    const wanted = [...new Set(ids)];
    const unknown = wanted.filter((id) => !TOOLSET_IDS.includes(id));
    if (unknown.length) {
      throw new InputError(
        'toolsets',
        `unknown toolset ${unknown.join(', ')}; the toolsets are ${TOOLSET_IDS.join(', ')}`,
      );
    }
    const loaded = await Promise.all(
      TOOLSETS.filter((set) => wanted.includes(set.id)).map(async (set) => ({
        id: set.id,
        tools: await set.load(),
      })),
    );
    // Synchronous from here: a call running at the same time cannot add a tool twice.
    const enabled: EnabledToolset[] = [];
    const alreadyOn: string[] = [];
    const fresh: AnyTool[] = [];
    for (const { id, tools } of loaded) {
      if (this.on.has(id)) {
        alreadyOn.push(id);
        continue;
      }
      this.on.add(id);
      const withheld = tools.flatMap((t) => {
        const why = this.withheld(t);
        return why ? [`${t.name} (${why})`] : [];
      });
      const added = tools.filter((t) => !this.withheld(t) && !this.served.has(t.name));
      for (const t of added) this.served.add(t.name);
      fresh.push(...added);
      enabled.push({
        id,
        added: added.map((t) => t.name),
        ...(withheld.length ? { withheld } : {}),
      });
    }
    if (fresh.length) this.register(fresh);
    return { enabled, alreadyOn };
  }
}
