const CLASS: Record<string, string> = { succeeded: "ok", failed: "bad", timed_out: "bad", running: "accent", queued: "", cancelled: "" };

/** A job's status (run, sweep or exploration), e.g. "timed out". */
export function RunStatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge ${CLASS[status] ?? ""}`} data-testid="run-status" data-status={status}>
      {status.replace("_", " ")}
    </span>
  );
}

export function ProgressBar({ value, tone, label = "progress" }: { value: number; tone?: "bad" | "ok"; label?: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  const color = tone === "bad" ? "var(--bad)" : tone === "ok" ? "var(--ok)" : undefined;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <div style={{ width: `${pct}%`, background: color }} />
    </div>
  );
}
