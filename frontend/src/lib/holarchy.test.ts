import { describe, expect, it } from "vitest";
import type { BlackBoxResponse, WhiteBoxResponse } from "../api/types-extra";
import {
  FRAME,
  buildTree,
  componentsUnder,
  describeDelay,
  flatten,
  formatRange,
  holonDetail,
  interfaceEntries,
  pathTo,
  subtreeIds,
  whiteBoxDiagram,
} from "./holarchy";

// physical: eu > rack-1 > {m1: [coordinator], m2: [p1, p2]}, given in scrambled order as the API may.
const holons = [
  { id: 4, parent: 2, key: "m2", depth: 2, position: 1 },
  { id: 1, parent: null, key: "eu", name: "EU region", depth: 0 },
  { id: 3, parent: 2, key: "m1", depth: 2, position: 0 },
  { id: 2, parent: 1, key: "rack-1", depth: 1 },
];
const placements = new Map([
  [3, ["coordinator"]],
  [4, ["p1", "p2"]],
]);

describe("tree", () => {
  const root = buildTree(holons, placements)!;
  it("builds the tree from a flat list, children in position order", () => {
    expect(root.holon.key).toBe("eu");
    expect(root.children[0].children.map((c) => c.holon.key)).toEqual(["m1", "m2"]);
    expect(componentsUnder(root)).toEqual(["coordinator", "p1", "p2"]);
    expect(flatten(root).map((n) => n.holon.id)).toEqual([1, 2, 3, 4]);
  });
  it("finds the breadcrumb path to a holon", () => {
    expect(pathTo(root, 4).map((n) => n.holon.key)).toEqual(["eu", "rack-1", "m2"]);
    expect(pathTo(root, 99)).toEqual([]);
    expect(pathTo(undefined, 1)).toEqual([]);
  });
  it("lists a subtree, so a holon is never moved below itself", () => {
    expect([...subtreeIds(root.children[0])].sort()).toEqual([2, 3, 4]);
  });
  it("is undefined without holons", () => {
    expect(buildTree([])).toBeUndefined();
  });
});

const brief = (id: number, key: string, depth = 2) => ({ id, key, name: "", depth });
const wb: WhiteBoxResponse = {
  holon: { id: 2, key: "rack-1", name: "Rack 1", depth: 1 },
  children: [
    { ...brief(3, "m1"), holons: 0, components: 1 },
    { ...brief(4, "m2"), holons: 0, components: 2 },
  ],
  components: [{ id: 9, key: "monitor", behavior: "client" }],
  links: [
    {
      from: { holon: 3 },
      to: { holon: 4 },
      bidirectional: true,
      links: 2,
      delivery: [
        { loss: 0.1, duplication: 0, reorder: false, delay: null, links: 1 },
        { loss: 0, duplication: 0.05, reorder: true, delay: null, links: 1 },
      ],
    },
    { from: { holon: 4 }, to: { holon: 3 }, bidirectional: false, links: 1, delivery: [{ loss: 0, duplication: 0, reorder: false, delay: null, links: 1 }] },
    { from: { component: "monitor" }, to: { holon: 3 }, bidirectional: false, links: 1, delivery: [] },
  ],
};
const bb: BlackBoxResponse = {
  holon: wb.holon,
  links: 3,
  interface: [
    { holon: brief(7, "rack-2", 1), direction: "out", links: 2, delivery: [{ loss: 0.2, duplication: 0, reorder: false, delay: { dist: "fixed", value: 3 }, links: 2 }] },
    { holon: brief(7, "rack-2", 1), direction: "in", links: 1, delivery: [{ loss: 0, duplication: 0, reorder: false, delay: null, links: 1 }] },
    { holon: brief(8, "db", 1), direction: "both", links: 1, delivery: [{ loss: 0, duplication: 0.01, reorder: true, delay: { dist: "uniform", low: 1, high: 4 }, links: 1 }] },
  ],
  slos: [],
};

describe("whiteBoxDiagram", () => {
  const box = whiteBoxDiagram(wb, bb);
  it("has one node per child holon and per component placed directly", () => {
    expect(box.title).toBe("Rack 1");
    expect(box.nodes.map((n) => `${n.kind}:${n.id}`)).toEqual(["holon:3", "holon:4", "component:monitor"]);
    expect(box.nodes[1].detail).toBe("2 components");
  });
  it("describes a child holon in the holarchy's level names, counting components below it", () => {
    const child = { id: 2, depth: 1, holons: 2, components: 0 };
    expect(holonDetail(child, { levels: ["region", "rack", "machine"], componentsBelow: new Map([[2, 3]]) })).toBe(
      "2 machines · 3 components",
    );
    expect(holonDetail(child)).toBe("2 holons · 0 components");
    expect(holonDetail({ id: 3, depth: 2, holons: 0, components: 1 })).toBe("1 component");
  });
  it("merges both directions between two parts into one edge", () => {
    const edge = box.edges.find((e) => e.a === "holon:3" && e.b === "holon:4")!;
    expect(edge.forward).toBe(2);
    expect(edge.backward).toBe(3);
    // Two declarations one way (one of them bidirectional), one the other way.
    expect(edge.links).toBe(3);
    expect(edge.maxLoss).toBe(0.1);
    expect(edge.maxDuplication).toBe(0.05);
    expect(edge.reorder).toBe(true);
    expect(box.edges).toHaveLength(2);
  });
  it("adds the neighbours across the boundary, linked to the frame", () => {
    expect(box.outside.map((n) => n.label)).toEqual(["rack-2", "db"]);
    const rack2 = box.outsideEdges.find((e) => e.b === "holon:7")!;
    expect(rack2.a).toBe(FRAME);
    expect([rack2.forward, rack2.backward, rack2.links]).toEqual([2, 1, 3]);
  });
  it("works without a black box", () => {
    expect(whiteBoxDiagram(wb).outside).toEqual([]);
  });
});

describe("interfaceEntries", () => {
  it("groups the interface by the other side with counts and delivery settings", () => {
    const entries = interfaceEntries(bb);
    expect(entries.map((e) => e.holon.key)).toEqual(["db", "rack-2"]);
    const rack2 = entries[1];
    expect([rack2.outgoing, rack2.incoming, rack2.links]).toEqual([2, 1, 3]);
    expect(formatRange(rack2.loss)).toBe("0%–20%");
    expect(rack2.delays).toEqual(["fixed 3", "default"]);
    const db = entries[0];
    expect([db.outgoing, db.incoming]).toEqual([1, 1]);
    expect(db.reorder).toBe(true);
  });
  it("describes delays", () => {
    expect(describeDelay({ dist: "uniform", low: 1, high: 3 })).toBe("uniform 1–3");
    expect(describeDelay({ dist: "exponential", mean: 2, bound: 9 })).toBe("exp mean 2 ≤9");
    expect(describeDelay(null)).toBe("default");
  });
});
