/**
 * Level of detail for the white box: a holon with hundreds of children is
 * drawn as a few summary boxes ("50 machines m001–m050"), one per kind and
 * category (a holon's level, a component's behavior) and per run of at most
 * GROUP_SIZE children, each opened on demand. Links are re-aggregated onto
 * the groups, so a folded diagram still says what talks to what.
 */

import { plural } from "./format";
import { mergeEdge, type AggregatedEdge, type BoxNode, type WhiteBox } from "./holarchy";

/** More parts than this in one holon are folded into groups. */
export const GROUP_ABOVE = 30;
/** A group holds at most this many parts, unless there would be more than MAX_GROUPS groups of one category. */
export const GROUP_SIZE = 50;
export const MAX_GROUPS = 40;

export interface PartGroup {
  key: string;
  kind: "holon" | "component";
  category: string;
  /** Node keys ("holon:12", "component:p1") of the members, in label order. */
  members: string[];
  first: string;
  last: string;
}

const byLabel = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function partKeyOf(n: BoxNode): string {
  return `${n.kind}:${n.id}`;
}

/** The groups to fold `nodes` into, or [] when there are few enough to draw one by one. */
export function groupParts(nodes: BoxNode[]): PartGroup[] {
  if (nodes.length <= GROUP_ABOVE) return [];
  const buckets = new Map<string, BoxNode[]>();
  for (const n of nodes) {
    if (n.kind === "group") continue;
    const bucket = `${n.kind}\u0000${n.category ?? ""}`;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), n]);
  }
  const groups: PartGroup[] = [];
  for (const [bucket, members] of buckets) {
    const [kind, category] = bucket.split("\u0000") as ["holon" | "component", string];
    members.sort((x, y) => byLabel.compare(x.label, y.label));
    const size = Math.max(GROUP_SIZE, Math.ceil(members.length / MAX_GROUPS));
    const runs = Math.ceil(members.length / size);
    for (let i = 0; i < runs; i++) {
      const run = members.slice(i * size, (i + 1) * size);
      groups.push({
        key: runs === 1 ? `${kind}:${category}` : `${kind}:${category}:${i + 1}`,
        kind,
        category,
        members: run.map(partKeyOf),
        first: run[0].label,
        last: run[run.length - 1].label,
      });
    }
  }
  return groups;
}

/** "machines m001–m050": what a group box is called. */
export function groupTitle(g: PartGroup): string {
  const what = g.kind === "holon" ? `${g.category}s` : g.category;
  return g.first === g.last ? `${what} ${g.first}` : `${what} ${g.first}–${g.last}`;
}

/**
 * The white box with every group not in `expanded` drawn as one node; edges
 * between two folded groups, or a group and a part, are merged; links inside
 * one folded group are counted on it.
 */
export function foldWhiteBox(box: WhiteBox, groups: PartGroup[], expanded: ReadonlySet<string>): WhiteBox {
  if (!groups.length) return box;
  const folded = groups.filter((g) => !expanded.has(g.key));
  const owner = new Map<string, string>();
  for (const g of folded) for (const m of g.members) owner.set(m, `group:${g.key}`);
  const inside = new Map<string, number>();
  const edges = new Map<string, AggregatedEdge>();
  for (const e of box.edges) {
    const a = owner.get(e.a) ?? e.a;
    const b = owner.get(e.b) ?? e.b;
    if (a === b) inside.set(a, (inside.get(a) ?? 0) + e.links);
    else mergeEdge(edges, a, b, e);
  }
  const nodes: BoxNode[] = [];
  const emitted = new Set<string>();
  for (const n of box.nodes) {
    const group = owner.get(partKeyOf(n));
    if (!group) {
      nodes.push(n);
      continue;
    }
    if (emitted.has(group)) continue;
    emitted.add(group);
    const g = folded.find((f) => `group:${f.key}` === group)!;
    const links = inside.get(group) ?? 0;
    const count = g.kind === "holon" ? plural(g.members.length, g.category) : plural(g.members.length, "component");
    nodes.push({
      kind: "group",
      id: g.key,
      label: groupTitle(g),
      detail: links ? `${count} · ${plural(links, "link")} inside` : count,
      category: g.category,
      memberKind: g.kind,
      members: g.members.length,
    });
  }
  return { ...box, nodes, edges: [...edges.values()] };
}
