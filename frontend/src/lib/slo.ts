/** Reading SLO results of a run: burn series and the budget used over time. */

import type { SloResult } from "../api/types-extra";
import type { XY } from "./chart";

/**
 * Burn rate over time: 1 uses the budget exactly, above 1 burns it faster. Read from the run's burn steps
 * (finer than a window, at most 120 of them) when the engine wrote them, else per window.
 */
export function burnSeries(slo: SloResult): XY[] {
  const allowed = 1 - slo.objective;
  if (slo.burn?.points.length) {
    const points = slo.burn.points.map(([x, n, bad]) => ({ x, y: n && allowed ? bad / n / allowed : 0 }));
    points.push({ x: points[points.length - 1].x + slo.burn.width, y: points[points.length - 1].y });
    return points;
  }
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
  const windows = slo.burn?.points.length
    ? slo.burn.points.map(([start, requests, bad]) => ({ start, requests, bad }))
    : (slo.windows ?? []);
  const width = slo.burn?.points.length ? slo.burn.width : slo.window;
  const allowed = 1 - slo.objective;
  const total = windows.reduce((n, w) => n + w.requests, 0);
  const budget = allowed * total;
  if (!budget) return [];
  let bad = 0;
  const used = windows.map((w) => {
    bad += w.bad;
    return { x: w.start + (width ?? 0), y: bad / budget };
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
