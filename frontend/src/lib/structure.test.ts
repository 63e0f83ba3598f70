import { describe, expect, it } from "vitest";
import { DEFAULT_DELAY, buildDelay, paramsTemplate, parseLevels, parseParams } from "./structure";

describe("component params", () => {
  it("starts from the behavior's required params", () => {
    expect(paramsTemplate([{ name: "server", type: "component", required: true }, { name: "count", required: false }])).toBe(
      '{\n  "server": ""\n}',
    );
    expect(paramsTemplate([{ name: "n", type: "integer", required: true }])).toBe('{\n  "n": 0\n}');
    expect(paramsTemplate([])).toBe("{}");
  });

  it("accepts a JSON object and explains anything else", () => {
    expect(parseParams('{"count": 3}')).toEqual({ params: { count: 3 } });
    expect(parseParams("  ")).toEqual({ params: {} });
    expect(parseParams("[1]")).toEqual({ error: expect.stringContaining("JSON object") });
    expect(parseParams("{count: 3}")).toEqual({ error: expect.stringContaining("not valid JSON") });
  });
});

describe("link delay", () => {
  it("leaves the default, or builds each distribution with an optional bound", () => {
    expect(buildDelay(DEFAULT_DELAY)).toEqual({ delay: null });
    expect(buildDelay({ ...DEFAULT_DELAY, dist: "fixed", value: "2" })).toEqual({ delay: { dist: "fixed", value: 2 } });
    expect(buildDelay({ ...DEFAULT_DELAY, dist: "uniform", bound: "3" })).toEqual({ delay: { dist: "uniform", low: 0.5, high: 1.5, bound: 3 } });
    expect(buildDelay({ ...DEFAULT_DELAY, dist: "exponential", mean: "4" })).toEqual({ delay: { dist: "exponential", mean: 4 } });
  });

  it("refuses what the engine would refuse", () => {
    expect(buildDelay({ ...DEFAULT_DELAY, dist: "uniform", low: "3", high: "1" })).toEqual({ error: "low must not exceed high" });
    expect(buildDelay({ ...DEFAULT_DELAY, dist: "fixed", value: "" })).toEqual({ error: "value must be a number" });
    expect(buildDelay({ ...DEFAULT_DELAY, dist: "exponential", mean: "-1" })).toEqual({ error: "mean cannot be negative" });
  });
});

it("splits holarchy levels", () => {
  expect(parseLevels("region, rack ,machine")).toEqual(["region", "rack", "machine"]);
  expect(parseLevels("region › rack")).toEqual(["region", "rack"]);
  expect(parseLevels("")).toEqual([]);
});
