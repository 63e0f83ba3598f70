import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { useMe, useTeams } from "./api/queries";
import { AppHeader } from "./components/shell/AppHeader";
import { LoginPage } from "./pages/LoginPage";
import { GalleryPage } from "./pages/GalleryPage";
import { ModelPage } from "./pages/ModelPage";
import { RunPage } from "./pages/RunPage";
import { ExplorationPage } from "./pages/ExplorationPage";
import { SweepPage } from "./pages/SweepPage";
import { StudyPage } from "./pages/StudyPage";
import { ComparePage } from "./pages/ComparePage";
import { MembersPage } from "./pages/MembersPage";
import { AccountPage } from "./pages/AccountPage";
import { InvitationPage } from "./pages/InvitationPage";
import { ReviewPage } from "./pages/ReviewPage";
import { ActivityPage } from "./pages/ActivityPage";
import { Loading } from "./components/common/Loading";
import { ErrorMessage } from "./components/common/ErrorMessage";
import { rememberedTeam } from "./lib/teamMemory";

export function App() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Starting Holarchy" />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  if (!me.data) {
    if (location.pathname !== "/login") {
      return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    }
    return <LoginPage />;
  }
  return (
    <>
      <AppHeader me={me.data} />
      <main className="app-main">
        <Routes>
          <Route path="/" element={<HomeRedirect />} />
          <Route path="/login" element={<HomeRedirect />} />
          <Route path="/teams/:team" element={<GalleryPage />} />
          <Route path="/teams/:team/members" element={<MembersPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/invitations/:token" element={<InvitationPage />} />
          <Route path="/models/:modelId" element={<ModelPage />} />
          <Route path="/models/:modelId/runs/:runId" element={<RunPage />} />
          <Route path="/models/:modelId/sweeps/:sweepId" element={<SweepPage />} />
          <Route path="/models/:modelId/studies/:studyId" element={<StudyPage />} />
          <Route path="/models/:modelId/explorations/:explorationId" element={<ExplorationPage />} />
          <Route path="/models/:modelId/compare/:kind/:a/:b" element={<ComparePage />} />
          <Route path="/models/:modelId/reviews/:reviewId" element={<ReviewPage />} />
          <Route path="/models/:modelId/activity" element={<ActivityPage />} />
          <Route path="/workspaces/:workspaceId/activity" element={<ActivityPage />} />
          <Route path="*" element={<p className="empty">Nothing here. <a href="/">Back to the gallery</a></p>} />
        </Routes>
      </main>
    </>
  );
}

/** Sends a logged-in user to the gallery of the team they used last (or their first team). */
function HomeRedirect() {
  const teams = useTeams();
  const location = useLocation();
  const next = new URLSearchParams(location.search).get("next");
  if (next && next.startsWith("/") && !next.startsWith("/login")) return <Navigate to={next} replace />;
  if (teams.isPending) return <Loading />;
  if (teams.isError) return <ErrorMessage error={teams.error} />;
  const list = teams.data ?? [];
  if (list.length === 0) return <p className="empty">You are not a member of any team yet.</p>;
  const team = list.find((t) => t.slug === rememberedTeam()) ?? list[0];
  return <Navigate to={`/teams/${team.slug}`} replace />;
}
