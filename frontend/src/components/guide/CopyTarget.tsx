import type { Workspace } from "../../api/client";

/** Which of the caller's workspaces a read-only model is copied into. */
export function CopyTarget({
  workspaces,
  value,
  onChange,
}: {
  workspaces: Workspace[];
  value: number | undefined;
  onChange: (workspace: number) => void;
}) {
  if (workspaces.length <= 1) return null;
  return (
    <label className="small row" style={{ gap: 6 }}>
      into
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid="copy-target">
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}
