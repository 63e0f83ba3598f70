/**
 * Load and fault sweeps: which document paths can be swept, the values to
 * sweep over, and reading a sweep's summary into chart series.
 *
 * A load sweep varies a component parameter (scalability: do the SLOs hold
 * as load grows?); a fault sweep varies a link's loss or duplication
 * (reliability: do they hold while failures happen?).
 */

import type { BreakingSummary, SweepPoint, SweepSummary } from "../api/types-extra";
import type { ModelDocument } from "../api/modelDocument";

export interface SweepParameter {
  /** The document path the backend overrides, e.g. `components/client/params/interval`. */
  path: string;
  label: string;
  kind: "load" | "fault";
  /** The value in the version's document (or the behavior's default). */
  current: number | undefined;
  integer: boolean;
}

/** What a behavior says about one of its parameters (GET /api/behaviors/). */
export interface BehaviorParam {
  name: string;
  type?: string;
  default?: unknown;
}

/**
 * Every numeric path of a version worth sweeping: each component's numeric
 * parameters (set in the document, or declared by its behavior with a
 * numeric default), then each link's loss and duplication.
 */
export function sweepParameters(document: ModelDocument, behaviorParams: (behavior: string) => BehaviorParam[] = () => []): SweepParameter[] {
  const out: SweepParameter[] = [];
  for (const c of document.components ?? []) {
    const params = (c.params ?? {}) as Record<string, unknown>;
    const declared = behaviorParams(c.behavior);
    const names = new Set<string>();
    for (const [name, value] of Object.entries(params)) if (typeof value === "number") names.add(name);
    for (const p of declared) if (isNumericType(p.type) && !(p.name in params)) names.add(p.name);
    for (const name of names) {
      const decl = declared.find((p) => p.name === name);
      const value = name in params ? params[name] : decl?.default;
      out.push({
        path: `components/${c.id}/params/${name}`,
        label: `${c.id} · ${name}`,
        kind: "load",
        current: typeof value === "number" ? value : undefined,
        integer: decl?.type === "integer" || (decl?.type === undefined && Number.isInteger(value)),
      });
    }
  }
  (document.links ?? []).forEach((link, i) => {
    const arrow = link.bidirectional ? "⇄" : "→";
    for (const field of ["loss", "duplication"] as const) {
      out.push({
        path: `links/${i}/${field}`,
        label: `${link.from} ${arrow} ${link.to} · ${field}`,
        kind: "fault",
        current: link[field] ?? 0,
        integer: false,
      });
    }
  });
  return out;
}

function isNumericType(type: string | undefined): boolean {
  return type === "number" || type === "integer";
}

/** `steps` evenly spaced values from `from` to `to` inclusive, free of floating-point noise. */
export function valueRange(from: number, to: number, steps: number, integer = false): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(steps >= 1)) return [];
  const n = Math.floor(steps);
  if (n === 1) return [integer ? Math.round(from) : from];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = from + ((to - from) * i) / (n - 1);
    const clean = integer ? Math.round(v) : +v.toPrecision(10);
    if (out[out.length - 1] !== clean) out.push(clean);
  }
  return out;
}

/** Parses "1, 2.5 4" into numbers; any token that is not a number is reported. */
export function parseValueList(text: string): { values: number[]; invalid: string[] } {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  const values: number[] = [];
  const invalid: string[] = [];
  for (const t of tokens) {
    const v = Number(t);
    if (Number.isFinite(v)) values.push(v);
    else invalid.push(t);
  }
  return { values, invalid };
}

/** Red (0) through amber (0.5) to green (1): how many seeds met the SLO at a value. */
export function metColor(fraction: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const stops: [number, [number, number, number]][] = [
    [0, [217, 45, 32]],
    [0.5, [217, 139, 6]],
    [1, [18, 161, 80]],
  ];
  const i = f <= 0.5 ? 0 : 1;
  const [a, ca] = stops[i];
  const [b, cb] = stops[i + 1];
  const t = (f - a) / (b - a);
  const rgb = ca.map((c, k) => Math.round(c + (cb[k] - c) * t));
  return `rgb(${rgb.join(", ")})`;
}

export interface SloSweepPoint {
  x: number;
  y: number;
  metFraction: number;
  budgetConsumed: number;
}

/** The names of every SLO reported at any swept value, sorted. */
export function sweptSloNames(points: SweepPoint[]): string[] {
  return [...new Set(points.flatMap((p) => Object.keys(p.slos ?? {})))].sort();
}

/** One SLO's mean SLI against the swept value (values without data are skipped). */
export function sloSweepSeries(points: SweepPoint[], slo: string): SloSweepPoint[] {
  const out: SloSweepPoint[] = [];
  points.forEach((p, i) => {
    const s = p.slos?.[slo];
    if (!s || s.sli === null || s.sli === undefined) return;
    out.push({ x: numericValue(p.value, i), y: s.sli, metFraction: s.met_fraction, budgetConsumed: s.budget_consumed });
  });
  return out;
}

/** The swept value as a number for the x axis; a non-numeric value falls back to its position. */
export function numericValue(value: unknown, index: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : index;
}

/** A swept value as the user typed it. */
export function formatSweptValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return String(+value.toPrecision(10));
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Whether the Run rows were made for this swept value (the run's `overrides` holds the value). */
export function runMatchesValue(overrides: unknown, parameter: string, value: unknown): boolean {
  if (!parameter) return true;
  const set = (overrides ?? {}) as Record<string, unknown>;
  return JSON.stringify(set[parameter]) === JSON.stringify(value);
}

/** Where the model first breaks along the sweep: the first value with a violation or an SLO missed by some seed. */
export function firstBreak(points: SweepPoint[]): { value: unknown; reasons: string[] } | null {
  for (const p of points) {
    const missed = Object.entries(p.slos ?? {})
      .filter(([, s]) => s.met_fraction < 1)
      .map(([name]) => `${name} missed`);
    const reasons = [...(p.violations > 0 ? [`${p.violations} violation${p.violations === 1 ? "" : "s"}`] : []), ...missed];
    if (p.failed_runs > 0) reasons.push(`${p.failed_runs} run${p.failed_runs === 1 ? "" : "s"} failed`);
    if (reasons.length) return { value: p.value, reasons };
  }
  return null;
}

/** Whether a sweep's summary is a breaking-point search's. */
export function isBreakingSummary(summary: SweepSummary | null | undefined): summary is BreakingSummary {
  return summary?.mode === "breaking_point";
}

/** Held (true) or broke (false) per value of a breaking-point search, for coloring the chart's points. */
export function verdictsByValue(summary: BreakingSummary): Map<number, boolean> {
  return new Map(summary.points.map((p) => [p.value, p.held]));
}

/** The upper bound of a search's runs: every round of `per_round` points with every seed. */
export function maxSearchRuns(rounds: number, perRound: number, seeds: number): number {
  return rounds * perRound * seeds;
}

/**
 * Rounds a search from `low` to `high` takes at most to narrow to `resolution`: round 1 leaves
 * (high - low) / (perRound - 1), each next round divides by perRound + 1 (the engine's Search.max_rounds).
 */
export function maxSearchRounds(low: number, high: number, resolution: number, perRound: number): number {
  if (!(high > low) || !(resolution > 0) || !(perRound >= 2)) return 0;
  const width = (high - low) / (perRound - 1);
  if (width <= resolution) return 1;
  return 1 + Math.ceil(Math.log(width / resolution) / Math.log(perRound + 1) - 1e-9);
}

/** What a finished or running search says, in a sentence. */
export function describeBreakingPoint(summary: BreakingSummary): string {
  const { held, broke } = summary.breaking_point;
  const v = (x: number | null) => formatSweptValue(x);
  switch (summary.outcome) {
    case "found":
      return `The SLOs hold up to ${v(held)} and break at ${v(broke)}.`;
    case "holds_throughout":
      return `The SLOs hold over the whole interval, up to ${v(held)}.`;
    case "breaks_throughout":
      return `The SLOs break already at ${v(broke)}, the low end of the interval.`;
    default:
      return held === null || broke === null ? "Searching…" : `So far between ${v(held)} (held) and ${v(broke)} (broke)…`;
  }
}
