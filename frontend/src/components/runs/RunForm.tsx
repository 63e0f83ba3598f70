import { useState } from "react";
import type { SystemModel } from "../../api/client";
import { useStartRun, useVersion } from "../../api/queries";
import { ScenarioSelect, UntilField, useChosenVersion, VersionSelect } from "../jobs/JobFields";
import { JobStartForm, NoVersionYet, StartButton, useJobStart } from "../jobs/JobStartForm";

/** Start a simulation of one version under one scenario, from one seed (the same seed replays the same run). */
export function RunForm({ model }: { model: SystemModel }) {
  const { versions, version, setVersion } = useChosenVersion(model.id);
  const [scenario, setScenario] = useState<string | undefined>();
  const [stopAtViolation, setStopAtViolation] = useState(false);
  const [seed, setSeed] = useState("1");
  const [until, setUntil] = useState("");
  const { start, launch } = useJobStart(useStartRun, model.id, "runs");
  const detail = useVersion(version);
  const scenarios = detail.data?.document.scenarios ?? [];
  const chosenName = scenario ?? scenarios[0]?.name ?? ""; // the model's first scenario until the user picks
  const chosen = scenarios.find((s) => s.name === chosenName);
  const submit = () => {
    if (!version) return;
    launch({ version, scenario: chosenName, seed: Number(seed) || 0, until: until ? Number(until) : null, stop_at_violation: stopAtViolation });
  };
  if (versions.data?.length === 0) return <NoVersionYet jobs="runs" />;
  return (
    <JobStartForm title="Start a run" onSubmit={submit} error={start.error}>
      <div className="panel-body row" style={{ alignItems: "flex-end" }}>
        <VersionSelect versions={versions.data} value={version} onChange={setVersion} />
        <ScenarioSelect scenarios={scenarios} value={chosenName} onChange={setScenario} none="no faults (no scenario)" />
        <label className="field">
          Seed
          <input name="seed" type="number" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 100 }} />
        </label>
        <UntilField value={until} onChange={setUntil} scenarioUntil={chosen?.until} />
        <label className="field" title="by default a run goes to its end and counts every violation">
          <span>
            <input name="stop_at_violation" type="checkbox" checked={stopAtViolation} onChange={(e) => setStopAtViolation(e.target.checked)} /> Stop at the first violation
          </span>
        </label>
        <StartButton label="Run simulation" starting="Starting…" pending={start.isPending} disabled={!version} />
      </div>
    </JobStartForm>
  );
}
