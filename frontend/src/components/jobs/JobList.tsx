import type { CSSProperties, ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import type { JobKind } from "../../api/client";
import { useVersions } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { ProgressBar, RunStatusBadge } from "../runs/RunStatusBadge";

/** What every job (run, sweep, exploration) has for its row in a list. */
export interface JobRow {
  id: number | string;
  created_at: string;
  version: number;
  status: string;
}


/** One column of a job table after the Started and Version columns every job table has. */
export interface JobColumn<T> {
  header: string;
  width?: number;
  className?: string;
  style?: CSSProperties;
  cell: (job: T) => ReactNode;
}

/** The job's status as a badge. */
export function statusColumn<T extends JobRow>(): JobColumn<T> {
  return { header: "Status", cell: (job) => <RunStatusBadge status={job.status} /> };
}

/** A progress bar (0..1) under the given header and width. */
export function progressColumn<T extends JobRow>(width: number, progress: (job: T) => number, header = "Progress"): JobColumn<T> {
  return { header, width, cell: (job) => <ProgressBar value={progress(job)} /> };
}

/** How many of a sweep's or a study's runs have finished: a bar and "done/total". */
export function runsColumn<T extends JobRow & { runs_done: number; runs_total: number }>(): JobColumn<T> {
  return {
    header: "Runs",
    width: 200,
    cell: (job) => (
      <div className="row" style={{ gap: 8, flexWrap: "nowrap" }}>
        <ProgressBar value={job.runs_total ? job.runs_done / job.runs_total : 0} />
        <span className="small muted nowrap">
          {job.runs_done}/{job.runs_total}
        </span>
      </div>
    ),
  };
}

interface JobsQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T[] | undefined;
}

/**
 * A panel listing a model's jobs of one kind with their live status, newest first as the API gives them;
 * a click on a row opens the job's page (`/models/<model>/<kind>/<id>`). Above it the form to start one, if given.
 */
export function JobList<T extends JobRow>({
  model,
  title,
  kind,
  jobs,
  empty,
  columns,
  form,
}: {
  model: number;
  title: string;
  kind: JobKind;
  jobs: JobsQuery<T>;
  empty: string;
  columns: JobColumn<T>[];
  form?: ReactNode;
}) {
  const versions = useVersions(model);
  const navigate = useNavigate();
  const number = (id: number) => versions.data?.find((v) => v.id === id)?.number;
  return (
    <div className="stack">
      {form}
      <div className="panel">
        <div className="panel-header">
          <h2>{title}</h2>
        </div>
        {jobs.isPending && <Loading />}
        {jobs.isError && <ErrorMessage error={jobs.error} />}
        {jobs.data?.length === 0 && <p className="empty">{empty}</p>}
        {jobs.data && jobs.data.length > 0 && (
          <table className="data" data-testid={`${kind}-table`}>
            <thead>
              <tr>
                <th>Started</th>
                <th>Version</th>
                {columns.map((c) => (
                  <th key={c.header} style={c.width ? { width: c.width } : undefined}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {jobs.data.map((job) => (
                <tr key={job.id} className="clickable" onClick={() => navigate(`/models/${model}/${kind}/${job.id}`)}>
                  <td className="nowrap">{new Date(job.created_at).toLocaleString()}</td>
                  <td>v{number(job.version) ?? "?"}</td>
                  {columns.map((c) => (
                    <td key={c.header} className={c.className} style={c.style}>
                      {c.cell(job)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
