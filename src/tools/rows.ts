// API answers are loosely typed JSON: list endpoints give a bare array of objects, or
// something else when the list is empty or the answer is odd.

export type Row = Record<string, unknown>;

/** The objects of a list answer; anything that is not an array is an empty list. */
export const rows = (data: unknown): Row[] => (Array.isArray(data) ? (data as Row[]) : []);

// The S2 statistics shapes (reference §10), shared by the stats tools and the attendance report.
export const connectionsOf = (entry: Row): Row[] => rows(entry.connections);
/** Seconds watched in one session entry of S2: the sum of its connections. */
export const watchedSeconds = (entry: Row) =>
  connectionsOf(entry).reduce((sum, c) => sum + (Number(c.duration) || 0), 0);
