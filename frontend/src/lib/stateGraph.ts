/**
 * Layered layout of an explored behavior space: one row per breadth-first
 * depth, states spread along each row; and matching a counterexample's
 * states to the drawn nodes.
 */

export interface GraphNode {
  id: number;
  depth: number;
}

export interface GraphEdge {
  source: number;
  target: number;
}

export interface PlacedNode<N> {
  node: N;
  x: number;
  y: number;
}

export interface PlacedEdge<E> {
  edge: E;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Goes to the same or an earlier depth: part of a cycle. */
  back: boolean;
}

export interface StateGraphLayout<N, E> {
  width: number;
  height: number;
  nodes: PlacedNode<N>[];
  edges: PlacedEdge<E>[];
  hiddenNodes: number;
}

export const ROW_H = 64;
export const COL_W = 30;

export function layoutStateGraph<N extends GraphNode, E extends GraphEdge>(
  nodes: N[],
  edges: E[],
  opts: { maxNodes?: number; minWidth?: number } = {},
): StateGraphLayout<N, E> {
  const maxNodes = opts.maxNodes ?? 600;
  const minWidth = opts.minWidth ?? 600;
  const kept = [...nodes].sort((a, b) => a.depth - b.depth || a.id - b.id).slice(0, maxNodes);
  const rows = new Map<number, N[]>();
  for (const n of kept) rows.set(n.depth, [...(rows.get(n.depth) ?? []), n]);
  const widest = Math.max(1, ...[...rows.values()].map((r) => r.length));
  const width = Math.max(minWidth, widest * COL_W + 40);
  const depths = [...rows.keys()].sort((a, b) => a - b);
  const placed = new Map<number, PlacedNode<N>>();
  depths.forEach((depth, rowIndex) => {
    const row = rows.get(depth)!;
    const gap = width / (row.length + 1);
    row.forEach((node, i) => placed.set(node.id, { node, x: gap * (i + 1), y: 30 + rowIndex * ROW_H }));
  });
  const placedEdges = edges
    .filter((e) => placed.has(e.source) && placed.has(e.target))
    .map((edge) => {
      const a = placed.get(edge.source)!;
      const b = placed.get(edge.target)!;
      return { edge, x1: a.x, y1: a.y, x2: b.x, y2: b.y, back: b.node.depth <= a.node.depth };
    });
  return {
    width,
    height: 30 + Math.max(0, depths.length - 1) * ROW_H + 40,
    nodes: [...placed.values()],
    edges: placedEdges,
    hiddenNodes: nodes.length - kept.length,
  };
}

import type { ExploredState, TraceLikeState } from "../api/types-extra";

/**
 * One spelling for a global state, whichever way it came: graph nodes list
 * messages in `network` and timer names, counterexample steps use the run
 * trace's `inflight` map and timer deadlines. Messages are sorted, so the
 * same multiset of messages in flight gives the same state.
 */
export function normalizeState(state: ExploredState | TraceLikeState): ExploredState {
  const components: ExploredState["components"] = {};
  for (const [id, c] of Object.entries(state.components ?? {})) {
    const timers = Array.isArray(c.timers) ? [...c.timers] : Object.keys(c.timers ?? {});
    components[id] = { up: c.up, state: c.state, timers: timers.sort() };
  }
  const network =
    "network" in state && Array.isArray(state.network)
      ? state.network.map((m) => ({ from: m.from, to: m.to, type: m.type, payload: m.payload }))
      : Object.values((state as TraceLikeState).inflight ?? {}).map(([from, to, type, payload]) => ({ from, to, type, payload }));
  network.sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : canonicalJson(a) > canonicalJson(b) ? 1 : 0));
  return { components, network };
}

/** JSON with sorted keys, so equal states give equal strings whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The drawn node of each counterexample state (or undefined when that state
 * is not drawn), and the edges between consecutive ones, for highlighting.
 */
export function matchPath(
  nodes: { id: number; state?: ExploredState | TraceLikeState }[],
  states: (ExploredState | TraceLikeState)[],
): { ids: (number | undefined)[]; nodes: Set<number>; edges: Set<string> } {
  const key = (s: ExploredState | TraceLikeState) => canonicalJson(normalizeState(s));
  const byState = new Map<string, number>();
  for (const n of nodes) if (n.state !== undefined) byState.set(key(n.state), n.id);
  const ids = states.map((s) => byState.get(key(s)));
  const edges = new Set<string>();
  for (let i = 1; i < ids.length; i++) {
    if (ids[i - 1] !== undefined && ids[i] !== undefined) edges.add(`${ids[i - 1]}>${ids[i]}`);
  }
  return { ids, nodes: new Set(ids.filter((n): n is number => n !== undefined)), edges };
}
