import { useState } from "react";
import { useParams } from "react-router-dom";
import { useCanWrite, useExploration, useExplorationGraph, useModel, useVersion } from "../api/queries";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { BehaviorSpaceLevels } from "../components/explore/BehaviorSpaceLevels";
import { BehaviorSpacePanel } from "../components/explore/BehaviorSpacePanel";
import { PathViewer } from "../components/explore/PathViewer";
import { SerializabilityVerdicts } from "../components/explore/SerializabilityVerdicts";
import { JobBreadcrumb } from "../components/jobs/JobBreadcrumb";
import { JobOutcome, JobProgress } from "../components/jobs/JobProgress";
import { RunStatusBadge } from "../components/runs/RunStatusBadge";

/** One exploration: size of the behavior space, a verdict per property, the graph and the counterexamples. */
export function ExplorationPage() {
  const { modelId, explorationId } = useParams();
  const model = useModel(Number(modelId));
  const exploration = useExploration(explorationId);
  const canWrite = useCanWrite(model.data?.workspace);
  const [property, setProperty] = useState<string | undefined>();
  const [step, setStep] = useState(0);
  const [picked, setPicked] = useState<number | undefined>();
  const [limit, setLimit] = useState(3000);
  const x = exploration.data;
  const version = useVersion(x?.version);
  const graph = useExplorationGraph(explorationId, limit, x?.status === "succeeded");
  const summary = x?.summary;
  const counterexamples = summary?.counterexamples ?? {};
  const names = Object.keys(counterexamples);
  const chosen = property && counterexamples[property] ? property : names[0];
  const trace = chosen ? counterexamples[chosen] : undefined;
  const holarchies = version.data?.document?.holarchies;
  const drawn = graph.data && !graph.data.collapsed ? graph.data : undefined;
  const onCounterexampleStep = (i: number) => {
    setStep(i);
    const id = chosen && drawn ? drawn.paths[chosen]?.[i] : undefined;
    if (id !== undefined && id !== null) setPicked(id);
  };
  if (exploration.isPending) return <Loading label="Loading the exploration" />;
  if (exploration.isError) return <ErrorMessage error={exploration.error} />;
  return (
    <div className="stack">
      <JobBreadcrumb model={Number(modelId)} name={model.data?.name} tab="explore" label="Behavior space" />
      <h1>
        Behavior space <RunStatusBadge status={x!.status} />
      </h1>
      {(x!.status === "queued" || x!.status === "running") && <JobProgress kind="explorations" job={x!} doing="Exploring…" canCancel={canWrite} />}
      <JobOutcome kind="explorations" job={x!} />
      {summary && (
        <>
          <div className="counters">
            {[
              ["states", summary.states],
              ["transitions", summary.transitions],
              ["depth", summary.depth],
              ["interleavings", summary.interleavings ?? "∞ / n.a."],
              ["deadlocks", summary.deadlocks],
              ["seconds", summary.seconds],
            ].map(([label, value]) => (
              <div key={label as string} className="counter" data-testid={`counter-${label}`}>
                <div className="value">{value ?? "—"}</div>
                <div className="label">{label}</div>
              </div>
            ))}
          </div>
          <div className="small muted">
            {summary.complete ? "Every reachable state was visited: the verdicts hold for every behavior." : `The search stopped at a bound (${summary.stopped_by}): “holds” means “not violated in the part explored”.`}
            {summary.terminal_states && Object.keys(summary.terminal_states).length > 0 && (
              <> Terminal states: {Object.entries(summary.terminal_states).map(([k, n]) => `${k} ${n}`).join(", ")}.</>
            )}
          </div>
          <div className="panel">
            <div className="panel-header">
              <h2>Verdicts</h2>
            </div>
            <table className="data" data-testid="verdicts">
              <thead>
                <tr>
                  <th>Property</th>
                  <th>Kind</th>
                  <th>Verdict</th>
                  <th>Counterexample</th>
                </tr>
              </thead>
              <tbody>
                {summary.properties.map((p) => (
                  <tr key={p.name} className={chosen === p.name ? "selected" : ""}>
                    <td>
                      <strong>{p.name}</strong>
                    </td>
                    <td>{p.kind === "always" ? "safety" : `liveness (${p.kind})`}</td>
                    <td>
                      <span className={`badge ${p.verdict === "holds" ? "ok" : p.verdict === "violated" ? "bad" : "warn"}`}>{p.verdict}</span>
                    </td>
                    <td>
                      {counterexamples[p.name] ? (
                        <button className="small" onClick={() => (setProperty(p.name), onCounterexampleStep(0))}>
                          {p.counterexample_length} steps{p.dead_end ? " (dead end)" : p.loop_length ? ` + loop of ${p.loop_length}` : ""}
                        </button>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {graph.isPending && x!.status === "succeeded" && <Loading label="Loading the state graph" />}
          {graph.isError && <ErrorMessage error={graph.error} />}
          {graph.data?.collapsed && (
            <div className="panel">
              <div className="panel-header">
                <h2>State graph</h2>
                <span className="muted small">collapsed by depth</span>
              </div>
              <BehaviorSpaceLevels graph={graph.data} />
            </div>
          )}
          {drawn && (
            <BehaviorSpacePanel
              exploration={explorationId!}
              graph={drawn}
              path={chosen}
              picked={picked}
              onPick={setPicked}
              limit={limit}
              onLimit={setLimit}
              holarchies={holarchies}
            />
          )}
          {(summary.serializability?.length ?? 0) > 0 && (
            <div className="panel">
              <div className="panel-header">
                <h2>Serializability</h2>
              </div>
              <div className="panel-body">
                <SerializabilityVerdicts summary={summary} holarchies={holarchies} />
              </div>
            </div>
          )}
          {trace && (
            <div className="panel">
              <div className="panel-header">
                <h2>Counterexample: {chosen}</h2>
                <span className="muted small">{trace.length} steps</span>
              </div>
              <div className="panel-body">
                <PathViewer trace={trace} step={step} onStep={onCounterexampleStep} holarchies={holarchies} testId="counterexample" />
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}
