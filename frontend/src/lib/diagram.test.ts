import { describe, expect, it } from "vitest";
import { NODE_H, NODE_W, arrangeCenters, clipToRect, layoutWhiteBox } from "./diagram";
import type { WhiteBox } from "./holarchy";

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }) {
  return Math.abs(a.x - b.x) < NODE_W && Math.abs(a.y - b.y) < NODE_H;
}

describe("arrangeCenters", () => {
  it.each([1, 2, 3, 5, 8, 10, 11, 30])("places %i boxes without overlap, inside the positive quadrant", (n) => {
    const pts = arrangeCenters(n);
    expect(pts).toHaveLength(n);
    for (const p of pts) {
      expect(p.x).toBeGreaterThanOrEqual(NODE_W / 2 - 1e-9);
      expect(p.y).toBeGreaterThanOrEqual(NODE_H / 2 - 1e-9);
    }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(overlaps(pts[i], pts[j])).toBe(false);
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
