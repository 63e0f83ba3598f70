import { Link, useParams } from "react-router-dom";
import { useModel, useWorkspace } from "../api/queries";
import { ActivityFeed } from "../components/reviews/ActivityFeed";

/** The activity of a model (``/models/:modelId/activity``) or of a workspace (``/workspaces/:workspaceId/activity``). */
export function ActivityPage() {
  const { modelId, workspaceId } = useParams();
  const model = useModel(Number(modelId ?? 0));
  const workspace = useWorkspace(workspaceId ? Number(workspaceId) : model.data?.workspace);
  return (
    <div className="stack">
      <div className="small muted">
        <Link to="/">Gallery</Link> › {workspace.data?.name ?? "…"}
        {modelId && (
          <>
            {" "}
            › <Link to={`/models/${modelId}`}>{model.data?.name ?? "Model"}</Link>
          </>
        )}
      </div>
      <div className="row spread">
        <h1>Activity of {modelId ? (model.data?.name ?? "the model") : (workspace.data?.name ?? "the workspace")}</h1>
        {modelId && workspace.data && <Link to={`/workspaces/${workspace.data.id}/activity`}>Activity of the workspace</Link>}
      </div>
      <div className="panel panel-body">
        <ActivityFeed scope={modelId ? { model: Number(modelId) } : { workspace: Number(workspaceId) }} />
      </div>
    </div>
  );
}
