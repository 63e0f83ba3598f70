import { useNavigate, useParams } from "react-router-dom";
import { useTeams } from "../../api/queries";
import { rememberTeam, rememberedTeam } from "../../lib/teamMemory";

export function TeamSwitcher() {
  const teams = useTeams();
  const navigate = useNavigate();
  const params = useParams();
  const current = params.team ?? rememberedTeam() ?? teams.data?.[0]?.slug ?? "";
  if (!teams.data || teams.data.length === 0) return null;
  return (
    <label className="row small" style={{ gap: 6 }}>
      <span>Team</span>
      <select
        aria-label="Team"
        value={current}
        onChange={(e) => {
          rememberTeam(e.target.value);
          navigate(`/teams/${e.target.value}`);
        }}
      >
        {teams.data.map((t) => (
          <option key={t.id} value={t.slug}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  );
}
