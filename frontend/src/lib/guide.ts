/**
 * A model's guide (the `guide` field of the model format, docs/model-format.md): what the model is, what to
 * look at, and "try this" items, each one concrete action. This module turns an action into the job request
 * the API takes and the page that shows its outcome, so the guide panel is only buttons and words.
 */

import type { JobKind } from "../api/client";

export type ViewMode = "viewer" | "office";
/** Parameters an action changes first: `components/<id>/params/<name>` -> value. */
export type Settings = Record<string, unknown>;

export interface RunAction {
  scenario?: string;
  seed?: number;
  until?: number;
  step?: number;
  view?: ViewMode;
  set?: Settings;
}
export interface ExploreAction {
  max_states?: number;
  max_depth?: number;
  max_seconds?: number;
}
export interface SweepAction {
  parameter: string;
  scenario?: string;
  values?: unknown[];
  search?: Record<string, unknown>;
  seeds?: number;
  until?: number;
  set?: Settings;
}
export interface StudyAction {
  holarchy: string;
  levels?: string[];
  faults?: Record<string, unknown>;
  seeds?: number;
  until?: number;
}
export type GuideAction = { run: RunAction } | { explore: ExploreAction } | { sweep: SweepAction } | { study: StudyAction };

export interface TryThis {
  title: string;
  do: GuideAction;
  see: string;
  expect?: Record<string, unknown>;
}

export interface Guide {
  about: string;
  look_at?: string[];
  view?: ViewMode;
  try: TryThis[];
}

/** The guide kept in a model's sections, when it has a well-formed one. */
export function guideOf(sections: unknown): Guide | undefined {
  const guide = (sections as { guide?: unknown } | null | undefined)?.guide as Guide | null | undefined;
  return guide && typeof guide.about === "string" && Array.isArray(guide.try) ? guide : undefined;
}

/** The kind of job an action starts and the body of its request for one version of the model. */
export function jobRequest(action: GuideAction, version: number): { kind: JobKind; body: Record<string, unknown> } {
  if ("run" in action) {
    const { scenario, seed, until } = action.run;
    return { kind: "runs", body: { version, scenario: scenario ?? "", seed: seed ?? 1, ...(until ? { until } : {}) } };
  }
  if ("explore" in action) return { kind: "explorations", body: { version, ...action.explore } };
  if ("sweep" in action) {
    const { search, set: _set, ...rest } = action.sweep;
    const mode = search ? { mode: "breaking_point", search } : { mode: "parameter" };
    return { kind: "sweeps", body: { version, scenario: "", ...rest, ...mode } };
  }
  return { kind: "studies", body: { version, ...action.study } };
}

/** Where the job's outcome is shown: its page, a run's replay at the step and in the view the guide names. */
export function jobPath(kind: JobKind, model: number, job: string, action: GuideAction, guideView?: ViewMode): string {
  const base = `/models/${model}/${kind}/${job}`;
  if (!("run" in action)) return base;
  const query = new URLSearchParams();
  if (action.run.step !== undefined) query.set("step", String(action.run.step));
  const view = action.run.view ?? guideView;
  if (view === "office") query.set("view", "office");
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** The parameters an action changes before it starts, grouped by component: id -> name -> value. */
export function settingsOf(action: GuideAction): Record<string, Record<string, unknown>> {
  const set = "run" in action ? action.run.set : "sweep" in action ? action.sweep.set : undefined;
  const byComponent: Record<string, Record<string, unknown>> = {};
  for (const [path, value] of Object.entries(set ?? {})) {
    const [, component, , name] = path.split("/");
    (byComponent[component] ??= {})[name] = value;
  }
  return byComponent;
}

/** The action in a few words, for the button's accessible description. */
export function describeAction(action: GuideAction): string {
  const changes = Object.entries(settingsOf(action)).flatMap(([c, params]) =>
    Object.entries(params).map(([name, v]) => `${c}.${name} = ${JSON.stringify(v)}`),
  );
  const what = describeJob(action);
  return changes.length ? `set ${changes.join(", ")}, then ${what}` : what;
}

function describeJob(action: GuideAction): string {
  if ("run" in action) {
    const s = action.run.scenario;
    const what = s ? `scenario ${s}` : "without faults";
    return `run ${what}${action.run.step !== undefined ? `, open at step ${action.run.step}` : ""}`;
  }
  if ("explore" in action) return "explore every interleaving";
  if ("sweep" in action) {
    const p = action.sweep.parameter;
    return action.sweep.search ? `search the breaking point of ${p}` : `set ${p} to ${JSON.stringify(action.sweep.values)}`;
  }
  return `fail each holon of ${action.study.holarchy}${action.study.levels ? ` at ${action.study.levels.join(", ")}` : ""}`;
}
