import type { HolarchySpec } from "../../api/modelDocument";
import { holarchyRows } from "../../lib/study";

/**
 * One holarchy as an indented tree, the holons whose SLOs the selected failure breaks highlighted (its blast
 * radius in this holarchy) and the failed holon itself marked.
 */
export function BlastRadiusTree({ holarchy, broken, failed }: { holarchy: HolarchySpec; broken: Set<string>; failed?: string }) {
  return (
    <div className="blast-tree" data-testid={`blast-tree-${holarchy.name}`}>
      <h3>{holarchy.name}</h3>
      <ul>
        {holarchyRows(holarchy).map((row) => {
          const classes = [broken.has(row.id) ? "broken" : "", row.id === failed ? "failed" : ""].filter(Boolean).join(" ");
          return (
            <li key={row.id} style={{ paddingLeft: row.depth * 16 }} className={classes || undefined} data-holon={row.id}>
              <span className="mono">{row.name}</span> {row.level && <span className="muted small">{row.level}</span>}
              {row.id === failed && <span className="small"> · fails</span>}
              {broken.has(row.id) && <span className="small"> · SLO broken</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
