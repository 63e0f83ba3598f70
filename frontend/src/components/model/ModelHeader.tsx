import { useState, type FormEvent } from "react";
import { api, type SystemModel } from "../../api/client";
import { useSaveVersion } from "../../api/queries";
import { plural } from "../../lib/format";
import { ErrorMessage } from "../common/ErrorMessage";
import { useRoleInWorkspace } from "../../api/accounts";
import { ReasonedButton, RoleBadge } from "../accounts/ReasonedButton";

export function ModelHeader({ model, canWrite }: { model: SystemModel; canWrite: boolean }) {
  const save = useSaveVersion(model.id);
  const { role, cannot } = useRoleInWorkspace(model.workspace);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(message, { onSuccess: () => (setSaving(false), setMessage("")) });
  };
  return (
    <div className="stack" style={{ gap: 10, marginBottom: 14 }}>
      <div className="model-head" style={{ marginBottom: 0 }}>
        <div className="grow">
          <h1 data-testid="model-name">{model.name}</h1>
          {model.description && <p>{model.description}</p>}
          <div className="row small" style={{ gap: 6, marginTop: 8 }}>
            <span className="badge">{plural(model.components_count, "component")}</span>
            <span className="badge">{plural(model.links_count, "link")}</span>
            <span className="badge">{plural(model.holarchies_count, "holarchy", "holarchies")}</span>
            {model.latest_version ? <span className="badge accent">latest v{model.latest_version}</span> : <span className="badge warn">no version yet</span>}
          </div>
        </div>
        <div className="row">
          <a className="button" href={api.models.exportUrl(model.id)} download>
            Export YAML
          </a>
          <RoleBadge role={role} />
          <ReasonedButton className="primary" onClick={() => setSaving((v) => !v)} reason={canWrite ? undefined : cannot.write}>
            Save version
          </ReasonedButton>
        </div>
      </div>
      {saving && (
        <form className="panel panel-body row" onSubmit={submit}>
          <label className="field grow">
            What changed in this version?
            <input value={message} onChange={(e) => setMessage(e.target.value)} placeholder="e.g. add a second rack" autoFocus />
          </label>
          <button className="primary" type="submit" disabled={save.isPending} style={{ alignSelf: "flex-end" }}>
            Freeze draft as a version
          </button>
        </form>
      )}
      {save.isSuccess && !saving && <div className="small muted">Saved version v{save.data.number}.</div>}
      {save.isError && <ErrorMessage error={save.error} />}
    </div>
  );
}
