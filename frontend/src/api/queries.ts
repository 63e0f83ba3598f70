/**
 * Server state: every query key and every hook that reads or writes the API.
 * Components import hooks from here and never build requests themselves.
 */

import { useEffect, useState } from "react";
import { useMutation, useQueries, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import {
  api,
  type JobKind,
  type ComparableKind,
  type ComponentRequest,
  type ExplorationRequest,
  type HolarchyRequest,
  type LinkRequest,
  type RunRequest,
  type SweepRequest,
  type LevelStudyRequest,
} from "./client";
import type { CandidateJob } from "../lib/compare";
import type { MessagesPicture } from "./types-extra";
import { producingPoll } from "../lib/trace";
import { ApiError } from "./http";
import { draftSession, fingerprint, sessionChanged } from "./draftHistory";

export const keys = {
  me: ["me"] as const,
  teams: ["teams"] as const,
  health: ["health"] as const,
  workspaces: (team: number) => ["workspaces", team] as const,
  models: (workspace: number) => ["models", workspace] as const,
  model: (id: number) => ["model", id] as const,
  /** Everything that depends on a model's draft; invalidated after each edit. */
  draft: (id: number) => ["draft", id] as const,
  document: (id: number) => ["draft", id, "document"] as const,
  components: (id: number) => ["draft", id, "components"] as const,
  links: (id: number) => ["draft", id, "links"] as const,
  holarchies: (id: number) => ["draft", id, "holarchies"] as const,
  holons: (model: number, holarchy: number) => ["draft", model, "holons", holarchy] as const,
  whiteBox: (model: number, holon: number) => ["draft", model, "white-box", holon] as const,
  blackBox: (model: number, holon: number) => ["draft", model, "black-box", holon] as const,
  versions: (model: number) => ["versions", model] as const,
  version: (id: number) => ["version", id] as const,
  diff: (id: number, against: number) => ["diff", id, against] as const,
  behaviors: ["behaviors"] as const,
  runs: (filter: object) => ["runs", filter] as const,
  run: (id: string) => ["run", id] as const,
  traceStep: (id: string, step: number, local?: string, messages: MessagesPicture = "network") =>
    ["trace", id, "step", step, local ?? "", messages] as const,
  traceWindow: (id: string, from: number, to: number) => ["trace", id, "window", from, to] as const,
  traceEvents: (id: string) => ["trace", id, "events"] as const,
  sweeps: (filter: object) => ["sweeps", filter] as const,
  sweep: (id: string) => ["sweep", id] as const,
  sweepRuns: (id: string, status: string) => ["sweep", id, "runs", status] as const,
  studies: (filter: object) => ["studies", filter] as const,
  study: (id: string) => ["study", id] as const,
  studyRuns: (id: string, status: string) => ["study", id, "runs", status] as const,
  explorations: (filter: object) => ["explorations", filter] as const,
  exploration: (id: string) => ["exploration", id] as const,
  explorationGraph: (id: string, limit: number) => ["exploration", id, "graph", limit] as const,
  exploredState: (id: string, state: number) => ["exploration", id, "state", state] as const,
  comparison: (kind: string, a: string, b: string) => ["comparison", kind, a, b] as const,
  comparable: (kind: string, model: number) => ["comparable", kind, model] as const,
};

/** A job in one of these statuses never changes again. */
export const FINISHED_STATUSES = ["succeeded", "failed", "cancelled", "timed_out"];
export const isFinished = (status: string | undefined) => status !== undefined && FINISHED_STATUSES.includes(status);

// ------------------------------------------------------------------ auth
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await api.auth.me();
      } catch (error) {
        // Logged out is an answer ("nobody"), not a failure.
        if (error instanceof ApiError && error.isAuthError) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => api.auth.login(username, password),
    onSuccess: (me) => {
      // Another user's data must not survive a login; the "me" query stays so its observers see the change.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" });
      client.setQueryData(keys.me, me);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.auth.logout(),
    onSettled: () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" });
      client.setQueryData(keys.me, null);
    },
  });
}

export function useTeams(enabled = true) {
  return useQuery({ queryKey: keys.teams, queryFn: api.auth.teams, enabled, select: (page) => page.results });
}

/** The team a page's URL names. A slug missing from the cached list is asked for once more before the page says
 * "not yours": the list may predate a membership made meanwhile (an invitation accepted here or in another tab). */
export function useTeam(slug: string | undefined) {
  const teams = useTeams();
  const team = teams.data?.find((t) => t.slug === slug);
  const [askedAgainFor, setAskedAgainFor] = useState<string | undefined>();
  const missing = !!slug && teams.isSuccess && !team;
  useEffect(() => {
    if (missing && askedAgainFor !== slug) {
      setAskedAgainFor(slug);
      void teams.refetch();
    }
  }, [missing, askedAgainFor, slug, teams]);
  const pending = teams.isPending || (missing && (askedAgainFor !== slug || teams.isFetching));
  return { team, pending };
}

export function useHealth() {
  return useQuery({ queryKey: keys.health, queryFn: api.health, refetchInterval: 15_000, retry: false });
}

// -------------------------------------------------------------- modeling
export function useWorkspaces(team: number | undefined) {
  return useQuery({
    queryKey: keys.workspaces(team ?? 0),
    queryFn: () => api.workspaces.list(team!),
    enabled: !!team,
    select: (page) => page.results,
  });
}

export function useWorkspace(id: number | undefined) {
  return useQuery({ queryKey: ["workspace", id ?? 0], queryFn: () => api.workspaces.get(id!), enabled: !!id });
}

/** Whether the logged-in user may edit the models of this workspace (owner or editor of its team). */
export function useCanWrite(workspaceId: number | undefined): boolean {
  const me = useMe();
  const workspace = useWorkspace(workspaceId);
  const role = me.data?.memberships.find((m) => m.team_id === workspace.data?.team)?.role;
  return role === "owner" || role === "editor";
}

/** A write after which the queries it changes are read again; in the background: the write settles at once. */
export function useInvalidatingMutation<T, R>(mutationFn: (arg: T) => Promise<R>, touches: readonly QueryKey[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      for (const queryKey of touches) void client.invalidateQueries({ queryKey });
    },
  });
}

export function useCreateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ team, name }: { team: number; name: string }) => api.workspaces.create(team, name),
    onSuccess: (ws) => void client.invalidateQueries({ queryKey: keys.workspaces(ws.team) }),
  });
}

export function useModels(workspace: number | undefined) {
  return useQuery({
    queryKey: keys.models(workspace ?? 0),
    queryFn: () => api.models.list(workspace!),
    enabled: !!workspace,
    select: (page) => page.results,
  });
}

export function useModel(id: number) {
  return useQuery({ queryKey: keys.model(id), queryFn: () => api.models.get(id), enabled: id > 0 });
}

export function useImportModel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ workspace, document, name }: { workspace: number; document: string; name?: string }) =>
      api.models.importDocument(workspace, document, name),
    onSuccess: (model) => {
      void client.invalidateQueries({ queryKey: keys.models(model.workspace) });
      void client.invalidateQueries({ queryKey: ["workspaces"] });
    },
  });
}

export function useDraftDocument(model: number) {
  return useQuery({ queryKey: keys.document(model), queryFn: () => api.models.exportDocument(model) });
}

export function useComponents(model: number) {
  return useQuery({ queryKey: keys.components(model), queryFn: () => api.components.list(model), select: (p) => p.results });
}

export function useLinks(model: number) {
  return useQuery({ queryKey: keys.links(model), queryFn: () => api.links.list(model), select: (p) => p.results });
}

export function useHolarchies(model: number) {
  return useQuery({ queryKey: keys.holarchies(model), queryFn: () => api.holarchies.list(model), select: (p) => p.results });
}

export function useHolons(model: number, holarchy: number | undefined) {
  return useQuery({
    queryKey: keys.holons(model, holarchy ?? 0),
    queryFn: () => api.holons.list(holarchy!),
    enabled: !!holarchy,
    select: (p) => p.results,
  });
}

/** Holon id → key, across all the given holarchies (for showing where components sit). */
export function useHolonKeys(model: number, holarchies: number[]): Map<number, string> {
  return useQueries({
    queries: holarchies.map((h) => ({ queryKey: keys.holons(model, h), queryFn: () => api.holons.list(h) })),
    combine: (results) => {
      const map = new Map<number, string>();
      for (const r of results) for (const holon of r.data?.results ?? []) map.set(holon.id, holon.name || holon.key);
      return map;
    },
  });
}

export function useWhiteBox(model: number, holon: number | undefined) {
  return useQuery({
    queryKey: keys.whiteBox(model, holon ?? 0),
    queryFn: () => api.holons.whiteBox(holon!),
    enabled: !!holon,
    placeholderData: (previous) => previous,
  });
}

export function useBlackBox(model: number, holon: number | undefined) {
  return useQuery({
    queryKey: keys.blackBox(model, holon ?? 0),
    queryFn: () => api.holons.blackBox(holon!),
    enabled: !!holon,
    placeholderData: (previous) => previous,
  });
}

/** The parts of the draft an edit can change; each edit refreshes only those (and the document). */
export type DraftPart = "components" | "links" | "holarchies" | "holons" | "zoom" | "model";

const PART_KEYS: Record<DraftPart, (model: number) => readonly unknown[][]> = {
  components: (m) => [[...keys.components(m)]],
  links: (m) => [[...keys.links(m)]],
  holarchies: (m) => [[...keys.holarchies(m)]],
  holons: (m) => [["draft", m, "holons"]],
  zoom: (m) => [["draft", m, "white-box"], ["draft", m, "black-box"]],
  model: (m) => [[...keys.model(m)]],
};

export const EVERY_PART: DraftPart[] = ["components", "links", "holarchies", "holons", "zoom", "model"];

/** The draft as the cache holds it, fetched only when missing or invalidated. */
export function currentDocument(client: QueryClient, model: number) {
  return client.fetchQuery({ queryKey: keys.document(model), queryFn: () => api.models.exportDocument(model), staleTime: Infinity });
}

/**
 * An edit of the draft: the document it replaces goes on the undo stack, the
 * queries of the parts it `touches` are refreshed (not the whole structure),
 * and the draft it leaves is remembered as our own (the teammate warning).
 */
export function useDraftMutation<TVars, TResult>(
  model: number,
  mutationFn: (vars: TVars) => Promise<TResult>,
  touches: readonly DraftPart[] = EVERY_PART,
  { undoable = true }: { undoable?: boolean } = {},
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (vars: TVars) => {
      const session = draftSession(model);
      session.pending++;
      sessionChanged();
      try {
        const before = undoable ? await currentDocument(client, model) : undefined;
        const result = await mutationFn(vars);
        if (before) session.history.record(before);
        await refreshDraft(client, model, touches);
        return result;
      } finally {
        session.pending--;
        sessionChanged();
      }
    },
  });
}

/** Refreshes the touched parts and the document, and takes the document as the one our edits left. */
export async function refreshDraft(client: QueryClient, model: number, touches: readonly DraftPart[]) {
  for (const part of touches) for (const queryKey of PART_KEYS[part](model)) void client.invalidateQueries({ queryKey });
  const document = await client.fetchQuery({ queryKey: keys.document(model), queryFn: () => api.models.exportDocument(model), staleTime: 0 });
  draftSession(model).own = fingerprint(document);
}

export function useHolonEdits(model: number) {
  return {
    add: useDraftMutation(
      model,
      ({ parent, key, name }: { parent: number; key: string; name?: string }) => api.holons.create(parent, key, name),
      ["holons", "zoom"],
    ),
    rename: useDraftMutation(
      model,
      ({ id, key, name }: { id: number; key?: string; name?: string }) => api.holons.rename(id, { key, name }),
      ["holons", "zoom"],
    ),
    move: useDraftMutation(model, ({ id, parent }: { id: number; parent: number }) => api.holons.move(id, parent), ["holons", "zoom"]),
    remove: useDraftMutation(model, ({ id }: { id: number }) => api.holons.remove(id), ["holons", "zoom", "components"]),
  };
}

export function useUpdateLink(model: number) {
  return useDraftMutation(model, ({ id, ...body }: { id: number } & Partial<LinkRequest>) => api.links.update(id, body), ["links", "zoom"]);
}

/** Create and delete components, links and holarchies, and re-place a component; the engine checks each edit. */
export function useStructureEdits(model: number) {
  return {
    addComponent: useDraftMutation(model, (body: ComponentRequest) => api.components.create(body), ["components", "holons", "zoom", "model"]),
    removeComponent: useDraftMutation(model, ({ id }: { id: number }) => api.components.remove(id), EVERY_PART),
    addLink: useDraftMutation(model, (body: LinkRequest) => api.links.create(body), ["links", "zoom", "model"]),
    removeLink: useDraftMutation(model, ({ id }: { id: number }) => api.links.remove(id), ["links", "zoom", "model"]),
    addHolarchy: useDraftMutation(model, (body: HolarchyRequest) => api.holarchies.create(body), ["holarchies", "holons", "components", "model"]),
    removeHolarchy: useDraftMutation(model, ({ id }: { id: number }) => api.holarchies.remove(id), EVERY_PART),
    place: useDraftMutation(
      model,
      ({ holon, component }: { holon: number; component: number }) => api.holons.place(holon, component),
      ["components", "holons", "zoom"],
    ),
  };
}

export function useVersions(model: number) {
  return useQuery({ queryKey: keys.versions(model), queryFn: () => api.versions.list(model), select: (p) => p.results });
}

export function useVersion(id: number | undefined) {
  return useQuery({ queryKey: keys.version(id ?? 0), queryFn: () => api.versions.get(id!), enabled: !!id, staleTime: Infinity });
}

export function useSaveVersion(model: number) {
  return useInvalidatingMutation((message: string) => api.models.saveVersion(model, message), [keys.versions(model), keys.model(model)]);
}

export function useVersionDiff(id: number | undefined, against: number | undefined) {
  return useQuery({
    queryKey: keys.diff(id ?? 0, against ?? 0),
    queryFn: () => api.versions.diff(id!, against!),
    enabled: !!id && !!against && id !== against,
    staleTime: Infinity,
  });
}

/** The built-in behaviors' parameter catalog; with `model`, its declarative behaviors' too (read again when
 * a form opens, since the draft's behaviors change). */
export function useBehaviors(model?: number) {
  return useQuery({
    queryKey: model === undefined ? keys.behaviors : [...keys.behaviors, model],
    queryFn: () => api.behaviors.list(model),
    staleTime: model === undefined ? Infinity : 0,
  });
}

// ------------------------------------------------------------------ runs
export function useRuns(filter: { model?: number; version?: number }) {
  return useQuery({
    queryKey: keys.runs(filter),
    queryFn: () => api.runs.list(filter),
    select: (page) => page.results,
    // Keep the list moving while any run in it is still going.
    refetchInterval: (query) => (query.state.data?.results.some((r) => !isFinished(r.status)) ? 1500 : false),
  });
}

/** Cancel a run, a sweep (every run in it) or an exploration; the job's queries show the outcome. */
export function useCancelJob(kind: JobKind, id: string) {
  const client = useQueryClient();
  const single = { runs: keys.run, sweeps: keys.sweep, studies: keys.study, explorations: keys.exploration }[kind];
  return useMutation({
    mutationFn: (): Promise<unknown> => api[kind].cancel(id),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: single(id) });
      client.invalidateQueries({ queryKey: [kind] });
    },
  });
}

export function useRun(id: string | undefined) {
  return useQuery({
    queryKey: keys.run(id ?? ""),
    queryFn: () => api.runs.get(id!),
    enabled: !!id,
    refetchInterval: (query) => (isFinished(query.state.data?.status) ? false : 1000),
  });
}

export function useStartRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RunRequest) => api.runs.create(body),
    onSuccess: (run) => {
      client.setQueryData(keys.run(run.id), run);
      void client.invalidateQueries({ queryKey: ["runs"] });
    },
  });
}

function traceStepQuery(runId: string, step: number, local?: string, messages?: MessagesPicture) {
  return {
    queryKey: keys.traceStep(runId, step, local, messages),
    queryFn: () => api.runs.traceStep(runId, step, local, messages),
    staleTime: Infinity,
  };
}

export function useTraceStep(runId: string | undefined, step: number, local?: string, messages?: MessagesPicture) {
  return useQuery({
    ...traceStepQuery(runId ?? "", step, local, messages),
    refetchInterval: (query) => producingPoll(query.state.data),
    enabled: !!runId,
    placeholderData: (previous) => previous,
  });
}

/** Asks for a step before it is wanted (the next one, while the viewer rests on a step or plays). */
export function usePrefetchTraceStep(runId: string, step: number | undefined, local?: string, messages?: MessagesPicture) {
  const client = useQueryClient();
  useEffect(() => {
    if (step !== undefined) void client.prefetchQuery(traceStepQuery(runId, step, local, messages));
  }, [client, runId, step, local, messages]);
}

export function useTraceWindow(runId: string | undefined, from: number, to: number, enabled = true) {
  return useQuery({
    queryKey: keys.traceWindow(runId ?? "", from, to),
    queryFn: () => api.runs.traceWindow(runId!, from, to),
    refetchInterval: (query) => producingPoll(query.state.data),
    enabled: !!runId && enabled,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
}

export function useTraceEvents(runId: string | undefined) {
  return useQuery({
    queryKey: keys.traceEvents(runId ?? ""),
    queryFn: () => api.runs.traceEvents(runId!),
    refetchInterval: (query) => producingPoll(query.state.data),
    enabled: !!runId,
    staleTime: Infinity,
  });
}

// ---------------------------------------------------------------- sweeps
export function useSweeps(filter: { model?: number; version?: number }) {
  return useQuery({
    queryKey: keys.sweeps(filter),
    queryFn: () => api.sweeps.list(filter),
    select: (page) => page.results,
    refetchInterval: (query) => (query.state.data?.results.some((s) => !isFinished(s.status)) ? 1500 : false),
  });
}

export function useSweep(id: string | undefined) {
  return useQuery({
    queryKey: keys.sweep(id ?? ""),
    queryFn: () => api.sweeps.get(id!),
    enabled: !!id,
    refetchInterval: (query) => (isFinished(query.state.data?.status) ? false : 1000),
  });
}

/** The runs of a sweep; polled while it goes, and fetched once more when its status changes (final summaries). */
export function useSweepRuns(id: string | undefined, status: string | undefined) {
  const finished = isFinished(status);
  return useQuery({
    queryKey: keys.sweepRuns(id ?? "", status ?? ""),
    queryFn: () => api.sweeps.runs(id!),
    enabled: !!id,
    select: (page) => page.results,
    placeholderData: (previous) => previous,
    refetchInterval: finished ? false : 2000,
  });
}

export function useStartSweep() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SweepRequest) => api.sweeps.create(body),
    onSuccess: (sweep) => {
      client.setQueryData(keys.sweep(sweep.id), sweep);
      void client.invalidateQueries({ queryKey: ["sweeps"] });
    },
  });
}

// --------------------------------------------------------- level studies
export function useStudies(filter: { model?: number; version?: number }) {
  return useQuery({
    queryKey: keys.studies(filter),
    queryFn: () => api.studies.list(filter),
    select: (page) => page.results,
    refetchInterval: (query) => (query.state.data?.results.some((s) => !isFinished(s.status)) ? 1500 : false),
  });
}

export function useStudy(id: string | undefined) {
  return useQuery({
    queryKey: keys.study(id ?? ""),
    queryFn: () => api.studies.get(id!),
    enabled: !!id,
    refetchInterval: (query) => (isFinished(query.state.data?.status) ? false : 1000),
  });
}

/** The study's runs (to open a cell's run), fetched again when the study's status changes. */
export function useStudyRuns(id: string | undefined, status: string | undefined) {
  return useQuery({
    queryKey: keys.studyRuns(id ?? "", status ?? ""),
    queryFn: () => api.studies.runs(id!),
    enabled: !!id,
    placeholderData: (previous) => previous,
  });
}

export function useStartStudy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LevelStudyRequest) => api.studies.create(body),
    onSuccess: (study) => {
      client.setQueryData(keys.study(study.id), study);
      void client.invalidateQueries({ queryKey: ["studies"] });
    },
  });
}

// ---------------------------------------------------------- comparisons
/** Two finished jobs' comparison: computed from stored summaries, so it never changes. */
export function useComparison(kind: ComparableKind, a: string | undefined, b: string | undefined) {
  return useQuery({
    queryKey: keys.comparison(kind, a ?? "", b ?? ""),
    queryFn: () => api.comparisons.get(kind, a!, b!),
    enabled: !!a && !!b,
    staleTime: Infinity,
  });
}

/** The model's jobs of one kind, as candidates for a comparison (lib/compare.ts `candidates` picks among them). */
export function useComparableJobs(kind: ComparableKind, model: number) {
  return useQuery({
    queryKey: keys.comparable(kind, model),
    queryFn: async (): Promise<CandidateJob[]> => {
      if (kind === "runs") {
        const runs = await api.runs.list({ model, status: "succeeded", limit: 500 });
        return runs.results.map((r) => ({ ...r, label: `${r.scenario || "default scenario"}, seed ${r.seed}`, part: !!(r.sweep || r.study) }));
      }
      if (kind === "sweeps") return (await api.sweeps.list({ model })).results.map((s) => ({ ...s, label: s.parameter || "seeds only" }));
      return (await api.studies.list({ model })).results.map((s) => ({ ...s, label: `holarchy ${s.holarchy}` }));
    },
  });
}

// ---------------------------------------------------------- explorations
export function useExplorations(filter: { model?: number; version?: number }) {
  return useQuery({
    queryKey: keys.explorations(filter),
    queryFn: () => api.explorations.list(filter),
    select: (page) => page.results,
    refetchInterval: (query) => (query.state.data?.results.some((r) => !isFinished(r.status)) ? 2000 : false),
  });
}

export function useExploration(id: string | undefined) {
  return useQuery({
    queryKey: keys.exploration(id ?? ""),
    queryFn: () => api.explorations.get(id!),
    enabled: !!id,
    refetchInterval: (query) => (isFinished(query.state.data?.status) ? false : 1500),
  });
}

/** The drawn part of a finished exploration's behavior space (stored graphs never change: no refetch). */
export function useExplorationGraph(id: string | undefined, limit: number, finished: boolean) {
  return useQuery({
    queryKey: keys.explorationGraph(id ?? "", limit),
    queryFn: () => api.explorations.graph(id!, limit),
    enabled: !!id && finished,
    staleTime: Infinity,
  });
}

/** One explored state with the path to it as a trace, for the global and local views. */
export function useExploredState(id: string | undefined, state: number | undefined) {
  return useQuery({
    queryKey: keys.exploredState(id ?? "", state ?? -1),
    queryFn: () => api.explorations.state(id!, state!),
    enabled: !!id && state !== undefined,
    staleTime: Infinity,
  });
}

export function useStartExploration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ExplorationRequest) => api.explorations.create(body),
    onSuccess: (exploration) => {
      client.setQueryData(keys.exploration(exploration.id), exploration);
      void client.invalidateQueries({ queryKey: ["explorations"] });
    },
  });
}
