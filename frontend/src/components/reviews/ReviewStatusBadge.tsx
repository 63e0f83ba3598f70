import { STATUS_LABEL, type ReviewStatus } from "../../api/reviews";

const TONE: Record<ReviewStatus, string> = { open: "accent", changes_requested: "warn", approved: "ok", closed: "" };

/** A review's status, derived by the server from its reviewers' decisions. */
export function ReviewStatusBadge({ status }: { status: ReviewStatus | null | undefined }) {
  if (!status) return null;
  return (
    <span className={`badge ${TONE[status]}`} data-testid="review-status" data-status={status}>
      {STATUS_LABEL[status]}
    </span>
  );
}
