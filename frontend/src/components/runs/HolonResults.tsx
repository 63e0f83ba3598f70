import { useMemo, useState } from "react";
import type { HolarchySpec } from "../../api/modelDocument";
import type { RunSummary } from "../../api/types-extra";
import { formatPercent } from "../../lib/chart";
import { holonRows, levelName, visibleRows } from "../../lib/holonResults";
import { HolonSliCharts } from "./HolonSliCharts";
import { TableHead } from "../common/TableHead";

const latency = (v: number | null | undefined) => (v === null || v === undefined ? "—" : String(+v.toFixed(3)));

/**
 * Per-holon SLIs of every holarchy, rolled up its tree: a holon counts the
 * requests served by every component under it, so each row sums the rows it
 * folds. Availability, latency percentiles and the messages crossing each
 * holon's boundary; charts compare the holons of one level.
 */
export function HolonResults({ summary, holarchies }: { summary: RunSummary; holarchies: HolarchySpec[] }) {
  const [chosen, setChosen] = useState(holarchies[0]?.name);
  const holarchy = holarchies.find((h) => h.name === chosen) ?? holarchies[0];
  const rows = useMemo(() => (holarchy ? holonRows(holarchy, summary) : []), [holarchy, summary]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const depths = [...new Set(rows.map((r) => r.depth))];
  const [level, setLevel] = useState(1);
  if (!holarchy) return null;
  const shownLevel = depths.includes(level) ? level : (depths[depths.length > 1 ? 1 : 0] ?? 0);
  const toggle = (id: string) => setCollapsed((c) => new Set(c.has(id) ? [...c].filter((x) => x !== id) : [...c, id]));
  return (
    <div className="stack" data-testid="holon-results" data-holarchy={holarchy.name}>
      <div className="row small" style={{ gap: 12 }}>
        {holarchies.length > 1 && (
          <div role="tablist" aria-label="Holarchy" className="row" style={{ gap: 4 }}>
            {holarchies.map((h) => (
              <button key={h.name} role="tab" aria-selected={h.name === holarchy.name} className={`small${h.name === holarchy.name ? " primary" : ""}`} onClick={() => setChosen(h.name)}>
                {h.name}
              </button>
            ))}
          </div>
        )}
        <label className="row" style={{ gap: 4 }}>
          charts compare the holons at
          <select value={shownLevel} onChange={(e) => setLevel(Number(e.target.value))} aria-label="Level the charts compare">
            {depths.map((d) => (
              <option key={d} value={d}>{levelName(holarchy, d)}</option>
            ))}
          </select>
        </label>
      </div>
      <table className="data" data-testid="holon-slis">
        <TableHead columns={["Holon", "Requests", "Availability", "p50", "p90", "p99", "max", "Boundary in", "Boundary out"]} />
        <tbody>
          {visibleRows(rows, collapsed).map((r) => (
            <tr key={r.id} data-holon={r.id}>
              <td style={{ paddingLeft: 8 + r.depth * 18 }}>
                {r.below.length > 0 ? (
                  <button className="small" aria-expanded={!collapsed.has(r.id)} aria-label={`${collapsed.has(r.id) ? "Unfold" : "Fold"} ${r.id}`} onClick={() => toggle(r.id)} style={{ marginRight: 6, padding: "0 6px" }}>
                    {collapsed.has(r.id) ? "+" : "−"}
                  </button>
                ) : (
                  <span style={{ display: "inline-block", width: 26 }} />
                )}
                <strong>{r.id}</strong> <span className="muted small">{levelName(holarchy, r.depth)}</span>
              </td>
              <td data-col="requests">{r.sli?.requests ?? 0}</td>
              <td data-col="availability">{r.sli?.requests ? formatPercent(r.sli.availability, 3) : "—"}</td>
              <td data-col="p50">{latency(r.sli?.requests ? r.sli.latency?.p50 : undefined)}</td>
              <td data-col="p90">{latency(r.sli?.requests ? r.sli.latency?.p90 : undefined)}</td>
              <td data-col="p99">{latency(r.sli?.requests ? r.sli.latency?.p99 : undefined)}</td>
              <td data-col="max">{latency(r.sli?.requests ? r.sli.latency?.max : undefined)}</td>
              <td data-col="in">{r.boundary.in}</td>
              <td data-col="out">{r.boundary.out}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <HolonSliCharts rows={rows.filter((r) => r.depth === shownLevel)} level={levelName(holarchy, shownLevel)} />
    </div>
  );
}
