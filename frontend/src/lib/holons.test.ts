import { describe, expect, it } from "vitest";
import { holonPath, topHolons } from "./holons";

const physical = { name: "physical", root: { id: "dc", children: [{ id: "rack-a", components: ["n1"] }, { id: "rack-b", children: [{ id: "m1", components: ["n2"] }] }], components: ["store"] } };

describe("holons", () => {
  it("groups components by the root's children, the rest under the root", () => {
    expect(topHolons(physical, ["n1", "n2", "store", "loose"])).toEqual([
      { id: "rack-a", components: ["n1"] },
      { id: "rack-b", components: ["n2"] },
      { id: "dc", components: ["store", "loose"] },
    ]);
    expect(topHolons(undefined, ["a"])).toEqual([{ id: "all", components: ["a"] }]);
  });
  it("names a component's place from the root down", () => {
    expect(holonPath(physical.root, "n2")).toEqual(["dc", "rack-b", "m1"]);
    expect(holonPath(physical.root, "store")).toEqual(["dc"]);
    expect(holonPath(physical.root, "nowhere")).toEqual([]);
  });
});
