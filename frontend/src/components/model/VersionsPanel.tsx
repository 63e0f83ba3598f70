import { useState } from "react";
import type { SystemModel } from "../../api/client";
import { useRestoreVersion } from "../../api/draftEdits";
import { useVersions } from "../../api/queries";
import { ConfirmButton } from "./ConfirmButton";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { VersionDiffView } from "./VersionDiffView";
import { ReviewStatusBadge } from "../reviews/ReviewStatusBadge";
import type { ReviewStatus } from "../../api/reviews";

/** The frozen versions of the model (runs refer to these), what changed between two of them, and restoring one into the draft. */
export function VersionsPanel({ model, canWrite }: { model: SystemModel; canWrite: boolean }) {
  const versions = useVersions(model.id);
  const restore = useRestoreVersion(model.id);
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
        {restore.isError && <ErrorMessage error={restore.error} />}
        {restore.isSuccess && !restore.isPending && <div className="panel-body small muted" role="status">Restored into the draft (undo brings the previous draft back).</div>}
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
                {canWrite && <th></th>}
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.id} className={v.id === to || v.id === from ? "selected" : ""}>
                  <td>
                    <strong>v{v.number}</strong> <ReviewStatusBadge status={v.review_status as ReviewStatus | null} />
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
                  {canWrite && (
                    <td className="nowrap">
                      <ConfirmButton
                        label={`Restore v${v.number}`}
                        text="Restore"
                        tone="primary"
                        confirm={`Replace the draft by v${v.number}`}
                        disabled={restore.isPending}
                        onConfirm={() => restore.mutate(v.id)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {list.length < 2 ? (
        <div className="panel empty">Save a second version to compare two versions.</div>
      ) : (
        <VersionDiffView versionId={to} againstId={from} model={model.id} />
      )}
    </div>
  );
}
