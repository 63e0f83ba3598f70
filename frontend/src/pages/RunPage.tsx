import { useCallback, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useCanWrite, useModel, useRun, useVersion } from "../api/queries";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { ErrorBudgetChart } from "../components/runs/ErrorBudgetChart";
import { HolonResults } from "../components/runs/HolonResults";
import { RunSerializability } from "../components/runs/RunSerializability";
import { RunCounters } from "../components/runs/RunCounters";
import { CompareWithPicker } from "../components/compare/CompareWithPicker";
import { JobOutcome, JobProgress } from "../components/jobs/JobProgress";
import { RunStatusBadge } from "../components/runs/RunStatusBadge";
import { SloTable } from "../components/runs/SloTable";
import { ViolationsList } from "../components/runs/ViolationsList";
import { RunViewer, type ViewerMode } from "../components/viewer/RunViewer";
import { CommentAction } from "../components/reviews/CommentAction";

/** One run: live progress while it goes, then its results and the step-by-step viewer. */
export function RunPage() {
  const { modelId, runId } = useParams();
  const model = useModel(Number(modelId));
  const run = useRun(runId);
  const version = useVersion(run.data?.version);
  const canWrite = useCanWrite(model.data?.workspace);
  const [params, setParams] = useSearchParams();
  const [slo, setSlo] = useState<string | undefined>();
  const set = useCallback(
    (key: string, value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setStep = useCallback((s: number) => set("step", String(s)), [set]);
  const setComponent = useCallback((c: string) => set("component", c), [set]);
  const setMode = useCallback((m: ViewerMode) => set("view", m), [set]);
  if (run.isPending) return <Loading label="Loading the run" />;
  if (run.isError) return <ErrorMessage error={run.error} />;
  const r = run.data;
  const summary = r.summary;
  const slos = summary?.slos ?? [];
  // Open the chart of the first missed SLO: that is where the budget burned.
  const chosenSlo = slos.find((s) => s.name === slo) ?? slos.find((s) => s.met === false) ?? slos[0];
  const showStep = (step: number) => {
    set("step", String(step));
    document.getElementById("viewer")?.scrollIntoView({ behavior: "smooth" });
  };
  return (
    <div className="stack">
      <div className="small muted">
        <Link to={`/models/${modelId}?tab=runs`}>{model.data?.name ?? "Model"}</Link> › Runs
      </div>
      <div className="row spread">
        <div>
          <h1>
            Run <span className="mono" style={{ fontSize: 16 }}>{r.id.slice(0, 8)}</span> <RunStatusBadge status={r.status} />
          </h1>
          <div className="muted small" style={{ marginTop: 4 }}>
            scenario <strong>{r.scenario || summary?.scenario || "none (no faults)"}</strong> · seed <strong>{r.seed}</strong>
            {r.stop_at_violation ? " · stops at the first violation" : ""}
            {r.until ? (
              <>
                {" "}
                · until <strong>{r.until}</strong>
              </>
            ) : null}{" "}
            · started {new Date(r.created_at).toLocaleString()}
          </div>
          {r.sweep && (
            <div className="muted small" style={{ marginTop: 2 }} data-testid="run-sweep">
              one run of a <Link to={`/models/${modelId}/sweeps/${r.sweep}`}>sweep</Link>
              {Object.entries((r.overrides ?? {}) as Record<string, unknown>).map(([path, value]) => (
                <span key={path}>
                  {" "}
                  with <code>{path}</code> = <strong>{JSON.stringify(value)}</strong>
                </span>
              ))}
            </div>
          )}
        </div>
        {summary && !r.sweep && !r.study && <CompareWithPicker kind="runs" model={Number(modelId)} job={r} />}
      </div>
      {(r.status === "queued" || r.status === "running") && <JobProgress kind="runs" job={r} doing="Simulating…" canCancel={canWrite} />}
      <JobOutcome kind="runs" job={r} />
      {summary && (
        <>
          <div className="panel">
            <div className="panel-header">
              <h2>Results</h2>
            </div>
            <div className="panel-body">
              <RunCounters summary={summary} />
            </div>
          </div>
          <div className="panel">
            <div className="panel-header">
              <h2>Safety and liveness</h2>
            </div>
            <div className="panel-body">
              <ViolationsList violations={summary.violations ?? []} properties={[...(summary.safety ?? []), ...(summary.liveness ?? [])]} onShowStep={showStep} />
            </div>
          </div>
          {(version.data?.document?.holarchies?.length ?? 0) > 0 && summary.slis && (
            <div className="panel">
              <div className="panel-header">
                <h2>SLIs per holon</h2>
                <span className="muted small">every holarchy, rolled up its tree</span>
              </div>
              <div className="panel-body">
                <HolonResults summary={summary} holarchies={version.data!.document.holarchies!} />
              </div>
            </div>
          )}
          {slos.length > 0 && (
            <div className="panel">
              <div className="panel-header">
                <h2>SLOs and error budgets</h2>
              </div>
              <SloTable slos={slos} selected={chosenSlo?.name} onSelect={setSlo} />
              {chosenSlo && (
                <div className="panel-body">
                  <h3 style={{ marginBottom: 8 }}>{chosenSlo.name}</h3>
                  <ErrorBudgetChart slo={chosenSlo} />
                </div>
              )}
            </div>
          )}
          {version.data?.document && <RunSerializability model={Number(modelId)} version={r.version} document={version.data.document} canWrite={canWrite} />}
          <div id="viewer">
            {r.status === "succeeded" && (
              <CommentAction model={Number(modelId)} anchor={{ anchor_kind: "run_step", run: r.id, step: Number(params.get("step") ?? 0) }} what={`step ${Number(params.get("step") ?? 0)}`} />
            )}
            {r.status === "succeeded" && (
              <RunViewer
                runId={r.id}
                summary={summary}
                document={version.data?.document}
                step={Number(params.get("step") ?? 0)}
                component={params.get("component") ?? undefined}
                mode={params.get("view") === "office" ? "office" : "viewer"}
                onStep={setStep}
                onComponent={setComponent}
                onMode={setMode}
              />
            )}
          </div>
        </>
      )}
    </div>
  );
}
