import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { useOpenThread, useReviews, type Anchor } from "../../api/reviews";
import { ErrorMessage } from "../common/ErrorMessage";
import { ReasonedButton } from "../accounts/ReasonedButton";
import { MentionTextarea } from "./MentionTextarea";
import { useReviewContext } from "./useReviewContext";

/**
 * "Comment" on something (a holon, a component, a link, a run's step, a study's cell): a thread in one of the
 * model's reviews not closed, anchored there. The server checks that the review's version has the thing.
 */
export function CommentAction({ model, anchor, what }: { model: number; anchor: Anchor; what: string }) {
  const [open, setOpen] = useState(false);
  const { cannotReview } = useReviewContext(model);
  const dialogId = useId();
  const wrapper = useRef<HTMLSpanElement>(null);
  return (
    <span className="comment-action" ref={wrapper}>
      <ReasonedButton
        type="button"
        className="small"
        aria-expanded={open}
        aria-controls={dialogId}
        reason={cannotReview}
        data-testid="comment-action"
        onClick={() => setOpen((o) => !o)}
      >
        Comment on {what}
      </ReasonedButton>
      {open && (
        <CommentDialog
          id={dialogId}
          model={model}
          anchor={anchor}
          what={what}
          onClose={() => {
            setOpen(false);
            wrapper.current?.querySelector("button")?.focus();
          }}
        />
      )}
    </span>
  );
}

function CommentDialog({ id, model, anchor, what, onClose }: { id: string; model: number; anchor: Anchor; what: string; onClose: () => void }) {
  const reviews = useReviews(model);
  const { members } = useReviewContext(model);
  const open = (reviews.data ?? []).filter((r) => r.status !== "closed");
  const [review, setReview] = useState<number | undefined>();
  const [body, setBody] = useState("");
  const thread = useOpenThread();
  const chosen = review ?? open[0]?.id;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);
  const submit = () => {
    if (chosen && body.trim()) thread.mutate({ review: chosen, anchor, body });
  };
  return (
    <div id={id} className="panel comment-dialog" role="dialog" aria-label={`Comment on ${what}`}>
      <div className="panel-body stack" style={{ gap: 8 }}>
        {reviews.isSuccess && open.length === 0 ? (
          <p className="small muted" style={{ margin: 0 }}>
            No review of this model is open. <Link to={`/models/${model}?tab=reviews`}>Open one</Link> first.
          </p>
        ) : thread.isSuccess ? (
          <p className="small" style={{ margin: 0 }} role="status">
            Commented.{" "}
            <Link to={`/models/${model}/reviews/${thread.data.review}#thread-${thread.data.id}`}>Open the thread</Link>
          </p>
        ) : (
          <>
            <label className="field">
              Review
              <select aria-label="Review" value={chosen ?? ""} onChange={(e) => setReview(Number(e.target.value))}>
                {open.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title} (v{r.version_number})
                  </option>
                ))}
              </select>
            </label>
            <MentionTextarea label={`Comment on ${what}`} value={body} onChange={setBody} members={members} onSubmit={submit} autoFocus />
            <ErrorMessage error={thread.error} />
            <div className="row" style={{ gap: 8 }}>
              <button type="button" className="primary" disabled={!chosen || !body.trim() || thread.isPending} onClick={submit}>
                Comment
              </button>
              <button type="button" onClick={onClose}>
                Cancel
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
