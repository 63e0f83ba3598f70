import type { SweepPoint } from "../../api/types-extra";
import { AxisTitles, YGrid } from "../charts/Axes";
import { formatNumber, linearScale, niceDomain, ticks } from "../../lib/chart";
import { formatSweptValue } from "../../lib/sweep";

const M = { top: 16, right: 18, bottom: 38, left: 48 };

/** Safety and liveness violations summed over the seeds of each swept value, one bar per value. */
export function ViolationsBarChart({ points, parameter, width = 560, height = 240 }: { points: SweepPoint[]; parameter: string; width?: number; height?: number }) {
  if (points.length === 0) return null;
  const [, top] = niceDomain(0, Math.max(1, ...points.map((p) => p.violations)), 4);
  const y = linearScale([0, top], [height - M.bottom, M.top]);
  const band = (width - M.left - M.right) / points.length;
  const bar = Math.min(56, band * 0.62);
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="violations per value" className="chart" data-testid="violations-chart">
      <YGrid values={ticks(0, top, 4).filter((t) => Number.isInteger(t))} y={y} m={M} width={width} format={formatNumber} />
      {points.map((p, i) => {
        const cx = M.left + band * (i + 0.5);
        const h = y(0) - y(p.violations);
        return (
          <g key={i}>
            <rect x={cx - bar / 2} y={y(p.violations)} width={bar} height={Math.max(h, 0)} rx={3} fill={p.violations > 0 ? "#d92d20" : "#12a150"} opacity={0.85}>
              <title>{`${formatSweptValue(p.value)}: ${p.violations} violation${p.violations === 1 ? "" : "s"} over ${p.runs} runs`}</title>
            </rect>
            {p.violations === 0 && <rect x={cx - bar / 2} y={y(0) - 2} width={bar} height={2} fill="#12a150" />}
            <text x={cx} y={y(p.violations) - 4} textAnchor="middle" fontSize={10.5} fill="#334155">
              {p.violations}
            </text>
            <text x={cx} y={height - M.bottom + 15} textAnchor="middle" fontSize={10.5} fill="#64748b">
              {formatSweptValue(p.value)}
            </text>
          </g>
        );
      })}
      <line x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} stroke="#cbd5e1" />
      <AxisTitles xLabel={parameter || "seeds"} yLabel="violations (all seeds)" m={M} width={width} height={height} />
    </svg>
  );
}
