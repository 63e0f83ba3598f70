import { describe, expect, it } from "vitest";
import { describeAction, guideOf, jobPath, jobRequest, settingsOf } from "./guide";

describe("guide actions", () => {
  it("turns a run into a run request and opens its replay at the step, in the guide's view", () => {
    const action = { run: { scenario: "loss", step: 12 } };
    expect(jobRequest(action, 7)).toEqual({ kind: "runs", body: { version: 7, scenario: "loss", seed: 1 } });
    expect(jobPath("runs", 3, "abc", action, "office")).toBe("/models/3/runs/abc?step=12&view=office");
    expect(jobPath("runs", 3, "abc", { run: {} })).toBe("/models/3/runs/abc");
    expect(describeAction(action)).toBe("run scenario loss, open at step 12");
  });

  it("turns a breaking-point search into a sweep in that mode and a value list into a parameter sweep", () => {
    const search = { sweep: { parameter: "components/c/params/rate", search: { low: 1, high: 2, resolution: 0.1 } } };
    expect(jobRequest(search, 1)).toEqual({
      kind: "sweeps",
      body: { version: 1, scenario: "", parameter: "components/c/params/rate", mode: "breaking_point", search: { low: 1, high: 2, resolution: 0.1 } },
    });
    const values = { sweep: { parameter: "p", values: [1, 2], scenario: "s" } };
    expect(jobRequest(values, 1).body).toEqual({ version: 1, scenario: "s", parameter: "p", values: [1, 2], mode: "parameter" });
    expect(jobPath("sweeps", 3, "x", values)).toBe("/models/3/sweeps/x");
  });

  it("passes explorations and studies through", () => {
    expect(jobRequest({ explore: { max_depth: 6 } }, 2)).toEqual({ kind: "explorations", body: { version: 2, max_depth: 6 } });
    expect(jobRequest({ study: { holarchy: "physical", levels: ["node"] } }, 2)).toEqual({
      kind: "studies",
      body: { version: 2, holarchy: "physical", levels: ["node"] },
    });
  });

  it("reads a guide only when it has its required fields", () => {
    expect(guideOf({ guide: { about: "x", try: [] } })).toEqual({ about: "x", try: [] });
    expect(guideOf({ guide: null })).toBeUndefined();
    expect(guideOf({ guide: { about: 1 } })).toBeUndefined();
    expect(guideOf(undefined)).toBeUndefined();
  });

  it("changes parameters first, grouped by component, and keeps them out of the job request", () => {
    const action = {
      sweep: { parameter: "components/c/params/rate", values: [1], set: { "components/lb/params/active": 3, "components/lb/params/mode": "rr" } },
    };
    expect(settingsOf(action)).toEqual({ lb: { active: 3, mode: "rr" } });
    expect(jobRequest(action, 1).body).not.toHaveProperty("set");
    expect(describeAction(action)).toBe('set lb.active = 3, lb.mode = "rr", then set components/c/params/rate to [1]');
    expect(settingsOf({ explore: {} })).toEqual({});
  });
});
