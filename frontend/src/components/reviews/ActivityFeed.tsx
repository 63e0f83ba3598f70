import { useState } from "react";
import { Link } from "react-router-dom";
import { anchorHref, useActivity, type Activity } from "../../api/reviews";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";

const PAGE = 50;

const REVIEW_VERBS: Record<string, string> = {
  opened: "opened the review",
  edited: "edited the review",
  closed: "closed the review",
  reopened: "reopened the review",
  commented: "commented on",
  replied: "replied on",
  resolved: "resolved the thread on",
  reopened_thread: "reopened the thread on",
  approved: "approved",
  requested_changes: "requested changes on",
};

/** Audit entries of jobs link to the job's page. */
const JOB_PAGES: Record<string, string> = { run: "runs", sweep: "sweeps", study: "studies", exploration: "explorations" };
const AUDIT_VERBS: Record<string, string> = { "import-document": "imported", versions: "saved a version of", replace: "replaced the draft of" };

/** One entry in words: who did what to which object, on which version, and a link to it. */
function Entry({ entry }: { entry: Activity }) {
  const detail = (entry.detail ?? {}) as Record<string, unknown>;
  const version = entry.version_number ? ` (v${entry.version_number})` : "";
  if (entry.source === "review") {
    const model = entry.model ?? 0;
    const anchor = typeof detail.anchor === "string" ? detail.anchor : "";
    const href = detail.run ? anchorHref(model, { anchor_kind: "run_step", run: String(detail.run), step: Number(detail.step) }) : undefined;
    const review = `/models/${model}/reviews/${entry.review}${entry.thread ? `#thread-${entry.thread}` : ""}`;
    return (
      <>
        <strong>{entry.actor}</strong> {REVIEW_VERBS[entry.action] ?? entry.action}{" "}
        {anchor && (href ? <Link to={href}>{anchor}</Link> : <span>{anchor}</span>)}
        {anchor && " in "}
        <Link to={review}>{entry.object_label}</Link>
        {version}
        {entry.text && entry.action !== "opened" && <span className="muted"> “{entry.text}”</span>}
      </>
    );
  }
  const job = JOB_PAGES[entry.kind];
  const verb = job && entry.action === "created" ? "started" : (AUDIT_VERBS[entry.action] ?? entry.action);
  return (
    <>
      <strong>{entry.actor}</strong> {verb} {entry.kind}{" "}
      {job ? (
        <Link className="mono" to={`/models/${entry.model}/${job}/${entry.object_id}`}>
          {entry.object_id.slice(0, 8)}
        </Link>
      ) : (
        <span className="mono">{entry.object_label || entry.object_id}</span>
      )}
      {entry.version_number ? (job ? ` on v${entry.version_number}` : version) : null}
      {Array.isArray(entry.detail) && entry.detail.length > 0 && <span className="muted small"> ({(entry.detail as string[]).join(", ")})</span>}
    </>
  );
}

/** A model's or a workspace's activity, newest first, a page at a time. */
export function ActivityFeed({ scope }: { scope: { model?: number; workspace?: number } }) {
  const [offset, setOffset] = useState(0);
  const feed = useActivity(scope, offset, PAGE);
  if (feed.isPending) return <Loading label="Loading the activity" />;
  if (feed.isError) return <ErrorMessage error={feed.error} />;
  const { count, results } = feed.data;
  return (
    <div className="stack" style={{ gap: 8 }}>
      {count === 0 && <p className="empty">Nothing happened here yet.</p>}
      <ol className="activity" data-testid="activity">
        {results.map((e) => (
          <li key={`${e.source}-${e.id}`} data-action={e.action} data-source={e.source}>
            <time className="small muted" dateTime={e.at}>
              {new Date(e.at).toLocaleString()}
            </time>{" "}
            <Entry entry={e} />
          </li>
        ))}
      </ol>
      {count > PAGE && (
        <nav className="row small" style={{ gap: 8 }} aria-label="Pages of the activity">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Newer
          </button>
          <span>
            {offset + 1}–{Math.min(offset + PAGE, count)} of {count}
          </span>
          <button type="button" disabled={offset + PAGE >= count} onClick={() => setOffset(offset + PAGE)}>
            Older
          </button>
        </nav>
      )}
    </div>
  );
}
