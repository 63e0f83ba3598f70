import type { Counterexample } from "../../api/types-extra";
import { useMemo } from "react";
import { parseTraceLines } from "../../lib/trace";
import { SpaceTimeDiagram } from "../viewer/SpaceTimeDiagram";
import { ExploredStateView } from "./ExploredStateView";

/** The shortest behavior that breaks a property, step by step; for a lasso, where the loop returns. */
export function CounterexampleTrace({ trace, step, onStep }: { trace: Counterexample; step: number; onStep: (step: number) => void }) {
  const current = trace.steps[Math.min(step, trace.steps.length - 1)];
  const spaceTime = useMemo(() => (trace.lines ? parseTraceLines(trace.lines) : undefined), [trace.lines]);
  return (
    <div className="stack" data-testid="counterexample">
      {spaceTime && spaceTime.deltas.length > 0 && (
        <SpaceTimeDiagram deltas={spaceTime.deltas} components={spaceTime.components} step={current?.step ?? 0} onStep={onStep} />
      )}
    <div className="viewer-grid">
      <div>
        <ol className="msg-list" style={{ listStyle: "none" }}>
          {trace.steps.map((s, i) => (
            <li
              key={i}
              onClick={() => onStep(i)}
              style={{ cursor: "pointer", padding: "5px 8px", borderRadius: 5, background: i === step ? "var(--accent-soft)" : undefined }}
            >
              <span className="muted mono">{String(s.step).padStart(2, " ")}.</span> <strong>{s.actor}</strong> {s.action}
              {trace.loop_start !== null && i === trace.loop_start && <span className="badge warn" style={{ marginLeft: 6 }}>loop returns here</span>}
            </li>
          ))}
        </ol>
        {trace.loop_start !== null && (
          <p className="small muted">After the last step the behavior returns to step {trace.loop_start} and repeats forever: the good thing never happens.</p>
        )}
      </div>
      {current && <ExploredStateView state={current.state} title={`State after step ${current.step}`} />}
    </div>
    </div>
  );
}
