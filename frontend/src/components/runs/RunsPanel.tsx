import { useNavigate } from "react-router-dom";
import type { SystemModel } from "../../api/client";
import { useRuns, useVersions } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { RunForm } from "./RunForm";
import { ProgressBar, RunStatusBadge } from "./RunStatusBadge";

/** Start a run, and the model's runs with their live progress; click one for its results and trace. */
export function RunsPanel({ model, canWrite }: { model: SystemModel; canWrite: boolean }) {
  const runs = useRuns({ model: model.id });
  const versions = useVersions(model.id);
  const navigate = useNavigate();
  const number = (id: number) => versions.data?.find((v) => v.id === id)?.number;
  return (
    <div className="stack">
      {canWrite && <RunForm model={model} />}
      <div className="panel">
        <div className="panel-header">
          <h2>Runs</h2>
        </div>
        {runs.isPending && <Loading />}
        {runs.isError && <ErrorMessage error={runs.error} />}
        {runs.data?.length === 0 && <p className="empty">No runs yet.</p>}
        {runs.data && runs.data.length > 0 && (
          <table className="data" data-testid="runs-table">
            <thead>
              <tr>
                <th>Started</th>
                <th>Version</th>
                <th>Scenario</th>
                <th>Seed</th>
                <th>Status</th>
                <th style={{ width: 180 }}>Progress</th>
                <th>Steps</th>
                <th>Violations</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id} className="clickable" onClick={() => navigate(`/models/${model.id}/runs/${r.id}`)}>
                  <td className="nowrap">{new Date(r.created_at).toLocaleString()}</td>
                  <td>v{number(r.version) ?? "?"}</td>
                  <td>{r.scenario || r.summary?.scenario || <span className="muted">default</span>}</td>
                  <td>{r.seed}</td>
                  <td>
                    <RunStatusBadge status={r.status} />
                  </td>
                  <td>
                    <ProgressBar value={r.progress} />
                  </td>
                  <td>{r.summary?.steps ?? "—"}</td>
                  <td>
                    {r.summary ? (
                      (r.summary.violations?.length ?? 0) > 0 ? (
                        <span className="badge bad">{r.summary.violations!.length}</span>
                      ) : (
                        <span className="badge ok">0</span>
                      )
                    ) : (
                      "—"
                    )}
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
