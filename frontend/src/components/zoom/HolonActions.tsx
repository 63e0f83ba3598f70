import { useState, type FormEvent } from "react";
import { useComponents, useHolonEdits, useStructureEdits } from "../../api/queries";
import { flatten, holonLabel, subtreeIds, type TreeNode } from "../../lib/holarchy";
import { ErrorMessage } from "../common/ErrorMessage";

type Mode = "none" | "add" | "rename" | "move" | "place" | "delete";

/** Add a child under, rename, move or delete the selected holon, or place a component in it (every edit is checked by the engine). */
export function HolonActions({ model, root, node, onSelect }: { model: number; root: TreeNode; node: TreeNode; onSelect: (id: number) => void }) {
  const edits = useHolonEdits(model);
  const { place } = useStructureEdits(model);
  const components = useComponents(model);
  const [component, setComponent] = useState<number | "">("");
  const [mode, setMode] = useState<Mode>("none");
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const [parent, setParent] = useState<number | "">("");
  const isRoot = node.holon.parent === null;
  const pending = edits.add.isPending || edits.rename.isPending || edits.move.isPending || edits.remove.isPending || place.isPending;
  const error = edits.add.error ?? edits.rename.error ?? edits.move.error ?? edits.remove.error ?? place.error;

  const open = (next: Mode) => {
    for (const m of [edits.add, edits.rename, edits.move, edits.remove, place]) m.reset();
    setComponent("");
    setMode(mode === next ? "none" : next);
    setKey(next === "rename" ? node.holon.key : "");
    setName(next === "rename" ? (node.holon.name ?? "") : "");
    setParent("");
  };
  const done = () => setMode("none");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === "add") edits.add.mutate({ parent: node.holon.id, key, name }, { onSuccess: (h) => (done(), onSelect(h.id)) });
    if (mode === "rename") edits.rename.mutate({ id: node.holon.id, key, name }, { onSuccess: done });
    if (mode === "move" && parent !== "") edits.move.mutate({ id: node.holon.id, parent }, { onSuccess: done });
    if (mode === "place" && component !== "") place.mutate({ holon: node.holon.id, component }, { onSuccess: done });
    if (mode === "delete")
      edits.remove.mutate({ id: node.holon.id }, { onSuccess: () => (done(), onSelect(node.holon.parent ?? root.holon.id)) });
  };
  const forbidden = subtreeIds(node);
  const targets = flatten(root).filter((n) => !forbidden.has(n.holon.id) && n.holon.id !== node.holon.parent);

  return (
    <div>
      <div className="tree-actions">
        <button className="small" onClick={() => open("add")}>Add child</button>
        <button className="small" onClick={() => open("rename")}>Rename</button>
        <button className="small" onClick={() => open("move")} disabled={isRoot}>Move</button>
        <button className="small" onClick={() => open("place")}>Place component</button>
        <button className="small danger" onClick={() => open("delete")} disabled={isRoot}>Delete</button>
      </div>
      {mode !== "none" && (
        <form className="stack" style={{ gap: 8, marginTop: 10 }} onSubmit={submit} aria-label={`${mode} holon`}>
          {(mode === "add" || mode === "rename") && (
            <>
              <label className="field">
                Id
                <input name="key" value={key} onChange={(e) => setKey(e.target.value)} placeholder="rack-2" autoFocus />
              </label>
              <label className="field">
                Display name
                <input name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder="optional" />
              </label>
            </>
          )}
          {mode === "move" && (
            <label className="field">
              New parent of {holonLabel(node.holon)}
              <select name="parent" value={parent} onChange={(e) => setParent(e.target.value ? Number(e.target.value) : "")}>
                <option value="">Choose…</option>
                {targets.map((t) => (
                  <option key={t.holon.id} value={t.holon.id}>
                    {"  ".repeat(t.holon.depth)}
                    {holonLabel(t.holon)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {mode === "place" && (
            <label className="field">
              Component to move into {holonLabel(node.holon)}
              <select name="component" value={component} onChange={(e) => setComponent(e.target.value ? Number(e.target.value) : "")}>
                <option value="">Choose…</option>
                {components.data
                  ?.filter((c) => !node.components.includes(c.key))
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.key}
                    </option>
                  ))}
              </select>
            </label>
          )}
          {mode === "delete" && (
            <p className="small" style={{ margin: 0 }}>
              Delete <strong>{holonLabel(node.holon)}</strong>? Its children and components move up to its parent.
            </p>
          )}
          <div className="row">
            <button className={mode === "delete" ? "danger" : "primary"} type="submit" disabled={pending || ((mode === "add" || mode === "rename") && !key) || (mode === "move" && parent === "") || (mode === "place" && component === "")}>
              {{ add: "Add", rename: "Save", move: "Move", place: "Place", delete: "Delete", none: "" }[mode]}
            </button>
            <button type="button" onClick={done}>Cancel</button>
          </div>
        </form>
      )}
      {error && <div style={{ marginTop: 8 }}><ErrorMessage error={error} /></div>}
    </div>
  );
}
