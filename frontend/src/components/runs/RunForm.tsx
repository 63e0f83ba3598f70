import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import type { SystemModel } from "../../api/client";
import { useStartRun, useVersion } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { ScenarioSelect, useChosenVersion, VersionSelect } from "./JobFields";

/** Start a simulation of one version under one scenario, from one seed (the same seed replays the same run). */
export function RunForm({ model }: { model: SystemModel }) {
  const { versions, version, setVersion } = useChosenVersion(model.id);
  const [scenario, setScenario] = useState("");
  const [seed, setSeed] = useState("1");
  const [until, setUntil] = useState("");
  const start = useStartRun();
  const navigate = useNavigate();
  const detail = useVersion(version);
  const scenarios = detail.data?.document.scenarios ?? [];
  const chosen = scenarios.find((s) => s.name === scenario);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!version) return;
    start.mutate(
      { version, scenario, seed: Number(seed) || 0, until: until ? Number(until) : null },
      { onSuccess: (run) => navigate(`/models/${model.id}/runs/${run.id}`) },
    );
  };
  if (versions.data?.length === 0) return <div className="panel empty">Save a version first: runs simulate frozen versions.</div>;
  return (
    <form className="panel" onSubmit={submit} aria-label="Start a run">
      <div className="panel-header">
        <h2>Start a run</h2>
      </div>
      <div className="panel-body row" style={{ alignItems: "flex-end" }}>
        <VersionSelect versions={versions.data} value={version} onChange={setVersion} />
        <ScenarioSelect scenarios={scenarios} value={scenario} onChange={setScenario} none="default (no scenario chosen)" />
        <label className="field">
          Seed
          <input name="seed" type="number" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 100 }} />
        </label>
        <label className="field">
          Until (virtual time)
          <input
            name="until"
            type="number"
            min={0}
            value={until}
            placeholder={chosen?.until ? String(chosen.until) : "model default"}
            onChange={(e) => setUntil(e.target.value)}
            style={{ width: 150 }}
          />
        </label>
        <button className="primary" type="submit" disabled={!version || start.isPending}>
          {start.isPending ? "Starting…" : "Run simulation"}
        </button>
      </div>
      {start.isError && (
        <div className="panel-body" style={{ paddingTop: 0 }}>
          <ErrorMessage error={start.error} />
        </div>
      )}
    </form>
  );
}
