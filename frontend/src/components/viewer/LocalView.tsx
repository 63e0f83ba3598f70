import type { LocalView as LocalViewData, SentEntry } from "../../api/types-extra";
import { formatValue, ValueList } from "./ValueList";

/**
 * One component's point of view: its own state, its timers, and its own
 * channel (what it sent, what reached it). Nothing about anyone else's state.
 */
export function LocalView({ local }: { local: LocalViewData }) {
  return (
    <div className="panel local-view" data-testid="local-view">
      <div className="panel-header">
        <h2>
          Local view of <span className="mono">{local.id}</span>
        </h2>
        <span className={`badge ${local.up ? "ok" : "bad"}`}>{local.up ? "up" : "down"}</span>
      </div>
      <div className="panel-body stack" style={{ gap: 12 }}>
        <p className="small muted" style={{ margin: 0 }}>
          Everything <strong>{local.id}</strong> can know after step {local.step}: its own filing cabinet and its own mail. It
          decides on this alone.
        </p>
        <div>
          <h3 style={{ marginBottom: 6 }}>Own state</h3>
          <ValueList values={local.state} />
        </div>
        <div>
          <h3 style={{ marginBottom: 6 }}>Timers</h3>
          {Object.keys(local.timers ?? {}).length === 0 ? (
            <div className="muted small">none set</div>
          ) : (
            <ul className="msg-list">
              {Object.entries(local.timers).map(([name, at]) => (
                <li key={name}>
                  <strong>{name}</strong> fires at {+at.toFixed(3)}
                </li>
              ))}
            </ul>
          )}
        </div>
        <MessageList title="Received (latest last)" entries={local.received} direction="from" />
        <MessageList title="Sent (latest last)" entries={local.sent} direction="to" />
      </div>
    </div>
  );
}

function MessageList({ title, entries, direction }: { title: string; entries: SentEntry[]; direction: "from" | "to" }) {
  return (
    <div>
      <h3 style={{ marginBottom: 6 }}>{title}</h3>
      {entries.length === 0 ? (
        <div className="muted small">nothing yet</div>
      ) : (
        <ul className="msg-list">
          {entries.map(([id, from, to, type, payload]) => (
            <li key={id}>
              <strong>{type}</strong> {direction} <span className="mono">{direction === "from" ? from : to}</span>{" "}
              <span className="mono muted">{formatValue(payload)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
