import { useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { useMe, useModel } from "../api/queries";
import { useCloseReview, useOpenThread, useReopenReview, useReview, useThreads, type AnchorKind, type Thread } from "../api/reviews";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { ReasonedButton } from "../components/accounts/ReasonedButton";
import { DecisionForm } from "../components/reviews/DecisionForm";
import { MentionTextarea } from "../components/reviews/MentionTextarea";
import { ReviewStatusBadge } from "../components/reviews/ReviewStatusBadge";
import { CommentBody, ThreadView } from "../components/reviews/ThreadView";
import { useReviewContext } from "../components/reviews/useReviewContext";

/** The anchors' groups, in the order the page shows them. */
const GROUPS: [AnchorKind, string][] = [
  ["review", "On the review"],
  ["holon", "Holons"],
  ["component", "Components"],
  ["link", "Links"],
  ["diff", "Changes of this version"],
  ["run_step", "Run steps"],
  ["study_cell", "Level-study cells"],
];

/** One review: its version and status, decisions, threads grouped by what they are anchored on, and your decision. */
export function ReviewPage() {
  const modelId = Number(useParams().modelId);
  const reviewId = Number(useParams().reviewId);
  const model = useModel(modelId);
  const review = useReview(reviewId);
  const threads = useThreads(reviewId);
  const me = useMe();
  const { members, cannotReview } = useReviewContext(modelId);
  const close = useCloseReview();
  const reopen = useReopenReview();
  const { hash } = useLocation();
  useEffect(() => {
    if (hash && threads.data) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash, threads.data]);
  if (review.isPending) return <Loading label="Loading the review" />;
  if (review.isError) return <ErrorMessage error={review.error} />;
  const r = review.data;
  const closed = r.status === "closed";
  const mine = me.data?.username === r.created_by;
  const byKind = new Map<AnchorKind, Thread[]>();
  for (const t of threads.data ?? []) byKind.set(t.anchor_kind, [...(byKind.get(t.anchor_kind) ?? []), t]);
  return (
    <div className="stack">
      <div className="small muted">
        <Link to={`/models/${modelId}?tab=reviews`}>{model.data?.name ?? "Model"}</Link> › Reviews
      </div>
      <div className="row spread">
        <div>
          <h1>
            {r.title} <ReviewStatusBadge status={r.status} />
          </h1>
          <div className="muted small" style={{ marginTop: 4 }}>
            version <strong>v{r.version_number}</strong> · opened by <strong>{r.created_by}</strong> {new Date(r.created_at).toLocaleString()} ·
            reviewers <strong>{r.reviewers?.join(", ") || "anyone who may review"}</strong> · {r.open_threads_count} of {r.threads_count} threads open
          </div>
        </div>
        <ReasonedButton type="button" reason={cannotReview} onClick={() => (closed ? reopen : close).mutate(r.id)}>
          {closed ? "Reopen the review" : "Close the review"}
        </ReasonedButton>
      </div>
      {r.description && <CommentBody body={r.description} />}
      <section className="panel" aria-label="Decisions">
        <div className="panel-header">
          <h2>Decisions</h2>
        </div>
        <div className="panel-body">
          {r.decisions.length === 0 && <p className="small muted" style={{ margin: 0 }}>No decision yet.</p>}
          <ul className="stack" style={{ gap: 6, margin: 0, paddingLeft: 18 }} data-testid="decisions">
            {r.decisions.map((d) => (
              <li key={d.id} data-verdict={d.verdict}>
                <strong>{d.reviewer}</strong> {d.verdict === "approve" ? "approved" : "requested changes"}
                {d.comment ? `: ${d.comment}` : ""}
                {(d.runs ?? []).map((run) => (
                  <Link key={run} to={`/models/${modelId}/runs/${run}`} className="small" style={{ marginLeft: 8 }}>
                    run {run.slice(0, 8)}
                  </Link>
                ))}
                {(d.studies ?? []).map((study) => (
                  <Link key={study} to={`/models/${modelId}/studies/${study}`} className="small" style={{ marginLeft: 8 }}>
                    study {study.slice(0, 8)}
                  </Link>
                ))}
              </li>
            ))}
          </ul>
        </div>
      </section>
      {threads.isError && <ErrorMessage error={threads.error} />}
      {GROUPS.map(([kind, label]) =>
        byKind.get(kind)?.length ? (
          <section key={kind} className="stack" aria-label={label} style={{ gap: 8 }}>
            <h2>{label}</h2>
            {byKind.get(kind)!.map((t) => (
              <ThreadView key={t.id} model={modelId} thread={t} members={members} cannotReview={cannotReview} />
            ))}
          </section>
        ) : null,
      )}
      {!cannotReview && <NewThread review={r.id} members={members} />}
      {!cannotReview && !closed && !mine && <DecisionForm review={r} />}
      {mine && !closed && <p className="small muted">You opened this review: the reviewers decide it.</p>}
    </div>
  );
}

function NewThread({ review, members }: { review: number; members: string[] }) {
  const [body, setBody] = useState("");
  const open = useOpenThread();
  const send = () => body.trim() && open.mutate({ review, anchor: { anchor_kind: "review" }, body }, { onSuccess: () => setBody("") });
  return (
    <section className="panel" aria-label="New thread">
      <div className="panel-header">
        <h2>Start a thread on the review</h2>
        <span className="small muted">or use “Comment” on a holon, component or link, a run’s step or a study’s cell</span>
      </div>
      <div className="panel-body stack" style={{ gap: 8 }}>
        <MentionTextarea label="New thread" value={body} onChange={setBody} members={members} onSubmit={send} />
        <ErrorMessage error={open.error} />
        <div>
          <button type="button" className="primary" disabled={!body.trim() || open.isPending} onClick={send}>
            Start the thread
          </button>
        </div>
      </div>
    </section>
  );
}
