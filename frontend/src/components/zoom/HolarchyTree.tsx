import { useState } from "react";
import { holonLabel, type TreeNode } from "../../lib/holarchy";

interface Props {
  root: TreeNode;
  levels: string[];
  selected: number | undefined;
  onSelect: (id: number) => void;
  showComponents: boolean;
}

/** The holarchy as an outline: click a holon to zoom to it; components are the leaves. */
export function HolarchyTree({ root, levels, selected, onSelect, showComponents }: Props) {
  return (
    <div className="holarchy-tree" role="tree" aria-label="Holarchy tree">
      <ul>
        <TreeItem node={root} levels={levels} selected={selected} onSelect={onSelect} showComponents={showComponents} />
      </ul>
    </div>
  );
}

function TreeItem({ node, levels, selected, onSelect, showComponents }: Omit<Props, "root"> & { node: TreeNode }) {
  const [open, setOpen] = useState(node.holon.depth < 3);
  const hasChildren = node.children.length > 0 || (showComponents && node.components.length > 0);
  const level = levels[node.holon.depth];
  return (
    <li role="treeitem" aria-expanded={hasChildren ? open : undefined} aria-selected={selected === node.holon.id}>
      <div
        className={`tree-node${selected === node.holon.id ? " selected" : ""}`}
        onClick={() => onSelect(node.holon.id)}
        data-holon={node.holon.key}
      >
        <span
          className="twisty"
          onClick={(e) => {
            e.stopPropagation();
            setOpen((v) => !v);
          }}
        >
          {hasChildren ? (open ? "▾" : "▸") : ""}
        </span>
        <span>{holonLabel(node.holon)}</span>
        {level && <span className="level">{level}</span>}
      </div>
      {open && hasChildren && (
        <ul>
          {node.children.map((child) => (
            <TreeItem
              key={child.holon.id}
              node={child}
              levels={levels}
              selected={selected}
              onSelect={onSelect}
              showComponents={showComponents}
            />
          ))}
          {showComponents &&
            node.components.map((c) => (
              <li key={c} className="tree-leaf" title="component">
                ● {c}
              </li>
            ))}
        </ul>
      )}
    </li>
  );
}
