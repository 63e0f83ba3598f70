import { useMemo, useState } from "react";
import { useParams } from "react-router-dom";
import { useCanWrite, useExploration, useModel } from "../api/queries";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { BehaviorSpaceGraph } from "../components/explore/BehaviorSpaceGraph";
import { CounterexampleTrace } from "../components/explore/CounterexampleTrace";
import { ExploredStateView } from "../components/explore/ExploredStateView";
import { JobBreadcrumb } from "../components/jobs/JobBreadcrumb";
import { JobOutcome, JobProgress } from "../components/jobs/JobProgress";
import { RunStatusBadge } from "../components/runs/RunStatusBadge";
import { matchPath } from "../lib/stateGraph";

/** One exploration: size of the behavior space, a verdict per property, the graph and the counterexamples. */
export function ExplorationPage() {
  const { modelId, explorationId } = useParams();
  const model = useModel(Number(modelId));
  const exploration = useExploration(explorationId);
  const canWrite = useCanWrite(model.data?.workspace);
  const [property, setProperty] = useState<string | undefined>();
  const [step, setStep] = useState(0);
  const [picked, setPicked] = useState<number | undefined>();
  const x = exploration.data;
  const summary = x?.summary;
  const counterexamples = summary?.counterexamples ?? {};
  const names = Object.keys(counterexamples);
  const chosen = property && counterexamples[property] ? property : names[0];
  const trace = chosen ? counterexamples[chosen] : undefined;
  const highlight = useMemo(() => {
    if (!trace || !x?.graph || x.graph.collapsed) return undefined;
    return matchPath(x.graph.nodes, trace.steps.map((s) => s.state));
  }, [trace, x?.graph]);
  const pickedState =
    picked !== undefined && x?.graph && !x.graph.collapsed ? x.graph.nodes.find((n) => n.id === picked)?.state : undefined;
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
                        <button className="small" onClick={() => (setProperty(p.name), setStep(0))}>
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
          {x!.graph && (
            <div className="panel">
              <div className="panel-header">
                <h2>State graph</h2>
                <span className="muted small">
                  {x!.graph.collapsed ? "collapsed by depth" : `${x!.graph.nodes.length} states · red: violates safety · square: terminal · ringed: initial`}
                </span>
              </div>
              <BehaviorSpaceGraph graph={x!.graph} highlight={highlight} current={picked ?? highlight?.ids[step]} onSelect={setPicked} />
              {pickedState && (
                <div className="panel-body">
                  <ExploredStateView state={pickedState} title={`State ${picked}`} />
                </div>
              )}
            </div>
          )}
          {trace && (
            <div className="panel">
              <div className="panel-header">
                <h2>Counterexample: {chosen}</h2>
                <span className="muted small">{trace.length} steps</span>
              </div>
              <div className="panel-body">
                <CounterexampleTrace trace={trace} step={step} onStep={setStep} />
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}
