/**
 * The API client: one typed function per endpoint. Components never call
 * fetch; they use the hooks in `queries.ts`, which call these.
 *
 * Types come from the OpenAPI schema (`npm run gen:api` → schema.d.ts);
 * where the schema only says "object" (summaries, traces, zoom answers,
 * graphs), `types-extra.ts` spells out the shape.
 */

import type { components } from "./schema";
import { createHttp, type Http } from "./http";
import { everyPage } from "./pages";
import type { ModelDocument } from "./modelDocument";
import type {
  BehaviorInfo,
  BlackBoxResponse,
  CollapsedGraph,
  DrawnGraph,
  EngineComparison,
  ExplorationSummary,
  ExploredStateDetail,
  Health,
  MessagesPicture,
  Neighbourhood,
  Paginated,
  RunSummary,
  StateSearch,
  StudySummary,
  SweepSummary,
  TraceAnswer,
  TraceEventsAnswer,
  VersionDiff,
  WhiteBoxResponse,
} from "./types-extra";

type S = components["schemas"];
export type Me = S["Me"];
export type Team = S["Team"];
export type Workspace = S["Workspace"];
export type SystemModel = S["SystemModel"];
export type ModelVersion = S["ModelVersion"];
export type ModelVersionDetail = Omit<S["ModelVersionDetail"], "document"> & { document: ModelDocument };
export type Component = S["Component"];
export type Link = S["Link"];
export type LinkRequest = S["LinkRequest"];
export type Holarchy = S["Holarchy"];
export type Holon = S["Holon"];
export type Run = Omit<S["Run"], "summary"> & { summary: RunSummary | null };
export type RunRequest = S["RunRequest"];
export type Exploration = Omit<S["Exploration"], "summary"> & {
  summary: ExplorationSummary | null;
};
export type ExplorationRequest = S["ExplorationRequest"];
export type Sweep = Omit<S["Sweep"], "summary"> & { summary: SweepSummary | null };
export type SweepRequest = S["SweepRequest"];
export type LevelStudy = Omit<S["LevelStudy"], "summary"> & { summary: StudySummary | null };
export type LevelStudyRequest = S["LevelStudyRequest"];
export type StudyRun = S["StudyRun"];
export type Comparison = Omit<S["Comparison"], "comparison"> & { comparison: EngineComparison };
export type ComparedJob = S["ComparedJob"];
export type ComponentRequest = S["ComponentRequest"];
export type HolarchyRequest = S["HolarchyRequest"];
export type ComponentChanges = S["PatchedComponentRequest"];
export type HolarchyChanges = Partial<S["PatchedHolarchyRequest"]>;
/** The document sections kept whole on the model (everything but the structure). */
export type DraftSections = Partial<Pick<ModelDocument, "behaviors" | "properties" | "slos" | "scenarios">>;

export interface ExpressionCheck {
  valid: boolean;
  error: { message: string; line: number | null; column: number | null } | null;
}


export function createApi(http: Http = createHttp()) {
  return {
    auth: {
      login: (username: string, password: string) =>
        http<Me>("POST", "/api/auth/login/", { body: { username, password } }),
      logout: () => http<void>("POST", "/api/auth/logout/"),
      me: () => http<Me>("GET", "/api/auth/me/"),
      teams: () => http<Paginated<Team>>("GET", "/api/auth/teams/", { query: { limit: 200 } }),
    },

    /** Health answers 503 with the same body when degraded; that is data, not an error. */
    health: async (): Promise<Health> => {
      try {
        return await http<Health>("GET", "/api/health/");
      } catch (error) {
        const body = (error as { body?: unknown }).body;
        if (body && typeof body === "object" && "database" in body) return body as Health;
        throw error;
      }
    },

    workspaces: {
      list: (team: number) => http<Paginated<Workspace>>("GET", "/api/workspaces/", { query: { team, limit: 200 } }),
      /** Every workspace of every team of the caller's. */
      all: () => http<Paginated<Workspace>>("GET", "/api/workspaces/", { query: { limit: 200 } }),
      get: (id: number) => http<Workspace>("GET", `/api/workspaces/${id}/`),
      create: (team: number, name: string) => http<Workspace>("POST", "/api/workspaces/", { body: { team, name } }),
    },

    models: {
      list: (workspace: number) =>
        http<Paginated<SystemModel>>("GET", "/api/models/", { query: { workspace, limit: 500 } }),
      get: (id: number) => http<SystemModel>("GET", `/api/models/${id}/`),
      update: (id: number, body: Partial<Pick<SystemModel, "name" | "description">> & { sections?: DraftSections }) =>
        http<SystemModel>("PATCH", `/api/models/${id}/`, { body }),
      remove: (id: number) => http<void>("DELETE", `/api/models/${id}/`),
      /** Whether an expression is valid where it would go (a property, or a handler of `behavior`), with where it is not. */
      checkExpression: (id: number, body: { expression: string; context: "property" | "handler"; behavior?: string; variables?: string[] }) =>
        http<ExpressionCheck>("POST", `/api/models/${id}/check-expression/`, { body }),
      /** A blank model: an empty draft to build in the browser, no version yet. */
      create: (workspace: number, name: string) => http<SystemModel>("POST", "/api/models/", { body: { workspace, name } }),
      /** Create a model from YAML/JSON text; a 400 lists `{errors: [{path, message}]}`. */
      importDocument: (workspace: number, document: string, name?: string) =>
        http<SystemModel>("POST", "/api/models/import/", { body: { workspace, document, ...(name ? { name } : {}) } }),
      /** Replace the whole draft; the answer is the draft as exported. */
      replace: (id: number, document: string | ModelDocument) => http<ModelDocument>("POST", `/api/models/${id}/replace/`, { body: { document } }),
      /** The draft as a canonical document (JSON object). */
      exportDocument: (id: number) => http<ModelDocument>("GET", `/api/models/${id}/export/`),
      /** A link the browser can download the draft from as a YAML file. */
      exportUrl: (id: number) => `/api/models/${id}/export/?format=yaml`,
      /** The same draft as YAML text. */
      exportYaml: (id: number) => http<string>("GET", `/api/models/${id}/export/`, { query: { format: "yaml" }, accept: "application/yaml" }),
      /** Copy a model one can see (an example, say) into a workspace one writes in: a new, independent model. */
      copy: (id: number, workspace: number) => http<SystemModel>("POST", `/api/models/${id}/copy/`, { body: { workspace } }),
      saveVersion: (id: number, message: string) =>
        http<ModelVersionDetail>("POST", `/api/models/${id}/versions/`, { body: { message } }),
    },

    versions: {
      list: (model: number) => http<Paginated<ModelVersion>>("GET", "/api/versions/", { query: { model, limit: 500 } }),
      get: (id: number) => http<ModelVersionDetail>("GET", `/api/versions/${id}/`),
      diff: (id: number, against: number) => http<VersionDiff>("GET", `/api/versions/${id}/diff/`, { query: { against } }),
    },

    components: {
      list: (model: number) => everyPage<Component>(http, "/api/components/", { model }),
      create: (body: ComponentRequest) => http<Component>("POST", "/api/components/", { body }),
      update: (id: number, body: ComponentChanges) => http<Component>("PATCH", `/api/components/${id}/`, { body }),
      remove: (id: number) => http<void>("DELETE", `/api/components/${id}/`),
    },

    links: {
      list: (model: number) => everyPage<Link>(http, "/api/links/", { model }),
      update: (id: number, body: Partial<LinkRequest>) => http<Link>("PATCH", `/api/links/${id}/`, { body }),
      create: (body: LinkRequest) => http<Link>("POST", "/api/links/", { body }),
      remove: (id: number) => http<void>("DELETE", `/api/links/${id}/`),
    },

    holarchies: {
      list: (model: number) => http<Paginated<Holarchy>>("GET", "/api/holarchies/", { query: { model, limit: 100 } }),
      /** A new holarchy is one root holding every component, ready to be arranged. */
      create: (body: HolarchyRequest) => http<Holarchy>("POST", "/api/holarchies/", { body }),
      update: (id: number, body: HolarchyChanges) => http<Holarchy>("PATCH", `/api/holarchies/${id}/`, { body }),
      remove: (id: number) => http<void>("DELETE", `/api/holarchies/${id}/`),
    },

    holons: {
      list: (holarchy: number) => everyPage<Holon>(http, "/api/holons/", { holarchy }),
      create: (parent: number, key: string, name = "") =>
        http<Holon>("POST", "/api/holons/", { body: { parent, key, name } }),
      rename: (id: number, body: { key?: string; name?: string }) => http<Holon>("PATCH", `/api/holons/${id}/`, { body }),
      move: (id: number, parent: number) => http<Holon>("POST", `/api/holons/${id}/move/`, { body: { parent } }),
      remove: (id: number) => http<void>("DELETE", `/api/holons/${id}/`),
      /** Put a component in this holon; it leaves its previous holon of the same holarchy. */
      place: (id: number, component: number) => http<Holon>("POST", `/api/holons/${id}/place/`, { body: { component } }),
      whiteBox: (id: number) => http<WhiteBoxResponse>("GET", `/api/holons/${id}/white-box/`),
      blackBox: (id: number) => http<BlackBoxResponse>("GET", `/api/holons/${id}/black-box/`),
    },

    behaviors: {
      /** The parameter catalog of the built-in behaviors, and of `model`'s declarative ones when given. */
      list: (model?: number) => http<BehaviorInfo[]>("GET", "/api/behaviors/", { query: { model } }),
    },

    runs: {
      list: (query: { model?: number; version?: number; status?: string; limit?: number } = {}) =>
        http<Paginated<Run>>("GET", "/api/runs/", { query: { limit: 50, ...query } }),
      get: (id: string) => http<Run>("GET", `/api/runs/${id}/`),
      create: (body: RunRequest) => http<Run>("POST", "/api/runs/", { body }),
      cancel: (id: string) => http<Run>("POST", `/api/runs/${id}/cancel/`),
      /** The global state after `step` and that step's delta. */
      /** The global view after `step` (its messages in the network or in the inboxes), with what `local`
       * (a component) can know then, in one answer. */
      traceStep: (id: string, step: number, local?: string, messages: MessagesPicture = "network") =>
        http<TraceAnswer>("GET", `/api/runs/${id}/trace/`, {
          query: { step, ...(local ? { local } : {}), ...(messages === "inboxes" ? { messages } : {}) },
        }),
      /** The deltas of steps from..to (the server caps a window at 2000 steps). */
      traceWindow: (id: string, from: number, to: number) =>
        http<TraceAnswer>("GET", `/api/runs/${id}/trace/`, { query: { from, to } }),
      /** Per stored chunk, its crashes, recoveries, drops and duplicates: the minimap. */
      traceEvents: (id: string) => http<TraceEventsAnswer>("GET", `/api/runs/${id}/trace/`, { query: { events: "chunks" } }),
    },

    sweeps: {
      list: (query: { version?: number; model?: number } = {}) =>
        http<Paginated<Sweep>>("GET", "/api/sweeps/", { query: { limit: 50, ...query } }),
      get: (id: string) => http<Sweep>("GET", `/api/sweeps/${id}/`),
      create: (body: SweepRequest) => http<Sweep>("POST", "/api/sweeps/", { body }),
      cancel: (id: string) => http<Sweep>("POST", `/api/sweeps/${id}/cancel/`),
      /** The runs a sweep fanned out into (one per value and seed). */
      runs: (sweep: string) => http<Paginated<Run>>("GET", "/api/runs/", { query: { sweep, limit: 500 } }),
    },

    studies: {
      list: (query: { version?: number; model?: number } = {}) =>
        http<Paginated<LevelStudy>>("GET", "/api/studies/", { query: { limit: 50, ...query } }),
      get: (id: string) => http<LevelStudy>("GET", `/api/studies/${id}/`),
      create: (body: LevelStudyRequest) => http<LevelStudy>("POST", "/api/studies/", { body }),
      /** The study's runs: each one's scenario names its failure (`study:<level>/<holon>`). */
      runs: (study: string) => http<StudyRun[]>("GET", `/api/studies/${study}/runs/`),
      cancel: (id: string) => http<LevelStudy>("POST", `/api/studies/${id}/cancel/`),
    },

    /** What changed between two runs, sweeps or studies of one model (`a` is the older version's). */
    comparisons: {
      get: (kind: ComparableKind, id: string, other: string) =>
        http<Comparison>("GET", `/api/${kind}/${id}/compare/`, { query: { with: other } }),
    },

    explorations: {
      list: (query: { version?: number; model?: number } = {}) =>
        http<Paginated<Exploration>>("GET", "/api/explorations/", { query: { limit: 50, ...query } }),
      get: (id: string) => http<Exploration>("GET", `/api/explorations/${id}/`),
      create: (body: ExplorationRequest) => http<Exploration>("POST", "/api/explorations/", { body }),
      cancel: (id: string) => http<Exploration>("POST", `/api/explorations/${id}/cancel/`),
      /** The part of the behavior space to draw (or its levels, when it was too large to store state by state). */
      graph: (id: string, limit: number) =>
        http<DrawnGraph | CollapsedGraph>("GET", `/api/explorations/${id}/graph/`, { query: { limit } }),
      neighbourhood: (id: string, state: number, radius: number, limit: number) =>
        http<Neighbourhood>("GET", `/api/explorations/${id}/neighbourhood/`, { query: { state, radius, limit } }),
      searchStates: (id: string, q: string, limit = 50) =>
        http<StateSearch>("GET", `/api/explorations/${id}/states/`, { query: { q, limit } }),
      state: (id: string, state: number) => http<ExploredStateDetail>("GET", `/api/explorations/${id}/states/${state}/`),
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** The kinds of job, as they stand in the API's and the app's paths. */
export type JobKind = "runs" | "sweeps" | "studies" | "explorations";
/** The kinds of job two of which can be compared. */
export type ComparableKind = Exclude<JobKind, "explorations">;

export const api = createApi();
