import { useState } from "react";
import type { SystemModel } from "../../api/client";
import { useVersions } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { VersionDiffView } from "./VersionDiffView";

/** The frozen versions of the model (runs refer to these), and what changed between two of them. */
export function VersionsPanel({ model }: { model: SystemModel; canWrite: boolean }) {
  const versions = useVersions(model.id);
  const [newer, setNewer] = useState<number | undefined>();
  const [older, setOlder] = useState<number | undefined>();
  const list = versions.data ?? [];
  const to = newer ?? list[0]?.id;
  const from = older ?? list[1]?.id;
  return (
    <div className="stack">
      <div className="panel">
        <div className="panel-header">
          <h2>Versions</h2>
          <span className="muted small">immutable snapshots, addressed by content hash; use “Save version” above to freeze the draft</span>
        </div>
        {versions.isPending && <Loading />}
        {versions.isError && <ErrorMessage error={versions.error} />}
        {versions.data && (
          <table className="data" data-testid="versions-table">
            <thead>
              <tr>
                <th>Version</th>
                <th>Message</th>
                <th>By</th>
                <th>Saved</th>
                <th>Hash</th>
                <th>Compare</th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.id} className={v.id === to || v.id === from ? "selected" : ""}>
                  <td>
                    <strong>v{v.number}</strong>
                  </td>
                  <td>{v.message || <span className="muted">—</span>}</td>
                  <td>{v.created_by ?? "—"}</td>
                  <td className="nowrap">{new Date(v.created_at).toLocaleString()}</td>
                  <td className="mono small">{v.content_hash.slice(0, 12)}</td>
                  <td className="row" style={{ gap: 10 }}>
                    <label className="small">
                      <input type="radio" name="older" checked={v.id === from} onChange={() => setOlder(v.id)} /> from
                    </label>
                    <label className="small">
                      <input type="radio" name="newer" checked={v.id === to} onChange={() => setNewer(v.id)} /> to
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {list.length < 2 ? (
        <div className="panel empty">Save a second version to compare two versions.</div>
      ) : (
        <VersionDiffView versionId={to} againstId={from} />
      )}
    </div>
  );
}
