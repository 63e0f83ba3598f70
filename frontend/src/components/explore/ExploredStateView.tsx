import type { ExploredState, TraceLikeState } from "../../api/types-extra";
import { normalizeState } from "../../lib/stateGraph";
import { formatValue, ValueList } from "../viewer/ValueList";

/** One global state of the behavior space: every component's variables and the messages in flight. */
export function ExploredStateView({ state: raw, title }: { state: ExploredState | TraceLikeState; title: string }) {
  const state = normalizeState(raw);
  return (
    <div className="stack" style={{ gap: 10 }} data-testid="explored-state">
      <h3>{title}</h3>
      <div className="state-cards">
        {Object.entries(state.components).map(([id, c]) => (
          <div key={id} className={`state-card${c.up ? "" : " down"}`}>
            <div className="title">
              <span className="mono">{id}</span>
              <span className={`badge ${c.up ? "ok" : "bad"}`}>{c.up ? "up" : "down"}</span>
            </div>
            <ValueList values={c.state} />
            {c.timers.length > 0 && <div className="small muted">timers: {c.timers.join(", ")}</div>}
          </div>
        ))}
      </div>
      <div>
        <h3 style={{ marginBottom: 6 }}>Network ({state.network.length} in flight)</h3>
        <ul className="msg-list">
          {state.network.map((m, i) => (
            <li key={i}>
              <strong>{m.type}</strong> {m.from} → {m.to} <span className="mono muted">{formatValue(m.payload)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
