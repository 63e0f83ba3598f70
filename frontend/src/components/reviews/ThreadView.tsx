import { useState } from "react";
import { Link } from "react-router-dom";
import { anchorHref, useReply, useResolveThread, type Thread } from "../../api/reviews";
import { ErrorMessage } from "../common/ErrorMessage";
import { ReasonedButton } from "../accounts/ReasonedButton";
import { MentionTextarea } from "./MentionTextarea";
import "./reviews.css";

/** A comment's text with its @mentions marked (as text: nothing in a comment is markup). */
export function CommentBody({ body }: { body: string }) {
  const parts = body.split(/((?<![\w.@])@[\w.+-]*\w)/);
  return (
    <p className="comment-body">
      {parts.map((part, i) => (i % 2 ? <strong key={i} className="mention">{part}</strong> : part))}
    </p>
  );
}

/** One thread: where it is anchored (a link that opens the thing), its comments, a reply box, resolve or reopen. */
export function ThreadView({ model, thread, members, cannotReview }: { model: number; thread: Thread; members: string[]; cannotReview: string | null }) {
  const [reply, setReply] = useState("");
  const post = useReply();
  const resolve = useResolveThread();
  const href = anchorHref(model, thread);
  const resolved = !!thread.resolved_at;
  const send = () => {
    if (reply.trim()) post.mutate({ thread: thread.id, body: reply }, { onSuccess: () => setReply("") });
  };
  return (
    <article id={`thread-${thread.id}`} className={`panel thread${resolved ? " resolved" : ""}`} data-testid="thread" aria-label={`Thread on ${thread.anchor_label}`}>
      <div className="panel-header">
        <h3 style={{ margin: 0, fontSize: 14 }}>
          {href ? (
            <Link to={href} data-testid="anchor-link">
              {thread.anchor_label}
            </Link>
          ) : (
            thread.anchor_label
          )}
        </h3>
        {resolved && <span className="badge ok">resolved by {thread.resolved_by}</span>}
        <div className="spacer" />
        <ReasonedButton type="button" className="small" reason={cannotReview} onClick={() => resolve.mutate({ thread: thread.id, resolved: !resolved })}>
          {resolved ? "Reopen" : "Resolve"}
        </ReasonedButton>
      </div>
      <div className="panel-body stack" style={{ gap: 8 }}>
        {thread.comments.map((c) => (
          <div key={c.id} className="comment" data-testid="comment">
            <div className="small muted">
              <strong>{c.author}</strong> · {new Date(c.created_at).toLocaleString()}
            </div>
            <CommentBody body={c.body} />
          </div>
        ))}
        <ErrorMessage error={resolve.error} />
        {!cannotReview && (
          <>
            <MentionTextarea label={`Reply on ${thread.anchor_label}`} value={reply} onChange={setReply} members={members} onSubmit={send} />
            <ErrorMessage error={post.error} />
            <div>
              <button type="button" disabled={!reply.trim() || post.isPending} onClick={send}>
                Reply
              </button>
            </div>
          </>
        )}
      </div>
    </article>
  );
}
