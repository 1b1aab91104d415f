// Lists carry their paging, and say how to get the next page (the API gives no total).
import { z } from 'zod';
import { InputError } from './errors.js';
import { page } from './fields.js';
import { rows, type Row } from './rows.js';

interface PageArgs {
  page?: number;
  perPage?: number;
}

/**
 * Paging for an endpoint that accepts only some page sizes. A model asking for another size
 * (say 20) gets the next allowed size up on the first page, and the result's `perPage` says
 * which; on later pages that would shift the window, so there it is an input error instead.
 */
export function apiPaging(sizes: readonly number[], fallback: number) {
  const largest = Math.max(...sizes);
  const sizeFor = ({ page: current = 1, perPage = fallback }: PageArgs) => {
    const size = sizes.find((s) => s >= perPage) ?? largest;
    if (size !== perPage && current > 1) {
      throw new InputError(
        'perPage',
        `the API pages by ${sizes.join(', ')} only; from page 2 on use one of those sizes so that pages line up`,
      );
    }
    return size;
  };
  return {
    input: {
      page: page.optional().describe('Page, 1-based (default 1).'),
      perPage: z
        .number()
        .int()
        .min(1)
        .max(largest)
        .optional()
        .describe(
          `Page size: ${sizes.join(', ')} (default ${fallback}); others round up on page 1.`,
        ),
    },
    /** The input with the page and the page size the API will use. */
    params: <T extends PageArgs>(input: T): T & { page: number; perPage: number } => ({
      ...input,
      page: input.page ?? 1,
      perPage: sizeFor(input),
    }),
    /** A bare-array page → `{ items, page, perPage, nextPage? }`; a full page may have a successor. */
    pageOf: <R>(data: unknown, input: PageArgs, pick: (item: Row) => R) => {
      const items = rows(data).map(pick);
      const size = sizeFor(input);
      const current = input.page ?? 1;
      return {
        items,
        page: current,
        perPage: size,
        nextPage: items.length >= size ? current + 1 : undefined,
      };
    },
  };
}
