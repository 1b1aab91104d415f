// Every toolset with its tools loaded: for the catalogue, the token report and the tests, not
// for start-up (a server loads only the toolsets it serves, see index.ts).
import type { AnyTool } from '../tools/define.js';
import { TOOLSETS, type Toolset } from './index.js';

export type LoadedToolset = Omit<Toolset, 'load'> & { tools: AnyTool[] };

export const LOADED_TOOLSETS: LoadedToolset[] = await Promise.all(
  TOOLSETS.map(async ({ load, ...set }) => ({ ...set, tools: await load() })),
);

export const ALL_TOOLS: AnyTool[] = LOADED_TOOLSETS.flatMap((set) => set.tools);
