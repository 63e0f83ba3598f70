/** Reading SLO results of a run: burn series and the budget used over time. */

import type { SloResult } from "../api/types-extra";
import type { XY } from "./chart";

/** Burn rate per window: 1 uses the budget exactly over the window, above 1 burns it faster. */
export function burnSeries(slo: SloResult): XY[] {
  if (slo.windows?.length) return slo.windows.map((w) => ({ x: w.start, y: w.burn_rate }));
  return (slo.burn_rate ?? []).map(([x, y]) => ({ x, y }));
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
  return windows.map((w) => {
    bad += w.bad;
    return { x: w.start + (slo.window ?? 0), y: bad / budget };
  });
}

export type SloVerdict = "met" | "missed" | "no data";

export function sloVerdict(slo: SloResult): SloVerdict {
  if (!slo.requests) return "no data";
  return slo.met ? "met" : "missed";
}
