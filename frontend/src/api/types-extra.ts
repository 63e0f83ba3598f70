/**
 * Shapes the frontend expects from endpoints whose OpenAPI schema does not
 * (yet) describe the body: the engine's run summary (a free JSON field),
 * run traces and explorations. Readers below are tolerant: a missing field
 * shows as "—", never as a crash.
 */

import type { components } from "./schema";

// ---------------------------------------------------------------- health
export type PartStatus = "up" | "down" | "unknown";

/** Up or down only: the public endpoint names no host and shows no exception text. */
export interface HealthPart {
  status: PartStatus;
  /** workers: how many answered the ping */
  count?: number;
}

/** GET /api/health/ (200 when healthy, 503 with the same body when degraded). */
export interface Health {
  status: "up" | "degraded";
  database: HealthPart;
  broker: HealthPart;
  workers: HealthPart;
}

// ----------------------------------------------------------- run summary
export interface MessageCounters {
  sent?: number;
  delivered?: number;
  dropped?: number;
  duplicated?: number;
  in_flight?: number;
  dropped_by?: Record<string, number>;
}

/** A property monitor's outcome; `status` is holds | violated | satisfied | pending | inconclusive | not_checked
 * (the run was asked to stop at the first violation, and stopped at another one after step `checked_until`).
 * `violations`: how many times it broke over the run; `violation_steps`: the first 100 of them. */
export interface PropertyResult {
  name: string;
  kind: "always" | "eventually" | "always_eventually" | string;
  status: string;
  step?: number | null;
  time?: number | null;
  components?: string[] | null;
  counterexample_length?: number;
  checked_until?: number | null;
  violations?: number;
  violation_steps?: number[];
}

export interface SloWindow {
  start: number;
  requests: number;
  bad: number;
  sli: number;
  burn_rate: number;
  met: boolean;
  partial?: boolean;
  /** Fewer requests than a window needs to be judged: it does not decide `met`. */
  too_few?: boolean;
}

export interface SloResult {
  name: string;
  holarchy?: string;
  holon?: string;
  sli?: "availability" | "latency" | string;
  objective: number;
  threshold?: number | null;
  window?: number;
  requests?: number;
  bad?: number;
  sli_value?: number | null;
  met?: boolean;
  /** Bad requests the SLO tolerates over the run. */
  error_budget?: number;
  /** Fraction of that budget used, 0..1 (above 1 when blown). */
  budget_consumed?: number;
  /** [window start, burn rate] per window; 1 means the budget would be used exactly. */
  burn_rate?: [number, number][];
  windows?: SloWindow[];
  /** Requests and bad ones per step of time over the whole run (steps of a 16th of the window, merged to at most 120). */
  burn?: { width: number; points: [number, number, number][] };
  /** No window could judge and the whole run had too few requests: the verdict means little. */
  too_few_requests?: boolean;
}

export interface SliResult {
  requests: number;
  good: number;
  availability: number | null;
  latency?: Record<string, number | null>;
}

/** Run.summary as the engine writes it (simulations/engine/simulator.py `_finish`). */
export interface RunSummary {
  model?: string;
  seed?: number;
  scenario?: string | null;
  until?: number;
  end_time?: number;
  stopped?: "until" | "quiescent" | "max_steps" | "violation" | string;
  steps?: number;
  messages?: MessageCounters;
  crashes?: number;
  recoveries?: number;
  violations?: PropertyResult[];
  safety?: PropertyResult[];
  liveness?: PropertyResult[];
  requests?: number;
  good?: number;
  availability?: number | null;
  latency?: Record<string, number | null>;
  slis?: Record<string, Record<string, SliResult>>;
  /** Messages that crossed each holon's boundary, per holarchy: its black box's traffic. */
  boundaries?: Record<string, Record<string, { in: number; out: number }>>;
  slos?: SloResult[];
  trace_hash?: string;
}

// ------------------------------------------------------------------ trace
// GET /api/runs/{id}/trace/?step=N[&component=ID][&from=A&to=B] (simulations/traces.py).

/** A message put in flight: [id, from, to, type, payload, arrives_at]. */
export type SentEntry = [number, string, string, string, unknown, number];

/** What one step changed (simulations/engine/trace.py). */
export interface TraceDelta {
  s: number;
  t: number;
  /** The actor: a component id, "network", or "environment" for a holon's crash or recovery. */
  a: string;
  /** The components a holon's crash or recovery took down or brought back (the actor is "environment"). */
  c?: string[];
  /** start | receive | timer | drop | duplicate | crash | recover */
  k: string;
  /** Id of the message received, dropped or duplicated. */
  m?: number;
  why?: string;
  st?: Record<string, unknown>;
  up?: boolean;
  snd?: SentEntry[];
  tm?: Record<string, number | null>;
  log?: string[];
}

export interface ComponentState {
  up: boolean;
  state: Record<string, unknown>;
  timers: Record<string, number>;
  /** With `messages=inboxes`: the messages addressed to it still in flight, [id, from, type, payload, arrives_at]. */
  inbox?: [number, string, string, unknown, number][];
}

/** Where the global view puts the messages in flight: two equally valid pictures of one global state. */
export type MessagesPicture = "network" | "inboxes";

export interface GlobalState {
  time: number;
  components: Record<string, ComponentState>;
  /** In-flight messages by id: [from, to, type, payload, arrives_at]; absent in the inbox picture
   * (`messages=inboxes`), where each component's `inbox` holds them. */
  inflight?: Record<string, [string, string, string, unknown, number]>;
}

export interface LocalView {
  id: string;
  step: number;
  up: boolean;
  state: Record<string, unknown>;
  timers: Record<string, number>;
  /** The component's own recent channel history (the last few messages each way). */
  sent: SentEntry[];
  received: SentEntry[];
}

export interface TraceHeader {
  format: string;
  model: string;
  seed: number;
  scenario: string | null;
  until: number;
  view_history: number;
  components: string[];
  /** Steps traced at most (RUN_TRACE_STEPS); the run may have gone on. */
  trace_limit?: number | null;
  [key: string]: unknown;
}

export interface TraceStepResponse {
  /** Absent for a window-only request (`from`/`to` without `step`). */
  step?: number;
  last_step: number;
  header: TraceHeader;
  global?: GlobalState;
  delta?: TraceDelta | null;
  local?: LocalView;
  /** Deltas of steps from..to (at most 2000), for the space-time diagram. */
  window?: TraceDelta[];
}

/** 202: the trace of a sweep's run is being produced (opening it asked for it); ask again shortly. */
export interface TraceProducing {
  status: "producing";
  detail: string;
}

export type TraceAnswer = TraceStepResponse | TraceProducing;

/** Per stored chunk: [first_step, last_step, crashes, recoveries, drops, duplicates, first of those steps]. */
export type ChunkEvents = [number, number, number, number, number, number, number | null];

/** GET /api/runs/{id}/trace/?events=chunks: the minimap's index of the whole stored trace. */
export interface TraceEventIndex {
  last_step: number;
  header: TraceHeader;
  chunks: ChunkEvents[];
}

export type TraceEventsAnswer = TraceEventIndex | TraceProducing;

// ------------------------------------------------------------ explorations
export type ExplorationStatus = "queued" | "running" | "succeeded" | "failed";

export interface ExploredState {
  components: Record<string, { up: boolean; timers: string[]; state: Record<string, unknown> }>;
  network: { from: string; to: string; type: string; payload: unknown }[];
}

/** One explored state as the graph endpoints list it (its global state is fetched on its own). */
export interface GraphNode {
  id: number;
  depth: number;
  initial: boolean;
  terminal: boolean;
  violation: boolean;
  /** Its breadth-first parent: the path to it from the initial state follows these. */
  parent: number | null;
}

/** Some states of a stored graph and every edge between two of them: [source, target, index into labels]. */
export interface GraphPart {
  nodes: GraphNode[];
  edges: [number, number, number][];
  /** [actor, action] of each step kind. */
  labels: [string, string][];
}

/** What the page draws of a graph stored state by state: the counterexamples' states first, then by depth. */
export interface DrawnGraph extends GraphPart {
  collapsed: false;
  /** Every state stored (the drawing may hold fewer). */
  states: number;
  /** Each counterexample's (and each race's) state ids, step by step; null where a step's state is not stored. */
  paths: Record<string, (number | null)[]>;
}

/** The states around one, to add to the drawing. */
export interface Neighbourhood extends GraphPart {
  state: number;
  radius: number;
  /** False when the limit cut it before the radius. */
  complete: boolean;
}

export interface StateSearch {
  query: string;
  count: number;
  results: GraphNode[];
}

/** One explored state with the breadth-first path to it replayed as a trace, for the viewer. */
export interface ExploredStateDetail extends GraphNode {
  state: ExploredState;
  path: number[];
  trace: Counterexample;
}

/** A space too large to store state by state is collapsed: one node per breadth-first level. */
export interface CollapsedGraph {
  collapsed: true;
  nodes: { id: number; depth: number; states: number; terminal: number; violations: number }[];
  edges: { source: number; target: number; actor: string; count: number }[];
}

/** A serializability verdict: one per distinct outcome of the transactions. */
export interface SerializabilityVerdict {
  outcome: unknown;
  /** null: no explored serial order gave it, but a bound cut the search of serial orders. */
  serializable: boolean | null;
  /** The serial orders (transaction ids in order) whose outcome this is. */
  serial_orders: string[][];
  terminal_states: number;
  trace_length?: number;
}

export interface Verdict {
  name: string;
  kind: string;
  verdict: "holds" | "violated" | "incomplete";
  counterexample_length?: number;
  loop_length?: number;
  dead_end?: boolean;
}

/** A counterexample step's state, spelled like a run trace's global state. */
export interface TraceLikeState {
  time?: number;
  components: Record<string, { up: boolean; state: Record<string, unknown>; timers: Record<string, number> | string[] }>;
  inflight: Record<string, [string, string, string, unknown, number?]>;
}

export interface CounterexampleStep {
  step: number;
  actor: string;
  action: string;
  state: ExploredState | TraceLikeState;
  message?: { from: string; to: string; type: string; payload: unknown };
}

export interface Counterexample {
  steps: CounterexampleStep[];
  /** The same path as `holarchy-trace/v1` lines (header, deltas, snapshots), as a run trace. */
  lines?: string[];
  length: number;
  /** For a liveness lasso: the step its loop returns to; null for a finite trace. */
  loop_start: number | null;
}

export interface ExplorationSummary {
  model?: string;
  complete: boolean;
  stopped_by?: string | null;
  states: number;
  transitions: number;
  depth?: number;
  seconds?: number;
  states_per_second?: number | null;
  terminal_states?: Record<string, number>;
  deadlocks?: number;
  interleavings?: number | null;
  symmetry?: boolean;
  properties: Verdict[];
  serializability?: SerializabilityVerdict[];
  counterexamples?: Record<string, Counterexample>;
  /** The serializability verdicts again, with the interleaving (`trace`) of each outcome no serial order gives. */
  races?: (SerializabilityVerdict & { trace?: Counterexample })[];
}

export interface Paginated<T> {
  count: number;
  next?: string | null;
  previous?: string | null;
  results: T[];
}

// ------------------------------------------------------------------- zoom
// The zoom answers and the version diff are described by the OpenAPI schema now.
export type HolonBrief = components["schemas"]["HolonBrief"];
export type DeliveryGroup = components["schemas"]["Delivery"];
export type PartRef = components["schemas"]["Part"];
export type WhiteBoxResponse = components["schemas"]["WhiteBox"];
export type BlackBoxResponse = components["schemas"]["BlackBox"];
export type SectionDiff = components["schemas"]["SectionDiff"];
export type VersionDiff = components["schemas"]["VersionDiff"];

/** GET /api/behaviors/ */
export type BehaviorInfo = components["schemas"]["Behavior"];

// ------------------------------------------------------------------ sweeps
/** One SLO at one swept value: the mean SLI, the fraction of seeds meeting it, the mean budget consumed. */
export interface SweepSlo {
  sli: number | null;
  met_fraction: number;
  budget_consumed: number;
  /** Runs whose verdict rests on too few requests to judge. */
  runs_with_too_few_requests?: number;
}

/** One swept value, summarised over its seeds. */
export interface SweepPoint {
  value: unknown;
  runs: number;
  failed_runs: number;
  violations: number;
  slos: Record<string, SweepSlo>;
}

/** A sweep's `summary` once every run has finished (a breaking-point search's while it goes, too). */
export interface SweepSummary {
  parameter: string;
  points: SweepPoint[];
  mode?: "breaking_point";
}

/** A breaking-point search's point: whether every chosen SLO held there, why not, and its round. */
export interface BreakingSweepPoint extends SweepPoint {
  value: number;
  held: boolean;
  reasons: string[];
  round: number;
}

/** A breaking-point sweep's summary: the engine's (simulations/engine/breaking/search.py), rounds so far. */
export interface BreakingSummary extends SweepSummary {
  mode: "breaking_point";
  search: { low: number; high: number; resolution: number; per_round: number; seeds: number; slos: string[]; properties: string[]; integer: boolean };
  outcome: "searching" | "found" | "holds_throughout" | "breaks_throughout";
  /** The highest value that held below the lowest that broke (null: not seen). */
  breaking_point: { held: number | null; broke: number | null; width: number | null };
  assumption: string;
  non_monotone: { held: number; broke: number }[];
  rounds: { round: number; values: number[] }[];
  next_round: number[];
  max_rounds: number;
  points: BreakingSweepPoint[];
}

/** A level study's summary: the engine's roll-up (simulations/engine/study/rollup.py). */
export type StudyOutcome = "survived" | "slo_broken" | "property_violated" | "unknown";

export interface StudyPointSlo {
  name: string;
  holarchy: string;
  holon: string;
  system: boolean;
  met: boolean;
  fails: boolean;
  requests: number;
  sli_value: number | null;
  budget_consumed: number;
  burn_rate: number;
}

export interface StudyPoint {
  key: string;
  seed: number;
  finished: boolean;
  survived: boolean | null;
  outcome: StudyOutcome;
  violated?: string[];
  system_slos_missed?: string[];
  broken_slos?: string[];
  slos?: StudyPointSlo[];
  properties?: { name: string; kind: string; status: string }[];
}

export interface StudyFailure {
  level: string;
  holon: string;
  scenario: string;
  outcome: StudyOutcome;
  survived: boolean | null;
  seeds: number;
  seeds_finished: number;
  seeds_survived: number;
  violated: string[];
  system_slos_missed: string[];
  broken_slos: string[];
  blast_radius: Record<string, string[]>;
  budget_consumed: number;
  points: StudyPoint[];
}

export interface StudyLevel {
  level: string;
  fault: Record<string, Record<string, unknown>>;
  failures: number;
  survived: number;
  not_survived: number;
  unknown: number;
  survival: number | null;
  worst: { holon: string; outcome: StudyOutcome; why: string } | null;
}

export interface StudySummary {
  format: string;
  model: string;
  holarchy: string;
  until: number;
  seeds: number;
  runs: number;
  finished: number;
  baseline: { scenario: string; outcome: StudyOutcome; points: StudyPoint[] };
  levels: StudyLevel[];
  failures: StudyFailure[];
  skipped: { level: string; holon: string; why: string }[];
  lowest_unsurvived_level: string | null;
  survives: boolean;
}

// ------------------------------------------------------------------ comparisons
/** A verdict that changed between the two jobs (simulations/engine/compare/changes.py). */
export interface VerdictChange {
  kind: string;
  where: string;
  name: string;
  a: string;
  b: string;
  change: "better" | "worse" | "changed";
}

/** A measurement that moved: `delta` is b − a, `relative` delta / |a| (null when a is 0 or missing). */
export interface MetricChange {
  where: string;
  metric: string;
  better: "higher" | "lower";
  a: number | null;
  b: number | null;
  delta: number | null;
  relative: number | null;
  change: "better" | "worse" | "changed";
}

/** The engine's comparison of two summaries. */
export interface EngineComparison {
  format: string;
  kind: "run" | "sweep" | "study";
  headline: string[];
  notes: string[];
  verdicts: VerdictChange[];
  metrics: MetricChange[];
  better: number;
  worse: number;
}
