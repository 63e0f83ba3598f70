import type { LevelStudy, SystemModel } from "../../api/client";
import { useStudies } from "../../api/queries";
import { JobList, runsColumn, statusColumn, type JobColumn } from "../jobs/JobList";
import { StudyForm } from "./StudyForm";

const COLUMNS: JobColumn<LevelStudy>[] = [
  { header: "Holarchy", cell: (s) => s.holarchy },
  { header: "Levels", className: "small", cell: (s) => (s.levels ?? []).join(", ") || "all" },
  { header: "Seeds", cell: (s) => s.seeds },
  statusColumn(),
  {
    header: "Lowest level not survived",
    cell: (s) => (s.summary ? s.summary.lowest_unsurvived_level ?? <span className="muted">none</span> : "—"),
  },
  runsColumn(),
];

/** Start a level study, and the model's studies with their progress; click one for its matrix. */
export function StudiesPanel({ model, canWrite }: { model: SystemModel; canWrite: boolean }) {
  const studies = useStudies({ model: model.id });
  return <JobList model={model.id} title="Level studies" kind="studies" jobs={studies} empty="No level studies yet." columns={COLUMNS} form={canWrite && <StudyForm model={model} />} />;
}
