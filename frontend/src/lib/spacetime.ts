/**
 * Geometry of the space-time diagram: one horizontal lane per holon of a chosen
 * level of a chosen holarchy (or per component), steps to the right. A lane
 * that holds several components shows the messages crossing its boundary as
 * arrows and counts the traffic inside it; expanding a lane puts its children
 * in its place. The canvas draws only the lanes in view.
 */

import type { HolarchySpec, HolonSpec } from "../api/modelDocument";
import type { TraceDelta } from "../api/types-extra";
import { downIntervals, messageArrows, type MessageArrow } from "./trace";

export interface Lane {
  /** A holon's id, or a component's. */
  id: string;
  kind: "holon" | "component";
  depth: number;
  members: string[];
  /** Holons to show in its place when expanded (its child holons, then its own components). */
  children: Lane[];
}

function holonLane(h: HolonSpec, depth: number): Lane {
  const children = [
    ...(h.children ?? []).map((c) => holonLane(c, depth + 1)),
    ...(h.components ?? []).map((c): Lane => ({ id: c, kind: "component", depth: depth + 1, members: [c], children: [] })),
  ];
  return { id: h.id, kind: "holon", depth, members: children.flatMap((c) => c.members), children };
}

/** The lane tree of a holarchy; without one, the components side by side under one root. */
export function laneTree(holarchy: HolarchySpec | undefined, components: string[]): Lane {
  const root = holarchy ? holonLane(holarchy.root, 0) : { id: "system", kind: "holon" as const, depth: 0, members: [], children: [] };
  const placed = new Set(root.members);
  const rest = components.filter((c) => !placed.has(c)).map((c): Lane => ({ id: c, kind: "component", depth: 1, members: [c], children: [] }));
  return rest.length ? { ...root, children: [...root.children, ...rest], members: [...root.members, ...rest.map((r) => r.id)] } : root;
}

/** The lanes shown: the lanes at `level` (0 = the root, as deep as a branch goes), each expanded one replaced by its children. */
export function visibleLanes(root: Lane, level: number, expanded: ReadonlySet<string>): Lane[] {
  const out: Lane[] = [];
  const walk = (lane: Lane) => {
    const open = lane.children.length > 0 && (lane.depth < level || expanded.has(lane.id));
    if (open) lane.children.forEach(walk);
    else out.push(lane);
  };
  walk(root);
  return out;
}

/** The deepest level of the tree (its components' depth). */
export function treeDepth(lane: Lane): number {
  return lane.children.length ? Math.max(...lane.children.map(treeDepth)) : lane.depth;
}

export interface LaneArrow extends MessageArrow {
  fromLane: number;
  toLane: number;
}

export interface LaneTraffic {
  /** Messages between lanes (sent in the window), drawn as arrows. */
  arrows: LaneArrow[];
  /** Messages that stay inside a lane, per lane index: a count, not arrows. */
  internal: number[];
  /** Crash and recovery marks per lane. */
  marks: { lane: number; step: number; kind: "crash" | "recover" }[];
  /** Stretches when a component of the lane is down. */
  down: { lane: number; from: number; to: number | null }[];
  /** Steps per lane where one of its components acted (timers, receipts, starts). */
  activity: { lane: number; step: number }[];
}

export function laneTraffic(deltas: TraceDelta[], lanes: Lane[]): LaneTraffic {
  const laneOf = new Map<string, number>();
  lanes.forEach((lane, i) => lane.members.forEach((c) => laneOf.set(c, i)));
  const internal = lanes.map(() => 0);
  const arrows: LaneArrow[] = [];
  for (const a of messageArrows(deltas)) {
    const fromLane = laneOf.get(a.from);
    const toLane = laneOf.get(a.to);
    if (fromLane === undefined || toLane === undefined) continue;
    if (fromLane === toLane) internal[fromLane] += 1;
    else arrows.push({ ...a, fromLane, toLane });
  }
  const marks = deltas
    .filter((d) => (d.k === "crash" || d.k === "recover") && laneOf.has(d.a))
    .map((d) => ({ lane: laneOf.get(d.a)!, step: d.s, kind: d.k as "crash" | "recover" }));
  const down = downIntervals(deltas)
    .filter((d) => laneOf.has(d.component))
    .map((d) => ({ lane: laneOf.get(d.component)!, from: d.from, to: d.to }));
  const activity = deltas.filter((d) => laneOf.has(d.a)).map((d) => ({ lane: laneOf.get(d.a)!, step: d.s }));
  return { arrows, internal, marks, down, activity };
}

export const LANE_H = 28;
export const LANE_LABEL_W = 150;

/** The lanes whose rows intersect a viewport scrolled to `top` and `height` px tall (plus one either side). */
export function lanesInView(count: number, top: number, height: number, laneHeight = LANE_H): { first: number; last: number } {
  const first = Math.max(0, Math.floor(top / laneHeight) - 1);
  const last = Math.min(count - 1, Math.ceil((top + height) / laneHeight) + 1);
  return { first, last };
}
