import { useEffect, useState } from "react";
import type { SystemModel } from "../../api/client";
import { useStartStudy, useVersion } from "../../api/queries";
import { FAULT_KINDS, FAULT_PARAM, faultSpec, studiableHolarchies, type FaultKind } from "../../lib/study";
import { TableHead } from "../common/TableHead";
import { SeedsField, UntilField, useChosenVersion, VersionSelect } from "../jobs/JobFields";
import { JobStartForm, NoVersionYet, StartButton, useJobStart } from "../jobs/JobStartForm";

interface LevelChoice {
  on: boolean;
  kind: FaultKind;
  at: string;
  param: string;
}

const DEFAULT_CHOICE: LevelChoice = { on: true, kind: "permanent", at: "60", param: "50" };

/** Start a level study: a holarchy of a version, the levels to fail and each one's fault, seeds and a sample. */
export function StudyForm({ model }: { model: SystemModel }) {
  const { versions, version, setVersion } = useChosenVersion(model.id);
  const document = useVersion(version).data?.document;
  const holarchies = studiableHolarchies(document);
  const [holarchy, setHolarchy] = useState("");
  const [choices, setChoices] = useState<Record<string, LevelChoice>>({});
  const [seeds, setSeeds] = useState("1");
  const [sample, setSample] = useState("");
  const [until, setUntil] = useState("");
  const { start, launch } = useJobStart(useStartStudy, model.id, "studies");
  const chosen = holarchies.find((h) => h.name === holarchy) ?? holarchies[0];
  const levels = chosen?.levels ?? [];
  useEffect(() => {
    if (!holarchy && holarchies[0]) setHolarchy(holarchies[0].name);
  }, [holarchy, holarchies]);
  const choice = (level: string) => choices[level] ?? DEFAULT_CHOICE;
  const change = (level: string, patch: Partial<LevelChoice>) => setChoices({ ...choices, [level]: { ...choice(level), ...patch } });
  const studied = levels.filter((l) => choice(l).on);
  const seedCount = Math.max(0, Math.floor(Number(seeds) || 0));
  const invalid = !version || !chosen || studied.length === 0 || seedCount < 1;

  const submit = () => {
    if (invalid || !chosen) return;
    const faults = Object.fromEntries(studied.map((l) => [l, faultSpec(choice(l).kind, Number(choice(l).at), Number(choice(l).param))]));
    launch({
      version: version!, holarchy: chosen.name, levels: studied, faults, seeds: seedCount,
      sample: sample ? Number(sample) : null, until: until ? Number(until) : null,
    });
  };

  if (versions.data?.length === 0) return <NoVersionYet jobs="level studies" />;
  return (
    <JobStartForm title="Start a level study" note="which single-holon failures, level by level, does the design survive?" onSubmit={submit} error={start.error}>
      <div className="panel-body stack" style={{ gap: 14 }}>
        <div className="row" style={{ alignItems: "flex-end" }}>
          <VersionSelect versions={versions.data} value={version} onChange={(id) => (setVersion(id), setHolarchy(""), setChoices({}))} />
          <label className="field">
            Holarchy
            <select name="holarchy" value={chosen?.name ?? ""} onChange={(e) => (setHolarchy(e.target.value), setChoices({}))}>
              {holarchies.map((h) => (
                <option key={h.name} value={h.name}>
                  {h.name} ({(h.levels ?? []).join(" > ")})
                </option>
              ))}
            </select>
          </label>
        </div>
        {document && holarchies.length === 0 && <p className="muted small">No holarchy of this version declares levels.</p>}
        <table className="data study-levels" data-testid="study-levels">
          <TableHead columns={["Level", "Fault of each of its holons", "At", "Then"]} />
          <tbody>
            {levels.map((level) => {
              const c = choice(level);
              const param = FAULT_PARAM[c.kind];
              return (
                <tr key={level}>
                  <td>
                    <label className="row" style={{ gap: 6 }}>
                      <input type="checkbox" checked={c.on} onChange={(e) => change(level, { on: e.target.checked })} aria-label={`study ${level}`} />
                      {level}
                    </label>
                  </td>
                  <td>
                    <select aria-label={`fault of ${level}`} value={c.kind} onChange={(e) => change(level, { kind: e.target.value as FaultKind })} disabled={!c.on}>
                      {Object.entries(FAULT_KINDS).map(([k, label]) => (
                        <option key={k} value={k}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {c.kind === "loss" || c.kind === "delay" ? (
                      <span className="muted small">whole run</span>
                    ) : (
                      <input aria-label={`time of ${level}`} type="number" min={0} value={c.at} onChange={(e) => change(level, { at: e.target.value })} style={{ width: 90 }} disabled={!c.on} />
                    )}
                  </td>
                  <td>
                    {param && (
                      <label className="row small" style={{ gap: 6 }}>
                        {param}
                        <input aria-label={`${param} of ${level}`} type="number" min={0} step="any" value={c.param} onChange={(e) => change(level, { param: e.target.value })} style={{ width: 90 }} disabled={!c.on} />
                      </label>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="row" style={{ alignItems: "flex-end" }}>
          <SeedsField label="Seeds per failure" value={seeds} onChange={setSeeds} />
          <label className="field">
            Holons per level
            <input name="sample" type="number" min={1} value={sample} placeholder="all" onChange={(e) => setSample(e.target.value)} style={{ width: 100 }} />
          </label>
          <UntilField value={until} onChange={setUntil} scenarioUntil={document?.scenarios?.[0]?.until} />
          <div className="spacer" style={{ flex: 1 }} />
          <StartButton label="Run study" starting="Starting…" pending={start.isPending} disabled={invalid} />
        </div>
      </div>
    </JobStartForm>
  );
}
