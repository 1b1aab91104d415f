// API answers are loosely typed JSON: list endpoints give a bare array of objects, or
// something else when the list is empty or the answer is odd.

export type Row = Record<string, unknown>;

/** The objects of a list answer; anything that is not an array is an empty list. */
export const rows = (data: unknown): Row[] => (Array.isArray(data) ? (data as Row[]) : []);
