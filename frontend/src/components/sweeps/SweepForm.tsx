import { useMemo, useState } from "react";
import type { SystemModel } from "../../api/client";
import { useBehaviors, useStartSweep, useVersion } from "../../api/queries";
import { maxSearchRounds, maxSearchRuns, parseValueList, sweepParameters, valueRange, type BehaviorParam } from "../../lib/sweep";
import { ScenarioSelect, SeedsField, UntilField, useChosenVersion, VersionSelect } from "../jobs/JobFields";
import { JobStartForm, NoVersionYet, StartButton, useJobStart } from "../jobs/JobStartForm";

type ValueMode = "range" | "list" | "breaking";

/**
 * Start a load or fault sweep: one parameter of a version, a set of values, several seeds each; or a
 * breaking-point search over an interval, K points per round, narrowed round by round to a resolution.
 */
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
  const [resolution, setResolution] = useState("");
  const [perRound, setPerRound] = useState("4");
  const [mustHold, setMustHold] = useState<string[]>([]);
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
    setResolution("");
  };

  const parsed = parseValueList(list);
  const breaking = mode === "breaking" && !!parameter;
  const values = !parameter
    ? []
    : mode === "range"
      ? valueRange(Number(from), Number(to), Number(steps), chosen?.integer)
      : mode === "list"
        ? parsed.values
        : [];
  const seedCount = Math.max(0, Math.floor(Number(seeds) || 0));
  // The search's resolution defaults to a hundredth of the interval (a whole unit for an integer parameter).
  const span = Number(to) - Number(from);
  const step = resolution !== "" ? Number(resolution) : chosen?.integer ? 1 : +(span / 100).toPrecision(3);
  const perRoundCount = Math.floor(Number(perRound) || 0);
  const rounds = breaking ? maxSearchRounds(Number(from), Number(to), step, perRoundCount) : 0;
  const runs = breaking ? maxSearchRuns(rounds, perRoundCount, seedCount) : (parameter ? values.length : 1) * seedCount;
  const invalid =
    !version ||
    seedCount < 1 ||
    (!!parameter && !breaking && values.length === 0) ||
    (mode === "list" && !!parameter && parsed.invalid.length > 0) ||
    (mode !== "list" && !!parameter && (from === "" || to === "")) ||
    (breaking && (rounds === 0 || perRoundCount < 2));

  const submit = () => {
    if (invalid || !version) return;
    const common = { version, scenario, seeds: seedCount, until: until ? Number(until) : null };
    if (breaking) {
      const search = { low: Number(from), high: Number(to), resolution: step, per_round: perRoundCount, slos: mustHold, integer: !!chosen?.integer };
      launch({ ...common, mode: "breaking_point", parameter, search });
    } else launch({ ...common, ...(parameter ? { parameter, values } : {}) });
  };
  const sloNames = (document?.slos ?? []).map((o) => o.name);
  const toggleSlo = (name: string, on: boolean) => setMustHold((now) => (on ? [...now, name] : now.filter((n) => n !== name)));

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
              <button type="button" className={mode === "breaking" ? "active" : ""} onClick={() => setMode("breaking")}>
                Breaking point
              </button>
            </div>
            {mode === "breaking" ? (
              <>
                <label className="field">
                  Low
                  <input name="low" type="number" step="any" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 100 }} />
                </label>
                <label className="field">
                  High
                  <input name="high" type="number" step="any" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 100 }} />
                </label>
                <label className="field">
                  Resolution
                  <input name="resolution" type="number" step="any" min={0} value={resolution} placeholder={String(step)} onChange={(e) => setResolution(e.target.value)} style={{ width: 100 }} />
                </label>
                <label className="field">
                  Points per round
                  <input name="per_round" type="number" min={2} max={32} value={perRound} onChange={(e) => setPerRound(e.target.value)} style={{ width: 80 }} />
                </label>
              </>
            ) : mode === "range" ? (
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
              {breaking
                ? `highest ${parameter} in [${from}, ${to}] at which the SLOs hold, to ${step}`
                : values.length
                  ? `${parameter} ∈ {${values.join(", ")}}`
                  : "no values yet"}
            </code>
          </div>
        )}
        {breaking && sloNames.length > 0 && (
          <fieldset className="row small" style={{ gap: 12, border: "none", padding: 0, margin: 0 }} data-testid="breaking-slos">
            <legend className="muted" style={{ padding: 0, marginBottom: 4 }}>
              SLOs that must hold (none ticked: every SLO)
            </legend>
            {sloNames.map((name) => (
              <label key={name} className="row" style={{ gap: 4 }}>
                <input type="checkbox" checked={mustHold.includes(name)} onChange={(e) => toggleSlo(name, e.target.checked)} /> {name}
              </label>
            ))}
          </fieldset>
        )}
        {mode === "list" && parsed.invalid.length > 0 && parameter && (
          <div className="small" style={{ color: "var(--bad)" }}>
            Not numbers: {parsed.invalid.join(", ")}
          </div>
        )}
        <div className="row" style={{ alignItems: "flex-end" }}>
          <SeedsField label={breaking ? "Seeds per point" : "Seeds per value"} value={seeds} onChange={setSeeds} />
          <UntilField value={until} onChange={setUntil} scenarioUntil={scenarios.find((s) => s.name === scenario)?.until} />
          <div className="spacer" style={{ flex: 1 }} />
          <span className="muted small" data-testid="sweep-run-count" style={{ paddingBottom: 8 }}>
            {breaking ? `up to ${rounds} rounds of ${perRoundCount * seedCount} runs in parallel, ${runs} at most` : `${runs} run${runs === 1 ? "" : "s"} in parallel`}
            {runs > 500 ? " — at most 500 per sweep" : ""}
          </span>
          <StartButton label={breaking ? "Search breaking point" : "Run sweep"} starting="Starting…" pending={start.isPending} disabled={invalid} />
        </div>
      </div>
    </JobStartForm>
  );
}
