import { useMemo, useState } from "react";
import type { HolarchySpec } from "../../api/modelDocument";
import type { ComponentState, GlobalState, MessagesPicture } from "../../api/types-extra";
import { holonPath, topHolons } from "../../lib/holons";
import { formatValue, ValueList } from "./ValueList";

/** Cards drawn at most per holon: a thousand components are searched and opened by holon, not scrolled through. */
const MAX_CARDS = 60;
const MAX_MESSAGES = 200;

interface Props {
  global: GlobalState;
  step: number;
  selected?: string;
  onSelect: (component: string) => void;
  /** The model's holarchies: the components are grouped by the top holons of the chosen one. */
  holarchies?: HolarchySpec[];
  /** Where the messages in flight are shown (`global` is asked for that way); without `onMessages`, no choice. */
  messages?: MessagesPicture;
  onMessages?: (messages: MessagesPicture) => void;
}

/**
 * The observer's view: every component's local state (and whether it is up)
 * plus every message in flight. No component can see all of this. Grouped by
 * a holarchy's top holons (collapsible; a small model shows them all open),
 * with a search; the selected component's place in every holarchy is named.
 */
export function GlobalView({ global, step, selected, onSelect, holarchies = [], messages = "network", onMessages }: Props) {
  const [search, setSearch] = useState("");
  const [grouping, setGrouping] = useState(holarchies[0]?.name ?? "");
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const inflight = Object.entries(global.inflight ?? {});
  const all = useMemo(() => Object.keys(global.components), [global.components]);
  const holarchy = holarchies.find((h) => h.name === grouping);
  const groups = useMemo(() => topHolons(holarchy, all), [holarchy, all]);
  const needle = search.toLowerCase();
  const openByDefault = all.length <= MAX_CARDS;
  const down = all.filter((id) => !global.components[id].up).length;
  const card = (id: string, c: ComponentState) => (
    <div key={id} className={`state-card${c.up ? "" : " down"}${selected === id ? " selected" : ""}`} onClick={() => onSelect(id)} data-component={id}>
      <div className="title">
        <span className="mono">{id}</span>
        <span className={`badge ${c.up ? "ok" : "bad"}`}>{c.up ? "up" : "down"}</span>
      </div>
      <ValueList values={c.state} />
      {c.inbox && (
        <div className="small" data-testid="inbox" style={{ marginTop: 4 }}>
          inbox ({c.inbox.length}){c.inbox.length > 0 && ": "}
          {c.inbox.slice(0, 5).map(([mid, from, type]) => `#${mid} ${type} from ${from}`).join(", ")}
          {c.inbox.length > 5 && ` and ${c.inbox.length - 5} more`}
        </div>
      )}
      {Object.keys(c.timers ?? {}).length > 0 && (
        <div className="small muted" style={{ marginTop: 4 }}>
          timers: {Object.entries(c.timers).map(([n, at]) => `${n}@${+at.toFixed(2)}`).join(", ")}
        </div>
      )}
    </div>
  );
  return (
    <div className="panel" data-testid="global-view" data-step={step}>
      <div className="panel-header">
        <h2>Global view</h2>
        <span className="muted small">what an observer sees at time {+global.time.toFixed(3)}</span>
      </div>
      <div className="panel-body stack" style={{ gap: 12 }}>
        <div className="row small" style={{ gap: 8, flexWrap: "wrap" }}>
          <input type="search" placeholder="Find a component" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Find a component" />
          {holarchies.length > 0 && (
            <label className="row" style={{ gap: 4 }}>
              grouped by
              <select value={grouping} onChange={(e) => setGrouping(e.target.value)} aria-label="Group the components by holarchy">
                {holarchies.map((h) => (
                  <option key={h.name} value={h.name}>{h.name}</option>
                ))}
              </select>
            </label>
          )}
          <span className="muted">{all.length} components, {down} down</span>
          {onMessages && (
            <span className="row" role="group" aria-label="Messages in flight shown" style={{ gap: 4 }}>
              messages in flight:
              {(["network", "inboxes"] as const).map((m) => (
                <button key={m} type="button" className={`small${messages === m ? " primary" : ""}`} aria-pressed={messages === m} onClick={() => onMessages(m)}>
                  {m === "network" ? "in the network" : "in the inboxes"}
                </button>
              ))}
            </span>
          )}
        </div>
        {selected && holarchies.length > 0 && (
          <div className="small" data-testid="selected-places">
            <strong className="mono">{selected}</strong> is in{" "}
            {holarchies.map((h) => (
              <span key={h.name} className="badge" style={{ marginRight: 4 }} data-holarchy={h.name}>
                {h.name}: {holonPath(h.root, selected).join(" › ") || "no holon"}
              </span>
            ))}
          </div>
        )}
        {groups.map((g) => {
          const matching = needle ? g.components.filter((id) => id.toLowerCase().includes(needle)) : g.components;
          if (needle && matching.length === 0) return null;
          const open = needle ? true : toggled.has(g.id) !== openByDefault;
          const groupDown = g.components.filter((id) => global.components[id] && !global.components[id].up).length;
          const holdsSelected = !!selected && g.components.includes(selected);
          return (
            <details key={g.id} open={open} data-holon={g.id} className={holdsSelected ? "holds-selected" : undefined}>
              <summary
                onClick={(e) => {
                  e.preventDefault();
                  setToggled((t) => new Set(t.has(g.id) ? [...t].filter((x) => x !== g.id) : [...t, g.id]));
                }}
              >
                <strong>{g.id}</strong> <span className="muted small">{g.components.length} components{groupDown ? `, ${groupDown} down` : ""}</span>
              </summary>
              {open && (
                <div className="state-cards" style={{ marginTop: 8 }}>
                  {matching.slice(0, MAX_CARDS).map((id) => global.components[id] && card(id, global.components[id]))}
                  {matching.length > MAX_CARDS && <div className="muted small">and {matching.length - MAX_CARDS} more: search to find one</div>}
                </div>
              )}
            </details>
          );
        })}
        {global.inflight === undefined ? (
          <div className="muted small" data-testid="inboxes-note">
            Each message in flight is in the inbox of the component it is addressed to: the same global state as the
            network holding them, drawn the other way.
          </div>
        ) : (
        <div>
          <h3 style={{ marginBottom: 6 }}>In flight ({inflight.length})</h3>
          {inflight.length === 0 ? (
            <div className="muted small">The network holds no message.</div>
          ) : (
            <ul className="msg-list">
              {inflight.slice(0, MAX_MESSAGES).map(([id, [from, to, type, payload, arrives]]) => (
                <li key={id}>
                  <span className="mono">#{id}</span> <strong>{type}</strong> {from} → {to}{" "}
                  <span className="muted">arrives {+Number(arrives).toFixed(2)}</span> <span className="mono muted">{formatValue(payload)}</span>
                </li>
              ))}
            </ul>
          )}
          {inflight.length > MAX_MESSAGES && <div className="muted small">and {inflight.length - MAX_MESSAGES} more messages in flight</div>}
        </div>
        )}
      </div>
    </div>
  );
}
