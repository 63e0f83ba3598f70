import { useMemo, useState } from "react";
import type { SystemModel } from "../../api/client";
import { useBehaviors, useStartSweep, useVersion } from "../../api/queries";
import { parseValueList, sweepParameters, valueRange, type BehaviorParam } from "../../lib/sweep";
import { ScenarioSelect, SeedsField, UntilField, useChosenVersion, VersionSelect } from "../jobs/JobFields";
import { JobStartForm, NoVersionYet, StartButton, useJobStart } from "../jobs/JobStartForm";

type ValueMode = "range" | "list";

/** Start a load or fault sweep: one parameter of a version, a set of values, several seeds each. */
export function SweepForm({ model }: { model: SystemModel }) {
  const { versions, version, setVersion } = useChosenVersion(model.id);
  const behaviors = useBehaviors();
  const [scenario, setScenario] = useState("");
  const [parameter, setParameter] = useState("");
  const [mode, setMode] = useState<ValueMode>("range");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [steps, setSteps] = useState("5");
  const [list, setList] = useState("");
  const [seeds, setSeeds] = useState("3");
  const [until, setUntil] = useState("");
  const { start, launch } = useJobStart(useStartSweep, model.id, "sweeps");
  const detail = useVersion(version);
  const document = detail.data?.document;
  const parameters = useMemo(() => {
    if (!document) return [];
    const declared = (name: string) =>
      (behaviors.data?.find((b) => b.name === name)?.params ?? []) as unknown as BehaviorParam[];
    return sweepParameters(document, declared);
  }, [document, behaviors.data]);
  const chosen = parameters.find((p) => p.path === parameter);
  const scenarios = document?.scenarios ?? [];

  const pick = (path: string) => {
    setParameter(path);
    const p = parameters.find((q) => q.path === path);
    if (!p) return;
    // Suggest a range around the current value: faults from none upwards, load from half to double.
    if (p.kind === "fault") {
      setFrom("0");
      setTo("0.5");
    } else {
      const c = p.current ?? 1;
      setFrom(String(p.integer ? Math.max(1, Math.round(c / 2)) : +(c / 2).toPrecision(6)));
      setTo(String(p.integer ? Math.round(c * 2) : +(c * 2).toPrecision(6)));
    }
  };

  const parsed = parseValueList(list);
  const values = !parameter
    ? []
    : mode === "range"
      ? valueRange(Number(from), Number(to), Number(steps), chosen?.integer)
      : parsed.values;
  const seedCount = Math.max(0, Math.floor(Number(seeds) || 0));
  const runs = (parameter ? values.length : 1) * seedCount;
  const invalid =
    !version ||
    seedCount < 1 ||
    (!!parameter && values.length === 0) ||
    (mode === "list" && !!parameter && parsed.invalid.length > 0) ||
    (mode === "range" && !!parameter && (from === "" || to === ""));

  const submit = () => {
    if (invalid || !version) return;
    launch({ version, scenario, seeds: seedCount, until: until ? Number(until) : null, ...(parameter ? { parameter, values } : {}) });
  };

  if (versions.data?.length === 0) return <NoVersionYet jobs="sweeps" />;
  const loads = parameters.filter((p) => p.kind === "load");
  const faults = parameters.filter((p) => p.kind === "fault");
  return (
    <JobStartForm
      title="Start a sweep"
      note="scalability: do the SLOs hold as load grows? reliability: do they hold while failures happen?"
      onSubmit={submit}
      error={start.error}
    >
      <div className="panel-body stack" style={{ gap: 14 }}>
        <div className="row" style={{ alignItems: "flex-end" }}>
          <VersionSelect versions={versions.data} value={version} onChange={(id) => (setVersion(id), setParameter(""))} />
          <ScenarioSelect scenarios={scenarios} value={scenario} onChange={setScenario} none="no scenario (no injected faults)" />
          <label className="field grow">
            Swept parameter
            <select name="parameter" value={parameter} onChange={(e) => pick(e.target.value)}>
              <option value="">none — repeat the version over seeds only</option>
              {loads.length > 0 && (
                <optgroup label="Load (component parameters)">
                  {loads.map((p) => (
                    <option key={p.path} value={p.path}>
                      {p.label}
                      {p.current !== undefined ? ` (now ${p.current})` : ""}
                    </option>
                  ))}
                </optgroup>
              )}
              {faults.length > 0 && (
                <optgroup label="Faults (link delivery)">
                  {faults.map((p) => (
                    <option key={p.path} value={p.path}>
                      {p.label} (now {p.current})
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </label>
        </div>
        {parameter && (
          <div className="row" style={{ alignItems: "flex-end" }}>
            <div className="segmented" role="group" aria-label="Values as">
              <button type="button" className={mode === "range" ? "active" : ""} onClick={() => setMode("range")}>
                Range
              </button>
              <button type="button" className={mode === "list" ? "active" : ""} onClick={() => setMode("list")}>
                List
              </button>
            </div>
            {mode === "range" ? (
              <>
                <label className="field">
                  From
                  <input name="from" type="number" step="any" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 100 }} />
                </label>
                <label className="field">
                  To
                  <input name="to" type="number" step="any" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 100 }} />
                </label>
                <label className="field">
                  Steps
                  <input name="steps" type="number" min={1} max={50} value={steps} onChange={(e) => setSteps(e.target.value)} style={{ width: 80 }} />
                </label>
              </>
            ) : (
              <label className="field grow">
                Values (comma separated)
                <input name="values" value={list} onChange={(e) => setList(e.target.value)} placeholder="0, 0.05, 0.1, 0.2" />
              </label>
            )}
            <code className="small muted" data-testid="sweep-values" style={{ paddingBottom: 8 }}>
              {values.length ? `${parameter} ∈ {${values.join(", ")}}` : "no values yet"}
            </code>
          </div>
        )}
        {mode === "list" && parsed.invalid.length > 0 && parameter && (
          <div className="small" style={{ color: "var(--bad)" }}>
            Not numbers: {parsed.invalid.join(", ")}
          </div>
        )}
        <div className="row" style={{ alignItems: "flex-end" }}>
          <SeedsField label="Seeds per value" value={seeds} onChange={setSeeds} />
          <UntilField value={until} onChange={setUntil} scenarioUntil={scenarios.find((s) => s.name === scenario)?.until} />
          <div className="spacer" style={{ flex: 1 }} />
          <span className="muted small" data-testid="sweep-run-count" style={{ paddingBottom: 8 }}>
            {runs} run{runs === 1 ? "" : "s"} in parallel{runs > 500 ? " — at most 500 per sweep" : ""}
          </span>
          <StartButton label="Run sweep" starting="Starting…" pending={start.isPending} disabled={invalid} />
        </div>
      </div>
    </JobStartForm>
  );
}
