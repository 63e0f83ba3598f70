import { useState, type FormEvent } from "react";
import { useCreateWorkspace } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";

export function NewWorkspaceForm({ team, onDone }: { team: number; onDone: () => void }) {
  const create = useCreateWorkspace();
  const [name, setName] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ team, name }, { onSuccess: onDone });
  };
  return (
    <form className="panel panel-body row" onSubmit={submit}>
      <label className="field grow">
        Workspace name
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <button className="primary" type="submit" disabled={!name || create.isPending}>
        Create
      </button>
      {create.isError && <ErrorMessage error={create.error} />}
    </form>
  );
}
