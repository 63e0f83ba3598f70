import { useNavigate } from "react-router-dom";
import type { SystemModel } from "../../api/client";
import { useSweeps, useVersions } from "../../api/queries";
import { formatSweptValue } from "../../lib/sweep";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { ProgressBar, RunStatusBadge } from "../runs/RunStatusBadge";
import { SweepForm } from "./SweepForm";

/** Start a sweep, and the model's sweeps with their live progress; click one for its charts. */
export function SweepsPanel({ model, canWrite }: { model: SystemModel; canWrite: boolean }) {
  const sweeps = useSweeps({ model: model.id });
  const versions = useVersions(model.id);
  const navigate = useNavigate();
  const number = (id: number) => versions.data?.find((v) => v.id === id)?.number;
  return (
    <div className="stack">
      {canWrite && <SweepForm model={model} />}
      <div className="panel">
        <div className="panel-header">
          <h2>Sweeps</h2>
        </div>
        {sweeps.isPending && <Loading />}
        {sweeps.isError && <ErrorMessage error={sweeps.error} />}
        {sweeps.data?.length === 0 && <p className="empty">No sweeps yet.</p>}
        {sweeps.data && sweeps.data.length > 0 && (
          <table className="data" data-testid="sweeps-table">
            <thead>
              <tr>
                <th>Started</th>
                <th>Version</th>
                <th>Scenario</th>
                <th>Parameter</th>
                <th>Values</th>
                <th>Seeds</th>
                <th>Status</th>
                <th style={{ width: 200 }}>Runs</th>
              </tr>
            </thead>
            <tbody>
              {sweeps.data.map((s) => (
                <tr key={s.id} className="clickable" onClick={() => navigate(`/models/${model.id}/sweeps/${s.id}`)}>
                  <td className="nowrap">{new Date(s.created_at).toLocaleString()}</td>
                  <td>v{number(s.version) ?? "?"}</td>
                  <td>{s.scenario || <span className="muted">none</span>}</td>
                  <td className="mono small">{s.parameter || <span className="muted">seeds only</span>}</td>
                  <td className="small">{(s.values ?? []).map(formatSweptValue).join(", ") || "—"}</td>
                  <td>{s.seeds}</td>
                  <td>
                    <RunStatusBadge status={s.status} />
                  </td>
                  <td>
                    <div className="row" style={{ gap: 8, flexWrap: "nowrap" }}>
                      <ProgressBar value={s.runs_total ? s.runs_done / s.runs_total : 0} />
                      <span className="small muted nowrap">
                        {s.runs_done}/{s.runs_total}
                      </span>
                    </div>
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
