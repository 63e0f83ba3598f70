/** Reading SLO results of a run: burn series and the budget used over time. */

import type { SloResult } from "../api/types-extra";
import type { XY } from "./chart";

/** Burn rate per window: 1 uses the budget exactly over the window, above 1 burns it faster. */
export function burnSeries(slo: SloResult): XY[] {
  const points = slo.windows?.length
    ? slo.windows.map((w) => ({ x: w.start, y: w.burn_rate }))
    : (slo.burn_rate ?? []).map(([x, y]) => ({ x, y }));
  // Each rate holds over its whole window: close the last window at its end.
  const last = points[points.length - 1];
  if (last && slo.window) points.push({ x: last.x + slo.window, y: last.y });
  return points;
}

/**
 * Fraction of the run's error budget used by the end of each window
 * (cumulative bad requests over the budget the whole run allows).
 */
export function budgetConsumedSeries(slo: SloResult): XY[] {
  const windows = slo.windows ?? [];
  const allowed = 1 - slo.objective;
  const total = windows.reduce((n, w) => n + w.requests, 0);
  const budget = allowed * total;
  if (!budget) return [];
  let bad = 0;
  const used = windows.map((w) => {
    bad += w.bad;
    return { x: w.start + (slo.window ?? 0), y: bad / budget };
  });
  return [{ x: windows[0].start, y: 0 }, ...used];
}

export type SloVerdict = "met" | "missed" | "no data";

export function sloVerdict(slo: SloResult): SloVerdict {
  if (!slo.requests) return "no data";
  return slo.met ? "met" : "missed";
}

/** Where an SLO applies: "holarchy › holon". */
export function sloHolon(slo: { holarchy?: string; holon?: string }): string {
  return `${slo.holarchy ?? ""} › ${slo.holon ?? ""}`;
}

/** The SLI an SLO is on, with its latency threshold if any: "latency ≤ 0.5". */
export function sloSli(slo: { sli?: string; threshold?: number | null }): string {
  return `${slo.sli ?? ""}${slo.threshold ? ` ≤ ${slo.threshold}` : ""}`;
}
