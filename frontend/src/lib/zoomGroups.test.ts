import { describe, expect, it } from "vitest";
import type { AggregatedEdge, BoxNode, WhiteBox } from "./holarchy";
import { GROUP_ABOVE, GROUP_SIZE, MAX_GROUPS, foldWhiteBox, groupParts, groupTitle } from "./zoomGroups";

const machine = (i: number): BoxNode => ({ kind: "holon", id: String(i), holonId: i, label: `m${i}`, detail: "1 component", category: "machine" });
const client = (i: number): BoxNode => ({ kind: "component", id: `c${i}`, label: `c${i}`, detail: "client", category: "client" });
const edge = (a: string, b: string, over: Partial<AggregatedEdge> = {}): AggregatedEdge => ({
  a, b, forward: 1, backward: 0, links: 1, maxLoss: 0, maxDuplication: 0, reorder: false, ...over,
});
const whiteBox = (nodes: BoxNode[], edges: AggregatedEdge[] = []): WhiteBox => ({ title: "rack", nodes, edges, outside: [], outsideEdges: [] });

describe("groupParts", () => {
  it("leaves a holon with few parts unfolded", () => {
    expect(groupParts(Array.from({ length: GROUP_ABOVE }, (_, i) => machine(i)))).toEqual([]);
  });

  it("folds a thousand machines into runs of GROUP_SIZE in natural label order", () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => machine(999 - i));
    const groups = groupParts(nodes);
    expect(groups).toHaveLength(1000 / GROUP_SIZE);
    expect(groups.every((g) => g.members.length === GROUP_SIZE)).toBe(true);
    expect(groupTitle(groups[0])).toBe("machines m0–m49");
    expect(groupTitle(groups[1])).toBe("machines m50–m99");
    expect(new Set(groups.flatMap((g) => g.members)).size).toBe(1000);
  });

  it("keeps kinds and categories apart, and never makes more than MAX_GROUPS groups of one", () => {
    const nodes = [...Array.from({ length: 10_000 }, (_, i) => machine(i)), ...Array.from({ length: 5 }, (_, i) => client(i))];
    const groups = groupParts(nodes);
    expect(groups.filter((g) => g.kind === "holon")).toHaveLength(MAX_GROUPS);
    const clients = groups.filter((g) => g.kind === "component");
    expect(clients).toHaveLength(1);
    expect(clients[0].key).toBe("component:client");
    expect(groupTitle(clients[0])).toBe("client c0–c4");
  });
});

describe("foldWhiteBox", () => {
  const nodes = Array.from({ length: 120 }, (_, i) => machine(i));
  const edges = [
    edge("holon:0", "holon:1"), // inside the first group
    edge("holon:1", "holon:70", { maxLoss: 0.2 }), // first group → second group
    edge("holon:2", "holon:71", { forward: 0, backward: 1 }), // second → first
    edge("holon:100", "holon:101"),
  ];
  const box = whiteBox(nodes, edges);
  const groups = groupParts(nodes);

  it("draws each folded group as one node and merges the links between groups", () => {
    const folded = foldWhiteBox(box, groups, new Set());
    expect(folded.nodes.map((n) => n.id)).toEqual(["holon:machine:1", "holon:machine:2", "holon:machine:3"]);
    expect(folded.nodes[0].detail).toBe("50 machines · 1 link inside");
    expect(folded.nodes[0].members).toBe(50);
    const between = folded.edges.find((e) => e.a === "group:holon:machine:1" && e.b === "group:holon:machine:2")!;
    expect([between.forward, between.backward, between.links, between.maxLoss]).toEqual([1, 1, 2, 0.2]);
    expect(folded.edges).toHaveLength(1);
  });

  it("draws an unfolded group's members one by one, linked to the folded groups", () => {
    const unfolded = foldWhiteBox(box, groups, new Set(["holon:machine:1"]));
    expect(unfolded.nodes).toHaveLength(50 + 2);
    expect(unfolded.edges.find((e) => e.a === "holon:0" && e.b === "holon:1")).toBeDefined();
    const second = "group:holon:machine:2";
    const toSecond = unfolded.edges.filter((e) => e.a === second || e.b === second).map((e) => (e.a === second ? e.b : e.a)).sort();
    expect(toSecond).toEqual(["holon:1", "holon:2"]);
  });

  it("is the identity when nothing is grouped", () => {
    const small = whiteBox(nodes.slice(0, 3), edges.slice(0, 1));
    expect(foldWhiteBox(small, groupParts(small.nodes), new Set())).toBe(small);
  });
});
