import { Link, useParams } from "react-router-dom";
import { useCanWrite, useModel, useSweep, useSweepRuns, useVersion } from "../api/queries";
import type { BreakingSummary, SweepSummary } from "../api/types-extra";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { CompareWithPicker } from "../components/compare/CompareWithPicker";
import { RunsProgress } from "../components/jobs/JobProgress";
import { RunStatusBadge } from "../components/runs/RunStatusBadge";
import { MetLegend, SloSweepChart } from "../components/sweeps/SloSweepChart";
import { SweepPointsTable } from "../components/sweeps/SweepPointsTable";
import { BreakingPointPanel, SearchRounds } from "../components/sweeps/BreakingPoint";
import { ViolationsBarChart } from "../components/sweeps/ViolationsBarChart";
import { firstBreak, formatSweptValue, isBreakingSummary, runMatchesValue, sloSweepSeries, sweptSloNames, verdictsByValue } from "../lib/sweep";

/**
 * One sweep: live progress over its runs, then each SLO against the swept value, violations per value and the
 * points; a breaking-point search also shows its rounds as they complete and the interval it narrowed to.
 */
export function SweepPage() {
  const { modelId, sweepId } = useParams();
  const model = useModel(Number(modelId));
  const sweep = useSweep(sweepId);
  const runs = useSweepRuns(sweepId, sweep.data?.status);
  const version = useVersion(sweep.data?.version);
  const canWrite = useCanWrite(model.data?.workspace);
  if (sweep.isPending) return <Loading label="Loading the sweep" />;
  if (sweep.isError) return <ErrorMessage error={sweep.error} />;
  const s = sweep.data;
  const parameter = s.parameter ?? "";
  const summary = s.summary as SweepSummary | null;
  const points = summary?.points ?? [];
  const slos = sweptSloNames(points);
  const breaks = firstBreak(points);
  const search: BreakingSummary | null = isBreakingSummary(summary) ? summary : null;
  const searching = s.mode === "breaking_point";
  const sloSpec = (name: string) => version.data?.document.slos?.find((o) => o.name === name);
  const kind = searching ? "Breaking point of" : parameter.startsWith("links/") ? "Fault sweep" : s.parameter ? "Load sweep" : "Seed sweep";
  const verdicts = search ? verdictsByValue(search) : undefined;
  const runLink = (x: number) => {
    const run = (runs.data ?? []).filter((r) => runMatchesValue(r.overrides, parameter, x)).sort((a, b) => (a.seed ?? 0) - (b.seed ?? 0))[0];
    return run ? `/models/${modelId}/runs/${run.id}` : undefined;
  };
  return (
    <div className="stack">
      <div className="small muted">
        <Link to={`/models/${modelId}?tab=sweeps`}>{model.data?.name ?? "Model"}</Link> › Sweeps
      </div>
      <div>
        <h1>
          {kind} <span className="mono" style={{ fontSize: 16 }}>{s.parameter || s.id.slice(0, 8)}</span> <RunStatusBadge status={s.status} />
        </h1>
        <div className="muted small" style={{ marginTop: 4 }}>
          version <strong>v{version.data?.number ?? "…"}</strong> · scenario <strong>{s.scenario || "none"}</strong>
          {s.parameter && searching && s.search ? (
            <>
              {" "}
              · interval <strong>[{formatSweptValue(s.search.low)}, {formatSweptValue(s.search.high)}]</strong> to{" "}
              <strong>{formatSweptValue(s.search.resolution)}</strong>, <strong>{s.search.per_round}</strong> points per round
            </>
          ) : s.parameter ? (
            <>
              {" "}
              · values <strong>{(s.values ?? []).map(formatSweptValue).join(", ")}</strong>
            </>
          ) : null}{" "}
          · <strong>{s.seeds}</strong> seed{s.seeds === 1 ? "" : "s"} each
          {s.until ? (
            <>
              {" "}
              · until <strong>{s.until}</strong>
            </>
          ) : null}{" "}
          · started {new Date(s.created_at).toLocaleString()}
        </div>
      </div>
      {summary && s.finished_at && <CompareWithPicker kind="sweeps" model={Number(modelId)} job={s} />}
      <RunsProgress
        kind="sweeps"
        job={s}
        doing={searching ? `Searching: round ${(search?.rounds.length ?? 0) + 1} of at most ${search?.max_rounds ?? "…"}…` : "Simulating in parallel…"}
        canCancel={canWrite}
      />
      {search && <SearchRounds summary={search} />}
      {summary && points.length > 0 && (
        <>
          <div className="panel">
            <div className="panel-header">
              <h2>SLOs across the sweep</h2>
              <div className="spacer" />
              <MetLegend breaking={!!search} />
            </div>
            <div className="panel-body sweep-charts">
              {slos.length === 0 && <p className="muted small">This version has no SLOs.</p>}
              {slos.map((name) => {
                const spec = sloSpec(name);
                return (
                  <figure key={name} className="sweep-chart" data-slo={name}>
                    <figcaption>
                      <strong>{name}</strong>
                      <span className="muted small">
                        {" "}
                        {spec?.sli ?? ""}
                        {spec?.holon ? ` at ${spec.holarchy}/${spec.holon}` : ""}
                      </span>
                    </figcaption>
                    <SloSweepChart
                      slo={name}
                      points={sloSweepSeries(points, name)}
                      objective={spec?.objective}
                      parameter={parameter || "seed set"}
                      search={search && verdicts ? { ...search.breaking_point, verdicts } : undefined}
                      runLink={runLink}
                      width={600}
                    />
                  </figure>
                );
              })}
            </div>
          </div>
          <div className="panel">
            <div className="panel-header">
              <h2>Safety and liveness violations per value</h2>
            </div>
            <div className="panel-body row" style={{ alignItems: "flex-start", gap: 32 }}>
              <ViolationsBarChart points={points} parameter={parameter} width={600} />
              {search ? (
                <BreakingPointPanel summary={search} parameter={parameter} />
              ) : (
              <div className="stack breaking-point" style={{ gap: 6 }} data-testid="breaking-point">
                <h3>Breaking point</h3>
                {breaks ? (
                  <>
                    <div>
                      First trouble at <code>{parameter || "value"}</code> = <strong className="mono">{formatSweptValue(breaks.value)}</strong>
                    </div>
                    <ul className="small">
                      {breaks.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <div>Every SLO met by every seed at every value, and no property violated.</div>
                )}
                <p className="small muted" style={{ margin: 0, maxWidth: 380 }}>
                  {kind === "Fault sweep"
                    ? "Reliability: how much loss or duplication the system tolerates while still meeting its SLOs."
                    : "Scalability: how far the load can grow before the SLOs are missed."}
                </p>
              </div>
              )}
            </div>
          </div>
          <div className="panel">
            <div className="panel-header">
              <h2>Points</h2>
              <span className="muted small">means over the seeds of each value; open a run for its trace</span>
            </div>
            <SweepPointsTable model={Number(modelId)} parameter={parameter} points={points} slos={slos} runs={runs.data ?? []} />
          </div>
        </>
      )}
    </div>
  );
}
