import { useEffect, useMemo, useRef, useState } from "react";
import type { ChunkEvents, PropertyResult } from "../../api/types-extra";
import { minimapBars, stepAt, stepX, violationMarks } from "../../lib/minimap";

const H = 44;

/**
 * The whole stored run in one strip: per chunk, drops (amber) and crashes and
 * recoveries (red, green) as bars; violations as red marks on top; the current
 * step as a line. Click to jump there (a click near a violation lands on it).
 */
export function Minimap({ chunks, properties, lastStep, step, onStep }: { chunks: ChunkEvents[]; properties: PropertyResult[]; lastStep: number; step: number; onStep: (step: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth || 800);
    return () => observer.disconnect();
  }, []);
  const bars = useMemo(() => minimapBars(chunks, lastStep, width), [chunks, lastStep, width]);
  const marks = useMemo(() => violationMarks(properties, lastStep, width), [properties, lastStep, width]);
  const peak = useMemo(() => Math.max(1, ...bars.map((b) => b.drops + b.duplicates)), [bars]);
  const peakFaults = useMemo(() => Math.max(1, ...bars.map((b) => b.crashes + b.recoveries)), [bars]);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    if (!el || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    el.width = Math.round(width * ratio);
    el.height = Math.round(H * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#f1f5f9";
    ctx.fillRect(0, 0, width, H);
    for (const b of bars) {
      const network = ((b.drops + b.duplicates) / peak) * 16;
      ctx.fillStyle = "#f59e0b";
      ctx.fillRect(b.x, H - network, b.width, network);
      const faults = ((b.crashes + b.recoveries) / peakFaults) * 12;
      ctx.fillStyle = b.crashes ? "#dc2626" : "#16a34a";
      if (faults) ctx.fillRect(b.x, 12, b.width, faults);
    }
    ctx.fillStyle = "#b91c1c";
    for (const m of marks) {
      ctx.beginPath();
      ctx.moveTo(m.x - 4, 0);
      ctx.lineTo(m.x + 4, 0);
      ctx.lineTo(m.x, 8);
      ctx.fill();
    }
    const cx = stepX(step, lastStep, width);
    ctx.fillStyle = "#0f172a";
    ctx.fillRect(cx - 1, 0, 2, H);
  }, [bars, marks, peak, peakFaults, step, lastStep, width]);
  const firstViolation = marks.reduce<number | undefined>((first, m) => (first === undefined || m.step < first ? m.step : first), undefined);
  return (
    <div className="stack" style={{ gap: 4 }}>
      <canvas
        ref={canvas}
        data-testid="minimap"
        data-last-step={lastStep}
        data-violation-steps={marks.map((m) => m.step).join(",")}
        role="img"
        aria-label={`Minimap of steps 0–${lastStep}: drops, crashes and violations over the run`}
        style={{ width: "100%", height: H, cursor: "pointer", display: "block", borderRadius: 4 }}
        onClick={(e) => {
          const rect = e.currentTarget.getBoundingClientRect();
          onStep(stepAt(e.clientX - rect.left, lastStep, rect.width, marks));
        }}
      />
      <div className="row small muted" style={{ gap: 12 }}>
        <span><span style={{ color: "#b91c1c" }}>▼</span> violation</span>
        <span><span style={{ color: "#dc2626" }}>■</span> crashes / <span style={{ color: "#16a34a" }}>■</span> recoveries</span>
        <span><span style={{ color: "#f59e0b" }}>■</span> drops and duplicates</span>
        {firstViolation !== undefined && (
          <button className="small" onClick={() => onStep(firstViolation)}>
            First violation (step {firstViolation})
          </button>
        )}
      </div>
    </div>
  );
}
