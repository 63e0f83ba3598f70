import { AxisTitles, XTicks, YGrid } from "./Axes";
import { formatNumber, linePath, linearScale, niceDomain, ticks, type XY } from "../../lib/chart";

export interface Series {
  name: string;
  color: string;
  points: XY[];
  /** Draw as steps (a value holds until the next point), as for per-window rates. */
  step?: boolean;
}

interface Props {
  series: Series[];
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** Horizontal reference lines, e.g. burn rate 1 = the budget used exactly. */
  references?: { y: number; label: string; color: string }[];
  yFormat?: (v: number) => string;
}

const M = { top: 14, right: 16, bottom: 34, left: 52 };

/** A small SVG line chart with round ticks; no chart library needed. */
export function LineChart({ series, width = 560, height = 220, xLabel, yLabel, references = [], yFormat = formatNumber }: Props) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return <p className="muted small">No data points.</p>;
  const xs = all.map((p) => p.x);
  const ys = [...all.map((p) => p.y), ...references.map((r) => r.y), 0];
  const [x0, x1] = niceDomain(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = niceDomain(Math.min(...ys), Math.max(...ys) * 1.05);
  const x = linearScale([x0, x1], [M.left, width - M.right]);
  const y = linearScale([y0, y1], [height - M.bottom, M.top]);
  const toPath = (s: Series) => {
    const pts = s.step ? stepPoints(s.points) : s.points;
    return linePath(pts.map((p) => ({ x: x(p.x), y: y(p.y) })));
  };
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={yLabel ?? "chart"} className="chart">
      <YGrid values={ticks(y0, y1, 4)} y={y} m={M} width={width} format={yFormat} />
      <XTicks values={ticks(x0, x1, 6)} x={x} m={M} height={height} format={formatNumber} />
      <line x1={M.left} x2={width - M.right} y1={height - M.bottom} y2={height - M.bottom} stroke="#cbd5e1" />
      {references.map((r) => (
        <g key={r.label}>
          <line x1={M.left} x2={width - M.right} y1={y(r.y)} y2={y(r.y)} stroke={r.color} strokeDasharray="5 4" />
          <text x={width - M.right - 4} y={y(r.y) - 4} textAnchor="end" fontSize={10.5} fill={r.color}>
            {r.label}
          </text>
        </g>
      ))}
      {series.map((s) => (
        <g key={s.name}>
          <path d={toPath(s)} fill="none" stroke={s.color} strokeWidth={2} />
          {s.points.length < 40 &&
            s.points.map((p, i) => <circle key={i} cx={x(p.x)} cy={y(p.y)} r={2.6} fill={s.color} />)}
        </g>
      ))}
      <AxisTitles xLabel={xLabel} yLabel={yLabel} m={M} width={width} height={height} />
    </svg>
  );
}

/** Points of a step line: each value holds until the next x. */
export function stepPoints(points: XY[]): XY[] {
  const out: XY[] = [];
  points.forEach((p, i) => {
    if (i > 0) out.push({ x: p.x, y: points[i - 1].y });
    out.push(p);
  });
  return out;
}
