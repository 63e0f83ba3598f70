/**
 * The behavior space as drawn: a ring layout (one ring per breadth-first
 * depth, each state near its parent's angle), the drawn part grown by
 * neighbourhoods, and the highlighted counterexample path.
 */

import type { GraphNode, GraphPart } from "../api/types-extra";

export const RING_GAP = 60;
export const SPACING = 10;

/**
 * x, y of each state: the initial states in the middle, each breadth-first
 * depth on a ring around it (a ring grows to give its states room, so a wide
 * level does not make a page-wide line); along a ring, states follow their
 * parent's angle (then id), so each subtree keeps to its sector.
 */
export function ringPositions(nodes: GraphNode[]): Map<number, { x: number; y: number }> {
  const rings = new Map<number, GraphNode[]>();
  for (const n of nodes) rings.set(n.depth, [...(rings.get(n.depth) ?? []), n]);
  const at = new Map<number, { x: number; y: number }>();
  const angle = new Map<number, number>();
  let radius = 0;
  for (const depth of [...rings.keys()].sort((a, b) => a - b)) {
    const ring = rings.get(depth)!;
    const key = (n: GraphNode) => (n.parent !== null && angle.has(n.parent) ? angle.get(n.parent)! : 7);
    ring.sort((a, b) => key(a) - key(b) || a.id - b.id);
    radius = ring.length === 1 && radius === 0 ? 0 : Math.max(radius + RING_GAP, (ring.length * SPACING) / (2 * Math.PI));
    ring.forEach((n, i) => {
      const a = (2 * Math.PI * (i + 0.5)) / ring.length;
      angle.set(n.id, a);
      at.set(n.id, { x: radius * Math.cos(a - Math.PI / 2), y: radius * Math.sin(a - Math.PI / 2) });
    });
  }
  return at;
}

/** The drawn part with another part added (a neighbourhood): each state and edge once, first comers first. */
export function mergeParts(a: GraphPart, b: GraphPart): GraphPart {
  const ids = new Set(a.nodes.map((n) => n.id));
  const labelKey = (l: [string, string]) => `${l[0]}\u0000${l[1]}`;
  const labels = [...a.labels];
  const labelIndex = new Map(labels.map((l, i) => [labelKey(l), i]));
  const relabel = b.labels.map((l) => {
    const k = labelKey(l);
    if (!labelIndex.has(k)) labelIndex.set(k, labels.push(l) - 1);
    return labelIndex.get(k)!;
  });
  const edgeKey = (e: [number, number, number]) => `${e[0]}>${e[1]}:${e[2]}`;
  const edges = [...a.edges];
  const seen = new Set(edges.map(edgeKey));
  for (const [s, t, l] of b.edges) {
    const e: [number, number, number] = [s, t, relabel[l]];
    if (!seen.has(edgeKey(e))) (seen.add(edgeKey(e)), edges.push(e));
  }
  return { nodes: [...a.nodes, ...b.nodes.filter((n) => !ids.has(n.id))], edges, labels };
}

/** The states and consecutive-step edges of a path, for highlighting ("a>b" keys). */
export function pathHighlight(path: (number | null)[] | undefined): { nodes: Set<number>; edges: Set<string> } {
  const ids = path ?? [];
  const edges = new Set<string>();
  for (let i = 1; i < ids.length; i++) if (ids[i - 1] !== null && ids[i] !== null) edges.add(`${ids[i - 1]}>${ids[i]}`);
  return { nodes: new Set(ids.filter((n): n is number => n !== null)), edges };
}
