import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import type { SystemModel } from "../../api/client";
import { useExplorations, useStartExploration } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { ProgressBar, RunStatusBadge } from "../runs/RunStatusBadge";
import { useChosenVersion, VersionSelect } from "../runs/JobFields";

/** Enumerate every behavior of a version (within bounds) and check its properties on all of them. */
export function ExplorationsPanel({ model, canWrite }: { model: SystemModel; canWrite: boolean }) {
  const { versions, version, setVersion } = useChosenVersion(model.id);
  const explorations = useExplorations({ model: model.id });
  const start = useStartExploration();
  const navigate = useNavigate();
  const [maxStates, setMaxStates] = useState("200000");
  const [maxDepth, setMaxDepth] = useState("");
  const [maxSeconds, setMaxSeconds] = useState("60");
  const number = (id: number) => versions.data?.find((v) => v.id === id)?.number;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!version) return;
    start.mutate(
      { version, max_states: Number(maxStates) || 200000, max_depth: maxDepth ? Number(maxDepth) : null, max_seconds: Number(maxSeconds) || 60 },
      { onSuccess: (x) => navigate(`/models/${model.id}/explorations/${x.id}`) },
    );
  };
  return (
    <div className="stack">
      {canWrite && (
        <form className="panel" onSubmit={submit} aria-label="Explore the behavior space">
          <div className="panel-header">
            <h2>Explore the behavior space</h2>
            <span className="muted small">every interleaving of steps, not one sampled run</span>
          </div>
          <div className="panel-body row" style={{ alignItems: "flex-end" }}>
            <VersionSelect versions={versions.data} value={version} onChange={setVersion} />
            <label className="field">
              Max states
              <input type="number" min={1} value={maxStates} onChange={(e) => setMaxStates(e.target.value)} style={{ width: 120 }} />
            </label>
            <label className="field">
              Max depth
              <input type="number" min={1} value={maxDepth} placeholder="none" onChange={(e) => setMaxDepth(e.target.value)} style={{ width: 100 }} />
            </label>
            <label className="field">
              Max seconds
              <input type="number" min={1} value={maxSeconds} onChange={(e) => setMaxSeconds(e.target.value)} style={{ width: 100 }} />
            </label>
            <button className="primary" type="submit" disabled={!version || start.isPending}>
              Explore
            </button>
          </div>
          {start.isError && (
            <div className="panel-body" style={{ paddingTop: 0 }}>
              <ErrorMessage error={start.error} />
            </div>
          )}
        </form>
      )}
      <div className="panel">
        <div className="panel-header">
          <h2>Explorations</h2>
        </div>
        {explorations.isPending && <Loading />}
        {explorations.isError && <ErrorMessage error={explorations.error} />}
        {explorations.data?.length === 0 && <p className="empty">No exploration yet.</p>}
        {explorations.data && explorations.data.length > 0 && (
          <table className="data" data-testid="explorations-table">
            <thead>
              <tr>
                <th>Started</th>
                <th>Version</th>
                <th>Status</th>
                <th style={{ width: 160 }}>Progress</th>
                <th>States</th>
                <th>Complete</th>
                <th>Verdicts</th>
              </tr>
            </thead>
            <tbody>
              {explorations.data.map((x) => (
                <tr key={x.id} className="clickable" onClick={() => navigate(`/models/${model.id}/explorations/${x.id}`)}>
                  <td className="nowrap">{new Date(x.created_at).toLocaleString()}</td>
                  <td>v{number(x.version) ?? "?"}</td>
                  <td>
                    <RunStatusBadge status={x.status} />
                  </td>
                  <td>
                    <ProgressBar value={x.progress} />
                  </td>
                  <td>{x.summary?.states ?? "—"}</td>
                  <td>{x.summary ? (x.summary.complete ? "yes" : "bounded") : "—"}</td>
                  <td className="row" style={{ gap: 4 }}>
                    {(x.summary?.properties ?? []).map((p) => (
                      <span key={p.name} className={`badge ${p.verdict === "holds" ? "ok" : p.verdict === "violated" ? "bad" : "warn"}`}>
                        {p.name}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
