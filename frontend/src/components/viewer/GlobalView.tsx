import { useState } from "react";
import type { GlobalState } from "../../api/types-extra";
import { formatValue, ValueList } from "./ValueList";

/** Cards drawn at most: a thousand components are searched, not scrolled through. */
const MAX_CARDS = 60;
const MAX_MESSAGES = 200;

/**
 * The observer's view: every component's local state (and whether it is up)
 * plus every message in flight. No component can see all of this.
 */
export function GlobalView({ global, step, selected, onSelect }: { global: GlobalState; step: number; selected?: string; onSelect: (component: string) => void }) {
  const [search, setSearch] = useState("");
  const inflight = Object.entries(global.inflight ?? {});
  const all = Object.entries(global.components);
  const matching = search ? all.filter(([id]) => id.toLowerCase().includes(search.toLowerCase())) : all;
  const down = all.filter(([, c]) => !c.up).length;
  return (
    <div className="panel" data-testid="global-view" data-step={step}>
      <div className="panel-header">
        <h2>Global view</h2>
        <span className="muted small">what an observer sees at time {+global.time.toFixed(3)}</span>
      </div>
      <div className="panel-body stack" style={{ gap: 12 }}>
        {all.length > MAX_CARDS && (
          <div className="row small" style={{ gap: 8 }}>
            <input type="search" placeholder="Find a component" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Find a component" />
            <span className="muted">
              {all.length} components, {down} down · showing {Math.min(MAX_CARDS, matching.length)} of {matching.length}
            </span>
          </div>
        )}
        <div className="state-cards">
          {matching.slice(0, MAX_CARDS).map(([id, c]) => (
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
              {inflight.slice(0, MAX_MESSAGES).map(([id, [from, to, type, payload, arrives]]) => (
                <li key={id}>
                  <span className="mono">#{id}</span> <strong>{type}</strong> {from} → {to}{" "}
                  <span className="muted">arrives {+Number(arrives).toFixed(2)}</span>{" "}
                  <span className="mono muted">{formatValue(payload)}</span>
                </li>
              ))}
            </ul>
          )}
          {inflight.length > MAX_MESSAGES && (
            <div className="muted small">and {inflight.length - MAX_MESSAGES} more messages in flight</div>
          )}
        </div>
      </div>
    </div>
  );
}
