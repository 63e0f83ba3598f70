import type { FormEvent, ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import type { UseMutationResult } from "@tanstack/react-query";
import { ErrorMessage } from "../common/ErrorMessage";
import type { JobKind } from "../../api/client";

/**
 * A job's start request (`useStart`, one of `useStartRun`, `useStartSweep`, `useStartExploration`) and `launch`,
 * which sends it and opens the job's page once the job exists.
 */
export function useJobStart<B, J extends { id: number | string }>(useStart: () => UseMutationResult<J, Error, B>, model: number, kind: JobKind) {
  const start = useStart();
  const navigate = useNavigate();
  const launch = (body: B) => start.mutate(body, { onSuccess: (job) => navigate(`/models/${model}/${kind}/${job.id}`) });
  return { start, launch };
}

/**
 * The frame of the run, sweep and exploration forms: a panel titled (and labelled) `title`, an optional note,
 * the fields, and the start request's error below them.
 */
export function JobStartForm({
  title,
  note,
  onSubmit,
  error,
  children,
}: {
  title: string;
  note?: string;
  onSubmit: () => void;
  error: unknown;
  children: ReactNode;
}) {
  return (
    <form
      className="panel"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
      aria-label={title}
    >
      <div className="panel-header">
        <h2>{title}</h2>
        {note && <span className="muted small">{note}</span>}
      </div>
      {children}
      {!!error && (
        <div className="panel-body" style={{ paddingTop: 0 }}>
          <ErrorMessage error={error} />
        </div>
      )}
    </form>
  );
}

/** The submit button of a job form: `Starting…` while the start request is on its way if `starting` is given. */
export function StartButton({ label, starting, pending, disabled }: { label: string; starting?: string; pending: boolean; disabled: boolean }) {
  return (
    <button className="primary" type="submit" disabled={disabled || pending}>
      {pending && starting ? starting : label}
    </button>
  );
}

/** What a job form shows instead of itself while the model has no version to run. */
export function NoVersionYet({ jobs }: { jobs: string }) {
  return <div className="panel empty">Save a version first: {jobs} simulate frozen versions.</div>;
}
