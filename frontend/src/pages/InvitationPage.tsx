import { Link, useParams } from "react-router-dom";
import { useAcceptInvitation } from "../api/accounts";
import { ErrorMessage } from "../components/common/ErrorMessage";

/** Where an invitation's link leads once signed in: accepting joins the team with the invited role. */
export function InvitationPage() {
  const { token = "" } = useParams();
  const accept = useAcceptInvitation();
  if (accept.isSuccess) {
    const joined = accept.data;
    return (
      <div className="panel panel-body stack" role="status">
        <h1>
          You joined {joined.team_name} as {joined.role}
        </h1>
        <Link className="button primary" to={`/teams/${joined.team_slug}`}>
          Open {joined.team_name}
        </Link>
      </div>
    );
  }
  return (
    <div className="panel panel-body stack">
      <h1>An invitation to a team</h1>
      <p className="muted">Accepting makes you a member of the team with the role the owner chose.</p>
      {accept.isError && <ErrorMessage error={accept.error} title="This invitation cannot be accepted" />}
      <div className="row">
        <button className="primary" onClick={() => accept.mutate(token)} disabled={accept.isPending}>
          Accept the invitation
        </button>
      </div>
    </div>
  );
}
