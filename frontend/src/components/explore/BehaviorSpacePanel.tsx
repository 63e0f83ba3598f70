import { useEffect, useMemo, useState } from "react";
import type { HolarchySpec } from "../../api/modelDocument";
import { api } from "../../api/client";
import { useExploredState } from "../../api/queries";
import type { DrawnGraph, GraphNode, GraphPart, StateSearch } from "../../api/types-extra";
import { mergeParts, pathHighlight } from "../../lib/stateGraph";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { BehaviorSpaceCanvas } from "./BehaviorSpaceCanvas";
import { PathViewer } from "./PathViewer";

interface Props {
  exploration: string;
  graph: DrawnGraph;
  /** The counterexample to highlight, by name (a key of `graph.paths`). */
  path?: string;
  /** The state to show (picked on the graph, in a search or on the counterexample). */
  picked?: number;
  onPick: (state: number) => void;
  limit: number;
  onLimit: (limit: number) => void;
  holarchies?: HolarchySpec[];
}

const LIMITS = [500, 3000, 10000];

/**
 * The state graph with what it takes at real scale: search by id or by a
 * variable's value, the neighbourhood of a state added to the drawing (also
 * states beyond the drawn limit), and the picked state opened in the global
 * and local views, with the path that reaches it.
 */
export function BehaviorSpacePanel({ exploration, graph, path, picked, onPick, limit, onLimit, holarchies }: Props) {
  const [extra, setExtra] = useState<GraphPart | undefined>();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<StateSearch | undefined>();
  const [radius, setRadius] = useState(1);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setExtra(undefined), [graph]);
  const part = useMemo(() => (extra ? mergeParts(graph, extra) : graph), [graph, extra]);
  const drawn = useMemo(() => new Set(part.nodes.map((n) => n.id)), [part]);
  const highlight = useMemo(() => pathHighlight(path ? graph.paths[path] : undefined), [graph, path]);

  const run = async (job: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await job();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const expand = (state: number, r = radius) =>
    run(async () => {
      const around = await api.explorations.neighbourhood(exploration, state, r, 500);
      setExtra((e) => (e ? mergeParts(e, around) : around));
    });
  const open = (n: GraphNode) => {
    onPick(n.id);
    if (!drawn.has(n.id)) void expand(n.id, 1);
  };
  const search = () => query.trim() && run(async () => setFound(await api.explorations.searchStates(exploration, query.trim())));

  return (
    <div className="panel">
      <div className="panel-header">
        <h2>State graph</h2>
        <span className="muted small" data-testid="graph-counts">
          {part.nodes.length.toLocaleString("en")} of {graph.states.toLocaleString("en")} states drawn · {part.edges.length.toLocaleString("en")} steps
        </span>
      </div>
      <div className="panel-body row small" style={{ gap: 12, alignItems: "flex-end" }}>
        <form
          className="row"
          style={{ gap: 6 }}
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <label className="field">
            Find states
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="42, db.x=1, done=true, ack" style={{ width: 230 }} aria-label="Find states by id, variable=value or text" />
          </label>
          <button type="submit" className="small" disabled={busy || !query.trim()}>Search</button>
        </form>
        <label className="field">
          Expand by
          <select value={radius} onChange={(e) => setRadius(Number(e.target.value))} aria-label="Steps around the state to add">
            {[1, 2, 3].map((r) => (
              <option key={r} value={r}>{r} step{r > 1 ? "s" : ""}</option>
            ))}
          </select>
        </label>
        <button className="small" disabled={busy || picked === undefined} onClick={() => picked !== undefined && void expand(picked)}>
          Expand around state {picked ?? "…"}
        </button>
        <label className="field">
          Draw at most
          <select value={limit} onChange={(e) => onLimit(Number(e.target.value))} aria-label="States to draw at most">
            {LIMITS.map((l) => (
              <option key={l} value={l}>{l.toLocaleString("en")} states</option>
            ))}
          </select>
        </label>
        <span className="muted">dot: state · red: violates safety · square: terminal · ringed: initial · orange: the counterexample</span>
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
      {found && (
        <div className="panel-body small" data-testid="state-search">
          {found.count === 0 ? (
            <span className="muted">No state matches “{found.query}”.</span>
          ) : (
            <>
              <span className="muted">
                {found.count.toLocaleString("en")} state{found.count > 1 ? "s" : ""} match{found.count > 1 ? "" : "es"} “{found.query}”{found.count > found.results.length ? `, the first ${found.results.length}:` : ":"}
              </span>{" "}
              {found.results.map((n) => (
                <button key={n.id} className={`small${picked === n.id ? " primary" : ""}`} style={{ margin: 2 }} onClick={() => open(n)}>
                  state {n.id} <span className="muted">(depth {n.depth}{drawn.has(n.id) ? "" : ", not drawn"})</span>
                </button>
              ))}
            </>
          )}
        </div>
      )}
      <BehaviorSpaceCanvas part={part} highlight={highlight} current={picked} onSelect={onPick} />
      {picked !== undefined && <PickedState exploration={exploration} state={picked} holarchies={holarchies} />}
    </div>
  );
}

/** The picked state in the viewer: the path from the initial state to it, shown at its last step. */
function PickedState({ exploration, state, holarchies }: { exploration: string; state: number; holarchies?: HolarchySpec[] }) {
  const detail = useExploredState(exploration, state);
  const [step, setStep] = useState<number | undefined>();
  useEffect(() => setStep(undefined), [state]);
  if (detail.isPending) return <Loading label={`Loading state ${state}`} />;
  if (detail.isError) return <ErrorMessage error={detail.error} />;
  const d = detail.data;
  const flags = [d.initial && "initial", d.terminal && "terminal", d.violation && "violates safety"].filter(Boolean).join(", ");
  return (
    <div className="panel-body stack" data-testid="picked-state" data-state={state}>
      <h3 style={{ margin: 0 }}>
        State {state} <span className="muted small">depth {d.depth}{flags ? ` · ${flags}` : ""} · reached in {d.trace.length} steps from the initial state</span>
      </h3>
      <PathViewer trace={d.trace} step={step ?? d.trace.steps.length - 1} onStep={setStep} holarchies={holarchies} testId="state-path" />
    </div>
  );
}
