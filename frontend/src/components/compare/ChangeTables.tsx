import type { ReactNode } from "react";
import type { MetricChange, VerdictChange } from "../../api/types-extra";
import { CHANGE_TONE, formatChange, formatMeasure } from "../../lib/compare";
import { TableHead } from "../common/TableHead";

/** One column of a table of changes: its heading and what each row shows in it. */
interface ChangeColumn<T> {
  label: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** A table of changes, one row each, tinted and badged by whether it got better or worse. `identify` gives a row's
 * key and the data attributes tests and styles find it by. */
function ChangeTable<T extends { change: string }>(props: {
  rows: T[];
  empty: string;
  testId: string;
  columns: ChangeColumn<T>[];
  identify: (row: T) => Record<string, string>;
}) {
  const { rows, columns, identify } = props;
  if (rows.length === 0) return <p className="panel-body muted small">{props.empty}</p>;
  return (
    <table className="data" data-testid={props.testId}>
      <TableHead columns={[...columns.map((c) => c.label), "Change"]} />
      <tbody>
        {rows.map((row) => {
          const data = identify(row);
          return (
            <tr key={Object.values(data).join("|")} className={`change-${row.change}`} {...data}>
              {columns.map((c) => (
                <td key={c.label} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
              <td>
                <span className={`badge ${CHANGE_TONE[row.change]}`}>{row.change}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const VERDICT_COLUMNS: ChangeColumn<VerdictChange>[] = [
  { label: "What", cell: (c) => c.kind },
  { label: "Where", cell: (c) => c.where || "system", className: "mono" },
  { label: "Name", cell: (c) => <strong>{c.name}</strong> },
  { label: "a", cell: (c) => c.a },
  { label: "b", cell: (c) => c.b },
];

/** Each verdict that changed from a to b: an SLO, a property, a level, a failure, a holon of a blast radius. */
export function VerdictChanges({ changes }: { changes: VerdictChange[] }) {
  const identify = (c: VerdictChange) => ({ "data-kind": c.kind, "data-where": c.where, "data-name": c.name });
  return <ChangeTable rows={changes} empty="No verdict changed." testId="verdict-changes" columns={VERDICT_COLUMNS} identify={identify} />;
}

const METRIC_COLUMNS: ChangeColumn<MetricChange>[] = [
  { label: "Holon", cell: (m) => m.where, className: "mono" },
  { label: "Measure", cell: (m) => <>{m.metric} <span className="muted small">({m.better} is better)</span></> },
  { label: "a", cell: (m) => formatMeasure(m.metric, m.a), className: "nowrap" },
  { label: "b", cell: (m) => formatMeasure(m.metric, m.b), className: "nowrap" },
  { label: "By", cell: formatChange, className: "nowrap mono" },
];

/** Each measurement that moved, holon by holon: both values, by how much, and whether that is better or worse. */
export function MetricChanges({ changes }: { changes: MetricChange[] }) {
  const identify = (m: MetricChange) => ({ "data-where": m.where, "data-metric": m.metric });
  return <ChangeTable rows={changes} empty="No measurement moved." testId="metric-changes" columns={METRIC_COLUMNS} identify={identify} />;
}
