import { useState } from "react";
import type { Exploration, SystemModel } from "../../api/client";
import { useExplorations, useStartExploration } from "../../api/queries";
import { useChosenVersion, VersionSelect } from "../jobs/JobFields";
import { JobList, progressColumn, statusColumn, type JobColumn } from "../jobs/JobList";
import { JobStartForm, StartButton, useJobStart } from "../jobs/JobStartForm";

const VERDICT_CLASS: Record<string, string> = { holds: "ok", violated: "bad" };

const COLUMNS: JobColumn<Exploration>[] = [
  statusColumn(),
  progressColumn(160, (x) => x.progress),
  { header: "States", cell: (x) => x.summary?.states ?? "—" },
  { header: "Complete", cell: (x) => (x.summary ? (x.summary.complete ? "yes" : "bounded") : "—") },
  {
    header: "Verdicts",
    className: "row",
    style: { gap: 4 },
    cell: (x) =>
      (x.summary?.properties ?? []).map((p) => (
        <span key={p.name} className={`badge ${VERDICT_CLASS[p.verdict] ?? "warn"}`}>
          {p.name}
        </span>
      )),
  },
];

/** Enumerate every behavior of a version (within bounds) and check its properties on all of them. */
export function ExplorationsPanel({ model, canWrite }: { model: SystemModel; canWrite: boolean }) {
  const explorations = useExplorations({ model: model.id });
  return (
    <JobList
      model={model.id}
      title="Explorations"
      kind="explorations"
      jobs={explorations}
      empty="No exploration yet."
      columns={COLUMNS}
      form={canWrite && <ExplorationForm model={model} />}
    />
  );
}

/** Start an exploration of one version within a number of states, a depth and a time. */
function ExplorationForm({ model }: { model: SystemModel }) {
  const { versions, version, setVersion } = useChosenVersion(model.id);
  const { start, launch } = useJobStart(useStartExploration, model.id, "explorations");
  const [maxStates, setMaxStates] = useState("200000");
  const [maxDepth, setMaxDepth] = useState("");
  const [maxSeconds, setMaxSeconds] = useState("60");
  const submit = () => {
    if (!version) return;
    launch({ version, max_states: Number(maxStates) || 200000, max_depth: maxDepth ? Number(maxDepth) : null, max_seconds: Number(maxSeconds) || 60 });
  };
  return (
    <JobStartForm title="Explore the behavior space" note="every interleaving of steps, not one sampled run" onSubmit={submit} error={start.error}>
      <div className="panel-body row" style={{ alignItems: "flex-end" }}>
        <VersionSelect versions={versions.data} value={version} onChange={setVersion} />
        <label className="field">
          Max states
          <input type="number" min={1} value={maxStates} onChange={(e) => setMaxStates(e.target.value)} style={{ width: 120 }} />
        </label>
        <label className="field">
          Max depth
          <input type="number" min={1} value={maxDepth} placeholder="none" onChange={(e) => setMaxDepth(e.target.value)} style={{ width: 100 }} />
        </label>
        <label className="field">
          Max seconds
          <input type="number" min={1} value={maxSeconds} onChange={(e) => setMaxSeconds(e.target.value)} style={{ width: 100 }} />
        </label>
        <StartButton label="Explore" pending={start.isPending} disabled={!version} />
      </div>
    </JobStartForm>
  );
}
