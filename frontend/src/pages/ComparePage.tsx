import { Link, useParams } from "react-router-dom";
import type { ComparedJob } from "../api/client";
import { useComparison, useModel } from "../api/queries";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { MetricChanges, VerdictChanges } from "../components/compare/ChangeTables";
import { JobBreadcrumb } from "../components/jobs/JobBreadcrumb";
import { VersionDiffView } from "../components/model/VersionDiffView";
import { RunStatusBadge } from "../components/runs/RunStatusBadge";
import { isComparableKind, KIND_NOUN, KIND_TAB } from "../lib/compare";

/** Two runs, sweeps or studies of one model side by side: the headline, the verdicts that changed, the
 * measurements that moved holon by holon, and beside them the diff of the two versions. */
export function ComparePage() {
  const { modelId, kind, a, b } = useParams();
  const model = useModel(Number(modelId));
  const valid = isComparableKind(kind);
  const comparison = useComparison(valid ? kind : "runs", valid ? a : undefined, b);
  if (!valid) return <p className="empty">Nothing here: runs, sweeps and studies can be compared.</p>;
  if (comparison.isPending) return <Loading label="Comparing" />;
  if (comparison.isError) return <ErrorMessage error={comparison.error} title="Cannot compare these two" />;
  const c = comparison.data;
  const noun = KIND_NOUN[kind];
  const side = (which: "a" | "b", job: ComparedJob) => (
    <div className="panel panel-body compare-side" data-testid={`compare-side-${which}`}>
      <div className="small muted">{which === "a" ? "a (older)" : "b (newer)"}</div>
      <div>
        <Link to={`/models/${modelId}/${kind}/${job.id}`}>
          {noun} of <strong>v{job.version_number}</strong>
        </Link>{" "}
        <RunStatusBadge status={job.status} />
      </div>
      {job.version_message && <div className="small">“{job.version_message}”</div>}
      <div className="small muted">
        {job.detail} · started {new Date(job.created_at).toLocaleString()}
      </div>
    </div>
  );
  return (
    <div className="stack">
      <JobBreadcrumb model={Number(modelId)} name={model.data?.name} tab={KIND_TAB[kind]} label="Comparison" />
      <h1>Comparison of two {kind === "studies" ? "level studies" : kind}</h1>
      <div className={`panel panel-body study-verdict ${c.comparison.worse ? "bad" : "ok"}`} data-testid="compare-headline">
        <strong>{c.headline}</strong>
        <div className="small muted" style={{ marginTop: 4 }}>
          {c.comparison.better} better, {c.comparison.worse} worse
          {c.comparison.notes.map((n) => (
            <span key={n}> · {n}</span>
          ))}
        </div>
      </div>
      <div className="row compare-sides" style={{ alignItems: "stretch" }}>
        {side("a", c.a)}
        <span className="muted" aria-hidden="true" style={{ alignSelf: "center" }}>
          →
        </span>
        {side("b", c.b)}
      </div>
      <div className="compare-layout">
        <div className="stack">
          <div className="panel">
            <div className="panel-header">
              <h2>Verdicts that changed</h2>
              <span className="muted small">{c.comparison.verdicts.length}</span>
            </div>
            <VerdictChanges changes={c.comparison.verdicts} />
          </div>
          <div className="panel">
            <div className="panel-header">
              <h2>Measurements that moved</h2>
              <span className="muted small">per holon, level or failure: {c.comparison.metrics.length}</span>
            </div>
            <MetricChanges changes={c.comparison.metrics} />
          </div>
        </div>
        <aside className="stack">
          {c.a.version === c.b.version ? (
            <div className="panel panel-body muted small">Both are of v{c.a.version_number}: the model did not change.</div>
          ) : (
            <VersionDiffView versionId={c.b.version} againstId={c.a.version} />
          )}
        </aside>
      </div>
    </div>
  );
}
