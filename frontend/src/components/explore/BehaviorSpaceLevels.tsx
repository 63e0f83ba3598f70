import type { CollapsedGraph } from "../../api/types-extra";
import { TableHead } from "../common/TableHead";

/** Too many states to store one by one: one bar per depth, with how many states, terminal states and violations it holds. */
export function BehaviorSpaceLevels({ graph }: { graph: CollapsedGraph }) {
  const max = Math.max(1, ...graph.nodes.map((n) => n.states));
  return (
    <div className="panel-body" data-testid="behavior-levels">
      <p className="small muted" style={{ marginTop: 0 }}>
        The space is too large to keep state by state: each row is one breadth-first depth.
      </p>
      <table className="data">
        <TableHead columns={["Depth", { label: "States", style: { width: "50%" } }, "Terminal", "Violations"]} />
        <tbody>
          {graph.nodes.map((n) => (
            <tr key={n.id}>
              <td>{n.depth}</td>
              <td>
                <div className="row" style={{ gap: 8, flexWrap: "nowrap" }}>
                  <div style={{ height: 10, width: `${(n.states / max) * 100}%`, minWidth: 2, background: "#6366f1", borderRadius: 3 }} />
                  <span className="small">{n.states}</span>
                </div>
              </td>
              <td>{n.terminal}</td>
              <td>{n.violations ? <span className="badge bad">{n.violations}</span> : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
