import { scaleBand, scaleLinear, scaleOrdinal, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { formatPercent } from "../../lib/chart";
import { PERCENTILES, type HolonRow } from "../../lib/holonResults";

const M = { top: 12, right: 24, bottom: 30, left: 110 };
const COLORS = ["#4f46e5", "#0f766e", "#d97706", "#db2777", "#0284c7", "#65a30d", "#7c3aed", "#dc2626"];

/** The holons of one level side by side: availability, latency percentiles and boundary traffic. */
export function HolonSliCharts({ rows, level }: { rows: HolonRow[]; level: string }) {
  const served = rows.filter((r) => r.sli && r.sli.requests > 0);
  return (
    <div className="row" style={{ alignItems: "flex-start", gap: 28 }} data-testid="holon-charts">
      <AvailabilityBars rows={served} level={level} />
      <LatencyProfile rows={served} />
      <BoundaryBars rows={rows} level={level} />
    </div>
  );
}

function AvailabilityBars({ rows, level }: { rows: HolonRow[]; level: string }) {
  if (!rows.length) return <p className="muted small">No requests were served by the holons of this level.</p>;
  const width = 380;
  const height = M.top + M.bottom + rows.length * 26;
  const y = scaleBand(rows.map((r) => r.id), [M.top, height - M.bottom]).padding(0.25);
  const lowest = Math.min(...rows.map((r) => r.sli!.availability ?? 1));
  const x = scaleLinear([Math.max(0, Math.floor(lowest * 10) / 10 - 0.1), 1], [M.left, width - M.right - 28]).clamp(true);
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="small muted">Availability per {level}</figcaption>
      <svg width={width} height={height} role="img" aria-label={`availability per ${level}`} data-testid="availability-chart" className="chart">
        {x.ticks(4).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={M.top} y2={height - M.bottom} stroke="#eef0f4" />
            <text x={x(t)} y={height - M.bottom + 14} textAnchor="middle" fontSize={10.5} fill="#64748b">{formatPercent(t, 0)}</text>
          </g>
        ))}
        {rows.map((r) => {
          const a = r.sli!.availability ?? 0;
          return (
            <g key={r.id} data-holon={r.id} data-value={a}>
              <text x={M.left - 6} y={y(r.id)! + y.bandwidth() / 2 + 4} textAnchor="end" fontSize={11} fill="#334155">{r.id}</text>
              <rect x={x.range()[0]} y={y(r.id)} width={Math.max(1, x(a) - x.range()[0])} height={y.bandwidth()} rx={3} fill={a >= 0.999 ? "#12a150" : a >= 0.99 ? "#d98b06" : "#d92d20"} opacity={0.85}>
                <title>{`${r.id}: ${formatPercent(a, 3)} of ${r.sli!.requests} requests`}</title>
              </rect>
              <text x={x(a) + 4} y={y(r.id)! + y.bandwidth() / 2 + 4} fontSize={10.5} fill="#334155">{formatPercent(a, 2)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** One line per holon through its p50, p90, p99 and max latency: where the tail is. */
function LatencyProfile({ rows }: { rows: HolonRow[] }) {
  if (!rows.length) return null;
  const width = 380;
  const height = 230;
  const m = { ...M, left: 48, right: 90 };
  const x = scalePoint<string>([...PERCENTILES], [m.left, width - m.right]).padding(0.2);
  const top = Math.max(...rows.flatMap((r) => PERCENTILES.map((p) => Number(r.sli!.latency?.[p] ?? 0))), 1e-9);
  const y = scaleLinear([0, top], [height - m.bottom, m.top]).nice();
  const color = scaleOrdinal<string, string>(rows.map((r) => r.id), COLORS);
  const path = line<[string, number]>((d) => x(d[0])!, (d) => y(d[1]));
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="small muted">Latency percentiles (virtual time)</figcaption>
      <svg width={width} height={height} role="img" aria-label="latency percentiles per holon" data-testid="latency-chart" className="chart">
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} stroke="#eef0f4" />
            <text x={m.left - 6} y={y(t) + 4} textAnchor="end" fontSize={10.5} fill="#64748b">{+t.toFixed(3)}</text>
          </g>
        ))}
        {PERCENTILES.map((p) => (
          <text key={p} x={x(p)} y={height - m.bottom + 16} textAnchor="middle" fontSize={10.5} fill="#64748b">{p}</text>
        ))}
        {rows.map((r) => {
          const points = PERCENTILES.map((p) => [p, Number(r.sli!.latency?.[p] ?? 0)] as [string, number]);
          const last = points[points.length - 1];
          return (
            <g key={r.id} data-holon={r.id}>
              <path d={path(points) ?? ""} fill="none" stroke={color(r.id)} strokeWidth={2} />
              {points.map(([p, v]) => (
                <circle key={p} cx={x(p)} cy={y(v)} r={3} fill={color(r.id)}>
                  <title>{`${r.id} ${p}: ${v}`}</title>
                </circle>
              ))}
              <text x={x(last[0])! + 8} y={y(last[1]) + 4} fontSize={10.5} fill={color(r.id)}>{r.id}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Messages into and out of each holon across its boundary (its black box's traffic). */
function BoundaryBars({ rows, level }: { rows: HolonRow[]; level: string }) {
  if (!rows.length) return null;
  const width = 380;
  const height = M.top + M.bottom + rows.length * 30;
  const y = scaleBand(rows.map((r) => r.id), [M.top, height - M.bottom]).padding(0.2);
  const x = scaleLinear([0, Math.max(1, ...rows.flatMap((r) => [r.boundary.in, r.boundary.out]))], [M.left, width - M.right]).nice();
  const half = y.bandwidth() / 2;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="small muted">Boundary traffic per {level}: <span style={{ color: "#4f46e5" }}>in</span> / <span style={{ color: "#b45309" }}>out</span></figcaption>
      <svg width={width} height={height} role="img" aria-label={`boundary traffic per ${level}`} data-testid="boundary-chart" className="chart">
        {x.ticks(4).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={M.top} y2={height - M.bottom} stroke="#eef0f4" />
            <text x={x(t)} y={height - M.bottom + 14} textAnchor="middle" fontSize={10.5} fill="#64748b">{t}</text>
          </g>
        ))}
        {rows.map((r) => (
          <g key={r.id} data-holon={r.id} data-in={r.boundary.in} data-out={r.boundary.out}>
            <text x={M.left - 6} y={y(r.id)! + half + 4} textAnchor="end" fontSize={11} fill="#334155">{r.id}</text>
            <rect x={M.left} y={y(r.id)} width={x(r.boundary.in) - M.left} height={half - 1} fill="#4f46e5" opacity={0.8}>
              <title>{`${r.id}: ${r.boundary.in} messages in`}</title>
            </rect>
            <rect x={M.left} y={y(r.id)! + half} width={x(r.boundary.out) - M.left} height={half - 1} fill="#b45309" opacity={0.8}>
              <title>{`${r.id}: ${r.boundary.out} messages out`}</title>
            </rect>
          </g>
        ))}
      </svg>
    </figure>
  );
}
