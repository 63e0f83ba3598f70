import { useEffect, useState, type FormEvent } from "react";
import type { Holarchy } from "../../api/client";
import { useBehaviors, useComponents, useStructureEdits } from "../../api/queries";
import { paramsTemplate, parseParams, type ParamInfo } from "../../lib/structure";
import { ErrorMessage } from "../common/ErrorMessage";
import { BehaviorSelect } from "./BehaviorSelect";
import { DurabilitySelect } from "./DurabilitySelect";
import { HolonPicker } from "./HolonPicker";
import { ParamsEditor } from "./ParamsEditor";

/** Add a component: an id, a behavior with its params (a form from its catalog, or JSON), durable or volatile, and a holon in each holarchy. */
export function NewComponentForm({ model, holarchies, onDone }: { model: number; holarchies: Holarchy[]; onDone: () => void }) {
  const behaviors = useBehaviors(model);
  const componentIds = (useComponents(model).data ?? []).map((c) => c.key);
  const { addComponent } = useStructureEdits(model);
  const [key, setKey] = useState("");
  const [behavior, setBehavior] = useState("");
  const [params, setParams] = useState("{}");
  const [state, setState] = useState<"volatile" | "durable">("volatile");
  const [holons, setHolons] = useState<Record<number, number>>({});
  const info = behaviors.data?.find((b) => b.name === behavior);
  const declared = (info?.params ?? []) as unknown as ParamInfo[];
  const parsed = parseParams(params);
  const [paramsTyped, setParamsTyped] = useState(false);
  // The params follow the chosen behavior's template until they are typed in: the model's catalog may
  // arrive after the behavior is chosen.
  useEffect(() => {
    if (!paramsTyped) setParams(paramsTemplate((info?.params ?? []) as unknown as ParamInfo[]));
  }, [info, paramsTyped]);
  const chooseBehavior = (name: string) => {
    setBehavior(name);
    setParamsTyped(false);
  };
  const typeParams = (text: string) => {
    setParamsTyped(true);
    setParams(text);
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
          <BehaviorSelect model={model} value={behavior} onChange={chooseBehavior} />
        </label>
        <DurabilitySelect value={state} onChange={setState} />
        {holarchies.map((h) => (
          <label key={h.id} className="field">
            Place in {h.name}
            <HolonPicker model={model} holarchy={h} label={`Place in ${h.name}`} value={placement(h)} onChange={(id) => setHolons({ ...holons, [h.id]: id })} />
          </label>
        ))}
      </div>
      {info && <div className="small muted">{info.description}</div>}
      <ParamsEditor declared={declared} text={params} onText={typeParams} componentIds={componentIds} />
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
