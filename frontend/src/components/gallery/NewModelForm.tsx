import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useCreateModel } from "../../api/draftEdits";
import { ErrorMessage } from "../common/ErrorMessage";

/** Start a model from nothing: a name, then the model page to add holarchies, components and links. */
export function NewModelForm({ workspace, onCreated }: { workspace: number; onCreated: () => void }) {
  const create = useCreateModel();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ workspace, name }, { onSuccess: (model) => (onCreated(), navigate(`/models/${model.id}?tab=parts`)) });
  };
  return (
    <form className="panel panel-body stack" style={{ gap: 10 }} onSubmit={submit} aria-label="New blank model">
      <div className="row" style={{ alignItems: "flex-end" }}>
        <label className="field grow">
          Name of the new model
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus placeholder="Leader election" />
        </label>
        <button className="primary" type="submit" disabled={!name.trim() || create.isPending}>
          {create.isPending ? "Creating…" : "Create blank model"}
        </button>
      </div>
      {create.isError && <ErrorMessage error={create.error} />}
    </form>
  );
}
