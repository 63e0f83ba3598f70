/**
 * Zooming over a holarchy: the tree built from the API's flat holon list
 * (breadcrumbs, subtrees), and the white-box / black-box answers of the API
 * reshaped for drawing.
 */

import type { DelaySpec } from "../api/modelDocument";
import type { BlackBoxResponse, DeliveryGroup, PartRef, WhiteBoxResponse } from "../api/types-extra";
import { formatPercent } from "./chart";
import { plural } from "./format";

export function describeDelay(delay: DelaySpec | null | undefined): string {
  if (!delay) return "default";
  const bound = delay.bound !== undefined && delay.bound !== null ? ` ≤${delay.bound}` : "";
  switch (delay.dist) {
    case "fixed":
      return `fixed ${delay.value ?? 0}${bound}`;
    case "uniform":
      return `uniform ${delay.low ?? 0}–${delay.high ?? 0}${bound}`;
    case "exponential":
      return `exp mean ${delay.mean ?? 0}${bound}`;
    default:
      return String((delay as { dist: unknown }).dist) + bound;
  }
}

// ------------------------------------------------------------------ tree
export interface FlatHolon {
  id: number;
  parent: number | null;
  key: string;
  name?: string;
  depth: number;
  position?: number;
}

export interface TreeNode {
  holon: FlatHolon;
  children: TreeNode[];
  /** Component keys placed directly in this holon. */
  components: string[];
}

/**
 * Builds the tree from the flat list (any order) and places components by
 * `placements` (holon id → component keys). Returns the root, or undefined.
 */
export function buildTree(holons: FlatHolon[], placements: Map<number, string[]> = new Map()): TreeNode | undefined {
  const nodes = new Map<number, TreeNode>();
  for (const h of holons) nodes.set(h.id, { holon: h, children: [], components: placements.get(h.id) ?? [] });
  let root: TreeNode | undefined;
  const sorted = [...holons].sort((a, b) => a.depth - b.depth || (a.position ?? 0) - (b.position ?? 0) || a.id - b.id);
  for (const h of sorted) {
    const node = nodes.get(h.id)!;
    const parent = h.parent === null ? undefined : nodes.get(h.parent);
    if (parent) parent.children.push(node);
    else if (!root) root = node;
  }
  return root;
}

/** The nodes from the root down to holon `id`, or [] when it is not in the tree. */
export function pathTo(root: TreeNode | undefined, id: number): TreeNode[] {
  if (!root) return [];
  if (root.holon.id === id) return [root];
  for (const child of root.children) {
    const sub = pathTo(child, id);
    if (sub.length) return [root, ...sub];
  }
  return [];
}

/** Ids of the holon and everything below it (a holon cannot move into these). */
export function subtreeIds(node: TreeNode): Set<number> {
  const ids = new Set<number>([node.holon.id]);
  for (const child of node.children) for (const id of subtreeIds(child)) ids.add(id);
  return ids;
}

export function componentsUnder(node: TreeNode): string[] {
  return [...node.components, ...node.children.flatMap(componentsUnder)];
}

export function flatten(root: TreeNode | undefined): TreeNode[] {
  if (!root) return [];
  return [root, ...root.children.flatMap(flatten)];
}

export function holonLabel(h: { key: string; name?: string | null }): string {
  return h.name ? h.name : h.key;
}

// ------------------------------------------------------------- white box
export type NodeKind = "holon" | "component" | "group";

export interface BoxNode {
  /** A "group" stands for many children of one kind and category, folded (see lib/zoomGroups). */
  kind: NodeKind;
  /** Holon id (as text), component key, or group key. */
  id: string;
  label: string;
  /** Behavior for a component, "n components" for a holon. */
  detail: string;
  holonId?: number;
  /** What children are grouped by when there are too many to draw: a holon's level, a component's behavior. */
  category?: string;
  /** For a group: the kind and number of the children it stands for. */
  memberKind?: "holon" | "component";
  members?: number;
}

export interface AggregatedEdge {
  /** Node keys ("holon:12", "component:p1"); "frame" is the holon's own boundary. */
  a: string;
  b: string;
  /** Directed links from a to b and from b to a (a bidirectional link counts in both). */
  forward: number;
  backward: number;
  /** Link declarations drawn by this edge (a bidirectional link is one). */
  links: number;
  maxLoss: number;
  maxDuplication: number;
  reorder: boolean;
}

export interface WhiteBox {
  title: string;
  nodes: BoxNode[];
  edges: AggregatedEdge[];
  /** Neighbours outside the boundary that links cross to (from the black box). */
  outside: BoxNode[];
  outsideEdges: AggregatedEdge[];
}

export const FRAME = "frame";

export function partKey(ref: PartRef): string {
  return ref.holon !== undefined && ref.holon !== null ? `holon:${ref.holon}` : `component:${ref.component}`;
}

type EdgeTraffic = Omit<AggregatedEdge, "a" | "b">;

/** Adds traffic between `from` and `to` to the one edge kept per unordered pair (directions swapped as needed). */
export function mergeEdge(edges: Map<string, AggregatedEdge>, from: string, to: string, traffic: EdgeTraffic) {
  const [a, b, forward, backward] = from <= to ? [from, to, traffic.forward, traffic.backward] : [to, from, traffic.backward, traffic.forward];
  const key = `${a}|${b}`;
  const edge = edges.get(key) ?? { a, b, forward: 0, backward: 0, links: 0, maxLoss: 0, maxDuplication: 0, reorder: false };
  edge.forward += forward;
  edge.backward += backward;
  edge.links += traffic.links;
  edge.maxLoss = Math.max(edge.maxLoss, traffic.maxLoss);
  edge.maxDuplication = Math.max(edge.maxDuplication, traffic.maxDuplication);
  edge.reorder = edge.reorder || traffic.reorder;
  edges.set(key, edge);
}

function addGroups(
  edges: Map<string, AggregatedEdge>,
  from: string,
  to: string,
  count: { forward: number; backward: number; links: number },
  delivery: DeliveryGroup[],
) {
  mergeEdge(edges, from, to, {
    ...count,
    maxLoss: Math.max(0, ...delivery.map((d) => d.loss ?? 0)),
    maxDuplication: Math.max(0, ...delivery.map((d) => d.duplication ?? 0)),
    reorder: delivery.some((d) => !!d.reorder),
  });
}

export interface TreeFacts {
  /** Level names of the holarchy, root first ("rack", "machine"...). */
  levels?: string[];
  /** Components placed anywhere below each holon (the API's white box counts direct ones only). */
  componentsBelow?: Map<number, number>;
}

/** "2 machines · 3 components": what a child holon holds, in the holarchy's own words. */
export function holonDetail(child: { id: number; depth: number; holons: number; components: number }, facts: TreeFacts = {}): string {
  const components = plural(facts.componentsBelow?.get(child.id) ?? child.components, "component");
  if (child.holons === 0) return components;
  const level = facts.levels?.[child.depth + 1] ?? "holon";
  return `${plural(child.holons, level)} · ${components}`;
}

/** The diagram's content: children and direct components with the links among them, plus the outside neighbours. */
export function whiteBoxDiagram(wb: WhiteBoxResponse, bb?: BlackBoxResponse, facts: TreeFacts = {}): WhiteBox {
  const nodes: BoxNode[] = [
    ...wb.children.map((c) => ({
      kind: "holon" as const,
      id: String(c.id),
      holonId: c.id,
      label: holonLabel(c),
      detail: holonDetail(c, facts),
      category: facts.levels?.[c.depth] ?? "holon",
    })),
    ...wb.components.map((c) => ({ kind: "component" as const, id: c.key, label: c.key, detail: c.behavior, category: c.behavior })),
  ];
  const edges = new Map<string, AggregatedEdge>();
  for (const link of wb.links) {
    const n = link.links;
    addGroups(edges, partKey(link.from), partKey(link.to), { forward: n, backward: link.bidirectional ? n : 0, links: n }, link.delivery);
  }
  const outside = new Map<string, BoxNode>();
  const outsideEdges = new Map<string, AggregatedEdge>();
  for (const side of bb?.interface ?? []) {
    const key = `holon:${side.holon.id}`;
    const level = facts.levels?.[side.holon.depth];
    outside.set(key, { kind: "holon", id: String(side.holon.id), holonId: side.holon.id, label: holonLabel(side.holon), detail: level ? `outside · ${level}` : "outside" });
    const out = side.direction === "in" ? 0 : side.links;
    const inc = side.direction === "out" ? 0 : side.links;
    addGroups(outsideEdges, FRAME, key, { forward: out, backward: inc, links: side.links }, side.delivery);
  }
  return {
    title: holonLabel(wb.holon),
    nodes,
    edges: [...edges.values()],
    outside: [...outside.values()],
    outsideEdges: [...outsideEdges.values()],
  };
}

// ------------------------------------------------------------- black box
export interface InterfaceEntry {
  holon: { id: number; key: string; name: string };
  /** Links leaving the holon towards the other side, and arriving from it (bidirectional ones count both ways). */
  outgoing: number;
  incoming: number;
  links: number;
  loss: [number, number];
  duplication: [number, number];
  reorder: boolean;
  delays: string[];
}

/** The black box's interface, one entry per holon on the other side (directions merged). */
export function interfaceEntries(bb: BlackBoxResponse): InterfaceEntry[] {
  const entries = new Map<number, InterfaceEntry>();
  for (const side of bb.interface) {
    const entry = entries.get(side.holon.id) ?? {
      holon: side.holon,
      outgoing: 0,
      incoming: 0,
      links: 0,
      loss: [Infinity, -Infinity] as [number, number],
      duplication: [Infinity, -Infinity] as [number, number],
      reorder: false,
      delays: [],
    };
    entry.links += side.links;
    if (side.direction !== "in") entry.outgoing += side.links;
    if (side.direction !== "out") entry.incoming += side.links;
    for (const d of side.delivery) {
      entry.loss = [Math.min(entry.loss[0], d.loss ?? 0), Math.max(entry.loss[1], d.loss ?? 0)];
      entry.duplication = [Math.min(entry.duplication[0], d.duplication ?? 0), Math.max(entry.duplication[1], d.duplication ?? 0)];
      entry.reorder = entry.reorder || !!d.reorder;
      const delay = describeDelay(d.delay as DelaySpec | null);
      if (!entry.delays.includes(delay)) entry.delays.push(delay);
    }
    entries.set(side.holon.id, entry);
  }
  return [...entries.values()]
    .map((e) => ({
      ...e,
      loss: (Number.isFinite(e.loss[0]) ? e.loss : [0, 0]) as [number, number],
      duplication: (Number.isFinite(e.duplication[0]) ? e.duplication : [0, 0]) as [number, number],
    }))
    .sort((x, y) => holonLabel(x.holon).localeCompare(holonLabel(y.holon)));
}

export function formatRange([lo, hi]: [number, number]): string {
  return lo === hi ? formatPercent(lo) : `${formatPercent(lo)}–${formatPercent(hi)}`;
}
