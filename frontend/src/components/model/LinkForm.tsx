import { useState, type FormEvent } from "react";
import type { Link } from "../../api/client";
import type { DelaySpec } from "../../api/modelDocument";
import { useComponents, useStructureEdits, useUpdateLink } from "../../api/queries";
import { DEFAULT_DELAY, buildDelay, type DelayFields, type DelayKind } from "../../lib/structure";
import { ErrorMessage } from "../common/ErrorMessage";
import { Picker } from "../common/Picker";

/** The form's delay fields for a link's delay (the defaults where it has none). */
function delayFields(delay: DelaySpec | null | undefined): DelayFields {
  if (!delay) return DEFAULT_DELAY;
  const text = (v: number | null | undefined, fallback: string) => (v === undefined || v === null ? fallback : String(v));
  return {
    dist: delay.dist,
    value: text(delay.value, DEFAULT_DELAY.value),
    low: text(delay.low, DEFAULT_DELAY.low),
    high: text(delay.high, DEFAULT_DELAY.high),
    mean: text(delay.mean, DEFAULT_DELAY.mean),
    bound: text(delay.bound, ""),
  };
}

/**
 * A link between two components with every delivery setting: direction,
 * loss, duplication, reorder and the delay distribution. Without `link` it
 * adds one; with it, it changes that one.
 */
export function LinkForm({ model, link, onDone }: { model: number; link?: Link; onDone: () => void }) {
  const components = useComponents(model);
  const { addLink } = useStructureEdits(model);
  const updateLink = useUpdateLink(model);
  const save = link ? updateLink : addLink;
  const [source, setSource] = useState<number | "">(link?.source ?? "");
  const [target, setTarget] = useState<number | "">(link?.target ?? "");
  const [bidirectional, setBidirectional] = useState(link?.bidirectional ?? false);
  const [loss, setLoss] = useState(String(link?.loss ?? 0));
  const [duplication, setDuplication] = useState(String(link?.duplication ?? 0));
  const [reorder, setReorder] = useState(link?.reorder ?? false);
  const [delay, setDelay] = useState<DelayFields>(delayFields(link?.delay as DelaySpec | null | undefined));
  const choices = (components.data ?? []).map((c) => ({ value: String(c.id), label: c.key }));
  const built = buildDelay(delay);
  const setD = (field: keyof DelayFields) => (e: { target: { value: string } }) => setDelay({ ...delay, [field]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (source === "" || target === "" || !("delay" in built)) return;
    const body = {
      model,
      source,
      target,
      bidirectional,
      loss: Number(loss) || 0,
      duplication: Number(duplication) || 0,
      reorder,
    };
    if (link) updateLink.mutate({ id: link.id, ...body, delay: built.delay }, { onSuccess: onDone });
    else addLink.mutate({ ...body, ...(built.delay ? { delay: built.delay } : {}) }, { onSuccess: onDone });
  };
  const num = (name: string, value: string, set: (v: string) => void, props: object = {}) => (
    <input name={name} type="number" step="any" min={0} value={value} onChange={(e) => set(e.target.value)} style={{ width: 90 }} {...props} />
  );
  return (
    <form className="panel-body stack edit-form" style={{ gap: 12 }} onSubmit={submit} aria-label={link ? `Edit link ${link.source_key}→${link.target_key}` : "New link"}>
      <div className="row" style={{ alignItems: "flex-end" }}>
        {(
          [
            ["From", "source", source, setSource],
            ["To", "target", target, setTarget],
          ] as const
        ).map(([label, name, value, set]) => (
          <label key={name} className="field">
            {label}
            <Picker name={name} label={label} choices={choices} value={String(value)} onChange={(v) => set(Number(v))} required />
          </label>
        ))}
        <button type="button" className="small" style={{ marginBottom: 4 }} onClick={() => (setSource(target), setTarget(source))}>
          ⇄ Reverse direction
        </button>
        <label className="row small" style={{ gap: 6, paddingBottom: 8 }}>
          <input type="checkbox" checked={bidirectional} onChange={(e) => setBidirectional(e.target.checked)} /> both ways
        </label>
      </div>
      <div className="row" style={{ alignItems: "flex-end" }}>
        <label className="field">
          Loss (0–1)
          {num("loss", loss, setLoss, { max: 1, step: 0.01 })}
        </label>
        <label className="field">
          Duplication (0–1)
          {num("duplication", duplication, setDuplication, { max: 1, step: 0.01 })}
        </label>
        <label className="row small" style={{ gap: 6, paddingBottom: 8 }}>
          <input type="checkbox" checked={reorder} onChange={(e) => setReorder(e.target.checked)} /> may reorder (not FIFO)
        </label>
        <label className="field">
          Delay
          <select name="dist" value={delay.dist} onChange={(e) => setDelay({ ...delay, dist: e.target.value as DelayKind })}>
            <option value="default">default (fixed 1)</option>
            <option value="fixed">fixed</option>
            <option value="uniform">uniform</option>
            <option value="exponential">exponential</option>
          </select>
        </label>
        {delay.dist === "fixed" && (
          <label className="field">
            Value
            {num("delay-value", delay.value, (v) => setD("value")({ target: { value: v } }))}
          </label>
        )}
        {delay.dist === "uniform" && (
          <>
            <label className="field">
              Low
              {num("delay-low", delay.low, (v) => setD("low")({ target: { value: v } }))}
            </label>
            <label className="field">
              High
              {num("delay-high", delay.high, (v) => setD("high")({ target: { value: v } }))}
            </label>
          </>
        )}
        {delay.dist === "exponential" && (
          <label className="field">
            Mean
            {num("delay-mean", delay.mean, (v) => setD("mean")({ target: { value: v } }))}
          </label>
        )}
        {delay.dist !== "default" && (
          <label className="field">
            Bound
            {num("delay-bound", delay.bound, (v) => setD("bound")({ target: { value: v } }), { placeholder: "none" })}
          </label>
        )}
      </div>
      {"error" in built && <div className="small" style={{ color: "var(--bad)" }}>{built.error}</div>}
      <div className="row">
        <button className="primary" type="submit" disabled={source === "" || target === "" || !("delay" in built) || save.isPending}>
          {save.isPending ? "Saving…" : link ? "Save link" : "Add link"}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
    </form>
  );
}
