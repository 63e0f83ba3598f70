const CLASS: Record<string, string> = { succeeded: "ok", failed: "bad", running: "accent", queued: "" };

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge ${CLASS[status] ?? ""}`} data-testid="run-status">
      {status}
    </span>
  );
}

export function ProgressBar({ value, tone }: { value: number; tone?: "bad" | "ok" }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  const color = tone === "bad" ? "var(--bad)" : tone === "ok" ? "var(--ok)" : undefined;
  return (
    <div className="progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <div style={{ width: `${pct}%`, background: color }} />
    </div>
  );
}
