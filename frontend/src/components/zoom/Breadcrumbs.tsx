import { Fragment } from "react";
import { holonLabel, type TreeNode } from "../../lib/holarchy";

/** Where the zoom is: the path from the root; click an ancestor to zoom out to it. */
export function Breadcrumbs({ path, levels, onSelect }: { path: TreeNode[]; levels: string[]; onSelect: (id: number) => void }) {
  return (
    <nav className="breadcrumbs" aria-label="Zoom path">
      {path.map((node, i) => {
        const last = i === path.length - 1;
        const level = levels[node.holon.depth];
        return (
          <Fragment key={node.holon.id}>
            {i > 0 && <span className="sep">›</span>}
            {last ? (
              <span className="current" aria-current="location">
                {holonLabel(node.holon)}
                {level && <span className="muted small"> ({level})</span>}
              </span>
            ) : (
              <button onClick={() => onSelect(node.holon.id)}>{holonLabel(node.holon)}</button>
            )}
          </Fragment>
        );
      })}
    </nav>
  );
}
