import { describe, expect, it } from "vitest";
import { NODE_H, NODE_W, arrangeParts, clipToRect, connectedPieces, layoutWhiteBox } from "./diagram";
import type { AggregatedEdge, WhiteBox } from "./holarchy";

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }) {
  return Math.abs(a.x - b.x) < NODE_W && Math.abs(a.y - b.y) < NODE_H;
}

const noLinks: AggregatedEdge[] = [];
const link = (a: string, b: string): AggregatedEdge => ({ a, b, forward: 1, backward: 0, links: 1, maxLoss: 0, maxDuplication: 0, reorder: false });

describe("arrangeParts", () => {
  const chain = [link("p0", "p1"), link("p1", "p2"), link("p4", "p5")];
  it.each([
    [1, noLinks],
    [3, noLinks],
    [8, chain],
    [30, chain],
    [1000, noLinks],
  ])("places %i boxes without overlap, inside the positive quadrant", (n, edges) => {
    const keys = Array.from({ length: n }, (_, i) => `p${i}`);
    const { at, w, h } = arrangeParts(keys, edges);
    const pts = keys.map((k) => at.get(k)!);
    for (const p of pts) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + NODE_W).toBeLessThanOrEqual(w + 1e-9);
      expect(p.y + NODE_H).toBeLessThanOrEqual(h + 1e-9);
    }
    const sorted = [...pts].sort((a, b) => a.x - b.x);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n && sorted[j].x - sorted[i].x < NODE_W; j++) expect(overlaps(sorted[i], sorted[j])).toBe(false);
  });

  it("lays a chain out in the direction of its traffic", () => {
    const { at } = arrangeParts(["p0", "p1", "p2"], [link("p0", "p1"), { ...link("p1", "p2"), forward: 0, backward: 1 }]);
    // p0 → p1 ← p2: p1 is right of p0; p2 sends to p1, so p2 is left of p1.
    expect(at.get("p1")!.x).toBeGreaterThan(at.get("p0")!.x);
    expect(at.get("p2")!.x).toBeLessThan(at.get("p1")!.x);
  });

  it("keeps a thousand unlinked boxes wider than high, not in one row", () => {
    const { w, h } = arrangeParts(Array.from({ length: 1000 }, (_, i) => `p${i}`), noLinks);
    expect(w).toBeGreaterThan(h);
    expect(w).toBeLessThan(1000 * NODE_W / 4);
  });
});

describe("connectedPieces", () => {
  it("splits the parts into the groups linked together", () => {
    expect(connectedPieces(["a", "b", "c", "d"], [link("a", "c"), link("frame", "d")])).toEqual([["a", "c"], ["b"], ["d"]]);
  });
});

describe("clipToRect", () => {
  const r = { x: 0, y: 0, w: 100, h: 50 };
  it("leaves through the right side for a point to the right", () => {
    expect(clipToRect(r, { x: 500, y: 25 })).toEqual({ x: 100, y: 25 });
  });
  it("leaves through the bottom for a point below", () => {
    expect(clipToRect(r, { x: 50, y: 300 })).toEqual({ x: 50, y: 50 });
  });
  it("leaves through a corner diagonal", () => {
    const p = clipToRect(r, { x: 150, y: 75 });
    expect(p.x).toBeCloseTo(100);
    expect(p.y).toBeCloseTo(50);
  });
});

describe("layoutWhiteBox", () => {
  const box: WhiteBox = {
    title: "rack",
    nodes: [
      { kind: "holon", id: "m1", label: "m1", detail: "1 component" },
      { kind: "holon", id: "m2", label: "m2", detail: "2 components" },
    ],
    edges: [{ a: "holon:m1", b: "holon:m2", forward: 2, backward: 0, links: 2, maxLoss: 0.1, maxDuplication: 0, reorder: false }],
    outside: [{ kind: "holon", id: "rack-2", label: "rack-2", detail: "" }],
    outsideEdges: [{ a: "frame", b: "holon:rack-2", forward: 1, backward: 1, links: 1, maxLoss: 0, maxDuplication: 0, reorder: false }],
  };
  const layout = layoutWhiteBox(box);

  it("puts children inside the frame and neighbours outside it", () => {
    const frameRight = layout.frame.x + layout.frame.w;
    for (const n of layout.nodes) {
      if (n.outside) expect(n.x).toBeGreaterThan(frameRight);
      else {
        expect(n.x).toBeGreaterThanOrEqual(layout.frame.x);
        expect(n.x + n.w).toBeLessThanOrEqual(frameRight);
      }
    }
    expect(layout.width).toBeGreaterThan(frameRight);
  });

  it("draws edges border to border with arrows in the directions that carry traffic", () => {
    const inner = layout.edges.find((e) => !e.external)!;
    expect(inner.arrowAtEnd).toBe(true);
    expect(inner.arrowAtStart).toBe(false);
    expect(inner.label).toBe("2 links · loss 10%");
    expect(inner.lossy).toBe(true);
    const outer = layout.edges.find((e) => e.external)!;
    expect(outer.arrowAtEnd && outer.arrowAtStart).toBe(true);
  });
});
