import type { Run, SystemModel } from "../../api/client";
import { useRuns } from "../../api/queries";
import { JobList, progressColumn, statusColumn, type JobColumn } from "../jobs/JobList";
import { RunForm } from "./RunForm";

const COLUMNS: JobColumn<Run>[] = [
  { header: "Scenario", cell: (r) => r.scenario || r.summary?.scenario || <span className="muted">default</span> },
  { header: "Seed", cell: (r) => r.seed },
  statusColumn(),
  progressColumn(180, (r) => r.progress),
  { header: "Steps", cell: (r) => r.summary?.steps ?? "—" },
  {
    header: "Violations",
    cell: (r) =>
      r.summary ? (
        (r.summary.violations?.length ?? 0) > 0 ? (
          <span className="badge bad">{r.summary.violations!.length}</span>
        ) : (
          <span className="badge ok">0</span>
        )
      ) : (
        "—"
      ),
  },
];

/** Start a run, and the model's runs with their live progress; click one for its results and trace. */
export function RunsPanel({ model, canWrite }: { model: SystemModel; canWrite: boolean }) {
  const runs = useRuns({ model: model.id });
  return <JobList model={model.id} title="Runs" kind="runs" jobs={runs} empty="No runs yet." columns={COLUMNS} form={canWrite && <RunForm model={model} />} />;
}
