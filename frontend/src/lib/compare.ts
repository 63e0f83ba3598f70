/**
 * Reading a comparison: which numbers are fractions, how a change is written, which jobs a job can be
 * compared with, and where a comparison lives in the app.
 */

import type { ComparableKind } from "../api/client";
import type { MetricChange } from "../api/types-extra";
import { formatPercent } from "./chart";

/** What one job of each comparable kind is called. */
export const KIND_NOUN: Record<ComparableKind, string> = { runs: "run", sweeps: "sweep", studies: "level study" };

/** The model page's tab that lists jobs of each kind. */
export const KIND_TAB: Record<ComparableKind, string> = { runs: "runs", sweeps: "sweeps", studies: "studies" };

export const isComparableKind = (kind: string | undefined): kind is ComparableKind => !!kind && kind in KIND_NOUN;

/** Availability, survival, SLIs and the share of seeds meeting an SLO are fractions, shown as percentages. */
export function isFraction(metric: string): boolean {
  return /^(availability|survival|SLI|baseline SLI|seeds meeting)/.test(metric);
}

export function formatMeasure(metric: string, value: number | null): string {
  if (value === null) return "—";
  return isFraction(metric) ? formatPercent(value, 2) : String(+value.toPrecision(4));
}

/** "+8%" when the change has a relative size, else the absolute one ("+2.5", "+40 pp" for fractions). */
export function formatChange(m: MetricChange): string {
  if (m.delta === null) return m.a === null ? "new" : "gone";
  const sign = m.delta > 0 ? "+" : "−";
  if (isFraction(m.metric)) return `${sign}${+Math.abs(m.delta * 100).toFixed(2)} pp`;
  if (m.relative !== null) return `${sign}${+Math.abs(m.relative * 100).toFixed(1)}%`;
  return `${sign}${+Math.abs(m.delta).toPrecision(4)}`;
}

/** The badge tone of a change. */
export const CHANGE_TONE: Record<string, string> = { better: "ok", worse: "bad", changed: "warn" };

export function comparePath(model: number, kind: ComparableKind, a: string, b: string): string {
  return `/models/${model}/compare/${kind}/${a}/${b}`;
}

/** A job another can be compared with: finished with a summary, of this model, of another version. */
export interface CandidateJob {
  id: string;
  version: number;
  status: string;
  created_at: string;
  /** What tells it apart from the others of its version: scenario and seed, swept parameter, holarchy. */
  label: string;
  /** A run that belongs to a sweep or a study is compared through its sweep or study. */
  part?: boolean;
}

export function candidates(jobs: CandidateJob[], job: { id: string; version: number }): CandidateJob[] {
  return jobs.filter((j) => j.id !== job.id && j.version !== job.version && j.status === "succeeded" && !j.part);
}
