import { useMemo } from "react";
import type { BlackBoxResponse, WhiteBoxResponse } from "../../api/types-extra";
import { layoutWhiteBox, type PlacedNode } from "../../lib/diagram";
import { whiteBoxDiagram, type TreeFacts } from "../../lib/holarchy";
import { DiagramDefs, EdgeLabel, truncate } from "./DiagramDefs";

/**
 * The holon opened: its child holons (click to zoom in) and components, the
 * links among them, and — outside the dashed boundary — the neighbours that
 * links cross to.
 */
export function WhiteBoxView({ whiteBox, blackBox, facts, onZoom }: { whiteBox: WhiteBoxResponse; blackBox?: BlackBoxResponse; facts?: TreeFacts; onZoom: (holon: number) => void }) {
  const layout = useMemo(() => layoutWhiteBox(whiteBoxDiagram(whiteBox, blackBox, facts)), [whiteBox, blackBox, facts]);
  const { frame } = layout;
  return (
    <div className="diagram-wrap">
      <svg
        className="diagram"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label={`White box of ${whiteBox.holon.name || whiteBox.holon.key}`}
        data-testid="white-box"
      >
        <DiagramDefs />
        <rect x={frame.x} y={frame.y} width={frame.w} height={frame.h} rx={14} fill="#f8faff" stroke="#a5b4fc" strokeWidth={1.5} strokeDasharray="6 4" />
        <text x={frame.x + 12} y={frame.y - 9} fontSize={12} fontWeight={600} fill="#4338ca">
          {whiteBox.holon.name || whiteBox.holon.key} — white box
        </text>
        {layout.nodes.length === 0 && (
          <text x={frame.x + frame.w / 2} y={frame.y + frame.h / 2} textAnchor="middle" fontSize={12} fill="#94a3b8">
            empty holon
          </text>
        )}
        {layout.edges.map((e) => (
          <g key={e.key} className="edge">
            <line
              x1={e.from.x}
              y1={e.from.y}
              x2={e.to.x}
              y2={e.to.y}
              stroke={e.lossy ? "#d97706" : "#64748b"}
              strokeWidth={1.6}
              strokeDasharray={e.external ? "5 4" : undefined}
              markerEnd={e.arrowAtEnd ? `url(#${e.lossy ? "arrow-lossy" : "arrow"})` : undefined}
              markerStart={e.arrowAtStart ? `url(#${e.lossy ? "arrow-lossy" : "arrow"})` : undefined}
            />
            <EdgeLabel x={e.mid.x} y={e.mid.y} text={e.label} color={e.lossy ? "#b45309" : "#475569"} />
          </g>
        ))}
        {layout.nodes.map((n) => (
          <DiagramNode key={n.key} placed={n} onZoom={onZoom} />
        ))}
      </svg>
    </div>
  );
}

function DiagramNode({ placed, onZoom }: { placed: PlacedNode; onZoom: (holon: number) => void }) {
  const { node, x, y, w, h, outside } = placed;
  const isHolon = node.kind === "holon";
  const fill = outside ? "#f8fafc" : isHolon ? "#eef2ff" : "#f0fdf4";
  const stroke = outside ? "#94a3b8" : isHolon ? "#6366f1" : "#16a34a";
  const zoomable = isHolon && node.holonId !== undefined;
  return (
    <g
      className={zoomable ? "node" : undefined}
      onClick={zoomable ? () => onZoom(node.holonId!) : undefined}
      data-node={`${node.kind}:${node.label}`}
    >
      <title>{zoomable ? `Zoom into ${node.label}` : `${node.label} (${node.detail})`}</title>
      <rect x={x} y={y} width={w} height={h} rx={isHolon ? 10 : 22} fill={fill} stroke={stroke} strokeWidth={1.5} strokeDasharray={outside ? "4 3" : undefined} />
      {isHolon && !outside && <rect x={x + 4} y={y + 4} width={w - 8} height={h - 8} rx={7} fill="none" stroke={stroke} strokeOpacity={0.35} />}
      <text x={x + w / 2} y={y + h / 2 - 3} textAnchor="middle" fontSize={13} fontWeight={600} fill="#1e293b">
        {truncate(node.label, 20)}
      </text>
      <text x={x + w / 2} y={y + h / 2 + 13} textAnchor="middle" fontSize={10.5} fill="#64748b">
        {truncate(node.detail, 26)}
      </text>
    </g>
  );
}
