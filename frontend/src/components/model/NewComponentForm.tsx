import { useState, type FormEvent } from "react";
import type { Holarchy } from "../../api/client";
import { useBehaviors, useStructureEdits } from "../../api/queries";
import { paramsTemplate, parseParams, type ParamInfo } from "../../lib/structure";
import { ErrorMessage } from "../common/ErrorMessage";
import { HolonPicker } from "./HolonPicker";

/** Add a component: an id, a built-in behavior with its params as JSON, durable or volatile, and a holon in each holarchy. */
export function NewComponentForm({ model, holarchies, onDone }: { model: number; holarchies: Holarchy[]; onDone: () => void }) {
  const behaviors = useBehaviors();
  const { addComponent } = useStructureEdits(model);
  const [key, setKey] = useState("");
  const [behavior, setBehavior] = useState("");
  const [params, setParams] = useState("{}");
  const [state, setState] = useState<"volatile" | "durable">("volatile");
  const [holons, setHolons] = useState<Record<number, number>>({});
  const info = behaviors.data?.find((b) => b.name === behavior);
  const declared = (info?.params ?? []) as unknown as ParamInfo[];
  const parsed = parseParams(params);
  const chooseBehavior = (name: string) => {
    setBehavior(name);
    const next = (behaviors.data?.find((b) => b.name === name)?.params ?? []) as unknown as ParamInfo[];
    setParams(paramsTemplate(next));
  };
  // Each holarchy must place the new component; its root is where a new one starts unless the user picks.
  const placement = (h: Holarchy) => holons[h.id] ?? h.root ?? undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!("params" in parsed)) return;
    const chosen = holarchies.map(placement).filter((id): id is number => typeof id === "number");
    addComponent.mutate({ model, key, behavior, params: parsed.params, state, holons: chosen }, { onSuccess: onDone });
  };
  return (
    <form className="panel-body stack edit-form" style={{ gap: 12 }} onSubmit={submit} aria-label="New component">
      <div className="row" style={{ alignItems: "flex-start" }}>
        <label className="field">
          Id
          <input name="key" value={key} onChange={(e) => setKey(e.target.value)} placeholder="cache" autoFocus required />
        </label>
        <label className="field">
          Behavior
          <select name="behavior" value={behavior} onChange={(e) => chooseBehavior(e.target.value)} required>
            <option value="">Choose…</option>
            {behaviors.data?.map((b) => (
              <option key={b.name} value={b.name}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          State
          <select name="state" value={state} onChange={(e) => setState(e.target.value as "volatile" | "durable")}>
            <option value="volatile">volatile (lost on crash)</option>
            <option value="durable">durable (survives a crash)</option>
          </select>
        </label>
        {holarchies.map((h) => (
          <label key={h.id} className="field">
            Place in {h.name}
            <HolonPicker model={model} holarchy={h} label={`Place in ${h.name}`} value={placement(h)} onChange={(id) => setHolons({ ...holons, [h.id]: id })} />
          </label>
        ))}
      </div>
      {info && <div className="small muted">{info.description}</div>}
      <div className="row" style={{ alignItems: "flex-start" }}>
        <label className="field grow">
          Parameters (JSON)
          <textarea name="params" rows={Math.min(8, Math.max(3, params.split("\n").length))} value={params} onChange={(e) => setParams(e.target.value)} spellCheck={false} />
          {"error" in parsed && <span style={{ color: "var(--bad)" }}>{parsed.error}</span>}
        </label>
        {declared.length > 0 && (
          <table className="data param-help" aria-label="Behavior parameters">
            <thead>
              <tr>
                <th>Parameter</th>
                <th>Type</th>
                <th>Default</th>
                <th>Meaning</th>
              </tr>
            </thead>
            <tbody>
              {declared.map((p) => (
                <tr key={p.name}>
                  <td className="mono">
                    {p.name}
                    {p.required && <span style={{ color: "var(--bad)" }}>*</span>}
                  </td>
                  <td className="small">{p.type}</td>
                  <td className="mono small">{p.default === null || p.default === undefined ? "—" : JSON.stringify(p.default)}</td>
                  <td className="small muted">{p.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="row">
        <button className="primary" type="submit" disabled={!key || !behavior || !("params" in parsed) || addComponent.isPending}>
          {addComponent.isPending ? "Adding…" : "Add component"}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {addComponent.isError && <ErrorMessage error={addComponent.error} />}
    </form>
  );
}
