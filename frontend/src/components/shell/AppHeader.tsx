import { Link, Route, Routes } from "react-router-dom";
import type { Me } from "../../api/client";
import { useLogout } from "../../api/queries";
import { Logo } from "../common/Logo";
import { HealthIndicator } from "./HealthIndicator";
import { TeamSwitcher } from "./TeamSwitcher";
import { NotificationsMenu } from "../reviews/NotificationsMenu";

export function AppHeader({ me }: { me: Me }) {
  const logout = useLogout();
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        <Logo /> Holarchy
      </Link>
      <Routes>
        <Route path="/teams/:team" element={<TeamSwitcher />} />
        <Route path="*" element={<TeamSwitcher />} />
      </Routes>
      <div className="spacer" />
      <HealthIndicator />
      <NotificationsMenu />
      <div className="user">
        <Link to="/account" data-testid="username">
          {me.username}
        </Link>
        <button className="link" onClick={() => logout.mutate()}>
          Log out
        </button>
      </div>
    </header>
  );
}
