// Lists carry their paging, and say how to get the next page (the API gives no total).
import { z } from 'zod';
import { page } from './fields.js';

/**
 * The API accepts only a few page sizes; a model asking for another (say 20) gets the next
 * allowed size up rather than an error, and the result's `perPage` says which was used.
 */
export const pagingInput = (sizes: readonly [number, ...number[]], fallback: number) => {
  const largest = Math.max(...sizes);
  return {
    page: page.optional().describe('Page number, 1-based (default 1).'),
    perPage: z
      .number()
      .int()
      .min(1)
      .max(largest)
      .transform((n) => sizes.find((size) => size >= n) ?? largest)
      .optional()
      .describe(
        `Page size up to ${largest}; the API pages by ${sizes.join(', ')}, so other sizes round up (default ${fallback}).`,
      ),
  };
};

export function withPaging<T extends { page?: number; perPage?: number }>(
  input: T,
  fallback: number,
): T & { page: number; perPage: number } {
  return { ...input, page: input.page ?? 1, perPage: input.perPage ?? fallback };
}

/** A bare-array page → `{ items, page, perPage, nextPage? }`; a full page may have a successor. */
export function pageOf<T>(
  data: unknown,
  input: { page?: number; perPage?: number },
  fallback: number,
  pick: (item: never) => T,
) {
  const items = Array.isArray(data) ? data.map((item) => pick(item as never)) : [];
  const current = input.page ?? 1;
  const size = input.perPage ?? fallback;
  return {
    items,
    page: current,
    perPage: size,
    nextPage: items.length >= size ? current + 1 : undefined,
  };
}
