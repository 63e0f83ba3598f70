import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { holonLabel, pathTo, type TreeNode } from "../../lib/holarchy";

interface Props {
  root: TreeNode;
  levels: string[];
  selected: number | undefined;
  onSelect: (id: number) => void;
  showComponents: boolean;
}

/** Trees with more rows than this in view render only the rows scrolled to (10,000-holon models). */
const VIRTUAL_FROM = 200;
const ROW_HEIGHT = 26;

type Row = { kind: "holon"; node: TreeNode; open: boolean; expandable: boolean } | { kind: "component"; key: string; depth: number };

/**
 * The holarchy as an outline: click a holon (or focus it and press Enter) to
 * zoom to it; components are the leaves. The open holons' rows form one
 * flat list, virtualized when long; the selected holon's ancestors open and
 * its row scrolls into view. Keyboard as the WAI-ARIA tree: arrows move and
 * open or close, Enter selects.
 */
export function HolarchyTree({ root, levels, selected, onSelect, showComponents }: Props) {
  const [toggled, setToggled] = useState<Map<number, boolean>>(new Map());
  const [focused, setFocused] = useState<number | undefined>(undefined);
  const scroller = useRef<HTMLDivElement>(null);

  // Reveal the selected holon: open every holon above it.
  useEffect(() => {
    if (selected === undefined) return;
    const above = pathTo(root, selected).slice(0, -1);
    if (above.some((n) => !isOpen(n, toggled)))
      setToggled((prev) => new Map([...prev, ...above.map((n) => [n.holon.id, true] as const)]));
    // Only a new selection reveals; the user's own closing of a holon is kept otherwise.
  }, [root, selected]);

  const rows = useMemo(() => visibleRows(root, toggled, showComponents), [root, toggled, showComponents]);
  const virtual = rows.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const indexOf = (id: number | undefined) => rows.findIndex((r) => r.kind === "holon" && r.node.holon.id === id);

  useEffect(() => {
    const index = indexOf(selected);
    if (virtual && index >= 0) virtualizer.scrollToIndex(index, { align: "auto" });
    // Scrolling follows the selection only, not every re-render.
  }, [selected, virtual, rows.length]);

  const focusRow = (index: number) => {
    const row = rows[index];
    if (!row || row.kind !== "holon") return;
    setFocused(row.node.holon.id);
    if (virtual) virtualizer.scrollToIndex(index, { align: "auto" });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-row="${index}"]`)?.focus());
  };
  const toggle = (id: number, open: boolean) => setToggled((prev) => new Map(prev).set(id, open));
  const holonRows = rows.map((r, i) => (r.kind === "holon" ? i : -1)).filter((i) => i >= 0);
  const onKey = (e: KeyboardEvent, index: number) => {
    const row = rows[index];
    if (row.kind !== "holon") return;
    const at = holonRows.indexOf(index);
    const handled: Record<string, () => void> = {
      Enter: () => onSelect(row.node.holon.id),
      " ": () => onSelect(row.node.holon.id),
      ArrowDown: () => focusRow(holonRows[at + 1] ?? index),
      ArrowUp: () => focusRow(holonRows[at - 1] ?? index),
      Home: () => focusRow(holonRows[0]),
      End: () => focusRow(holonRows[holonRows.length - 1]),
      ArrowRight: () => (row.expandable && !row.open ? toggle(row.node.holon.id, true) : focusRow(holonRows[at + 1] ?? index)),
      ArrowLeft: () => {
        if (row.expandable && row.open) return toggle(row.node.holon.id, false);
        const parent = row.node.holon.parent;
        if (parent !== null && parent !== undefined) focusRow(indexOf(parent));
      },
    };
    const action = handled[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  // One row is in the tab order: the focused one, else the selected one, else the root.
  const tabStop = focused ?? (indexOf(selected) >= 0 ? selected : root.holon.id);
  const render = (row: Row, index: number) =>
    row.kind === "component" ? (
      <div key={`c:${row.key}`} className="tree-leaf" title="component" style={{ paddingLeft: 24 + row.depth * 14 }} role="none">
        ● {row.key}
      </div>
    ) : (
      <div
        key={row.node.holon.id}
        role="treeitem"
        aria-level={row.node.holon.depth + 1}
        aria-expanded={row.expandable ? row.open : undefined}
        aria-selected={selected === row.node.holon.id}
        tabIndex={tabStop === row.node.holon.id ? 0 : -1}
        data-row={index}
        className={`tree-node${selected === row.node.holon.id ? " selected" : ""}`}
        style={{ paddingLeft: 6 + row.node.holon.depth * 14 }}
        onClick={() => (setFocused(row.node.holon.id), onSelect(row.node.holon.id))}
        onKeyDown={(e) => onKey(e, index)}
        data-holon={row.node.holon.key}
      >
        <span
          className="twisty"
          aria-hidden
          onClick={(e) => {
            e.stopPropagation();
            toggle(row.node.holon.id, !row.open);
          }}
        >
          {row.expandable ? (row.open ? "▾" : "▸") : ""}
        </span>
        <span>{holonLabel(row.node.holon)}</span>
        {levels[row.node.holon.depth] && <span className="level">{levels[row.node.holon.depth]}</span>}
      </div>
    );
  const items = virtualizer.getVirtualItems();
  return (
    <div ref={scroller} className="holarchy-tree" role="tree" aria-label="Holarchy tree" style={virtual ? { maxHeight: 640, overflow: "auto" } : undefined}>
      {virtual ? (
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => (
            <div key={item.key} style={{ position: "absolute", top: item.start, left: 0, right: 0 }}>
              {render(rows[item.index], item.index)}
            </div>
          ))}
        </div>
      ) : (
        rows.map(render)
      )}
    </div>
  );
}

function isOpen(node: TreeNode, toggled: Map<number, boolean>): boolean {
  return toggled.get(node.holon.id) ?? node.holon.depth < 3;
}

/** The rows an outline shows: every holon whose ancestors are open, its children, then its components when shown. */
function visibleRows(root: TreeNode, toggled: Map<number, boolean>, showComponents: boolean): Row[] {
  const rows: Row[] = [];
  const walk = (node: TreeNode) => {
    const expandable = node.children.length > 0 || (showComponents && node.components.length > 0);
    const open = isOpen(node, toggled);
    rows.push({ kind: "holon", node, open, expandable });
    if (!open) return;
    node.children.forEach(walk);
    if (showComponents) for (const key of node.components) rows.push({ kind: "component", key, depth: node.holon.depth + 1 });
  };
  walk(root);
  return rows;
}
