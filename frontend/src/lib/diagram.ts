/**
 * Geometry of the white-box diagram: where each box goes and where each
 * edge starts and ends (on the box borders, not the centres).
 */

import { plural } from "./format";
import { FRAME, type AggregatedEdge, type BoxNode, type WhiteBox } from "./holarchy";

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedNode extends Rect {
  node: BoxNode;
  key: string;
  outside: boolean;
}

export interface PlacedEdge {
  key: string;
  from: Point;
  to: Point;
  /** Arrowheads: at `to` for traffic a→b, at `from` for b→a. */
  arrowAtEnd: boolean;
  arrowAtStart: boolean;
  label: string;
  mid: Point;
  lossy: boolean;
  external: boolean;
}

export interface DiagramLayout {
  width: number;
  height: number;
  frame: Rect;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export const NODE_W = 184;
export const NODE_H = 58;
const PAD = 36;
const OUTSIDE_GAP = 90;

export function center(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

/** The point where the segment from the centre of `r` towards `toward` leaves `r`. */
export function clipToRect(r: Rect, toward: Point): Point {
  const c = center(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : r.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : r.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

/**
 * Centres for n boxes: one in the middle, two side by side, a ring for up to
 * ten (chords of a ring never run through another box), a grid beyond.
 */
export function arrangeCenters(n: number, nodeW = NODE_W, nodeH = NODE_H): Point[] {
  if (n <= 0) return [];
  if (n === 1) return [{ x: nodeW / 2, y: nodeH / 2 }];
  if (n === 2) return [{ x: nodeW / 2, y: nodeH / 2 }, { x: nodeW * 2.2, y: nodeH / 2 }];
  if (n <= 10) {
    // Radii large enough that neighbouring boxes on the ring do not touch.
    const step = (2 * Math.PI) / n;
    const rx = Math.max(nodeW * 1.1, (nodeW * 1.25) / (2 * Math.sin(step / 2)));
    const ry = Math.max(nodeH * 1.6, (nodeH * 1.9) / (2 * Math.sin(step / 2)));
    const pts = Array.from({ length: n }, (_, i) => {
      const angle = -Math.PI / 2 + i * step;
      return { x: rx * Math.cos(angle), y: ry * Math.sin(angle) };
    });
    return normalise(pts, nodeW, nodeH);
  }
  const cols = Math.ceil(Math.sqrt(n * 1.5));
  return Array.from({ length: n }, (_, i) => ({
    x: (i % cols) * nodeW * 1.35 + nodeW / 2,
    y: Math.floor(i / cols) * nodeH * 2 + nodeH / 2,
  }));
}

/** Shifts centres so that the boxes around them start at (0, 0). */
function normalise(pts: Point[], nodeW: number, nodeH: number): Point[] {
  const minX = Math.min(...pts.map((p) => p.x)) - nodeW / 2;
  const minY = Math.min(...pts.map((p) => p.y)) - nodeH / 2;
  return pts.map((p) => ({ x: p.x - minX, y: p.y - minY }));
}

export function nodeKeyOf(n: BoxNode): string {
  return `${n.kind}:${n.id}`;
}

function edgeLabel(e: AggregatedEdge): string {
  const parts: string[] = [];
  parts.push(plural(e.links, "link"));
  if (e.maxLoss > 0) parts.push(`loss ${+(e.maxLoss * 100).toFixed(1)}%`);
  if (e.maxDuplication > 0) parts.push(`dup ${+(e.maxDuplication * 100).toFixed(1)}%`);
  if (e.reorder) parts.push("reorder");
  return parts.join(" · ");
}

export function layoutWhiteBox(box: WhiteBox): DiagramLayout {
  const centers = arrangeCenters(box.nodes.length);
  const innerW = centers.length ? Math.max(...centers.map((c) => c.x)) + NODE_W / 2 : NODE_W;
  const innerH = centers.length ? Math.max(...centers.map((c) => c.y)) + NODE_H / 2 : NODE_H;
  const frame: Rect = { x: 8, y: 28, w: innerW + PAD * 2, h: innerH + PAD * 2 };
  const placed = new Map<string, PlacedNode>();
  box.nodes.forEach((node, i) => {
    const c = centers[i];
    const key = nodeKeyOf(node);
    placed.set(key, {
      node,
      key,
      outside: false,
      x: frame.x + PAD + c.x - NODE_W / 2,
      y: frame.y + PAD + c.y - NODE_H / 2,
      w: NODE_W,
      h: NODE_H,
    });
  });
  const outsideX = frame.x + frame.w + OUTSIDE_GAP;
  const slot = box.outside.length ? frame.h / box.outside.length : 0;
  box.outside.forEach((node, i) => {
    const key = nodeKeyOf(node);
    placed.set(key, {
      node,
      key,
      outside: true,
      x: outsideX,
      y: frame.y + slot * (i + 0.5) - NODE_H / 2,
      w: NODE_W,
      h: NODE_H,
    });
  });
  const edges: PlacedEdge[] = [];
  const addEdges = (list: AggregatedEdge[], external: boolean) => {
    for (const e of list) {
      // Links crossing the boundary start on the frame: the white box does not say which child they come from.
      const a = e.a === FRAME ? frame : placed.get(e.a);
      const b = e.b === FRAME ? frame : placed.get(e.b);
      if (!a || !b) continue;
      let from = clipToRect(a, center(b));
      let to = clipToRect(b, center(a));
      if (e.a === FRAME) to = clipToRect(b, (from = clipToRect(a, center(b))));
      if (e.b === FRAME) from = clipToRect(a, (to = clipToRect(b, center(a))));
      edges.push({
        key: `${e.a}|${e.b}`,
        from,
        to,
        arrowAtEnd: e.forward > 0,
        arrowAtStart: e.backward > 0,
        label: edgeLabel(e),
        mid: { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 },
        lossy: e.maxLoss > 0 || e.maxDuplication > 0,
        external,
      });
    }
  };
  addEdges(box.edges, false);
  addEdges(box.outsideEdges, true);
  const width = (box.outside.length ? outsideX + NODE_W : frame.x + frame.w) + 12;
  const height = Math.max(frame.y + frame.h, ...[...placed.values()].map((p) => p.y + p.h)) + 12;
  return { width, height, frame, nodes: [...placed.values()], edges };
}
