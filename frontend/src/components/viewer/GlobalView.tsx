import type { GlobalState } from "../../api/types-extra";
import { formatValue, ValueList } from "./ValueList";

/**
 * The observer's view: every component's local state (and whether it is up)
 * plus every message in flight. No component can see all of this.
 */
export function GlobalView({ global, selected, onSelect }: { global: GlobalState; selected?: string; onSelect: (component: string) => void }) {
  const inflight = Object.entries(global.inflight ?? {});
  return (
    <div className="panel" data-testid="global-view">
      <div className="panel-header">
        <h2>Global view</h2>
        <span className="muted small">what an observer sees at time {+global.time.toFixed(3)}</span>
      </div>
      <div className="panel-body stack" style={{ gap: 12 }}>
        <div className="state-cards">
          {Object.entries(global.components).map(([id, c]) => (
            <div
              key={id}
              className={`state-card${c.up ? "" : " down"}${selected === id ? " selected" : ""}`}
              onClick={() => onSelect(id)}
              data-component={id}
            >
              <div className="title">
                <span className="mono">{id}</span>
                <span className={`badge ${c.up ? "ok" : "bad"}`}>{c.up ? "up" : "down"}</span>
              </div>
              <ValueList values={c.state} />
              {Object.keys(c.timers ?? {}).length > 0 && (
                <div className="small muted" style={{ marginTop: 4 }}>
                  timers: {Object.entries(c.timers).map(([n, at]) => `${n}@${+at.toFixed(2)}`).join(", ")}
                </div>
              )}
            </div>
          ))}
        </div>
        <div>
          <h3 style={{ marginBottom: 6 }}>In flight ({inflight.length})</h3>
          {inflight.length === 0 ? (
            <div className="muted small">The network holds no message.</div>
          ) : (
            <ul className="msg-list">
              {inflight.map(([id, [from, to, type, payload, arrives]]) => (
                <li key={id}>
                  <span className="mono">#{id}</span> <strong>{type}</strong> {from} → {to}{" "}
                  <span className="muted">arrives {+Number(arrives).toFixed(2)}</span>{" "}
                  <span className="mono muted">{formatValue(payload)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
