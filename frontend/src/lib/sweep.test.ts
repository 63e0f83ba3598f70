import { describe, expect, it } from "vitest";
import type { ModelDocument } from "../api/modelDocument";
import type { BreakingSummary, SweepPoint } from "../api/types-extra";
import {
  describeBreakingPoint,
  firstBreak,
  isBreakingSummary,
  maxSearchRounds,
  formatSweptValue,
  metColor,
  parseValueList,
  runMatchesValue,
  sloSweepSeries,
  sweepParameters,
  sweptSloNames,
  valueRange,
} from "./sweep";

const doc: ModelDocument = {
  format: "holarchy/v1",
  name: "rr",
  components: [
    { id: "client", behavior: "client", params: { server: "server", count: 20, interval: 5 } },
    { id: "server", behavior: "server" },
  ],
  links: [{ from: "client", to: "server", bidirectional: true, loss: 0.1 }],
};

describe("sweepParameters", () => {
  it("offers numeric params, declared numeric defaults, then each link's loss and duplication", () => {
    const declared = (b: string) =>
      b === "client"
        ? [
            { name: "server", type: "component" },
            { name: "count", type: "integer", default: 10 },
            { name: "timeout", type: "number", default: 20 },
          ]
        : [];
    const params = sweepParameters(doc, declared);
    expect(params.map((p) => p.path)).toEqual([
      "components/client/params/count",
      "components/client/params/interval",
      "components/client/params/timeout",
      "links/0/loss",
      "links/0/duplication",
    ]);
    expect(params[0]).toMatchObject({ kind: "load", current: 20, integer: true });
    expect(params[2]).toMatchObject({ current: 20, integer: false });
    expect(params[3]).toMatchObject({ kind: "fault", current: 0.1, label: "client ⇄ server · loss" });
    expect(params[4].current).toBe(0);
  });
});

describe("values", () => {
  it("spaces values evenly without float noise", () => {
    expect(valueRange(0, 0.3, 4)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueRange(10, 1, 4, true)).toEqual([10, 7, 4, 1]);
    expect(valueRange(1, 2, 5, true)).toEqual([1, 2]);
    expect(valueRange(3, 9, 1)).toEqual([3]);
    expect(valueRange(0, 1, 0)).toEqual([]);
  });

  it("parses comma or space separated lists and reports what is not a number", () => {
    expect(parseValueList("1, 2.5 4;x")).toEqual({ values: [1, 2.5, 4], invalid: ["x"] });
    expect(parseValueList("  ")).toEqual({ values: [], invalid: [] });
  });

  it("formats swept values as typed", () => {
    expect(formatSweptValue(0.30000000000000004)).toBe("0.3");
    expect(formatSweptValue(null)).toBe("—");
    expect(formatSweptValue("x")).toBe("x");
  });
});

describe("summary series", () => {
  const points: SweepPoint[] = [
    { value: 0, runs: 2, failed_runs: 0, violations: 0, slos: { lat: { sli: 0.99, met_fraction: 1, budget_consumed: 0.2 } } },
    { value: 0.2, runs: 2, failed_runs: 0, violations: 3, slos: { lat: { sli: null, met_fraction: 0, budget_consumed: 0 }, avail: { sli: 0.5, met_fraction: 0.5, budget_consumed: 2 } } },
    { value: 0.4, runs: 2, failed_runs: 1, violations: 5, slos: { lat: { sli: 0.7, met_fraction: 0, budget_consumed: 3 } } },
  ];

  it("collects SLO names and one series per SLO, skipping values without an SLI", () => {
    expect(sweptSloNames(points)).toEqual(["avail", "lat"]);
    expect(sloSweepSeries(points, "lat")).toEqual([
      { x: 0, y: 0.99, metFraction: 1, budgetConsumed: 0.2 },
      { x: 0.4, y: 0.7, metFraction: 0, budgetConsumed: 3 },
    ]);
  });

  it("finds the first value where the model breaks", () => {
    expect(firstBreak(points)).toEqual({ value: 0.2, reasons: ["3 violations", "lat missed", "avail missed"] });
    expect(firstBreak(points.slice(0, 1))).toBeNull();
  });

  it("colors red when no seed met the SLO and green when all did", () => {
    expect(metColor(0)).toBe("rgb(217, 45, 32)");
    expect(metColor(0.5)).toBe("rgb(217, 139, 6)");
    expect(metColor(1)).toBe("rgb(18, 161, 80)");
  });

  it("matches a run to its swept value through its overrides", () => {
    expect(runMatchesValue({ "links/0/loss": 0.2 }, "links/0/loss", 0.2)).toBe(true);
    expect(runMatchesValue({ "links/0/loss": 0.4 }, "links/0/loss", 0.2)).toBe(false);
    expect(runMatchesValue({}, "", null)).toBe(true);
  });
});

describe("breaking-point searches", () => {
  it("bounds the rounds as the engine does: round 1 spans the interval, each next one divides it by K + 1", () => {
    // [0.5, 2] with 4 points leaves 0.5; then 0.1, 0.02, 0.004: four rounds reach 0.01 (the engine's CLI ran four).
    expect(maxSearchRounds(0.5, 2, 0.01, 4)).toBe(4);
    expect(maxSearchRounds(0, 1, 0.6, 3)).toBe(1);
    expect(maxSearchRounds(1, 0, 0.1, 3)).toBe(0);
    expect(maxSearchRounds(0, 1, 0.1, 1)).toBe(0);
  });

  it("says where the SLOs break, or that they hold throughout", () => {
    const summary = { mode: "breaking_point", outcome: "found", breaking_point: { held: 1.108, broke: 1.112, width: 0.004 } } as BreakingSummary;
    expect(isBreakingSummary(summary)).toBe(true);
    expect(isBreakingSummary({ parameter: "p", points: [] })).toBe(false);
    expect(describeBreakingPoint(summary)).toBe("The SLOs hold up to 1.108 and break at 1.112.");
    expect(describeBreakingPoint({ ...summary, outcome: "holds_throughout", breaking_point: { held: 2, broke: null, width: null } })).toBe(
      "The SLOs hold over the whole interval, up to 2.",
    );
  });
});
