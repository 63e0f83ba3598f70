import { describe, expect, it } from "vitest";
import { canonicalJson, layoutStateGraph, matchPath, normalizeState, ROW_H } from "./stateGraph";

describe("layoutStateGraph", () => {
  const nodes = [
    { id: 0, depth: 0 },
    { id: 1, depth: 1 },
    { id: 2, depth: 1 },
    { id: 3, depth: 2 },
  ];
  const edges = [
    { source: 0, target: 1, action: "a" },
    { source: 0, target: 2, action: "b" },
    { source: 1, target: 3, action: "c" },
    { source: 3, target: 0, action: "reset" },
  ];
  it("puts one depth per row and spreads each row", () => {
    const layout = layoutStateGraph(nodes, edges);
    const at = new Map(layout.nodes.map((n) => [n.node.id, n]));
    expect(at.get(1)!.y - at.get(0)!.y).toBe(ROW_H);
    expect(at.get(1)!.y).toBe(at.get(2)!.y);
    expect(at.get(1)!.x).toBeLessThan(at.get(2)!.x);
    expect(layout.edges.find((e) => e.edge.action === "reset")!.back).toBe(true);
    expect(layout.edges.find((e) => e.edge.action === "a")!.back).toBe(false);
  });
  it("caps the drawn states and says how many were left out", () => {
    const layout = layoutStateGraph(nodes, edges, { maxNodes: 2 });
    expect(layout.nodes).toHaveLength(2);
    expect(layout.hiddenNodes).toBe(2);
    expect(layout.edges.map((e) => e.edge.action)).toEqual(["a"]);
  });
});

describe("matchPath", () => {
  it("ignores key order when comparing states", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
  });
  const graphState = (pc: number, up = true) => ({
    components: { a: { up, timers: ["step"], state: { pc } } },
    network: [
      { from: "a", to: "b", type: "ping", payload: { n: pc } },
      { from: "b", to: "a", type: "pong", payload: {} },
    ],
  });
  const traceState = (pc: number, up = true) => ({
    time: pc,
    components: { a: { up, timers: { step: 7 }, state: { pc } } },
    inflight: { "9": ["b", "a", "pong", {}, 3] as [string, string, string, unknown, number], "4": ["a", "b", "ping", { n: pc }, 2] as [string, string, string, unknown, number] },
  });
  it("reads both spellings of a state the same way", () => {
    expect(canonicalJson(normalizeState(traceState(1)))).toBe(canonicalJson(normalizeState(graphState(1))));
    expect(canonicalJson(normalizeState(traceState(1, false)))).not.toBe(canonicalJson(normalizeState(graphState(1))));
  });
  it("finds the drawn node of each counterexample state", () => {
    const nodes = [
      { id: 0, state: graphState(0) },
      { id: 1, state: graphState(1) },
      { id: 2, state: graphState(2) },
    ];
    const path = matchPath(nodes, [traceState(0), traceState(1), traceState(9), traceState(2)]);
    expect(path.ids).toEqual([0, 1, undefined, 2]);
    expect([...path.edges]).toEqual(["0>1"]);
    expect(path.nodes.has(2)).toBe(true);
  });
});
