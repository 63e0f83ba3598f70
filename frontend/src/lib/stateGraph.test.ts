import { describe, expect, it } from "vitest";
import type { GraphNode } from "../api/types-extra";
import { mergeParts, pathHighlight, RING_GAP, ringPositions, SPACING } from "./stateGraph";

const node = (id: number, depth: number, parent: number | null): GraphNode => ({ id, depth, parent, initial: parent === null, terminal: false, violation: false });

describe("ringPositions", () => {
  it("puts the initial state in the middle, a ring per depth, and children near their parent's angle", () => {
    // 0 -> 2, 1 (2 listed first); 1 -> 4, 5; 2 -> 3: along ring 2, 1's children come before 2's.
    const at = ringPositions([node(0, 0, null), node(2, 1, 0), node(1, 1, 0), node(3, 2, 2), node(4, 2, 1), node(5, 2, 1)]);
    const r = (id: number) => Math.hypot(at.get(id)!.x, at.get(id)!.y);
    const a = (id: number) => (Math.atan2(at.get(id)!.y, at.get(id)!.x) + 2.5 * Math.PI) % (2 * Math.PI);
    expect(r(0)).toBe(0);
    expect(r(1)).toBeCloseTo(RING_GAP);
    expect(r(2)).toBeCloseTo(RING_GAP);
    expect(r(3)).toBeCloseTo(2 * RING_GAP);
    expect(a(1)).toBeLessThan(a(2));
    expect(Math.max(a(4), a(5))).toBeLessThan(a(3));
  });
  it("grows a crowded ring so that its states keep their spacing", () => {
    const many = [node(0, 0, null), ...Array.from({ length: 1000 }, (_, i) => node(i + 1, 1, 0))];
    const at = ringPositions(many);
    const gap = Math.hypot(at.get(1)!.x - at.get(2)!.x, at.get(1)!.y - at.get(2)!.y);
    expect(gap).toBeGreaterThan(SPACING * 0.99);
  });
});

describe("mergeParts", () => {
  it("adds the new states and steps once, relabelling the other part's labels", () => {
    const a = { nodes: [node(0, 0, null), node(1, 1, 0)], edges: [[0, 1, 0]] as [number, number, number][], labels: [["a", "go"]] as [string, string][] };
    const b = {
      nodes: [node(1, 1, 0), node(2, 2, 1)],
      edges: [[1, 2, 0], [0, 1, 1]] as [number, number, number][],
      labels: [["b", "stop"], ["a", "go"]] as [string, string][],
    };
    const merged = mergeParts(a, b);
    expect(merged.nodes.map((n) => n.id)).toEqual([0, 1, 2]);
    expect(merged.labels).toEqual([["a", "go"], ["b", "stop"]]);
    expect(merged.edges).toEqual([[0, 1, 0], [1, 2, 1]]);
  });
});

describe("pathHighlight", () => {
  it("highlights consecutive stored states and skips steps whose state is not stored", () => {
    const h = pathHighlight([0, 1, null, 3, 4]);
    expect([...h.nodes]).toEqual([0, 1, 3, 4]);
    expect([...h.edges]).toEqual(["0>1", "3>4"]);
  });
});
