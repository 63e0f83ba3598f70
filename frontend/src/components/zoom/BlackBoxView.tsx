import { useMemo } from "react";
import type { SloSpec } from "../../api/modelDocument";
import type { BlackBoxResponse } from "../../api/types-extra";
import { formatPercent } from "../../lib/chart";
import { formatRange, holonLabel, interfaceEntries } from "../../lib/holarchy";
import { DiagramDefs, EdgeLabel, truncate } from "./DiagramDefs";

const BOX_W = 190;
const SIDE_W = 170;
const ROW = 64;

/**
 * The holon closed: one box, and only what crosses its boundary — the
 * links to each holon on the other side, counted per direction, with their
 * delivery settings; plus the SLOs attached to it.
 */
export function BlackBoxView({ blackBox, componentsCount, onZoom }: { blackBox: BlackBoxResponse; componentsCount?: number; onZoom: (holon: number) => void }) {
  const entries = useMemo(() => interfaceEntries(blackBox), [blackBox]);
  const rows = Math.max(1, entries.length);
  const height = Math.max(150, rows * ROW + 40);
  const width = 40 + BOX_W + 220 + SIDE_W + 20;
  const box = { x: 40, y: height / 2 - 50, w: BOX_W, h: 100 };
  const sideX = box.x + box.w + 220;
  const title = holonLabel(blackBox.holon);
  return (
    <div className="stack" style={{ gap: 0 }}>
      <div className="diagram-wrap">
        <svg className="diagram" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Black box of ${title}`} data-testid="black-box">
          <DiagramDefs />
          <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={12} fill="#1e293b" stroke="#0f172a" />
          <text x={box.x + box.w / 2} y={box.y + 40} textAnchor="middle" fill="#fff" fontSize={15} fontWeight={600}>
            {truncate(title, 22)}
          </text>
          <text x={box.x + box.w / 2} y={box.y + 60} textAnchor="middle" fill="#cbd5e1" fontSize={11}>
            black box{componentsCount !== undefined ? ` · ${componentsCount} component${componentsCount === 1 ? "" : "s"} inside` : ""}
          </text>
          <text x={box.x + box.w / 2} y={box.y + 78} textAnchor="middle" fill="#a5b4fc" fontSize={11}>
            {blackBox.links} crossing link{blackBox.links === 1 ? "" : "s"}
          </text>
          {entries.length === 0 && (
            <text x={sideX} y={height / 2 + 4} fontSize={12} fill="#94a3b8">
              no links cross this boundary
            </text>
          )}
          {entries.map((e, i) => {
            const y = 20 + i * ROW + (height - 40 - rows * ROW) / 2 + ROW / 2;
            const lossy = e.loss[1] > 0 || e.duplication[1] > 0;
            const color = lossy ? "#d97706" : "#64748b";
            const marker = lossy ? "url(#arrow-lossy)" : "url(#arrow)";
            const startX = box.x + box.w;
            const parts = [e.outgoing ? `${e.outgoing} out` : "", e.incoming ? `${e.incoming} in` : ""].filter(Boolean).join(" · ");
            return (
              <g key={e.holon.id} className="node" onClick={() => onZoom(e.holon.id)} data-node={`interface:${e.holon.key}`}>
                <title>{`Zoom to ${holonLabel(e.holon)}`}</title>
                <line
                  x1={startX}
                  y1={box.y + box.h / 2}
                  x2={sideX}
                  y2={y}
                  stroke={color}
                  strokeWidth={1.6}
                  markerEnd={e.outgoing ? marker : undefined}
                  markerStart={e.incoming ? marker : undefined}
                />
                <EdgeLabel x={(startX + sideX) / 2} y={(box.y + box.h / 2 + y) / 2} text={parts} color={lossy ? "#b45309" : "#475569"} />
                <rect x={sideX} y={y - 22} width={SIDE_W} height={44} rx={10} fill="#f8fafc" stroke="#94a3b8" strokeDasharray="4 3" />
                <text x={sideX + SIDE_W / 2} y={y - 3} textAnchor="middle" fontSize={12.5} fontWeight={600} fill="#1e293b">
                  {truncate(holonLabel(e.holon), 20)}
                </text>
                <text x={sideX + SIDE_W / 2} y={y + 13} textAnchor="middle" fontSize={10.5} fill="#64748b">
                  {truncate(`loss ${formatRange(e.loss)}${e.reorder ? " · reorder" : ""}`, 28)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <div className="panel-body">
        <h3 style={{ marginBottom: 8 }}>External interface</h3>
        {entries.length === 0 ? (
          <p className="muted small">Nothing crosses this holon's boundary.</p>
        ) : (
          <table className="data" data-testid="interface-table">
            <thead>
              <tr>
                <th>Other side</th>
                <th>Out</th>
                <th>In</th>
                <th>Loss</th>
                <th>Duplication</th>
                <th>Reorder</th>
                <th>Delay</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.holon.id}>
                  <td>
                    <button className="link" onClick={() => onZoom(e.holon.id)}>
                      {holonLabel(e.holon)}
                    </button>
                  </td>
                  <td>{e.outgoing}</td>
                  <td>{e.incoming}</td>
                  <td>{formatRange(e.loss)}</td>
                  <td>{formatRange(e.duplication)}</td>
                  <td>{e.reorder ? "yes" : "no"}</td>
                  <td>{e.delays.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {blackBox.slos.length > 0 && (
          <>
            <h3 style={{ margin: "16px 0 8px" }}>SLOs on this holon</h3>
            <ul className="small" style={{ margin: 0, paddingLeft: 18 }}>
              {(blackBox.slos as unknown as SloSpec[]).map((s) => (
                <li key={s.name}>
                  <strong>{s.name}</strong>: {s.sli} ≥ {formatPercent(s.objective, 3)}
                  {s.threshold ? ` within ${s.threshold}` : ""}
                  {s.window ? ` over windows of ${s.window}` : ""}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
