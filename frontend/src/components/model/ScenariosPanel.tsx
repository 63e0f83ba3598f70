import { useState, type FormEvent, type ReactNode } from "react";
import type { ModelDocument, ScenarioSpec } from "../../api/modelDocument";
import { defined, holonPickerChoices, optionalNumber } from "../../lib/documentParts";
import { MultiPicker, Picker } from "../common/Picker";
import { FormButtons, NameField, SectionItems } from "./SectionItems";

type Spec = Record<string, unknown>;
type FaultKind = "crash" | "partition" | "link";
interface Fault {
  kind: FaultKind;
  spec: Spec;
}

const NEW_FAULT: Record<FaultKind, Spec> = {
  crash: { kind: "transient", at: 10, duration: 20 },
  partition: { sides: [[], []], from: 10, until: 100 },
  link: { loss: 0.1 },
};

/** The named fault plans a run can follow: crashes, partitions and link overrides, each aimed at components or holons. */
export function ScenariosPanel({ document, canWrite, onSave }: { document: ModelDocument; canWrite: boolean; onSave: (scenarios: ScenarioSpec[], done: () => void) => void }) {
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Scenarios</h2>
        <span className="muted small">named fault plans a run can follow</span>
      </div>
      <SectionItems<ScenarioSpec>
        items={document.scenarios ?? []}
        canWrite={canWrite}
        noun="scenario"
        empty="No scenario: runs use the links' own delivery settings only."
        summary={(s) => (
          <div>
            <strong>{s.name}</strong> <span className="muted small">until {s.until ?? 1000}</span>
            <div className="mono small">
              {(s.faults ?? []).map((f, i) => (
                <div key={i}>{describeFault(f)}</div>
              ))}
            </div>
          </div>
        )}
        form={(props) => <ScenarioForm document={document} {...props} />}
        onSave={onSave}
      />
    </div>
  );
}

export function describeFault(fault: Record<string, unknown>): string {
  const [kind, spec] = Object.entries(fault)[0] ?? ["?", {}];
  const parts = Object.entries((spec ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `${kind} { ${parts.join(", ")} }`;
}

function ScenarioForm({ document, item, onSubmit, onCancel }: { document: ModelDocument; item?: ScenarioSpec; onSubmit: (s: ScenarioSpec) => void; onCancel: () => void }) {
  const [name, setName] = useState(item?.name ?? "");
  const [until, setUntil] = useState(String(item?.until ?? ""));
  const [faults, setFaults] = useState<Fault[]>(
    (item?.faults ?? []).map((f) => {
      const [kind, spec] = Object.entries(f)[0];
      return { kind: kind as FaultKind, spec: spec as Spec };
    }),
  );
  const rest = item ? Object.fromEntries(Object.entries(item).filter(([k]) => !["name", "until", "faults"].includes(k))) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ ...rest, ...defined({ name, until: optionalNumber(until) }), faults: faults.map((f) => ({ [f.kind]: defined(f.spec) })) });
  };
  const change = (i: number, fault: Fault) => setFaults(faults.map((f, j) => (j === i ? fault : f)));
  return (
    <form className="stack edit-form item-card" style={{ gap: 10 }} onSubmit={submit} aria-label="Scenario">
      <div className="row">
        <NameField value={name} onChange={setName} />
        <label className="field">
          Until (time)
          <input type="number" min={0} step="any" value={until} onChange={(e) => setUntil(e.target.value)} placeholder="1000" />
        </label>
      </div>
      {faults.map((fault, i) => (
        <fieldset key={i} className="item-card" aria-label={`Fault ${i + 1}`}>
          <legend className="small">Fault {i + 1}</legend>
          <div className="row" style={{ alignItems: "flex-end" }}>
            <label className="field">
              Kind
              <select value={fault.kind} onChange={(e) => change(i, { kind: e.target.value as FaultKind, spec: NEW_FAULT[e.target.value as FaultKind] })}>
                <option value="crash">crash</option>
                <option value="partition">partition</option>
                <option value="link">link override</option>
              </select>
            </label>
            <FaultFields document={document} fault={fault} onChange={(spec) => change(i, { ...fault, spec })} />
            <button type="button" className="small danger" onClick={() => setFaults(faults.filter((_, j) => j !== i))} aria-label={`Remove fault ${i + 1}`}>
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      <div>
        <button type="button" className="small" onClick={() => setFaults([...faults, { kind: "partition", spec: NEW_FAULT.partition }])}>
          + Add fault
        </button>
      </div>
      <FormButtons onCancel={onCancel} disabled={!name} label="Save scenario" />
    </form>
  );
}

/** The fields of one fault: its target (a component, a holon of any level, a level's links) and its timing. */
function FaultFields({ document, fault, onChange }: { document: ModelDocument; fault: Fault; onChange: (spec: Spec) => void }) {
  const spec = fault.spec;
  const set = (changes: Spec) => onChange({ ...spec, ...changes });
  const holarchies = (document.holarchies ?? []).map((h) => h.name);
  const holarchy = (spec.holarchy as string | undefined) ?? holarchies[0];
  const holons = holonPickerChoices(document, holarchy);
  const components = document.components.map((c) => c.id);
  const componentChoices = components.map((id) => ({ value: id, label: id }));
  const num = (label: string, field: string, props: object = {}) => (
    <label className="field">
      {label}
      <input
        type="number"
        step="any"
        min={0}
        style={{ width: 90 }}
        value={spec[field] === undefined || spec[field] === null ? "" : String(spec[field])}
        onChange={(e) => set({ [field]: optionalNumber(e.target.value) })}
        {...props}
      />
    </label>
  );
  const holarchyPicker = (
    <label className="field">
      Holarchy
      <select value={holarchy} onChange={(e) => set({ holarchy: e.target.value })}>
        {holarchies.map((h) => (
          <option key={h}>{h}</option>
        ))}
      </select>
    </label>
  );
  if (fault.kind === "crash") {
    const target = "component" in spec ? "component" : "holon";
    return (
      <>
        <label className="field">
          Target
          <select
            value={target}
            onChange={(e) => {
              const { component: _c, holon: _h, holarchy: _y, ...timing } = spec;
              onChange(e.target.value === "component" ? { ...timing, component: components[0] } : { ...timing, holarchy, holon: holons[0]?.value });
            }}
          >
            <option value="holon">a holon (every component below it)</option>
            <option value="component">one component</option>
          </select>
        </label>
        {target === "component" ? (
          <label className="field">
            Component
            <Picker label="Component" choices={componentChoices} value={String(spec.component ?? "")} onChange={(component) => set({ component })} />
          </label>
        ) : (
          <>
            {holarchyPicker}
            <label className="field">
              Holon
              <Picker label="Holon" choices={holons} value={String(spec.holon ?? "")} onChange={(holon) => set({ holarchy, holon })} />
            </label>
          </>
        )}
        <label className="field">
          Crash kind
          <select value={String(spec.kind ?? "transient")} onChange={(e) => set({ kind: e.target.value })}>
            <option value="transient">transient (recovers once)</option>
            <option value="intermittent">intermittent (down and up again)</option>
            <option value="permanent">permanent</option>
          </select>
        </label>
        {num("At", "at")}
        {spec.kind === "transient" && num("Duration", "duration")}
        {spec.kind === "intermittent" && (
          <>
            {num("Down", "down")}
            {num("Up", "up")}
            {num("Times", "times", { placeholder: "forever" })}
            <Check label="random durations" checked={spec.random === true} onChange={(random) => set({ random: random || undefined })} />
          </>
        )}
      </>
    );
  }
  if (fault.kind === "partition") {
    const sides = (spec.sides as string[][] | undefined) ?? [[], []];
    const pick = (side: number) => (chosen: string[]) => set({ holarchy, sides: sides.map((s, i) => (i === side ? chosen : s)) });
    return (
      <>
        {holarchyPicker}
        {[0, 1].map((side) => (
          <label key={side} className="field">
            Side {side + 1} (holons)
            <MultiPicker label={`Side ${side + 1} (holons)`} choices={holons} values={sides[side] ?? []} onChange={pick(side)} />
          </label>
        ))}
        {num("From", "from")}
        {num("Until", "until")}
        <Check label="one way (side 1 → side 2 only)" checked={spec.oneway === true} onChange={(oneway) => set({ oneway: oneway || undefined })} />
      </>
    );
  }
  const byLevel = !("from" in spec) && !("to" in spec);
  const levels = document.holarchies?.find((h) => h.name === holarchy)?.levels ?? [];
  const { from: _f, to: _t, holarchy: _y, level: _l, ...settings } = spec;
  return (
    <>
      <label className="field">
        Links
        <select value={byLevel ? "level" : "pair"} onChange={(e) => onChange(e.target.value === "level" ? { ...settings, holarchy, level: levels[1] } : { ...settings, from: components[0], to: components[1] })}>
          <option value="level">crossing holons of a level</option>
          <option value="pair">one link, by its ends</option>
        </select>
      </label>
      {byLevel ? (
        <>
          {holarchyPicker}
          <label className="field">
            Level
            <select value={String(spec.level ?? "")} onChange={(e) => set({ holarchy, level: e.target.value })}>
              <option value="">Choose…</option>
              {levels.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
        </>
      ) : (
        (["from", "to"] as const).map((end) => (
          <label key={end} className="field">
            {end === "from" ? "From" : "To"}
            <Picker label={end === "from" ? "From" : "To"} choices={componentChoices} value={String(spec[end] ?? "")} onChange={(id) => set({ [end]: id })} />
          </label>
        ))
      )}
      {num("Loss", "loss", { max: 1 })}
      {num("Duplication", "duplication", { max: 1 })}
      <label className="field">
        Reorder
        <select value={spec.reorder === undefined ? "" : String(spec.reorder)} onChange={(e) => set({ reorder: e.target.value === "" ? undefined : e.target.value === "true" })}>
          <option value="">as the link says</option>
          <option value="true">may reorder</option>
          <option value="false">FIFO</option>
        </select>
      </label>
    </>
  );
}

function Check({ label, checked, onChange }: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="row small" style={{ gap: 6, paddingBottom: 8 }}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}
