import { describe, expect, it } from "vitest";
import type { HolarchySpec } from "../api/modelDocument";
import { holonRows, levelName, visibleRows } from "./holonResults";

const holarchy: HolarchySpec = {
  name: "physical",
  levels: ["region", "rack", "machine"],
  root: { id: "eu", children: [{ id: "rack-1", children: [{ id: "m1", components: ["a"] }] }, { id: "rack-2", components: ["b"] }] },
};
const sli = (requests: number, good: number) => ({ requests, good, availability: good / requests });

describe("holonRows", () => {
  const rows = holonRows(holarchy, {
    slis: { physical: { eu: sli(10, 9), "rack-1": sli(6, 6), m1: sli(6, 6), "rack-2": sli(4, 3) } },
    boundaries: { physical: { "rack-1": { in: 6, out: 6 } } },
  });
  it("walks the tree in order with depths, SLIs and boundary traffic (none crossing: zero)", () => {
    expect(rows.map((r) => [r.id, r.depth])).toEqual([["eu", 0], ["rack-1", 1], ["m1", 2], ["rack-2", 1]]);
    expect(rows[1].sli?.availability).toBe(1);
    expect(rows[1].boundary).toEqual({ in: 6, out: 6 });
    expect(rows[3].boundary).toEqual({ in: 0, out: 0 });
    expect(rows[0].below).toEqual(["rack-1", "m1", "rack-2"]);
  });
  it("hides what is under a folded holon", () => {
    expect(visibleRows(rows, new Set(["rack-1"])).map((r) => r.id)).toEqual(["eu", "rack-1", "rack-2"]);
    expect(visibleRows(rows, new Set(["eu"])).map((r) => r.id)).toEqual(["eu"]);
  });
  it("names levels", () => {
    expect(levelName(holarchy, 1)).toBe("rack");
    expect(levelName({ ...holarchy, levels: undefined }, 1)).toBe("level 1");
  });
});
