import { useMembers, useRole } from "../../api/accounts";
import { useModel, useWorkspace } from "../../api/queries";

/** What the review components need about a model: its team's member names and why the caller cannot review. */
export function useReviewContext(modelId: number) {
  const model = useModel(modelId);
  const workspace = useWorkspace(model.data?.workspace);
  const team = workspace.data?.team;
  const members = useMembers(team);
  const { role, cannot } = useRole(team);
  return {
    team,
    role,
    members: (members.data ?? []).map((m) => m.username),
    cannotReview: role ? (cannot.review ?? null) : "loading your role…",
  };
}
