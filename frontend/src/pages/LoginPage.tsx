import { useState, type FormEvent } from "react";
import { useLogin } from "../api/queries";
import { useResetPassword, useSignUp } from "../api/accounts";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Logo } from "../components/common/Logo";

type Mode = "login" | "signup" | "reset";

/** Signing in, signing up (a new account gets a team of its own) and asking for a password-reset e-mail. */
export function LoginPage() {
  const [mode, setMode] = useState<Mode>("login");
  return (
    <div className="login-page">
      <div className="panel login-card">
        <h1>
          <Logo size={26} /> Holarchy
        </h1>
        <p className="muted" style={{ margin: 0 }}>
          Model distributed systems as nested holons, simulate them under faults.
        </p>
        {mode === "login" && <LoginForm />}
        {mode === "signup" && <SignUpForm />}
        {mode === "reset" && <ResetForm />}
        <div className="row small">
          {mode !== "login" && (
            <button className="link" onClick={() => setMode("login")}>
              I have an account: log in
            </button>
          )}
          {mode !== "signup" && (
            <button className="link" onClick={() => setMode("signup")}>
              New here? Sign up
            </button>
          )}
          {mode === "login" && (
            <button className="link" onClick={() => setMode("reset")}>
              Forgot your password?
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

function LoginForm() {
  const login = useLogin();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
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
  );
}

function SignUpForm() {
  const signUp = useSignUp();
  const [form, setForm] = useState({ username: "", email: "", password: "", team_name: "" });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate(form);
  };
  return (
    <form onSubmit={submit}>
      <label className="field">
        Username
        <input name="username" autoComplete="username" value={form.username} onChange={set("username")} autoFocus />
      </label>
      <label className="field">
        E-mail
        <input name="email" type="email" autoComplete="email" value={form.email} onChange={set("email")} />
      </label>
      <label className="field">
        Password
        <input name="password" type="password" autoComplete="new-password" value={form.password} onChange={set("password")} />
      </label>
      <label className="field">
        Team name (optional)
        <input name="team_name" value={form.team_name} onChange={set("team_name")} placeholder={`${form.username || "your"}'s team`} />
      </label>
      {signUp.isError && <ErrorMessage error={signUp.error} title="Could not sign up" />}
      <button className="primary" type="submit" disabled={signUp.isPending || !form.username || !form.email || !form.password}>
        {signUp.isPending ? "Signing up…" : "Sign up"}
      </button>
    </form>
  );
}

function ResetForm() {
  const reset = useResetPassword();
  const [email, setEmail] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate(email);
  };
  if (reset.isSuccess) {
    return <p role="status">If an account has the address {email}, a link to set a new password is on its way.</p>;
  }
  return (
    <form onSubmit={submit}>
      <label className="field">
        E-mail
        <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
      </label>
      {reset.isError && <ErrorMessage error={reset.error} title="Could not send the e-mail" />}
      <button className="primary" type="submit" disabled={reset.isPending || !email}>
        Send a reset link
      </button>
    </form>
  );
}
