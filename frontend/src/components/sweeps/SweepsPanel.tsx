import type { Sweep, SystemModel } from "../../api/client";
import { useSweeps } from "../../api/queries";
import { formatSweptValue } from "../../lib/sweep";
import { JobList, runsColumn, statusColumn, type JobColumn } from "../jobs/JobList";
import { SweepForm } from "./SweepForm";

const COLUMNS: JobColumn<Sweep>[] = [
  { header: "Scenario", cell: (s) => s.scenario || <span className="muted">none</span> },
  { header: "Parameter", className: "mono small", cell: (s) => s.parameter || <span className="muted">seeds only</span> },
  { header: "Values", className: "small", cell: (s) => (s.values ?? []).map(formatSweptValue).join(", ") || "—" },
  { header: "Seeds", cell: (s) => s.seeds },
  statusColumn(),
  runsColumn(),
];

/** Start a sweep, and the model's sweeps with their live progress; click one for its charts. */
export function SweepsPanel({ model, canWrite }: { model: SystemModel; canWrite: boolean }) {
  const sweeps = useSweeps({ model: model.id });
  return <JobList model={model.id} title="Sweeps" kind="sweeps" jobs={sweeps} empty="No sweeps yet." columns={COLUMNS} form={canWrite && <SweepForm model={model} />} />;
}
