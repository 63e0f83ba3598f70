import type { Counterexample } from "../../api/types-extra";
import { ValueList, formatValue } from "../viewer/ValueList";

/** The shortest behavior that breaks a property, step by step; for a lasso, where the loop returns. */
export function CounterexampleTrace({ trace, step, onStep }: { trace: Counterexample; step: number; onStep: (step: number) => void }) {
  const current = trace.steps[Math.min(step, trace.steps.length - 1)];
  return (
    <div className="viewer-grid" data-testid="counterexample">
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
      {current && (
        <div className="stack" style={{ gap: 10 }}>
          <h3>State after step {current.step}</h3>
          <div className="state-cards">
            {Object.entries(current.state.components).map(([id, c]) => (
              <div key={id} className={`state-card${c.up ? "" : " down"}`}>
                <div className="title">
                  <span className="mono">{id}</span>
                  <span className={`badge ${c.up ? "ok" : "bad"}`}>{c.up ? "up" : "down"}</span>
                </div>
                <ValueList values={c.state} />
              </div>
            ))}
          </div>
          <div>
            <h3 style={{ marginBottom: 6 }}>Network ({current.state.network.length} in flight)</h3>
            <ul className="msg-list">
              {current.state.network.map((m, i) => (
                <li key={i}>
                  <strong>{m.type}</strong> {m.from} → {m.to} <span className="mono muted">{formatValue(m.payload)}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
