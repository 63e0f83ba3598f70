import type { JobKind } from "../../api/client";
import { isFinished, useCancelJob } from "../../api/queries";
import { formatDuration } from "../../lib/format";
import { ErrorMessage } from "../common/ErrorMessage";
import { ProgressBar } from "../runs/RunStatusBadge";

/** What the API says of every job's progress, from its row. */
export interface JobTiming {
  id: string;
  status: string;
  progress: number;
  error?: string;
  elapsed_seconds: number | null;
  remaining_seconds: number | null;
  cancel_requested: boolean;
}

const NOUN: Record<JobKind, string> = { runs: "run", sweeps: "sweep", studies: "study", explorations: "exploration" };

/** "elapsed 12 s · about 30 s left": the remaining time is a linear estimate from the progress. */
function timing(job: JobTiming): string {
  if (job.elapsed_seconds === null) return "not started yet";
  const left = job.remaining_seconds === null ? "" : ` · about ${formatDuration(job.remaining_seconds)} left`;
  return `elapsed ${formatDuration(job.elapsed_seconds)}${left}`;
}

/** A queued or running job: what it is doing, its progress, elapsed and estimated remaining time, and Cancel. */
export function JobProgress({ kind, job, doing, detail, canCancel = true }: { kind: JobKind; job: JobTiming; doing: string; detail?: string; canCancel?: boolean }) {
  const cancel = useCancelJob(kind, job.id);
  const cancelling = job.cancel_requested || cancel.isPending;
  return (
    <div className="panel panel-body stack" style={{ gap: 8 }} data-testid="job-progress">
      <div className="row spread small">
        <span>{job.status === "queued" ? "Waiting for a worker…" : cancelling ? "Stopping at the next progress report…" : doing}</span>
        <span className="row" style={{ gap: 12 }}>
          <span className="muted" data-testid="job-timing">
            {timing(job)}
          </span>
          <span>{detail ?? `${Math.round(job.progress * 100)}%`}</span>
          {canCancel && (
            <button type="button" className="danger small" disabled={cancelling} onClick={() => cancel.mutate()} data-testid="cancel-job">
              {cancelling ? "Cancelling…" : `Cancel ${NOUN[kind]}`}
            </button>
          )}
        </span>
      </div>
      <ProgressBar value={job.progress} />
      {cancel.isError && <ErrorMessage error={cancel.error} title="Could not cancel" />}
    </div>
  );
}

/** A sweep's or a study's progress while its runs go ("12 / 40 runs"), then why it ended without its result. */
export function RunsProgress({ kind, job, doing, canCancel }: { kind: "sweeps" | "studies"; job: JobTiming & { runs_done: number; runs_total: number }; doing: string; canCancel: boolean }) {
  return (
    <>
      {!isFinished(job.status) && (
        <div data-testid={`${NOUN[kind]}-progress`}>
          <JobProgress kind={kind} job={job} doing={doing} detail={`${job.runs_done} / ${job.runs_total} runs`} canCancel={canCancel} />
        </div>
      )}
      <JobOutcome kind={kind} job={job} />
    </>
  );
}

const ENDED: Record<string, string> = { failed: "failed", timed_out: "timed out", cancelled: "was cancelled" };

/** Why a job ended without its result, or (a sweep) which of its runs did not succeed. */
export function JobOutcome({ kind, job }: { kind: JobKind; job: JobTiming }) {
  const noun = NOUN[kind];
  const title = ENDED[job.status] ? `The ${noun} ${ENDED[job.status]}` : job.error ? "Some runs did not succeed" : undefined;
  if (!title) return null;
  return <ErrorMessage error={new Error(job.error || `the ${noun} ${ENDED[job.status]}`)} title={title} />;
}
