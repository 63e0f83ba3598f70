/**
 * Geometry of the white-box diagram: where each box goes (linked parts
 * layered in the direction of their traffic by dagre, lone parts in a grid,
 * the pieces packed inside the frame, neighbours in a column outside it) and
 * where each edge starts and ends (on the box borders, not the centres).
 */

import dagre from "@dagrejs/dagre";
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
const GAP = 28;
const OUTSIDE_GAP = 110;

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

/** Groups of node keys joined by edges (union-find), each in the order of `keys`. */
export function connectedPieces(keys: string[], edges: { a: string; b: string }[]): string[][] {
  const parent = new Map(keys.map((k) => [k, k]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  for (const e of edges) if (parent.has(e.a) && parent.has(e.b)) parent.set(find(e.a), find(e.b));
  const pieces = new Map<string, string[]>();
  for (const k of keys) pieces.set(find(k), [...(pieces.get(find(k)) ?? []), k]);
  return [...pieces.values()];
}

interface Piece {
  /** Top-left corners relative to the piece. */
  at: Map<string, Point>;
  w: number;
  h: number;
}

/** A connected piece laid out left to right by dagre, in the direction its traffic flows. */
function layeredPiece(keys: string[], edges: AggregatedEdge[]): Piece {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 34, ranksep: 110, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const k of keys) g.setNode(k, { width: NODE_W, height: NODE_H });
  const members = new Set(keys);
  for (const e of edges) {
    if (!members.has(e.a) || !members.has(e.b)) continue;
    if (e.forward >= e.backward) g.setEdge(e.a, e.b);
    else g.setEdge(e.b, e.a);
  }
  dagre.layout(g);
  const at = new Map<string, Point>();
  for (const k of keys) {
    const n = g.node(k);
    at.set(k, { x: n.x - NODE_W / 2, y: n.y - NODE_H / 2 });
  }
  return normalisePiece(at);
}

/** Parts with no link among the drawn ones: a grid, wider than high. */
function gridPiece(keys: string[]): Piece {
  const cols = Math.ceil(Math.sqrt(keys.length * 2));
  const at = new Map(keys.map((k, i) => [k, { x: (i % cols) * (NODE_W + GAP), y: Math.floor(i / cols) * (NODE_H + GAP) }]));
  return normalisePiece(at);
}

function normalisePiece(at: Map<string, Point>): Piece {
  const pts = [...at.values()];
  const minX = Math.min(...pts.map((p) => p.x));
  const minY = Math.min(...pts.map((p) => p.y));
  for (const p of pts) {
    p.x -= minX;
    p.y -= minY;
  }
  return { at, w: Math.max(...pts.map((p) => p.x)) + NODE_W, h: Math.max(...pts.map((p) => p.y)) + NODE_H };
}

/** Shelf packing: pieces, tallest first, in rows no wider than the widest piece or a square's side. */
function pack(pieces: Piece[]): Piece {
  const area = pieces.reduce((sum, p) => sum + (p.w + GAP) * (p.h + GAP), 0);
  const rowWidth = Math.max(...pieces.map((p) => p.w), Math.sqrt(area) * 1.6);
  const at = new Map<string, Point>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const piece of [...pieces].sort((p, q) => q.h - p.h)) {
    if (x > 0 && x + piece.w > rowWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    for (const [k, p] of piece.at) at.set(k, { x: x + p.x, y: y + p.y });
    x += piece.w + GAP;
    rowHeight = Math.max(rowHeight, piece.h);
  }
  return normalisePiece(at);
}

/** Where the inside parts go: linked parts layered by dagre, lone parts in a grid, all packed. */
export function arrangeParts(keys: string[], edges: AggregatedEdge[]): Piece {
  if (!keys.length) return { at: new Map(), w: NODE_W, h: NODE_H };
  const pieces = connectedPieces(keys, edges);
  const lone = pieces.filter((p) => p.length === 1).flat();
  const laid = pieces.filter((p) => p.length > 1).map((p) => layeredPiece(p, edges));
  if (lone.length) laid.push(gridPiece(lone));
  return laid.length === 1 ? laid[0] : pack(laid);
}

export function layoutWhiteBox(box: WhiteBox): DiagramLayout {
  const inner = arrangeParts(box.nodes.map(nodeKeyOf), box.edges);
  const slot = NODE_H + GAP;
  const frameH = Math.max(inner.h + PAD * 2, box.outside.length * slot - GAP + PAD * 2);
  const frame: Rect = { x: 8, y: 28, w: inner.w + PAD * 2, h: frameH };
  const placed = new Map<string, PlacedNode>();
  const top = frame.y + (frame.h - inner.h) / 2;
  for (const node of box.nodes) {
    const key = nodeKeyOf(node);
    const p = inner.at.get(key)!;
    placed.set(key, { node, key, outside: false, x: frame.x + PAD + p.x, y: top + p.y, w: NODE_W, h: NODE_H });
  }
  const outsideX = frame.x + frame.w + OUTSIDE_GAP;
  const outsideTop = frame.y + (frame.h - (box.outside.length * slot - GAP)) / 2;
  box.outside.forEach((node, i) => {
    const key = nodeKeyOf(node);
    placed.set(key, { node, key, outside: true, x: outsideX, y: outsideTop + i * slot, w: NODE_W, h: NODE_H });
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
