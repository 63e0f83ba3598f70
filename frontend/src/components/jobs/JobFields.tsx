import { useEffect, useState } from "react";
import type { ModelVersion } from "../../api/client";
import { useVersions } from "../../api/queries";

/** The model's versions and the one chosen for a job, the newest until the user picks another. */
export function useChosenVersion(model: number) {
  const versions = useVersions(model);
  const [version, setVersion] = useState<number | undefined>();
  useEffect(() => {
    if (version === undefined && versions.data?.[0]) setVersion(versions.data[0].id);
  }, [version, versions.data]);
  return { versions, version, setVersion };
}

/** "Version" field of the run, sweep and exploration forms. */
export function VersionSelect({ versions, value, onChange }: { versions: ModelVersion[] | undefined; value: number | undefined; onChange: (id: number) => void }) {
  return (
    <label className="field">
      Version
      <select name="version" value={value ?? ""} onChange={(e) => onChange(Number(e.target.value))}>
        {versions?.map((v) => (
          <option key={v.id} value={v.id}>
            v{v.number}
            {v.message ? ` — ${v.message}` : ""}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "Scenario" field: one of the version's scenarios, or none (`""`). */
export function ScenarioSelect({ scenarios, value, onChange, none }: { scenarios: { name: string }[]; value: string; onChange: (name: string) => void; none: string }) {
  return (
    <label className="field">
      Scenario
      <select name="scenario" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {scenarios.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "Until (virtual time)" field: empty for the scenario's or the model's own end, shown as the placeholder. */
export function UntilField({ value, onChange, scenarioUntil }: { value: string; onChange: (value: string) => void; scenarioUntil: number | null | undefined }) {
  return (
    <label className="field">
      Until (virtual time)
      <input
        name="until"
        type="number"
        min={0}
        value={value}
        placeholder={scenarioUntil ? String(scenarioUntil) : "model default"}
        onChange={(e) => onChange(e.target.value)}
        style={{ width: 150 }}
      />
    </label>
  );
}

/** "Seeds per …" field of the sweep and study forms (seeds 0..N-1, at most 100). */
export function SeedsField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="field">
      {label}
      <input name="seeds" type="number" min={1} max={100} value={value} onChange={(e) => onChange(e.target.value)} style={{ width: 100 }} />
    </label>
  );
}
