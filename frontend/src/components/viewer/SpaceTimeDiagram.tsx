import { select } from "d3-selection";
import { zoom, zoomIdentity, type ZoomTransform } from "d3-zoom";
import { useEffect, useMemo, useRef, useState } from "react";
import type { HolarchySpec } from "../../api/modelDocument";
import type { TraceDelta } from "../../api/types-extra";
import { LANE_H, LANE_LABEL_W, laneTraffic, laneTree, lanesInView, treeDepth, visibleLanes, type Lane, type LaneTraffic } from "../../lib/spacetime";

const TOP = 22;
/** A few lanes get room to breathe; many get the compact height. */
const ROOMY_LANE_H = 48;
const ROOMY_UP_TO = 12;
const MAX_HEIGHT = 440;
const COLORS = { lane: "#cbd5e1", text: "#1e293b", muted: "#64748b", arrow: "#4f46e5", dropped: "#dc2626", duplicate: "#d97706", inflight: "#94a3b8", down: "#fecaca", cursor: "#0f172a", selected: "#a5b4fc" };

interface Props {
  deltas: TraceDelta[];
  components: string[];
  step: number;
  selected?: string;
  onStep: (step: number) => void;
  /** The model's holarchies: lanes follow the chosen one (none: a lane per component). */
  holarchies?: HolarchySpec[];
}

/**
 * Lanes per holon of a chosen level of a chosen holarchy, steps to the right, on a
 * canvas: arrows for messages crossing a lane's boundary, the traffic inside a lane
 * as a count, crashed stretches in red. Click a holon's label to expand it in place;
 * ctrl+wheel or pinch zooms time, drag pans it; click the plot to go to that step.
 * Only the lanes in view are drawn, so a thousand lanes cost what a screenful does.
 */
export function SpaceTimeDiagram({ deltas, components, step, selected, onStep, holarchies = [] }: Props) {
  const [holarchyName, setHolarchyName] = useState(holarchies[0]?.name ?? "");
  const holarchy = holarchies.find((h) => h.name === holarchyName);
  const tree = useMemo(() => laneTree(holarchy, components), [holarchy, components]);
  const depth = useMemo(() => treeDepth(tree), [tree]);
  const [level, setLevel] = useState(1);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const lanes = useMemo(() => visibleLanes(tree, Math.min(level, depth), expanded), [tree, level, depth, expanded]);
  const traffic = useMemo(() => laneTraffic(deltas, lanes), [deltas, lanes]);
  const firstStep = deltas.length ? deltas[0].s : 1;
  const lastStep = deltas.length ? deltas[deltas.length - 1].s : 1;
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [width, setWidth] = useState(900);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const laneH = lanes.length > ROOMY_UP_TO ? LANE_H : ROOMY_LANE_H;
  const height = Math.min(MAX_HEIGHT, TOP + lanes.length * laneH + 8);
  const plotW = Math.max(100, width - LANE_LABEL_W - 16);
  const x = (s: number) => LANE_LABEL_W + transform.applyX(((s - firstStep + 1) / (lastStep - firstStep + 2)) * plotW);
  const stepAtX = (px: number) => Math.round(transform.invertX(px - LANE_LABEL_W) / plotW * (lastStep - firstStep + 2) + firstStep - 1);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const behavior = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, 64])
      .translateExtent([[0, 0], [plotW, 0]])
      .extent([[0, 0], [plotW, 0]])
      .filter((e: Event) => (e.type === "wheel" ? (e as WheelEvent).ctrlKey || (e as WheelEvent).metaKey : e.type !== "dblclick" && !(e as MouseEvent).button))
      .on("zoom", (e: { transform: ZoomTransform }) => setTransform(e.transform));
    const selection = select(el);
    selection.call(behavior);
    return () => {
      selection.on(".zoom", null);
    };
  }, [plotW]);

  const view = lanesInView(lanes.length, scrollTop, height - TOP, laneH);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    draw(el, { width, height, laneH, lanes, traffic, view, scrollTop, x, step, selected, firstStep, lastStep });
  });

  const click = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top + scrollTop - TOP;
    if (px < LANE_LABEL_W) {
      const lane = lanes[Math.floor(py / laneH)];
      if (lane?.kind === "holon" && lane.children.length) setExpanded(new Set([...expanded, lane.id]));
      return;
    }
    onStep(Math.max(0, Math.min(lastStep, stepAtX(px))));
  };
  const expandable = lanes.filter((l) => l.kind === "holon" && l.children.length > 0);
  return (
    <div className="stack" style={{ gap: 0 }}>
      <div className="row small" style={{ gap: 10, padding: "6px 12px", flexWrap: "wrap" }}>
        {holarchies.length > 0 && (
          <label className="row" style={{ gap: 4 }}>
            Lanes by
            <select value={holarchyName} onChange={(e) => { setHolarchyName(e.target.value); setExpanded(new Set()); }} aria-label="Holarchy of the lanes">
              {holarchies.map((h) => (
                <option key={h.name} value={h.name}>{h.name}</option>
              ))}
            </select>
          </label>
        )}
        <label className="row" style={{ gap: 4 }}>
          level
          <select value={Math.min(level, depth)} onChange={(e) => { setLevel(Number(e.target.value)); setExpanded(new Set()); }} aria-label="Level of the lanes">
            {Array.from({ length: depth + 1 }, (_, i) => (
              <option key={i} value={i}>{i === depth ? `${i} (components)` : holarchy?.levels?.[i] ? `${i} (${holarchy.levels[i]})` : String(i)}</option>
            ))}
          </select>
        </label>
        {expandable.length > 0 && (
          <label className="row" style={{ gap: 4 }}>
            expand
            <select value="" onChange={(e) => e.target.value && setExpanded(new Set([...expanded, e.target.value]))} aria-label="Expand a lane">
              <option value="">a holon…</option>
              {expandable.slice(0, 500).map((l) => (
                <option key={l.id} value={l.id}>{l.id} ({l.members.length})</option>
              ))}
            </select>
          </label>
        )}
        {expanded.size > 0 && <button className="small" onClick={() => setExpanded(new Set())}>Collapse all</button>}
        {transform.k > 1 && <button className="small" onClick={() => canvas.current && select(canvas.current).call(zoom<HTMLCanvasElement, unknown>().transform, zoomIdentity) && setTransform(zoomIdentity)}>Reset zoom</button>}
        <span className="muted">{lanes.length} lanes · ctrl+wheel zooms time, drag pans</span>
      </div>
      <div ref={scroller} className="diagram-wrap" style={{ borderTop: "none", height, overflowY: "auto", overflowX: "hidden", position: "relative" }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: TOP + lanes.length * laneH + 8, position: "relative" }}>
          <canvas
            ref={canvas}
            onClick={click}
            role="img"
            aria-label={`Space-time diagram: ${lanes.length} lanes, steps ${firstStep}–${lastStep}`}
            data-testid="space-time"
            data-lanes={lanes.length}
            data-drawn-lanes={lanes.length ? view.last - view.first + 1 : 0}
            style={{ position: "sticky", top: 0, display: "block", cursor: "crosshair", width: "100%", height }}
          />
        </div>
      </div>
    </div>
  );
}

interface Scene {
  width: number;
  height: number;
  laneH: number;
  lanes: Lane[];
  traffic: LaneTraffic;
  view: { first: number; last: number };
  scrollTop: number;
  x: (step: number) => number;
  step: number;
  selected?: string;
  firstStep: number;
  lastStep: number;
}

function draw(el: HTMLCanvasElement, s: Scene) {
  const ratio = window.devicePixelRatio || 1;
  if (el.width !== Math.round(s.width * ratio) || el.height !== Math.round(s.height * ratio)) {
    el.width = Math.round(s.width * ratio);
    el.height = Math.round(s.height * ratio);
  }
  const ctx = el.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, s.width, s.height);
  const y = (lane: number) => TOP + lane * s.laneH + s.laneH / 2 - s.scrollTop;
  const inView = (lane: number) => lane >= s.view.first && lane <= s.view.last;
  ctx.font = "12px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  ctx.save();
  ctx.beginPath();
  ctx.rect(LANE_LABEL_W, 0, s.width - LANE_LABEL_W, s.height);
  ctx.clip();
  for (const d of s.traffic.down) {
    if (!inView(d.lane)) continue;
    const x1 = s.x(d.from);
    const x2 = s.x(d.to ?? s.lastStep + 1);
    ctx.fillStyle = COLORS.down;
    ctx.fillRect(x1, y(d.lane) - 5, Math.max(2, x2 - x1), 10);
  }
  for (let i = s.view.first; i <= s.view.last; i++) {
    ctx.strokeStyle = s.lanes[i].members.includes(s.selected ?? "") && s.lanes[i].kind === "component" ? COLORS.selected : COLORS.lane;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(LANE_LABEL_W, y(i));
    ctx.lineTo(s.width - 8, y(i));
    ctx.stroke();
  }
  ctx.fillStyle = "#334155";
  for (const a of s.traffic.activity) {
    if (inView(a.lane)) ctx.fillRect(s.x(a.step) - 1, y(a.lane) - 1, 2, 2);
  }
  for (const a of s.traffic.arrows) {
    if (!inView(a.fromLane) && !inView(a.toLane) && !(Math.min(a.fromLane, a.toLane) < s.view.first && Math.max(a.fromLane, a.toLane) > s.view.last)) continue;
    const x1 = s.x(a.sentStep);
    const y1 = y(a.fromLane);
    const yTo = y(a.toLane);
    const dropped = a.outcome === "dropped" && a.endStep !== null;
    const x2 = s.x(a.endStep ?? s.lastStep + 1);
    const y2 = dropped ? y1 + (yTo - y1) * 0.8 : yTo;
    ctx.strokeStyle = dropped ? COLORS.dropped : a.duplicate ? COLORS.duplicate : a.outcome === "in-flight" ? COLORS.inflight : COLORS.arrow;
    ctx.lineWidth = 1.2;
    ctx.setLineDash(a.outcome === "in-flight" ? [4, 3] : []);
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
    ctx.setLineDash([]);
    if (dropped) {
      ctx.beginPath();
      ctx.moveTo(x2 - 4, y2 - 4);
      ctx.lineTo(x2 + 4, y2 + 4);
      ctx.moveTo(x2 - 4, y2 + 4);
      ctx.lineTo(x2 + 4, y2 - 4);
      ctx.stroke();
    } else if (a.outcome === "delivered") {
      const angle = Math.atan2(y2 - y1, x2 - x1);
      ctx.fillStyle = ctx.strokeStyle;
      ctx.beginPath();
      ctx.moveTo(x2, y2);
      ctx.lineTo(x2 - 7 * Math.cos(angle - 0.4), y2 - 7 * Math.sin(angle - 0.4));
      ctx.lineTo(x2 - 7 * Math.cos(angle + 0.4), y2 - 7 * Math.sin(angle + 0.4));
      ctx.fill();
    }
  }
  for (const m of s.traffic.marks) {
    if (!inView(m.lane)) continue;
    ctx.fillStyle = m.kind === "crash" ? COLORS.dropped : "#16a34a";
    if (m.kind === "crash") {
      ctx.font = "bold 14px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.fillText("✕", s.x(m.step), y(m.lane));
      ctx.font = "12px system-ui, sans-serif";
    } else {
      ctx.beginPath();
      ctx.arc(s.x(m.step), y(m.lane), 4.5, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  if (s.step >= s.firstStep - 1 && s.step <= s.lastStep) {
    const cx = s.x(s.step);
    ctx.strokeStyle = COLORS.cursor;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(cx, 4);
    ctx.lineTo(cx, s.height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = COLORS.cursor;
    ctx.textAlign = "left";
    ctx.fillText(`step ${s.step}`, cx + 4, 11);
  }
  ctx.restore();
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, TOP - 4, LANE_LABEL_W, s.height);
  ctx.textAlign = "left";
  for (let i = s.view.first; i <= s.view.last; i++) {
    const lane = s.lanes[i];
    const indent = 6 + Math.min(lane.depth, 6) * 8;
    const holon = lane.kind === "holon";
    ctx.fillStyle = COLORS.text;
    ctx.font = `${lane.id === s.selected ? "bold " : ""}12px system-ui, sans-serif`;
    const label = holon ? `${lane.children.length ? "▸ " : ""}${lane.id} (${lane.members.length})` : lane.id;
    ctx.fillText(label.length > 20 ? `${label.slice(0, 19)}…` : label, indent, y(i));
    const inside = s.traffic.internal[i];
    if (holon && inside) {
      ctx.fillStyle = COLORS.muted;
      ctx.font = "11px system-ui, sans-serif";
      ctx.textAlign = "right";
      ctx.fillText(`${inside} inside`, s.width - 12, y(i) - 8);
      ctx.textAlign = "left";
    }
  }
}
