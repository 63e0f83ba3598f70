import { useState } from "react";
import type { SystemModel } from "../../api/client";
import { useStartRun, useVersion } from "../../api/queries";
import { ScenarioSelect, UntilField, useChosenVersion, VersionSelect } from "../jobs/JobFields";
import { JobStartForm, NoVersionYet, StartButton, useJobStart } from "../jobs/JobStartForm";

/** Start a simulation of one version under one scenario, from one seed (the same seed replays the same run). */
export function RunForm({ model }: { model: SystemModel }) {
  const { versions, version, setVersion } = useChosenVersion(model.id);
  const [scenario, setScenario] = useState("");
  const [seed, setSeed] = useState("1");
  const [until, setUntil] = useState("");
  const { start, launch } = useJobStart(useStartRun, model.id, "runs");
  const detail = useVersion(version);
  const scenarios = detail.data?.document.scenarios ?? [];
  const chosen = scenarios.find((s) => s.name === scenario);
  const submit = () => {
    if (!version) return;
    launch({ version, scenario, seed: Number(seed) || 0, until: until ? Number(until) : null });
  };
  if (versions.data?.length === 0) return <NoVersionYet jobs="runs" />;
  return (
    <JobStartForm title="Start a run" onSubmit={submit} error={start.error}>
      <div className="panel-body row" style={{ alignItems: "flex-end" }}>
        <VersionSelect versions={versions.data} value={version} onChange={setVersion} />
        <ScenarioSelect scenarios={scenarios} value={scenario} onChange={setScenario} none="default (no scenario chosen)" />
        <label className="field">
          Seed
          <input name="seed" type="number" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 100 }} />
        </label>
        <UntilField value={until} onChange={setUntil} scenarioUntil={chosen?.until} />
        <StartButton label="Run simulation" starting="Starting…" pending={start.isPending} disabled={!version} />
      </div>
    </JobStartForm>
  );
}
