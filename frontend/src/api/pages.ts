/**
 * Every row of a paginated list. The API refuses pages over its maximum size
 * (a 400 naming the limit), so a list that must be whole (a model's
 * components, links, holons) is read as pages of that size: the first says
 * how many rows there are, the rest are asked for a few at a time.
 */

import type { Query, RequestOptions } from "./http";
import type { Paginated } from "./types-extra";

/** The API's maximum page size (`holarchy.api.MAX_PAGE_SIZE`). */
export const MAX_PAGE_SIZE = 500;
/** Pages in flight at once after the first. */
const PARALLEL_PAGES = 4;

type Request = <T>(method: string, path: string, options?: RequestOptions) => Promise<T>;

export async function everyPage<T>(http: Request, path: string, query: Query = {}): Promise<Paginated<T>> {
  const page = (offset: number) => http<Paginated<T>>("GET", path, { query: { ...query, limit: MAX_PAGE_SIZE, offset } });
  const first = await page(0);
  const offsets: number[] = [];
  for (let offset = first.results.length; offset < first.count && first.results.length > 0; offset += MAX_PAGE_SIZE) offsets.push(offset);
  const rest: T[][] = new Array(offsets.length);
  let next = 0;
  const worker = async () => {
    while (next < offsets.length) {
      const i = next++;
      rest[i] = (await page(offsets[i])).results;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PAGES, offsets.length) }, worker));
  const results = first.results.concat(...rest);
  return { count: results.length, next: null, previous: null, results };
}
