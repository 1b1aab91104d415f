// Toolsets over stateless HTTP. Each request gets a fresh server, so a toolset a call switched on
// would be gone by the next request: the model cannot switch toolsets on there, and the
// meta-tools are not offered. What works is a client (its configuration, not the model) naming
// extra toolsets on every request in a header; each request's server then serves them too,
// within the operator's limits (read-only mode, --exclude-tools), like a toolset switched on.
import type { AnyTool } from '../tools/define.js';
import { selectTools, TOOLSET_IDS, type ToolSelection } from './index.js';

export class RequestToolsets {
  /** Tool lists per set of extra toolsets: at most 2^11, each a list of shared definitions. */
  private readonly cache = new Map<string, Promise<AnyTool[]>>();

  constructor(
    private readonly sel: ToolSelection,
    private readonly configured: AnyTool[],
  ) {}

  /** The toolset ids a header value names, sorted and without repeats; unknown ids are kept. */
  private static ids(header: string | undefined): string[] {
    const ids = (header ?? '').split(',').map((id) => id.trim().toLowerCase());
    return [...new Set(ids.filter(Boolean))].sort();
  }

  /** What is wrong with a header value, in words a person configuring a client can act on. */
  problem(header: string): string | undefined {
    const ids = RequestToolsets.ids(header);
    const unknown = ids.filter((id) => !TOOLSET_IDS.includes(id));
    if (unknown.length) {
      return `unknown toolset ${unknown.join(', ')}; the toolsets are ${TOOLSET_IDS.join(', ')}`;
    }
    return ids.length ? undefined : 'name one or more toolsets, comma-separated';
  }

  /** The selection a request's server is built with: the configured one plus the header's. */
  selection(header: string | undefined): ToolSelection {
    const extra = RequestToolsets.ids(header).filter((id) => !this.sel.toolsets.includes(id));
    return extra.length && !this.sel.toolsets.includes('all')
      ? { ...this.sel, toolsets: [...this.sel.toolsets, ...extra] }
      : this.sel;
  }

  /** The tools a request's server serves (header checked with `problem` first). */
  tools(header: string | undefined): Promise<AnyTool[]> {
    const sel = this.selection(header);
    if (sel === this.sel) return Promise.resolve(this.configured);
    const key = sel.toolsets.join(',');
    let tools = this.cache.get(key);
    if (!tools) {
      tools = selectTools(sel);
      this.cache.set(key, tools);
    }
    return tools;
  }
}
