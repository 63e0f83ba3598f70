import type { SloResult } from "../../api/types-extra";
import { budgetConsumedSeries, burnSeries } from "../../lib/slo";
import { LineChart } from "../charts/LineChart";

/** How fast the run burned an SLO's error budget (per window) and how much of it was used over time. */
export function ErrorBudgetChart({ slo }: { slo: SloResult }) {
  return (
    <div className="row" style={{ alignItems: "flex-start", gap: 24 }} data-testid="burn-chart">
      <div>
        <div className="small muted">
          Burn rate per {slo.burn ? `${+slo.burn.width.toFixed(3)} of virtual time (${slo.burn.points.length} steps; the SLO is judged per window of ${slo.window})` : `window of ${slo.window ?? "?"}`} · 1× uses the budget exactly
        </div>
        <LineChart
          series={[{ name: "burn rate", color: "#4f46e5", points: burnSeries(slo), step: true }]}
          references={[{ y: 1, label: "1× budget", color: "#dc2626" }]}
          xLabel="virtual time"
          yLabel="burn rate"
          yFormat={(v) => `${+v.toFixed(2)}×`}
        />
      </div>
      <div>
        <div className="small muted">Error budget used so far</div>
        <LineChart
          series={[{ name: "budget used", color: "#d97706", points: budgetConsumedSeries(slo) }]}
          references={[{ y: 1, label: "budget exhausted", color: "#dc2626" }]}
          xLabel="virtual time"
          yLabel="budget used"
          yFormat={(v) => `${Math.round(v * 100)}%`}
        />
      </div>
    </div>
  );
}
