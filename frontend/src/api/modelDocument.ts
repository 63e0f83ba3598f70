/**
 * The model-as-code document (`format: holarchy/v1`, docs/model-format.md).
 * A model version's `document` has this shape; the diagrams read it directly.
 */

import type { Guide } from "../lib/guide";

export interface DelaySpec {
  dist: "fixed" | "uniform" | "exponential";
  value?: number;
  low?: number;
  high?: number;
  mean?: number;
  bound?: number;
}

export interface ComponentSpec {
  id: string;
  behavior: string;
  params?: Record<string, unknown>;
  state?: "durable" | "volatile";
}

export interface LinkSpec {
  from: string;
  to: string;
  bidirectional?: boolean;
  loss?: number;
  duplication?: number;
  reorder?: boolean;
  delay?: DelaySpec;
}

export interface HolonSpec {
  id: string;
  name?: string;
  children?: HolonSpec[];
  components?: string[];
}

export interface HolarchySpec {
  name: string;
  levels?: string[];
  root: HolonSpec;
}

export interface SafetyProperty {
  name: string;
  always: string;
}

export interface LivenessProperty {
  name: string;
  eventually?: string;
  always_eventually?: string;
  within?: number;
  window?: number;
}

export interface SloSpec {
  name: string;
  holarchy: string;
  holon: string;
  sli: "availability" | "latency";
  objective: number;
  threshold?: number;
  window?: number;
}

export interface ScenarioSpec {
  name: string;
  until?: number;
  faults?: Record<string, unknown>[];
}

export interface ModelDocument {
  format: string;
  name: string;
  description?: string;
  components: ComponentSpec[];
  behaviors?: Record<string, unknown>;
  links?: LinkSpec[];
  holarchies?: HolarchySpec[];
  properties?: { safety?: SafetyProperty[]; liveness?: LivenessProperty[] };
  slos?: SloSpec[];
  scenarios?: ScenarioSpec[];
  guide?: Guide | null;
  /** How to explore it: bounds, reductions, and the transactions whose serializability is judged. */
  explore?: { serializability?: { transactions: string[]; outcome: string }; [key: string]: unknown };
}
