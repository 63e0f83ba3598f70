import type { RunSummary } from "../../api/types-extra";
import { formatPercent } from "../../lib/chart";

/** The run in numbers: steps, messages and what the network did to them, crashes. */
export function RunCounters({ summary }: { summary: RunSummary }) {
  const m = summary.messages ?? {};
  const items: [string, number | string | undefined, boolean?][] = [
    ["steps", summary.steps],
    ["virtual time", summary.end_time !== undefined ? +summary.end_time.toFixed(2) : undefined],
    ["messages sent", m.sent],
    ["delivered", m.delivered],
    ["dropped", m.dropped, (m.dropped ?? 0) > 0],
    ["duplicated", m.duplicated, (m.duplicated ?? 0) > 0],
    ["still in flight", m.in_flight],
    ["crashes", summary.crashes, (summary.crashes ?? 0) > 0],
    ["recoveries", summary.recoveries],
    ["requests", summary.requests],
    ["availability", summary.availability === undefined ? undefined : formatPercent(summary.availability)],
    ["violations", summary.violations?.length ?? 0, (summary.violations?.length ?? 0) > 0],
  ];
  const droppedBy = Object.entries(m.dropped_by ?? {}).filter(([, n]) => n > 0);
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="counters" data-testid="run-counters">
        {items
          .filter(([, v]) => v !== undefined)
          .map(([label, value, bad]) => (
            <div key={label} className={`counter${bad ? " bad" : ""}`}>
              <div className="value">{value}</div>
              <div className="label">{label}</div>
            </div>
          ))}
      </div>
      {droppedBy.length > 0 && (
        <div className="small muted">
          Dropped by: {droppedBy.map(([why, n]) => `${why} ${n}`).join(" · ")}
        </div>
      )}
      {summary.stopped && (
        <div className="small muted">
          Stopped because: <strong>{STOPPED[summary.stopped] ?? summary.stopped}</strong>
        </div>
      )}
    </div>
  );
}

const STOPPED: Record<string, string> = {
  until: "the time limit was reached",
  quiescent: "nothing was left to happen (no message in flight, no timer)",
  max_steps: "the step limit was reached",
  violation: "a safety property was violated",
};
