import { useState } from "react";
import type { Workspace } from "../../api/client";
import { useModels } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { ImportModelForm } from "./ImportModelForm";
import { ModelCard } from "./ModelCard";
import { NewModelForm } from "./NewModelForm";
import { plural } from "../../lib/format";
import { useRole } from "../../api/accounts";

export function WorkspaceSection({ workspace }: { workspace: Workspace }) {
  const models = useModels(workspace.id);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const { cannot } = useRole(workspace.team);
  return (
    <section className="stack" style={{ gap: 10 }} data-testid={`workspace-${workspace.name}`}>
      <div className="row spread">
        <h2>
          {workspace.name} <span className="badge">{plural(workspace.models_count, "model")}</span>
        </h2>
        <div className="row">
          {cannot.write ? (
            <span className="small muted" data-testid="workspace-read-only">
              {cannot.write}
            </span>
          ) : (
            <>
              <button onClick={() => setCreating((v) => !v)}>{creating ? "Close new model" : "+ New blank model"}</button>
              <button onClick={() => setImporting((v) => !v)}>{importing ? "Close import" : "Import YAML model"}</button>
            </>
          )}
        </div>
      </div>
      {creating && <NewModelForm workspace={workspace.id} onCreated={() => setCreating(false)} />}
      {importing && <ImportModelForm workspace={workspace.id} onImported={() => setImporting(false)} />}
      {models.isPending && <Loading label="Loading models" />}
      {models.isError && <ErrorMessage error={models.error} />}
      {models.data?.length === 0 && !importing && (
        <div className="panel empty">No models yet. Start a blank one, or import one written as model-as-code YAML.</div>
      )}
      <div className="gallery">
        {models.data?.map((m) => <ModelCard key={m.id} model={m} />)}
      </div>
    </section>
  );
}
