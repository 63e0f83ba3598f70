import { useEffect, useMemo, useRef } from "react";
import type { TraceDelta } from "../../api/types-extra";
import { layoutSpaceTime, LANE_LABEL_W } from "../../lib/spacetime";
import { DiagramDefs } from "../zoom/DiagramDefs";

/**
 * One lane per component, steps to the right: message arrows from sender to
 * receiver, dropped messages ending in a cross, crashed stretches in red.
 * Click anywhere to move the viewer to that step.
 */
export function SpaceTimeDiagram({ deltas, components, step, selected, onStep }: { deltas: TraceDelta[]; components: string[]; step: number; selected?: string; onStep: (step: number) => void }) {
  const layout = useMemo(() => layoutSpaceTime(deltas, components), [deltas, components]);
  const pxPerStep = deltas.length > 1 ? layout.x(layout.firstStep + 1) - layout.x(layout.firstStep) : 40;
  const click = (e: React.MouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const s = Math.round((px - layout.x(layout.firstStep)) / pxPerStep) + layout.firstStep;
    onStep(Math.max(0, Math.min(layout.lastStep, s)));
  };
  const cursorVisible = step >= layout.firstStep - 1 && step <= layout.lastStep;
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Keep the step cursor in view when stepping past the visible part of a long trace.
    const el = wrap.current;
    if (!el || !cursorVisible) return;
    const cx = layout.x(step);
    if (cx < el.scrollLeft + LANE_LABEL_W || cx > el.scrollLeft + el.clientWidth - 40) {
      el.scrollLeft = Math.max(0, cx - el.clientWidth / 2);
    }
  }, [step, layout, cursorVisible]);
  return (
    <div className="diagram-wrap" style={{ borderTop: "none" }} ref={wrap}>
      <svg width={layout.width} height={layout.height} onClick={click} role="img" aria-label="Space-time diagram" data-testid="space-time" style={{ cursor: "crosshair", display: "block" }}>
        <DiagramDefs />
        {layout.lanes.map((lane) => (
          <g key={lane.component}>
            <line x1={LANE_LABEL_W} x2={layout.width - 8} y1={lane.y} y2={lane.y} stroke={lane.component === selected ? "#a5b4fc" : "#cbd5e1"} strokeWidth={lane.component === selected ? 3 : 1.5} />
            <text x={LANE_LABEL_W - 8} y={lane.y + 4} textAnchor="end" fontSize={12} fontWeight={lane.component === selected ? 700 : 500} fill="#1e293b">
              {lane.component}
            </text>
          </g>
        ))}
        {layout.down.map((d, i) => (
          <g key={`down-${i}`}>
            <rect x={d.x1} y={d.y - 5} width={Math.max(2, d.x2 - d.x1)} height={10} fill="#fecaca" stroke="#dc2626" strokeWidth={0.8} rx={3} />
          </g>
        ))}
        {layout.arrows.map((a) => {
          const color = a.outcome === "dropped" ? "#dc2626" : a.duplicate ? "#d97706" : a.outcome === "in-flight" ? "#94a3b8" : "#4f46e5";
          return (
            <g key={a.id}>
              <title>{`${a.type} ${a.from} → ${a.to}: ${a.outcome}${a.why ? ` (${a.why})` : ""}${a.duplicate ? ", duplicate" : ""}`}</title>
              <line
                x1={a.x1}
                y1={a.y1}
                x2={a.x2}
                y2={a.y2}
                stroke={color}
                strokeWidth={1.3}
                strokeDasharray={a.outcome === "in-flight" ? "4 3" : undefined}
                markerEnd={a.outcome === "delivered" ? `url(#${a.duplicate ? "arrow-lossy" : "arrow-accent"})` : undefined}
              />
              {a.outcome === "dropped" && (
                <g stroke="#dc2626" strokeWidth={2}>
                  <line x1={a.x2 - 4} y1={a.y2 - 4} x2={a.x2 + 4} y2={a.y2 + 4} />
                  <line x1={a.x2 - 4} y1={a.y2 + 4} x2={a.x2 + 4} y2={a.y2 - 4} />
                </g>
              )}
            </g>
          );
        })}
        {layout.events.map((e, i) =>
          e.kind === "crash" ? (
            <text key={i} x={e.x} y={e.y + 5} textAnchor="middle" fontSize={15} fontWeight={700} fill="#dc2626">
              ✕
            </text>
          ) : e.kind === "recover" ? (
            <circle key={i} cx={e.x} cy={e.y} r={4.5} fill="#16a34a" />
          ) : (
            <circle key={i} cx={e.x} cy={e.y} r={2.5} fill={e.kind === "timer" ? "#0ea5e9" : "#334155"} />
          ),
        )}
        {cursorVisible && (
          <g>
            <line x1={layout.x(step)} x2={layout.x(step)} y1={8} y2={layout.height - 2} stroke="#0f172a" strokeWidth={1.2} strokeDasharray="3 3" />
            <text x={layout.x(step) + 4} y={14} fontSize={11} fill="#0f172a">
              step {step}
            </text>
          </g>
        )}
      </svg>
    </div>
  );
}
