import { Link } from "react-router-dom";
import { AxisTitles, XTicks, YGrid } from "../charts/Axes";
import { formatNumber, formatPercent, linePath, linearScale, niceDomain, ticks } from "../../lib/chart";
import { formatSweptValue, metColor, type SloSweepPoint } from "../../lib/sweep";

interface Props {
  slo: string;
  points: SloSweepPoint[];
  /** The SLO's objective (a fraction of good requests), drawn as a horizontal line. */
  objective: number | undefined;
  parameter: string;
  /** A breaking-point search: the interval it narrowed to, shaded, and each point's verdict (held or broke). */
  search?: { held: number | null; broke: number | null; verdicts: Map<number, boolean> };
  /** Where a point opens its run (the run viewer of its first seed), if it has one yet. */
  runLink?: (x: number) => string | undefined;
  width?: number;
  height?: number;
}

const HELD = "#12a150";
const BROKE = "#d92d20";

const M = { top: 16, right: 18, bottom: 38, left: 56 };

/**
 * One SLO across the sweep: mean SLI per swept value, the objective as a line, points colored by the seeds that
 * met it; for a breaking-point search, by whether every chosen SLO held there, with the interval found shaded.
 */
export function SloSweepChart({ slo, points, objective, parameter, search, runLink, width = 560, height = 240 }: Props) {
  if (points.length === 0) return <p className="muted small">No requests measured for {slo} at any value.</p>;
  const xs = [...points.map((p) => p.x), ...[search?.held, search?.broke].filter((v): v is number => typeof v === "number")];
  const ys = [...points.map((p) => p.y), ...(objective !== undefined ? [objective] : [])];
  const [x0, x1] = xs.length > 1 ? niceDomain(Math.min(...xs), Math.max(...xs)) : [xs[0] - 1, xs[0] + 1];
  const lo = Math.min(...ys);
  const span = Math.max(1 - lo, 0.01);
  const [y0, y1] = [Math.max(0, lo - span * 0.15), Math.min(1, Math.max(...ys) + span * 0.1)];
  const x = linearScale([x0, x1], [M.left, width - M.right]);
  const y = linearScale([y0, y1], [height - M.bottom, M.top]);
  const last = parameter.split("/").pop() ?? parameter;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${slo} against ${parameter}`}
      className="chart"
      data-testid="slo-sweep-chart"
    >
      <YGrid values={ticks(y0, y1, 4)} y={y} m={M} width={width} format={(t) => formatPercent(t, 1)} />
      <XTicks values={ticks(x0, x1, 6)} x={x} m={M} height={height} format={formatNumber} />
      <line x1={M.left} x2={width - M.right} y1={height - M.bottom} y2={height - M.bottom} stroke="#cbd5e1" />
      {objective !== undefined && (
        <g data-testid="slo-objective">
          <line x1={M.left} x2={width - M.right} y1={y(objective)} y2={y(objective)} stroke="#4f46e5" strokeDasharray="6 4" />
          <text x={width - M.right - 4} y={y(objective) - 5} textAnchor="end" fontSize={10.5} fill="#4f46e5">
            objective {formatPercent(objective, 2)}
          </text>
        </g>
      )}
      {search && search.held !== null && search.broke !== null && (
        <g data-testid="breaking-interval">
          <rect x={x(search.held)} y={M.top} width={Math.max(2, x(search.broke) - x(search.held))} height={height - M.bottom - M.top} fill="#f59e0b" opacity={0.22} />
          <text x={(x(search.held) + x(search.broke)) / 2} y={M.top + 10} textAnchor="middle" fontSize={10.5} fill="#b45309">
            breaking point
          </text>
        </g>
      )}
      <path d={linePath(points.map((p) => ({ x: x(p.x), y: y(p.y) })))} fill="none" stroke="#94a3b8" strokeWidth={2} />
      {points.map((p) => {
        const held = search?.verdicts.get(p.x);
        const verdict = held === undefined ? "" : held ? ", every chosen SLO held" : ", broke";
        const dot = (
          <circle cx={x(p.x)} cy={y(p.y)} r={5.5} fill={held === undefined ? metColor(p.metFraction) : held ? HELD : BROKE} stroke="#fff" strokeWidth={1.5} data-met={p.metFraction} data-held={held === undefined ? undefined : String(held)}>
            <title>
              {`${last} = ${formatNumber(p.x)}: SLI ${formatPercent(p.y)}, met in ${formatPercent(p.metFraction, 0)} of seeds, budget ${formatPercent(p.budgetConsumed, 0)} used${verdict}`}
            </title>
          </circle>
        );
        const to = runLink?.(p.x);
        return to ? (
          <Link key={p.x} to={to} aria-label={`open the run at ${last} = ${formatSweptValue(p.x)}`} data-testid="sweep-point-link">
            {dot}
          </Link>
        ) : (
          <g key={p.x}>{dot}</g>
        );
      })}
      <AxisTitles xLabel={parameter} yLabel="SLI (mean over seeds)" m={M} width={width} height={height} />
    </svg>
  );
}

/** The color key of the points: share of seeds meeting the SLO, or a search's verdicts and interval. */
export function MetLegend({ breaking = false }: { breaking?: boolean }) {
  if (breaking)
    return (
      <div className="row small muted" style={{ gap: 14 }}>
        {[
          [HELD, "every chosen SLO held"],
          [BROKE, "broke"],
        ].map(([color, label]) => (
          <span key={label} className="row" style={{ gap: 5 }}>
            <svg width={10} height={10} aria-hidden="true">
              <circle cx={5} cy={5} r={5} fill={color} />
            </svg>
            {label}
          </span>
        ))}
        <span className="row" style={{ gap: 5 }}>
          <svg width={14} height={10} aria-hidden="true">
            <rect width={14} height={10} fill="#f59e0b" opacity={0.35} />
          </svg>
          breaking point interval
        </span>
      </div>
    );
  return (
    <div className="row small muted" style={{ gap: 14 }}>
      {[0, 0.5, 1].map((f) => (
        <span key={f} className="row" style={{ gap: 5 }}>
          <svg width={10} height={10} aria-hidden="true">
            <circle cx={5} cy={5} r={5} fill={metColor(f)} />
          </svg>
          {f === 0 ? "no seed met the SLO" : f === 1 ? "every seed met it" : "half of them"}
        </span>
      ))}
      <span className="row" style={{ gap: 5 }}>
        <svg width={22} height={10} aria-hidden="true">
          <line x1={0} x2={22} y1={5} y2={5} stroke="#4f46e5" strokeDasharray="6 4" />
        </svg>
        objective
      </span>
    </div>
  );
}
