import { describe, expect, it } from "vitest";
import type { SloResult } from "../api/types-extra";
import { budgetConsumedSeries, burnSeries, sloVerdict } from "./slo";
import { stepPoints } from "../components/charts/LineChart";

const slo: SloResult = {
  name: "availability",
  objective: 0.9,
  window: 100,
  requests: 40,
  bad: 3,
  met: false,
  windows: [
    { start: 0, requests: 20, bad: 0, sli: 1, burn_rate: 0, met: true },
    { start: 100, requests: 10, bad: 1, sli: 0.9, burn_rate: 1, met: true },
    { start: 200, requests: 10, bad: 2, sli: 0.8, burn_rate: 2, met: false },
  ],
  burn_rate: [
    [0, 0],
    [100, 1],
    [200, 2],
  ],
};

describe("SLO series", () => {
  it("reads the burn rate per window", () => {
    expect(burnSeries(slo)).toEqual([
      { x: 0, y: 0 },
      { x: 100, y: 1 },
      { x: 200, y: 2 },
      { x: 300, y: 2 },
    ]);
    expect(burnSeries({ ...slo, windows: undefined })).toHaveLength(4);
    expect(burnSeries({ ...slo, window: undefined })).toHaveLength(3);
  });
  it("accumulates the budget used, ending at bad / (allowed × requests)", () => {
    const series = budgetConsumedSeries(slo);
    expect(series.map((p) => p.x)).toEqual([0, 100, 200, 300]);
    expect(series[series.length - 1].y).toBeCloseTo(3 / 4);
    expect(series[0].y).toBe(0);
    expect(series[1].y).toBe(0);
  });
  it("reads the burn steps when the engine wrote them, finer than the windows", () => {
    const fine: SloResult = { ...slo, burn: { width: 25, points: [[0, 10, 0], [25, 0, 0], [50, 10, 2], [75, 20, 1]] } };
    const burn = burnSeries(fine);
    expect(burn.map((p) => p.x)).toEqual([0, 25, 50, 75, 100]);
    [0, 0, 2, 0.5, 0.5].forEach((y, i) => expect(burn[i].y).toBeCloseTo(y));
    const used = budgetConsumedSeries(fine);
    expect(used.map((p) => p.x)).toEqual([0, 25, 50, 75, 100]);
    expect(used[used.length - 1].y).toBeCloseTo(3 / 4);
  });
  it("gives a verdict, and none without requests", () => {
    expect(sloVerdict(slo)).toBe("missed");
    expect(sloVerdict({ ...slo, met: true })).toBe("met");
    expect(sloVerdict({ ...slo, requests: 0 })).toBe("no data");
  });
  it("turns points into a step line", () => {
    expect(stepPoints([{ x: 0, y: 1 }, { x: 5, y: 2 }])).toEqual([
      { x: 0, y: 1 },
      { x: 5, y: 1 },
      { x: 5, y: 2 },
    ]);
  });
});
