import { describe, expect, it } from "vitest";
import type { MetricChange } from "../api/types-extra";
import { candidates, formatChange, formatMeasure, isComparableKind } from "./compare";

const change = (metric: string, a: number | null, b: number | null): MetricChange => ({
  where: "physical/world", metric, better: "lower", a, b,
  delta: a === null || b === null ? null : b - a, relative: a === null || b === null || a === 0 ? null : (b - a) / Math.abs(a),
  change: "worse",
});

describe("comparisons", () => {
  it("writes fractions in percent and points, other numbers relative when they can be", () => {
    expect(formatMeasure("availability", 0.975)).toBe("97.5%");
    expect(formatMeasure("p99 latency", 2.1600001)).toBe("2.16");
    expect(formatChange(change("availability", 1, 0.975))).toBe("−2.5 pp");
    expect(formatChange(change("p99 latency", 2, 2.16))).toBe("+8%");
    expect(formatChange(change("budget consumed (availability)", 0, 2.5))).toBe("+2.5");
    expect(formatChange(change("p99 latency", null, 2))).toBe("new");
  });

  it("offers finished jobs of other versions only, and no run of a sweep or study", () => {
    const job = { id: "a", version: 1 };
    const list = [
      { id: "a", version: 1, status: "succeeded", created_at: "", label: "" },
      { id: "b", version: 1, status: "succeeded", created_at: "", label: "" },
      { id: "c", version: 2, status: "succeeded", created_at: "", label: "" },
      { id: "d", version: 2, status: "running", created_at: "", label: "" },
      { id: "e", version: 2, status: "succeeded", created_at: "", label: "", part: true },
    ];
    expect(candidates(list, job).map((j) => j.id)).toEqual(["c"]);
    expect(isComparableKind("studies") && !isComparableKind("explorations")).toBe(true);
  });
});
