// What the toolset meta-tools (toolsets/meta-tools.ts) may ask of the server they run in: the
// toolsets with their state, and switching some on for the rest of the connection. Declared
// here, below toolsets/, so a tool's context can carry it; implemented by toolsets/dynamic.ts.

export interface ToolsetState {
  id: string;
  on: boolean;
  /** What the toolset is for. */
  about: string;
  /** Its tools as this server offers them (read-only mode and --exclude-tools applied). */
  tools: string[];
  /** About what those tools' definitions cost the model (o200k tokens, estimated). */
  tokens: number;
}

export interface EnabledToolset {
  id: string;
  /** Tools this call added to the connection. */
  added: string[];
  /** Tools of the toolset this server does not offer, each with the reason. */
  withheld?: string[];
}

export interface ToolsetSwitch {
  list(): Promise<ToolsetState[]>;
  /** Switches the toolsets on and announces the new tools (one tools/list_changed). */
  enable(ids: readonly string[]): Promise<{ enabled: EnabledToolset[]; alreadyOn: string[] }>;
}
