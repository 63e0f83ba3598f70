import { useState, type FormEvent } from "react";
import { useMe } from "../api/queries";
import { useChangePassword, useCreateToken, useRevokeToken, useTokens } from "../api/accounts";
import { ErrorMessage } from "../components/common/ErrorMessage";

/** The signed-in user's own account: password and API tokens (for scripts and the command-line client). */
export function AccountPage() {
  const me = useMe();
  return (
    <div className="stack">
      <h1>Account of {me.data?.username}</h1>
      <Memberships />
      <Tokens />
      <PasswordForm />
    </div>
  );
}

function Memberships() {
  const me = useMe();
  return (
    <section className="panel panel-body">
      <h2>Your teams</h2>
      <ul>
        {me.data?.memberships.map((m) => (
          <li key={m.team_id}>
            {m.team_name}: <strong>{m.role}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Tokens() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState("");
  const [days, setDays] = useState(90);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, days }, { onSuccess: () => setName("") });
  };
  return (
    <section className="panel">
      <div className="panel-header">
        <h2>API tokens</h2>
        <span className="small muted">
          for scripts and <code>python -m holarchy_client</code>: send <code>Authorization: Bearer hol_…</code>
        </span>
      </div>
      <form className="panel-body row" onSubmit={submit} aria-label="New API token">
        <label className="field grow">
          Token name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. laptop CLI" />
        </label>
        <label className="field">
          Days until it expires
          <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(Number(e.target.value))} />
        </label>
        <button className="primary" type="submit" disabled={!name || create.isPending} style={{ alignSelf: "flex-end" }}>
          Create token
        </button>
      </form>
      {create.isError && <ErrorMessage error={create.error} title="Could not create the token" />}
      {create.data?.token && (
        <div className="panel-body" role="status">
          Copy it now: it is shown only once. <code data-testid="new-token">{create.data.token}</code>
        </div>
      )}
      <table className="data">
        <thead>
          <tr>
            <th>Name</th>
            <th>Starts with</th>
            <th>Expires</th>
            <th>Last used</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {tokens.data?.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                <code>hol_{t.prefix}_…</code>
              </td>
              <td>{new Date(t.expires_at).toLocaleDateString()}</td>
              <td>{t.last_used_at ? new Date(t.last_used_at).toLocaleString() : "never"}</td>
              <td>
                {t.revoked_at ? (
                  <span className="badge bad">revoked</span>
                ) : (
                  <button onClick={() => revoke.mutate(t.id)} disabled={revoke.isPending}>
                    Revoke {t.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PasswordForm() {
  const change = useChangePassword();
  const [old, setOld] = useState("");
  const [next, setNext] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ old, next }, { onSuccess: () => (setOld(""), setNext("")) });
  };
  return (
    <form className="panel panel-body stack" onSubmit={submit} aria-label="Change password">
      <h2>Password</h2>
      <div className="row">
        <label className="field">
          Current password
          <input type="password" autoComplete="current-password" value={old} onChange={(e) => setOld(e.target.value)} />
        </label>
        <label className="field">
          New password
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <button type="submit" disabled={!old || !next || change.isPending} style={{ alignSelf: "flex-end" }}>
          Change password
        </button>
      </div>
      {change.isSuccess && <span role="status">Password changed.</span>}
      {change.isError && <ErrorMessage error={change.error} title="Could not change the password" />}
    </form>
  );
}
