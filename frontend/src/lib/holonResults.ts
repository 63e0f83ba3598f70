/**
 * A run's per-holon results laid along a holarchy's tree: each holon's SLIs
 * (the requests served by the components under it) and the messages that
 * crossed its boundary, in tree order with each row's depth.
 */

import type { HolarchySpec, HolonSpec } from "../api/modelDocument";
import type { RunSummary, SliResult } from "../api/types-extra";

export interface HolonRow {
  id: string;
  name?: string;
  depth: number;
  /** Ids of the holons under it (all depths), for collapsing. */
  below: string[];
  sli?: SliResult;
  boundary: { in: number; out: number };
}

export function holonRows(holarchy: HolarchySpec, summary: Pick<RunSummary, "slis" | "boundaries">): HolonRow[] {
  const slis = summary.slis?.[holarchy.name] ?? {};
  const crossings = summary.boundaries?.[holarchy.name] ?? {};
  const rows: HolonRow[] = [];
  const walk = (h: HolonSpec, depth: number): string[] => {
    const row: HolonRow = { id: h.id, name: h.name, depth, below: [], sli: slis[h.id], boundary: crossings[h.id] ?? { in: 0, out: 0 } };
    rows.push(row);
    for (const child of h.children ?? []) row.below.push(child.id, ...walk(child, depth + 1));
    return row.below;
  };
  walk(holarchy.root, 0);
  return rows;
}

/** The rows shown when the holons in `collapsed` are folded: nothing under a folded holon. */
export function visibleRows(rows: HolonRow[], collapsed: ReadonlySet<string>): HolonRow[] {
  const hidden = new Set(rows.filter((r) => collapsed.has(r.id)).flatMap((r) => r.below));
  return rows.filter((r) => !hidden.has(r.id));
}

/** A level's name: the holarchy's own (`levels`) or "level N". */
export function levelName(holarchy: HolarchySpec, depth: number): string {
  return holarchy.levels?.[depth] ?? `level ${depth}`;
}

export const PERCENTILES = ["p50", "p90", "p99", "max"] as const;
