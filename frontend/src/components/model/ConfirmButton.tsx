import { useState } from "react";

/** A button for an action that cannot be taken back by itself (delete, replace): it asks once more in place before acting. */
export function ConfirmButton({ label, confirm, onConfirm, disabled, text = "Delete", tone = "danger" }: {
  label: string;
  confirm: string;
  onConfirm: () => void;
  disabled?: boolean;
  text?: string;
  tone?: "danger" | "primary";
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className={`small ${tone}`} onClick={() => setAsking(true)} disabled={disabled} aria-label={label}>
        {text}
      </button>
    );
  return (
    <span className="row nowrap" style={{ gap: 6, flexWrap: "nowrap" }}>
      <button type="button" className={`small ${tone}`} onClick={() => (setAsking(false), onConfirm())} disabled={disabled}>
        {confirm}
      </button>
      <button type="button" className="small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
