import { useState, type FormEvent } from "react";
import type { SystemModel } from "../../api/client";
import { useSectionsEdit } from "../../api/draftEdits";
import type { LivenessProperty, ModelDocument, SafetyProperty, SloSpec } from "../../api/modelDocument";
import { useDraftDocument } from "../../api/queries";
import { formatPercent } from "../../lib/chart";
import { defined, holonChoices, holonPickerChoices, optionalNumber } from "../../lib/documentParts";
import { sloHolon, sloSli } from "../../lib/slo";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { Picker } from "../common/Picker";
import { ExpressionField } from "./ExpressionField";
import { ScenariosPanel } from "./ScenariosPanel";
import { FormButtons, NameField, SectionItems } from "./SectionItems";

/** What "correct" and "responsive enough" mean for this model, and the fault plans to test them under; all editable. */
export function PropertiesPanel({ model, canWrite = false }: { model: SystemModel; canWrite?: boolean }) {
  const document = useDraftDocument(model.id);
  const save = useSectionsEdit(model.id);
  if (document.isPending) return <Loading />;
  if (document.isError) return <ErrorMessage error={document.error} />;
  const doc = document.data;
  const properties = doc.properties ?? {};
  const saveProperties = (changes: typeof properties, done: () => void) =>
    save.mutate({ properties: { ...properties, ...changes } }, { onSuccess: done });
  return (
    <div className="stack">
      {save.isError && <ErrorMessage error={save.error} />}
      <div className="split-2">
        <div className="panel">
          <div className="panel-header">
            <h2>Safety</h2>
            <span className="muted small">nothing bad ever happens — checked in every state</span>
          </div>
          <SectionItems<SafetyProperty>
            items={properties.safety ?? []}
            canWrite={canWrite}
            noun="safety property"
            empty="No safety property."
            summary={(p) => <PropertySummary name={p.name} expr={p.always} note="always" />}
            form={(props) => <SafetyForm model={model.id} {...props} />}
            onSave={(safety, done) => saveProperties({ safety }, done)}
          />
        </div>
        <div className="panel">
          <div className="panel-header">
            <h2>Liveness</h2>
            <span className="muted small">something good eventually happens</span>
          </div>
          <SectionItems<LivenessProperty>
            items={properties.liveness ?? []}
            canWrite={canWrite}
            noun="liveness property"
            empty="No liveness property."
            summary={(p) => (
              <PropertySummary
                name={p.name}
                expr={p.eventually ?? p.always_eventually ?? ""}
                note={p.eventually ? `eventually${p.within ? `, within ${p.within}` : ""}` : `always eventually${p.window ? `, every ${p.window}` : ""}`}
              />
            )}
            form={(props) => <LivenessForm model={model.id} {...props} />}
            onSave={(liveness, done) => saveProperties({ liveness }, done)}
          />
        </div>
      </div>
      <div className="panel">
        <div className="panel-header">
          <h2>SLOs</h2>
          <span className="muted small">objectives on the SLIs of a holon; the error budget is what they tolerate</span>
        </div>
        <SectionItems<SloSpec>
          items={doc.slos ?? []}
          canWrite={canWrite}
          noun="SLO"
          empty="No SLO."
          summary={(s) => (
            <div className="row" style={{ gap: 16 }} data-testid="slo-row">
              <strong>{s.name}</strong>
              <span>{sloHolon(s)}</span>
              <span>{sloSli(s)}</span>
              <span>objective {formatPercent(s.objective, 3)}</span>
              <span className="muted">error budget {formatPercent(1 - s.objective, 3)} of requests</span>
              <span className="muted">window {s.window ?? "—"}</span>
            </div>
          )}
          form={(props) => <SloForm document={doc} {...props} />}
          onSave={(slos, done) => save.mutate({ slos }, { onSuccess: done })}
        />
      </div>
      <ScenariosPanel document={doc} canWrite={canWrite} onSave={(scenarios, done) => save.mutate({ scenarios }, { onSuccess: done })} />
    </div>
  );
}

function PropertySummary({ name, expr, note }: { name: string; expr: string; note: string }) {
  return (
    <>
      <div className="row spread">
        <strong>{name}</strong>
        <span className="badge">{note}</span>
      </div>
      <code style={{ display: "block", marginTop: 4, color: "#334155" }}>{expr}</code>
    </>
  );
}

interface FormProps<T> {
  item?: T;
  onSubmit: (item: T) => void;
  onCancel: () => void;
}

function SafetyForm({ model, item, onSubmit, onCancel }: FormProps<SafetyProperty> & { model: number }) {
  const [name, setName] = useState(item?.name ?? "");
  const [always, setAlways] = useState(item?.always ?? "");
  const submit = (e: FormEvent) => (e.preventDefault(), onSubmit({ name, always }));
  return (
    <form className="stack edit-form item-card" style={{ gap: 10 }} onSubmit={submit} aria-label="Safety property">
      <NameField value={name} onChange={setName} />
      <ExpressionField model={model} label="Always (an expression over the global state)" value={always} onChange={setAlways} context="property" />
      <FormButtons onCancel={onCancel} disabled={!name || !always} label="Save safety property" />
    </form>
  );
}

function LivenessForm({ model, item, onSubmit, onCancel }: FormProps<LivenessProperty> & { model: number }) {
  const [name, setName] = useState(item?.name ?? "");
  const [kind, setKind] = useState<"eventually" | "always_eventually">(item?.always_eventually ? "always_eventually" : "eventually");
  const [expr, setExpr] = useState(item?.eventually ?? item?.always_eventually ?? "");
  const [bound, setBound] = useState(String(item?.within ?? item?.window ?? ""));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const limit = optionalNumber(bound);
    onSubmit(kind === "eventually" ? defined({ name, eventually: expr, within: limit }) : defined({ name, always_eventually: expr, window: limit }));
  };
  return (
    <form className="stack edit-form item-card" style={{ gap: 10 }} onSubmit={submit} aria-label="Liveness property">
      <div className="row">
        <NameField value={name} onChange={setName} />
        <label className="field">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="eventually">eventually (once)</option>
            <option value="always_eventually">always eventually (again and again)</option>
          </select>
        </label>
        <label className="field">
          {kind === "eventually" ? "Within (time)" : "Window (time)"}
          <input type="number" min={0} step="any" value={bound} onChange={(e) => setBound(e.target.value)} placeholder="none" />
        </label>
      </div>
      <ExpressionField model={model} label="Condition" value={expr} onChange={setExpr} context="property" />
      <FormButtons onCancel={onCancel} disabled={!name || !expr} label="Save liveness property" />
    </form>
  );
}

function SloForm({ document, item, onSubmit, onCancel }: FormProps<SloSpec> & { document: ModelDocument }) {
  const holarchies = document.holarchies ?? [];
  const [name, setName] = useState(item?.name ?? "");
  const [holarchy, setHolarchy] = useState(item?.holarchy ?? holarchies[0]?.name ?? "");
  const [holon, setHolon] = useState(item?.holon ?? holarchies[0]?.root.id ?? "");
  const [sli, setSli] = useState<SloSpec["sli"]>(item?.sli ?? "availability");
  const [objective, setObjective] = useState(String(item?.objective ?? 0.99));
  const [threshold, setThreshold] = useState(String(item?.threshold ?? ""));
  const [window, setWindow] = useState(String(item?.window ?? 100));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(
      defined({
        name,
        holarchy,
        holon,
        sli,
        objective: Number(objective),
        threshold: sli === "latency" ? optionalNumber(threshold) : undefined,
        window: optionalNumber(window),
      }) as SloSpec,
    );
  };
  return (
    <form className="stack edit-form item-card" style={{ gap: 10 }} onSubmit={submit} aria-label="SLO">
      <div className="row" style={{ alignItems: "flex-end" }}>
        <NameField value={name} onChange={setName} />
        <label className="field">
          Holarchy
          <select value={holarchy} onChange={(e) => (setHolarchy(e.target.value), setHolon(holonChoices(document, e.target.value)[0]?.id ?? ""))}>
            {holarchies.map((h) => (
              <option key={h.name}>{h.name}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Holon
          <Picker label="Holon" choices={holonPickerChoices(document, holarchy)} value={holon} onChange={setHolon} />
        </label>
        <label className="field">
          SLI
          <select value={sli} onChange={(e) => setSli(e.target.value as SloSpec["sli"])}>
            <option value="availability">availability</option>
            <option value="latency">latency</option>
          </select>
        </label>
        <label className="field">
          Objective (0–1)
          <input type="number" min={0} max={1} step="any" value={objective} onChange={(e) => setObjective(e.target.value)} required />
        </label>
        {sli === "latency" && (
          <label className="field">
            Threshold (time)
            <input type="number" min={0} step="any" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
          </label>
        )}
        <label className="field">
          Window (time)
          <input type="number" min={0} step="any" value={window} onChange={(e) => setWindow(e.target.value)} required />
        </label>
      </div>
      <FormButtons onCancel={onCancel} disabled={!name || !holarchy || !holon} label="Save SLO" />
    </form>
  );
}
