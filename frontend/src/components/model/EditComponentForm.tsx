import { useState, type FormEvent } from "react";
import type { Component } from "../../api/client";
import { useComponentEdit } from "../../api/draftEdits";
import { useBehaviors, useComponents } from "../../api/queries";
import { parseParams, type ParamInfo } from "../../lib/structure";
import { ErrorMessage } from "../common/ErrorMessage";
import { BehaviorSelect } from "./BehaviorSelect";
import { DurabilitySelect } from "./DurabilitySelect";
import { ParamsEditor } from "./ParamsEditor";

/** Change a component in place: its id, behavior, durability and parameters. */
export function EditComponentForm({ model, component, onDone }: { model: number; component: Component; onDone: () => void }) {
  const behaviors = useBehaviors(model);
  const componentIds = (useComponents(model).data ?? []).map((c) => c.key);
  const edit = useComponentEdit(model);
  const [key, setKey] = useState(component.key);
  const [behavior, setBehavior] = useState(component.behavior);
  const [state, setState] = useState(component.state ?? "volatile");
  const [params, setParams] = useState(JSON.stringify(component.params ?? {}, null, 2));
  const declared = (behaviors.data?.find((b) => b.name === behavior)?.params ?? []) as unknown as ParamInfo[];
  const parsed = parseParams(params);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!("params" in parsed)) return;
    edit.mutate({ id: component.id, key, behavior, state, params: parsed.params }, { onSuccess: onDone });
  };
  return (
    <form className="panel-body stack edit-form" style={{ gap: 12 }} onSubmit={submit} aria-label={`Edit component ${component.key}`}>
      <div className="row" style={{ alignItems: "flex-end" }}>
        <label className="field">
          Id
          <input name="key" value={key} onChange={(e) => setKey(e.target.value)} required />
        </label>
        <label className="field">
          Behavior
          <BehaviorSelect model={model} value={behavior} onChange={setBehavior} />
        </label>
        <DurabilitySelect value={state} onChange={setState} />
      </div>
      <ParamsEditor declared={declared} text={params} onText={setParams} componentIds={componentIds} />
      <div className="row">
        <button className="primary" type="submit" disabled={!key || !behavior || !("params" in parsed) || edit.isPending}>
          {edit.isPending ? "Saving…" : "Save component"}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {edit.isError && <ErrorMessage error={edit.error} />}
    </form>
  );
}
