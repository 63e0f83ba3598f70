import type { BreakingSummary } from "../../api/types-extra";
import { describeBreakingPoint, formatSweptValue } from "../../lib/sweep";

/** A breaking-point search's answer: the interval, what broke at its upper end, and the monotonicity caveat. */
export function BreakingPointPanel({ summary, parameter }: { summary: BreakingSummary; parameter: string }) {
  const { held, broke, width } = summary.breaking_point;
  const first = summary.points.find((p) => p.value === broke);
  return (
    <div className="stack breaking-point" style={{ gap: 6 }} data-testid="breaking-point" data-outcome={summary.outcome}>
      <h3>Breaking point</h3>
      <div data-testid="breaking-interval-text">
        {describeBreakingPoint(summary)}
        {held !== null && broke !== null && (
          <div className="mono small">
            {parameter} ∈ ({formatSweptValue(held)}, {formatSweptValue(broke)}] · width {formatSweptValue(width)}
          </div>
        )}
      </div>
      {first && first.reasons.length > 0 && (
        <ul className="small">
          {first.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {summary.non_monotone.length > 0 && (
        <div className="small" role="alert" style={{ color: "var(--bad)" }} data-testid="non-monotone">
          Not monotone:{" "}
          {summary.non_monotone.map((e) => `held at ${formatSweptValue(e.held)} above a break at ${formatSweptValue(e.broke)}`).join("; ")}. The
          interval is the one below the lowest break.
        </div>
      )}
      <p className="small muted" style={{ margin: 0, maxWidth: 380 }}>
        Assumes the SLOs hold below the breaking point and break above it; each round ran {summary.search.per_round} points ×{" "}
        {summary.search.seeds} seed{summary.search.seeds === 1 ? "" : "s"} inside the interval left by the round before.
      </p>
    </div>
  );
}

/** The search's rounds as they complete: each value a chip, green where the SLOs held, red where they broke. */
export function SearchRounds({ summary }: { summary: BreakingSummary }) {
  const held = new Map(summary.points.map((p) => [p.value, p.held]));
  return (
    <div className="panel" data-testid="search-rounds">
      <div className="panel-header">
        <h2>Rounds</h2>
        <span className="muted small">
          {summary.rounds.length} of at most {summary.max_rounds}
        </span>
      </div>
      <ol className="panel-body stack" style={{ gap: 6, margin: 0 }}>
        {summary.rounds.map((r) => (
          <li key={r.round} className="row small" style={{ gap: 6 }} data-round={r.round}>
            {r.values.map((v) => (
              <span key={v} className={`badge mono ${held.get(v) ? "ok" : "bad"}`} title={held.get(v) ? "held" : "broke"}>
                {formatSweptValue(v)}
              </span>
            ))}
          </li>
        ))}
        {summary.next_round.length > 0 && (
          <li className="row small muted" style={{ gap: 6 }} data-round="next">
            running: {summary.next_round.map(formatSweptValue).join(", ")}
          </li>
        )}
      </ol>
    </div>
  );
}
