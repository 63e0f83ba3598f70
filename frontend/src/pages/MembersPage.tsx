import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { useMe, useTeam } from "../api/queries";
import {
  LIMIT_NAMES,
  ROLES,
  useAudit,
  useChangeRole,
  useInvitations,
  useInvite,
  useMembers,
  useRemoveMember,
  useRole,
  useSetTeamLimits,
  useTeamLimits,
  useWithdrawInvitation,
  type AuditEntry,
  type LimitName,
  type Role,
} from "../api/accounts";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { ReasonedButton, RoleBadge } from "../components/accounts/ReasonedButton";

/** A team's members and invitations, its limits and (for owners) its audit log. */
export function MembersPage() {
  const { team: slug } = useParams();
  const { team, pending } = useTeam(slug);
  const { role, cannot } = useRole(team?.id);
  if (pending) return <Loading />;
  if (!team) return <p className="empty">No team “{slug}” among yours.</p>;
  return (
    <div className="stack">
      <div className="row spread">
        <div>
          <h1>Members of {team.name}</h1>
          <p className="muted" style={{ margin: "2px 0 0" }}>
            Owners manage members and roles; editors change models and start jobs; reviewers read and review; viewers read.
          </p>
        </div>
        <div className="row">
          <RoleBadge role={role} />
          <Link to={`/teams/${team.slug}`}>Back to the models</Link>
        </div>
      </div>
      <InviteForm team={team.id} reason={cannot.manage} />
      <MembersTable team={team.id} reason={cannot.manage} />
      <Invitations team={team.id} reason={cannot.manage} />
      <LimitsForm team={team.id} reason={cannot.manage} />
      {!cannot.manage && <AuditLog team={team.id} />}
    </div>
  );
}

function InviteForm({ team, reason }: { team: number; reason?: string }) {
  const invite = useInvite(team);
  const [invitee, setInvitee] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ invitee, role }, { onSuccess: () => setInvitee("") });
  };
  const link = invite.data?.link;
  return (
    <form className="panel panel-body stack" onSubmit={submit} aria-label="Invite a member">
      <div className="row">
        <label className="field grow">
          E-mail address or username
          <input value={invitee} onChange={(e) => setInvitee(e.target.value)} disabled={!!reason} />
        </label>
        <label className="field">
          Role
          <select aria-label="Invited role" value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={!!reason}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <ReasonedButton className="primary" type="submit" reason={reason} disabled={!invitee || invite.isPending}>
          Invite
        </ReasonedButton>
      </div>
      {invite.isError && <ErrorMessage error={invite.error} title="Could not invite" />}
      {link && (
        <div role="status" className="stack" style={{ gap: 4 }}>
          <span>
            Invitation made (and e-mailed where there is an address). Its link, shown only now, works for 14 days:
          </span>
          <code data-testid="invitation-link">{link}</code>
        </div>
      )}
    </form>
  );
}

function MembersTable({ team, reason }: { team: number; reason?: string }) {
  const members = useMembers(team);
  const me = useMe();
  const change = useChangeRole(team);
  const remove = useRemoveMember(team);
  if (members.isPending) return <Loading label="Loading members" />;
  if (members.isError) return <ErrorMessage error={members.error} />;
  return (
    <section className="panel">
      <div className="panel-header">
        <h2>Members</h2>
      </div>
      <table className="data">
        <thead>
          <tr>
            <th>User</th>
            <th>Role</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {members.data.map((m) => (
            <tr key={m.id}>
              <td>{m.username}</td>
              <td>
                <select
                  aria-label={`Role of ${m.username}`}
                  value={m.role}
                  disabled={!!reason || change.isPending}
                  title={reason}
                  onChange={(e) => change.mutate({ id: m.id, role: e.target.value as Role })}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>
                <ReasonedButton
                  reason={m.user === me.data?.id ? undefined : reason}
                  onClick={() => remove.mutate(m.id)}
                  disabled={remove.isPending}
                >
                  {m.user === me.data?.id ? "Leave the team" : `Remove ${m.username}`}
                </ReasonedButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {change.isError && <ErrorMessage error={change.error} title="Could not change the role" />}
      {remove.isError && <ErrorMessage error={remove.error} title="Could not remove" />}
    </section>
  );
}

function Invitations({ team, reason }: { team: number; reason?: string }) {
  const invitations = useInvitations(team);
  const withdraw = useWithdrawInvitation(team);
  const open = (invitations.data ?? []).filter((i) => !i.accepted_at);
  if (open.length === 0) return null;
  return (
    <section className="panel">
      <div className="panel-header">
        <h2>Open invitations</h2>
      </div>
      <ul className="panel-body stack" style={{ gap: 6, margin: 0, listStyle: "none" }}>
        {open.map((i) => (
          <li key={i.id} className="row">
            <span className="grow">
              {i.email || i.username} as {i.role}, by {i.created_by}, until {new Date(i.expires_at).toLocaleDateString()}
            </span>
            <ReasonedButton reason={reason} onClick={() => withdraw.mutate(i.id)}>
              Withdraw
            </ReasonedButton>
          </li>
        ))}
      </ul>
    </section>
  );
}

const LIMIT_LABELS: Record<LimitName, string> = {
  max_active_jobs: "Jobs queued or running at once",
  max_runs_per_sweep: "Runs in one sweep or study",
  max_steps_per_run: "Steps of one run",
  max_exploration_states: "States of one exploration",
};

function LimitsForm({ team, reason }: { team: number; reason?: string }) {
  const limits = useTeamLimits(team);
  const save = useSetTeamLimits(team);
  const [edits, setEdits] = useState<Partial<Record<LimitName, string>>>({});
  if (!limits.data) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const values = Object.fromEntries(
      Object.entries(edits).map(([name, text]) => [name, text === "" ? null : Number(text)]),
    );
    save.mutate(values, { onSuccess: () => setEdits({}) });
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Team limits">
      <div className="panel-header">
        <h2>Limits</h2>
        <span className="small muted">empty: the server's default; owners may lower them, an administrator may raise them</span>
      </div>
      <div className="panel-body row">
        {LIMIT_NAMES.map((name) => (
          <label key={name} className="field">
            {LIMIT_LABELS[name]} (in force: {limits.data.in_force[name]?.toLocaleString()})
            <input
              type="number"
              min={1}
              disabled={!!reason}
              value={edits[name] ?? String(limits.data[name] ?? "")}
              onChange={(e) => setEdits({ ...edits, [name]: e.target.value })}
            />
          </label>
        ))}
        <ReasonedButton type="submit" reason={reason} disabled={Object.keys(edits).length === 0 || save.isPending}>
          Save limits
        </ReasonedButton>
      </div>
      {save.isError && <ErrorMessage error={save.error} title="Could not set the limits" />}
    </form>
  );
}

/** The names of the fields a write sent (the schema types the JSON list loosely). */
const fieldsOf = (entry: AuditEntry): string[] => (Array.isArray(entry.fields) ? entry.fields.map(String) : []);

function AuditLog({ team }: { team: number }) {
  const audit = useAudit(team, true);
  return (
    <section className="panel" aria-label="Audit log">
      <div className="panel-header">
        <h2>Audit log</h2>
        <span className="small muted">every write in this team, newest first (owners only)</span>
      </div>
      {audit.isError && <ErrorMessage error={audit.error} />}
      {audit.data?.length === 0 && <p className="empty">No writes yet.</p>}
      {!!audit.data?.length && (
        <table className="data" data-testid="audit-log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Object</th>
              <th>Version</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.map((entry) => (
              <tr key={entry.id}>
                <td>{new Date(entry.at).toLocaleString()}</td>
                <td>{entry.actor_name}</td>
                <td>
                  {entry.action} {entry.kind}
                  {fieldsOf(entry).length > 0 && <span className="muted"> ({fieldsOf(entry).join(", ")})</span>}
                </td>
                <td>{entry.object_label || entry.object_id}</td>
                <td>{entry.version_id ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
