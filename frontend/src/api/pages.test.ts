import { describe, expect, it, vi } from "vitest";
import type { RequestOptions } from "./http";
import { everyPage, MAX_PAGE_SIZE } from "./pages";

/** A fake API holding `total` rows, refusing pages over the maximum as the real one does. */
function fakeApi(total: number) {
  const rows = Array.from({ length: total }, (_, i) => i);
  const calls: { limit: number; offset: number }[] = [];
  const http = vi.fn(async (_method: string, _path: string, options: RequestOptions = {}) => {
    const limit = Number(options.query?.limit);
    const offset = Number(options.query?.offset ?? 0);
    calls.push({ limit, offset });
    if (limit > MAX_PAGE_SIZE) throw new Error(`limit ${limit} over the maximum`);
    return { count: total, next: null, previous: null, results: rows.slice(offset, offset + limit) };
  });
  return { http: http as unknown as <T>(m: string, p: string, o?: RequestOptions) => Promise<T>, calls };
}

describe("everyPage", () => {
  it.each([0, 1, MAX_PAGE_SIZE, MAX_PAGE_SIZE + 1, 10_000, 20_001])("reads all %i rows in order, no page over the maximum", async (total) => {
    const { http, calls } = fakeApi(total);
    const page = await everyPage<number>(http, "/api/holons/", { holarchy: 3 });
    expect(page.results).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(page.count).toBe(total);
    expect(calls.every((c) => c.limit === MAX_PAGE_SIZE)).toBe(true);
    expect(calls).toHaveLength(Math.max(1, Math.ceil(total / MAX_PAGE_SIZE)));
  });

  it("keeps the caller's filters on every page", async () => {
    const { http } = fakeApi(MAX_PAGE_SIZE * 2);
    await everyPage(http, "/api/links/", { model: 7 });
    const spy = http as unknown as ReturnType<typeof vi.fn>;
    for (const [, path, options] of spy.mock.calls) {
      expect(path).toBe("/api/links/");
      expect((options as RequestOptions).query?.model).toBe(7);
    }
  });
});
