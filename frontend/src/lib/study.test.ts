import { describe, expect, it } from "vitest";
import type { HolarchySpec } from "../api/modelDocument";
import type { StudyFailure, StudySummary } from "../api/types-extra";
import { blastHolons, faultSpec, holarchyRows, runFor, studiableHolarchies, studyMatrix } from "./study";

const failure = (level: string, holon: string, outcome: StudyFailure["outcome"], radius = {}): StudyFailure => ({
  level, holon, scenario: `study:${level}/${holon}`, outcome, survived: outcome === "survived", seeds: 1,
  seeds_finished: 1, seeds_survived: outcome === "survived" ? 1 : 0, violated: [], system_slos_missed: [],
  broken_slos: [], blast_radius: radius, budget_consumed: 0, points: [],
});

describe("faultSpec", () => {
  it("writes each kind as a scenario fault without its target", () => {
    expect(faultSpec("permanent", 60, 0)).toEqual({ crash: { kind: "permanent", at: 60 } });
    expect(faultSpec("transient", 60, 30)).toEqual({ crash: { kind: "transient", at: 60, duration: 30 } });
    expect(faultSpec("partition", 60, 30)).toEqual({ partition: { from: 60, until: 90 } });
    expect(faultSpec("loss", 0, 0.3)).toEqual({ link: { loss: 0.3 } });
    expect(faultSpec("delay", 0, 4)).toEqual({ link: { delay: { dist: "fixed", value: 4 } } });
  });
});

describe("studyMatrix and blastHolons", () => {
  const summary = {
    levels: [
      { level: "cluster", survival: 1 },
      { level: "node", survival: 0.5 },
    ],
    failures: [
      failure("cluster", "c1", "survived", { physical: ["c1"], logical: ["kv"] }),
      failure("node", "n1", "survived"),
      failure("node", "n2", "slo_broken"),
    ],
  } as unknown as StudySummary;

  it("puts every failure in its level's row, levels root first", () => {
    const rows = studyMatrix(summary);
    expect(rows.map((r) => [r.level, r.survival, r.cells.map((c) => c.holon)])).toEqual([
      ["cluster", 1, ["c1"]],
      ["node", 0.5, ["n1", "n2"]],
    ]);
  });

  it("gives the blast radius of one holarchy, empty for none", () => {
    expect([...blastHolons(summary.failures[0], "logical")]).toEqual(["kv"]);
    expect(blastHolons(summary.failures[1], "physical").size).toBe(0);
    expect(blastHolons(undefined, "physical").size).toBe(0);
  });
});

describe("runFor", () => {
  it("finds the run of a scenario and seed", () => {
    const runs = [
      { id: "a", scenario: "study:node/n1", seed: 0 },
      { id: "b", scenario: "study:node/n1", seed: 1 },
    ];
    expect(runFor(runs, "study:node/n1", 1)).toBe("b");
    expect(runFor(runs, "study:node/n1")).toBe("a");
    expect(runFor(runs, "study:node/n9")).toBeUndefined();
  });
});

describe("holarchyRows", () => {
  const h: HolarchySpec = {
    name: "physical",
    levels: ["world", "cluster", "node"],
    root: { id: "world", children: [{ id: "c1", children: [{ id: "n1" }, { id: "n2" }] }, { id: "c2" }] },
  };
  it("lists holons in document order with depth and level", () => {
    expect(holarchyRows(h).map((r) => [r.id, r.depth, r.level])).toEqual([
      ["world", 0, "world"], ["c1", 1, "cluster"], ["n1", 2, "node"], ["n2", 2, "node"], ["c2", 1, "cluster"],
    ]);
  });
  it("offers only holarchies with levels", () => {
    expect(studiableHolarchies({ format: "holarchy/v1", name: "m", components: [], holarchies: [h, { ...h, name: "flat", levels: [] }] }).map((x) => x.name)).toEqual(["physical"]);
  });
});
