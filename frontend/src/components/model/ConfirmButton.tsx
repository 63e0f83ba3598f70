import { useState } from "react";

/** A delete button that asks once more in place ("Delete x?" → "Yes, delete") before acting. */
export function ConfirmButton({ label, confirm, onConfirm, disabled }: { label: string; confirm: string; onConfirm: () => void; disabled?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="small danger" onClick={() => setAsking(true)} disabled={disabled} aria-label={label}>
        Delete
      </button>
    );
  return (
    <span className="row nowrap" style={{ gap: 6, flexWrap: "nowrap" }}>
      <button type="button" className="small danger" onClick={() => (setAsking(false), onConfirm())} disabled={disabled}>
        {confirm}
      </button>
      <button type="button" className="small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
