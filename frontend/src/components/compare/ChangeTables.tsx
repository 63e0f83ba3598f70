import type { MetricChange, VerdictChange } from "../../api/types-extra";
import { CHANGE_TONE, formatChange, formatMeasure } from "../../lib/compare";
import { TableHead } from "../common/TableHead";

function ChangeBadge({ change }: { change: string }) {
  return <span className={`badge ${CHANGE_TONE[change]}`}>{change}</span>;
}

/** Each verdict that changed from a to b: an SLO, a property, a level, a failure, a holon of a blast radius. */
export function VerdictChanges({ changes }: { changes: VerdictChange[] }) {
  if (changes.length === 0) return <p className="panel-body muted small">No verdict changed.</p>;
  return (
    <table className="data" data-testid="verdict-changes">
      <TableHead columns={["What", "Where", "Name", "a", "b", "Change"]} />
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.kind}|${c.where}|${c.name}`} className={`change-${c.change}`} data-kind={c.kind} data-where={c.where}>
            <td>{c.kind}</td>
            <td className="mono">{c.where || "system"}</td>
            <td>
              <strong>{c.name}</strong>
            </td>
            <td>{c.a}</td>
            <td>{c.b}</td>
            <td>
              <ChangeBadge change={c.change} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each measurement that moved, holon by holon: both values, the change, and whether it is better or worse. */
export function MetricChanges({ changes }: { changes: MetricChange[] }) {
  if (changes.length === 0) return <p className="panel-body muted small">No measurement moved.</p>;
  return (
    <table className="data" data-testid="metric-changes">
      <TableHead columns={["Holon", "Measure", "a", "b", "Change", ""]} />
      <tbody>
        {changes.map((m) => (
          <tr key={`${m.where}|${m.metric}`} className={`change-${m.change}`} data-where={m.where} data-metric={m.metric}>
            <td className="mono">{m.where}</td>
            <td>
              {m.metric} <span className="muted small">({m.better} is better)</span>
            </td>
            <td className="nowrap">{formatMeasure(m.metric, m.a)}</td>
            <td className="nowrap">{formatMeasure(m.metric, m.b)}</td>
            <td className="nowrap mono">{formatChange(m)}</td>
            <td>
              <ChangeBadge change={m.change} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
