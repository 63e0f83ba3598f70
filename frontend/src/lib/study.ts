/**
 * Level studies on the page: the fault a form builds for each level, the levels x holons matrix of a
 * roll-up, a failure's blast radius in one holarchy, and the run behind a cell.
 */
import type { HolarchySpec, HolonSpec, ModelDocument } from "../api/modelDocument";
import type { StudyFailure, StudyOutcome, StudySummary } from "../api/types-extra";

/** The faults the study form offers, each a scenario fault without its target (docs/engine.md). */
export const FAULT_KINDS = {
  permanent: "crash for good",
  transient: "crash, then recover",
  partition: "partition from its siblings",
  loss: "lossy links across its boundary",
  delay: "slow links across its boundary",
} as const;
export type FaultKind = keyof typeof FAULT_KINDS;

/** What the second number of a fault means (none for a permanent crash). */
export const FAULT_PARAM: Record<FaultKind, string | null> = {
  permanent: null,
  transient: "down for",
  partition: "cut for",
  loss: "loss (0..1)",
  delay: "delay",
};

export function faultSpec(kind: FaultKind, at: number, param: number): Record<string, Record<string, unknown>> {
  switch (kind) {
    case "permanent":
      return { crash: { kind: "permanent", at } };
    case "transient":
      return { crash: { kind: "transient", at, duration: param } };
    case "partition":
      return { partition: { from: at, until: at + param } };
    case "loss":
      return { link: { loss: param } };
    case "delay":
      return { link: { delay: { dist: "fixed", value: param } } };
  }
}

export const OUTCOME_LABEL: Record<StudyOutcome, string> = {
  survived: "survived",
  slo_broken: "system SLO broken",
  property_violated: "property violated",
  unknown: "did not finish",
};

export interface MatrixRow {
  level: string;
  survival: number | null;
  cells: StudyFailure[];
}

/** One row per studied level (root first), its failures in plan order. */
export function studyMatrix(summary: StudySummary): MatrixRow[] {
  return summary.levels.map((lv) => ({
    level: lv.level,
    survival: lv.survival,
    cells: summary.failures.filter((f) => f.level === lv.level),
  }));
}

/** The holons of `holarchy` whose SLOs the failure breaks. */
export function blastHolons(failure: StudyFailure | undefined, holarchy: string): Set<string> {
  return new Set(failure?.blast_radius[holarchy] ?? []);
}

/** The id of the run of `scenario` under `seed`, among a study's runs. */
export function runFor(runs: { id: string; scenario: string; seed: number }[], scenario: string, seed = 0): string | undefined {
  return runs.find((r) => r.scenario === scenario && r.seed === seed)?.id;
}

export interface TreeRow {
  id: string;
  name: string;
  depth: number;
  level: string | undefined;
}

/** A holarchy of the document as indented rows, in document order. */
export function holarchyRows(holarchy: HolarchySpec): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (h: HolonSpec, depth: number) => {
    rows.push({ id: h.id, name: h.name ?? h.id, depth, level: holarchy.levels?.[depth] });
    for (const child of h.children ?? []) walk(child, depth + 1);
  };
  walk(holarchy.root, 0);
  return rows;
}

/** The holarchies of a document that a study can use: the ones that declare levels. */
export function studiableHolarchies(document: ModelDocument | undefined): HolarchySpec[] {
  return (document?.holarchies ?? []).filter((h) => (h.levels ?? []).length > 0);
}
