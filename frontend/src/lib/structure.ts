/**
 * Structure editing forms: turning what the user typed into API bodies
 * (component params as JSON, a link's delay distribution, holarchy levels),
 * with the mistakes caught before the request.
 */

import type { DelaySpec } from "../api/modelDocument";

export interface ParamInfo {
  name: string;
  type?: string;
  required?: boolean;
  default?: unknown;
  description?: string;
  /** The value names other components (peers, backups): a `component` id or a list of `components`. */
  references?: boolean;
}

/** A starting params object for a behavior: its required params, empty, for the user to fill in. */
export function paramsTemplate(params: ParamInfo[]): string {
  const required = params.filter((p) => p.required);
  if (required.length === 0) return "{}";
  const body = Object.fromEntries(required.map((p) => [p.name, p.type === "integer" || p.type === "number" ? 0 : ""]));
  return JSON.stringify(body, null, 2);
}

/** Params typed as JSON: an object, or an error message saying what is wrong. */
export function parseParams(text: string): { params: Record<string, unknown> } | { error: string } {
  if (!text.trim()) return { params: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `params are not valid JSON: ${(e as Error).message}` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { error: "params must be a JSON object, like {\"count\": 10}" };
  return { params: value as Record<string, unknown> };
}

export type DelayKind = "default" | DelaySpec["dist"];

export interface DelayFields {
  dist: DelayKind;
  value: string;
  low: string;
  high: string;
  mean: string;
  bound: string;
}

export const DEFAULT_DELAY: DelayFields = { dist: "default", value: "1", low: "0.5", high: "1.5", mean: "1", bound: "" };

/** The delay distribution from the form's fields; `null` leaves the engine's default (fixed 1). */
export function buildDelay(f: DelayFields): { delay: DelaySpec | null } | { error: string } {
  if (f.dist === "default") return { delay: null };
  const num = (name: string, text: string): number | string => {
    const v = Number(text);
    if (text.trim() === "" || !Number.isFinite(v)) return `${name} must be a number`;
    if (v < 0) return `${name} cannot be negative`;
    return v;
  };
  const fields: Record<string, string> =
    f.dist === "fixed" ? { value: f.value } : f.dist === "uniform" ? { low: f.low, high: f.high } : { mean: f.mean };
  const delay: Record<string, unknown> = { dist: f.dist };
  for (const [name, text] of Object.entries(fields)) {
    const v = num(name, text);
    if (typeof v === "string") return { error: v };
    delay[name] = v;
  }
  if (f.dist === "uniform" && (delay.low as number) > (delay.high as number)) return { error: "low must not exceed high" };
  if (f.bound.trim()) {
    const b = num("bound", f.bound);
    if (typeof b === "string") return { error: b };
    delay.bound = b;
  }
  return { delay: delay as unknown as DelaySpec };
}

/** "region, rack , machine" → ["region", "rack", "machine"]. */
export function parseLevels(text: string): string[] {
  return text
    .split(/[,›>]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
