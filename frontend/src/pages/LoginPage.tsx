import { useState, type FormEvent } from "react";
import { useLogin } from "../api/queries";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Logo } from "../components/common/Logo";

export function LoginPage() {
  const login = useLogin();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
    <div className="login-page">
      <div className="panel login-card">
        <h1>
          <Logo size={26} /> Holarchy
        </h1>
        <p className="muted" style={{ margin: 0 }}>
          Model distributed systems as nested holons, simulate them under faults.
        </p>
        <form onSubmit={submit}>
          <label className="field">
            Username
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          </label>
          <label className="field">
            Password
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {login.isError && <ErrorMessage error={login.error} title="Could not log in" />}
          <button className="primary" type="submit" disabled={login.isPending || !username || !password}>
            {login.isPending ? "Logging in…" : "Log in"}
          </button>
        </form>
      </div>
    </div>
  );
}
