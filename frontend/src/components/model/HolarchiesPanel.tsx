import { useState, type FormEvent } from "react";
import type { Holarchy } from "../../api/client";
import { useHolarchyEdit } from "../../api/draftEdits";
import { useHolarchies, useHolonEdits, useHolons, useStructureEdits } from "../../api/queries";
import { parseLevels } from "../../lib/structure";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { ConfirmButton } from "./ConfirmButton";

/** The trees over the components: add one (a root holding every component, to arrange in Structure), rename it, change its levels and root, or delete it. */
export function HolarchiesPanel({ model, canWrite, onOpen }: { model: number; canWrite: boolean; onOpen: (holarchy: number) => void }) {
  const holarchies = useHolarchies(model);
  const { addHolarchy, removeHolarchy } = useStructureEdits(model);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const edited = holarchies.data?.find((h) => h.id === editing);
  const [name, setName] = useState("");
  const [levels, setLevels] = useState("");
  const [rootKey, setRootKey] = useState("");
  const [rootName, setRootName] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    addHolarchy.mutate(
      { model, name, levels: parseLevels(levels), root_key: rootKey, root_name: rootName },
      { onSuccess: () => (setAdding(false), setName(""), setLevels(""), setRootKey(""), setRootName("")) },
    );
  };
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Holarchies</h2>
        <span className="muted small">each one a tree over every component: physical, logical, organisational…</span>
        <div className="spacer" />
        {canWrite && !adding && (
          <button className="primary small" onClick={() => (removeHolarchy.reset(), addHolarchy.reset(), setAdding(true))}>
            + New holarchy
          </button>
        )}
      </div>
      {adding && (
        <form className="panel-body stack edit-form" style={{ gap: 12 }} onSubmit={submit} aria-label="New holarchy">
          <HolarchyFields
            values={{ name, levels, rootKey, rootName }}
            set={{ name: setName, levels: setLevels, rootKey: setRootKey, rootName: setRootName }}
            examples={{ name: "teams", levels: "org, team, service", rootKey: "company", rootName: "optional" }}
            isNew
          />
          <div className="small muted">The new holarchy starts as one root holding every component; open it in Structure to add holons and move components into them.</div>
          <div className="row">
            <button className="primary" type="submit" disabled={!name || !rootKey || addHolarchy.isPending}>
              {addHolarchy.isPending ? "Adding…" : "Add holarchy"}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
          {addHolarchy.isError && <ErrorMessage error={addHolarchy.error} />}
        </form>
      )}
      {edited && <EditHolarchyForm key={edited.id} model={model} holarchy={edited} onDone={() => setEditing(null)} />}
      {removeHolarchy.isError && (
        <div className="panel-body">
          <ErrorMessage error={removeHolarchy.error} />
        </div>
      )}
      {holarchies.isPending && <Loading />}
      {holarchies.isError && <ErrorMessage error={holarchies.error} />}
      {holarchies.data && (
        <table className="data" data-testid="holarchies-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Levels</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {holarchies.data.map((h) => (
              <tr key={h.id} data-holarchy={h.name}>
                <td>
                  <button className="link" onClick={() => onOpen(h.id)}>
                    {h.name}
                  </button>
                </td>
                <td className="small">{Array.isArray(h.levels) && h.levels.length ? (h.levels as string[]).join(" › ") : <span className="muted">—</span>}</td>
                <td className="nowrap" style={{ textAlign: "right" }}>
                  {canWrite && (
                    <button type="button" className="small" aria-label={`Edit holarchy ${h.name}`} onClick={() => (setAdding(false), setEditing(h.id))}>
                      Edit
                    </button>
                  )}{" "}
                  {canWrite && (
                    <ConfirmButton
                      label={`Delete holarchy ${h.name}`}
                      confirm={`Delete ${h.name} and its holons`}
                      disabled={removeHolarchy.isPending}
                      onConfirm={() => removeHolarchy.mutate({ id: h.id })}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Rename a holarchy, change its level names, and rename its root holon. */
function EditHolarchyForm({ model, holarchy, onDone }: { model: number; holarchy: Holarchy; onDone: () => void }) {
  const edit = useHolarchyEdit(model);
  const { rename } = useHolonEdits(model);
  const root = useHolons(model, holarchy.id).data?.find((h) => h.id === holarchy.root);
  const [name, setName] = useState(holarchy.name);
  const [levels, setLevels] = useState(((holarchy.levels as string[] | undefined) ?? []).join(", "));
  // null until typed in: the fields show the root holon, which loads after the form opens.
  const [rootKey, setRootKey] = useState<string | null>(null);
  const [rootName, setRootName] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await edit.mutateAsync({ id: holarchy.id, name, levels: parseLevels(levels) });
      if (root && (rootKey !== null || rootName !== null))
        await rename.mutateAsync({ id: root.id, key: rootKey ?? root.key, name: rootName ?? root.name });
      onDone();
    } catch {
      // shown below from the mutation's error
    }
  };
  const error = edit.error ?? rename.error;
  return (
    <form className="panel-body stack edit-form" style={{ gap: 12 }} onSubmit={submit} aria-label={`Edit holarchy ${holarchy.name}`}>
      <HolarchyFields
        values={{ name, levels, rootKey: rootKey ?? root?.key ?? "", rootName: rootName ?? root?.name ?? "" }}
        set={{ name: setName, levels: setLevels, rootKey: setRootKey, rootName: setRootName }}
        examples={{ levels: "region, rack, machine" }}
        rootDisabled={!root}
      />
      <div className="row">
        <button className="primary" type="submit" disabled={!name || edit.isPending || rename.isPending}>
          Save holarchy
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}

interface HolarchyValues {
  name: string;
  levels: string;
  rootKey: string;
  rootName: string;
}

/** The fields of a holarchy, new or edited: its name, its levels (root first), and its root holon's id and display name. */
function HolarchyFields({ values, set, examples, isNew = false, rootDisabled = false }: {
  values: HolarchyValues;
  set: { [field in keyof HolarchyValues]: (value: string) => void };
  examples: Partial<HolarchyValues>;
  isNew?: boolean;
  rootDisabled?: boolean;
}) {
  return (
    <div className="row" style={{ alignItems: "flex-end" }}>
      <label className="field">
        Name
        <input name="name" value={values.name} onChange={(e) => set.name(e.target.value)} placeholder={examples.name} autoFocus={isNew} required />
      </label>
      <label className="field grow">
        Levels, root first
        <input name="levels" value={values.levels} onChange={(e) => set.levels(e.target.value)} placeholder={examples.levels} />
      </label>
      <label className="field">
        Root id
        <input
          name="root_key"
          value={values.rootKey}
          onChange={(e) => set.rootKey(e.target.value)}
          placeholder={examples.rootKey}
          required={isNew}
          disabled={rootDisabled}
        />
      </label>
      <label className="field">
        Root display name
        <input name="root_name" value={values.rootName} onChange={(e) => set.rootName(e.target.value)} placeholder={examples.rootName} disabled={rootDisabled} />
      </label>
    </div>
  );
}
