import { useEffect } from "react";
import { useDraftHistory, useTeammateChange, useUnsavedChanges } from "../../api/draftEdits";
import { ErrorMessage } from "../common/ErrorMessage";

/**
 * The state of the draft, above every tab: unsaved or saved, undo and redo of
 * this tab's edits (also Ctrl+Z / Ctrl+Shift+Z outside text fields), and a
 * warning when a teammate changed the draft under us.
 */
export function DraftBar({ model, canWrite }: { model: number; canWrite: boolean }) {
  const history = useDraftHistory(model);
  const teammate = useTeammateChange(model);
  const unsaved = useUnsavedChanges(model);
  useEffect(() => {
    if (!canWrite) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable=true]")) return;
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== "z" && e.key.toLowerCase() !== "y") return;
      e.preventDefault();
      const redo = e.key.toLowerCase() === "y" || e.shiftKey;
      if (redo && history.canRedo) history.redo();
      if (!redo && history.canUndo) history.undo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canWrite, history]);
  return (
    <div className="stack" style={{ gap: 8, marginBottom: 12 }}>
      <div className="draft-bar" data-testid="draft-bar">
        {unsaved === true && (
          <span className="badge unsaved" data-testid="unsaved">
            ● Unsaved changes in the draft
          </span>
        )}
        {unsaved === false && (
          <span className="badge ok" data-testid="unsaved">
            Draft saved as the latest version
          </span>
        )}
        {canWrite && (
          <>
            <button type="button" className="small" onClick={history.undo} disabled={!history.canUndo} title="Undo (Ctrl+Z)">
              ↶ Undo{history.depth.undo ? ` (${history.depth.undo})` : ""}
            </button>
            <button type="button" className="small" onClick={history.redo} disabled={!history.canRedo} title="Redo (Ctrl+Shift+Z)">
              ↷ Redo{history.depth.redo ? ` (${history.depth.redo})` : ""}
            </button>
          </>
        )}
        {history.busy && <span className="small muted">saving…</span>}
      </div>
      {teammate.changed && (
        <div className="teammate-warning" role="alert" data-testid="teammate-warning">
          <span>Someone else changed this draft since you loaded it. Your view may be out of date, and undo no longer applies.</span>
          <button type="button" className="small primary" onClick={() => void teammate.reload()} disabled={teammate.reloading}>
            Load their changes
          </button>
        </div>
      )}
      {history.error && <ErrorMessage error={history.error} title="Could not undo or redo" />}
    </div>
  );
}
