import { useState } from "react";
import { Link } from "react-router-dom";
import type { SystemModel } from "../../api/client";
import { useVersions } from "../../api/queries";
import { useOpenReview, useReviews } from "../../api/reviews";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { ReasonedButton } from "../accounts/ReasonedButton";
import { ReviewStatusBadge } from "./ReviewStatusBadge";
import { useReviewContext } from "./useReviewContext";

/** The model's reviews, newest first, and a form to open one on a version (owners, editors and reviewers). */
export function ReviewsPanel({ model }: { model: SystemModel }) {
  const reviews = useReviews(model.id);
  const [opening, setOpening] = useState(false);
  const { cannotReview } = useReviewContext(model.id);
  return (
    <div className="stack">
      <div className="panel">
        <div className="panel-header">
          <h2>Reviews</h2>
          <div className="spacer" />
          <Link to={`/models/${model.id}/activity`} className="small">
            Activity of this model
          </Link>
          <ReasonedButton type="button" className="primary" reason={cannotReview} aria-expanded={opening} onClick={() => setOpening((o) => !o)}>
            Open a review
          </ReasonedButton>
        </div>
        {opening && <NewReviewForm model={model} onDone={() => setOpening(false)} />}
        <div className="panel-body">
          {reviews.isPending && <Loading label="Loading the reviews" />}
          {reviews.isError && <ErrorMessage error={reviews.error} />}
          {reviews.data?.length === 0 && <p className="empty">No review yet. Open one on a version to discuss it with your team.</p>}
          {reviews.data && reviews.data.length > 0 && (
            <table className="data" data-testid="reviews-list">
              <thead>
                <tr>
                  <th scope="col">Review</th>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Open threads</th>
                  <th scope="col">Reviewers</th>
                  <th scope="col">Opened by</th>
                </tr>
              </thead>
              <tbody>
                {reviews.data.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/models/${model.id}/reviews/${r.id}`}>{r.title}</Link>
                    </td>
                    <td>v{r.version_number}</td>
                    <td>
                      <ReviewStatusBadge status={r.status} />
                    </td>
                    <td>
                      {r.open_threads_count} of {r.threads_count}
                    </td>
                    <td>{r.reviewers?.join(", ") || "anyone"}</td>
                    <td>{r.created_by}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </div>
  );
}

function NewReviewForm({ model, onDone }: { model: SystemModel; onDone: () => void }) {
  const versions = useVersions(model.id);
  const { members } = useReviewContext(model.id);
  const open = useOpenReview();
  const [version, setVersion] = useState<number | undefined>();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [reviewers, setReviewers] = useState<string[]>([]);
  const chosen = version ?? versions.data?.[0]?.id;
  if (versions.data?.length === 0) return <p className="panel-body empty">Save a version first: a review is of a version.</p>;
  return (
    <form
      className="panel-body stack"
      aria-label="Open a review"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) open.mutate({ version: chosen, title, description, reviewers }, { onSuccess: onDone });
      }}
    >
      <div className="row" style={{ gap: 12, alignItems: "flex-end" }}>
        <label className="field">
          Version
          <select aria-label="Version" value={chosen ?? ""} onChange={(e) => setVersion(Number(e.target.value))}>
            {(versions.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                v{v.number} {v.message ? `· ${v.message}` : ""}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          Title
          <input aria-label="Title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
      </div>
      <label className="field">
        Description
        <textarea aria-label="Description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <fieldset className="row" style={{ gap: 12, border: 0, padding: 0 }}>
        <legend className="small muted">Reviewers (members who may review)</legend>
        {members.map((name) => (
          <label key={name} className="row small" style={{ gap: 4 }}>
            <input
              type="checkbox"
              checked={reviewers.includes(name)}
              onChange={(e) => setReviewers((rs) => (e.target.checked ? [...rs, name] : rs.filter((r) => r !== name)))}
            />
            {name}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={open.error} />
      <div className="row" style={{ gap: 8 }}>
        <button type="submit" className="primary" disabled={!title.trim() || open.isPending}>
          Open the review
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
