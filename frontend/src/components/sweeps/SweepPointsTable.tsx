import { Link } from "react-router-dom";
import type { Run } from "../../api/client";
import type { SweepPoint } from "../../api/types-extra";
import { formatPercent } from "../../lib/chart";
import { formatSweptValue, metColor, runMatchesValue } from "../../lib/sweep";

interface Props {
  model: number;
  parameter: string;
  points: SweepPoint[];
  slos: string[];
  runs: Run[];
}

/** Per swept value: runs, violations, each SLO's mean SLI and share of seeds meeting it, and links to every run. */
export function SweepPointsTable({ model, parameter, points, slos, runs }: Props) {
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data" data-testid="sweep-points">
        <thead>
          <tr>
            <th className="mono">{parameter || "value"}</th>
            <th>Runs</th>
            <th>Violations</th>
            {slos.map((s) => (
              <th key={s}>{s}</th>
            ))}
            <th>Individual runs</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => {
            const own = runs.filter((r) => runMatchesValue(r.overrides, parameter, p.value)).sort((a, b) => (a.seed ?? 0) - (b.seed ?? 0));
            return (
              <tr key={i} data-value={formatSweptValue(p.value)}>
                <td className="mono">{formatSweptValue(p.value)}</td>
                <td className="nowrap">
                  {p.runs}
                  {p.failed_runs > 0 && <span className="badge bad" style={{ marginLeft: 6 }}>{p.failed_runs} failed</span>}
                </td>
                <td>
                  <span className={`badge ${p.violations > 0 ? "bad" : "ok"}`}>{p.violations}</span>
                </td>
                {slos.map((name) => {
                  const s = p.slos?.[name];
                  if (!s) return <td key={name} className="muted">—</td>;
                  return (
                    <td key={name} className="nowrap">
                      <span className="mono">{s.sli === null ? "no data" : formatPercent(s.sli)}</span>{" "}
                      <span className="badge" style={{ background: metColor(s.met_fraction), color: "#fff" }} title="share of seeds meeting the SLO">
                        met {formatPercent(s.met_fraction, 0)}
                      </span>
                      <div className="small muted">budget used {formatPercent(s.budget_consumed, 0)}</div>
                      {s.runs_with_too_few_requests ? <div className="small warn-text">{s.runs_with_too_few_requests} run(s): too few requests to judge</div> : null}
                    </td>
                  );
                })}
                <td>
                  <div className="row" style={{ gap: 6 }}>
                    {own.map((r) => (
                      <Link key={r.id} to={`/models/${model}/runs/${r.id}`} className={`badge ${r.status === "failed" ? "bad" : (r.summary?.violations?.length ?? 0) > 0 ? "warn" : ""}`} title={`run ${r.id.slice(0, 8)} (${r.status})`}>
                        seed {r.seed}
                      </Link>
                    ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
