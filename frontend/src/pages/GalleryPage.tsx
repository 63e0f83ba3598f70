import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useTeam, useWorkspaces } from "../api/queries";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { NewWorkspaceForm } from "../components/gallery/NewWorkspaceForm";
import { WorkspaceSection } from "../components/gallery/WorkspaceSection";
import { rememberTeam } from "../lib/teamMemory";
import { useRole } from "../api/accounts";
import { ReasonedButton, RoleBadge } from "../components/accounts/ReasonedButton";

/** A team's workspaces, each with the gallery of its models. */
export function GalleryPage() {
  const { team: slug } = useParams();
  const { team, pending } = useTeam(slug);
  const workspaces = useWorkspaces(team?.id);
  const [creating, setCreating] = useState(false);
  const { role, cannot } = useRole(team?.id);
  if (pending) return <Loading />;
  if (!team) return <p className="empty">No team “{slug}” among yours.</p>;
  rememberTeam(team.slug);
  return (
    <div className="stack">
      <div className="row spread">
        <div>
          <h1>{team.name}</h1>
          <p className="muted" style={{ margin: "2px 0 0" }}>
            Models of distributed systems, grouped by workspace.
          </p>
        </div>
        <div className="row">
          <RoleBadge role={role} />
          <Link to={`/teams/${team.slug}/members`}>Members</Link>
          <ReasonedButton onClick={() => setCreating((v) => !v)} reason={cannot.write}>
            New workspace
          </ReasonedButton>
        </div>
      </div>
      {creating && <NewWorkspaceForm team={team.id} onDone={() => setCreating(false)} />}
      {workspaces.isPending && <Loading label="Loading workspaces" />}
      {workspaces.isError && <ErrorMessage error={workspaces.error} />}
      {workspaces.data?.length === 0 && (
        <div className="panel empty">This team has no workspace yet. Create one to import models.</div>
      )}
      {workspaces.data?.map((ws) => <WorkspaceSection key={ws.id} workspace={ws} />)}
    </div>
  );
}
