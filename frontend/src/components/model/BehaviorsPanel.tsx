import { useState, type FormEvent } from "react";
import { useSectionsEdit } from "../../api/draftEdits";
import { useDraftDocument } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { ExpressionField } from "./ExpressionField";
import { FormButtons, NameField, SectionItems } from "./SectionItems";

interface Handler {
  on: string | { message?: string; timer?: string };
  guard?: string | null;
  actions?: unknown[];
}

interface Behavior {
  name: string;
  variables: Record<string, unknown>;
  handlers: Handler[];
}

/** The model's own declarative behaviors: variables, and handlers with their trigger, guard and actions. */
export function BehaviorsPanel({ model, canWrite }: { model: number; canWrite: boolean }) {
  const document = useDraftDocument(model);
  const save = useSectionsEdit(model);
  if (document.isPending) return <Loading />;
  if (document.isError) return <ErrorMessage error={document.error} />;
  const behaviors: Behavior[] = Object.entries(document.data.behaviors ?? {}).map(([name, b]) => {
    const spec = b as { variables?: Record<string, unknown>; handlers?: Handler[] };
    return { name, variables: spec.variables ?? {}, handlers: spec.handlers ?? [] };
  });
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Declarative behaviors</h2>
        <span className="muted small">state machines written in the model: a component runs one by naming it as its behavior</span>
      </div>
      {save.isError && (
        <div className="panel-body">
          <ErrorMessage error={save.error} />
        </div>
      )}
      <SectionItems<Behavior>
        items={behaviors}
        canWrite={canWrite}
        noun="behavior"
        empty="No declarative behavior: the components use built-in ones."
        summary={(b) => (
          <div>
            <strong className="mono">{b.name}</strong>
            <div className="small mono">variables {JSON.stringify(b.variables)}</div>
            <ul className="small" style={{ margin: "4px 0 0", paddingLeft: 18 }}>
              {b.handlers.map((h, i) => (
                <li key={i}>
                  on <code>{describeTrigger(h.on)}</code>
                  {h.guard ? (
                    <>
                      {" "}
                      if <code>{h.guard}</code>
                    </>
                  ) : null}
                  : {(h.actions ?? []).length} actions
                </li>
              ))}
            </ul>
          </div>
        )}
        form={(props) => <BehaviorForm model={model} {...props} />}
        onSave={(items, done) =>
          save.mutate(
            { behaviors: Object.fromEntries(items.map((b) => [b.name, { variables: b.variables, handlers: b.handlers }])) },
            { onSuccess: done },
          )
        }
      />
    </div>
  );
}

function describeTrigger(on: Handler["on"]): string {
  if (typeof on === "string") return on;
  return on.message !== undefined ? `message ${on.message}` : `timer ${on.timer}`;
}

interface HandlerDraft {
  trigger: "start" | "message" | "timer";
  name: string;
  guard: string;
  actions: string;
}

const toDraft = (h: Handler): HandlerDraft => ({
  trigger: typeof h.on === "string" ? "start" : h.on.message !== undefined ? "message" : "timer",
  name: typeof h.on === "string" ? "" : (h.on.message ?? h.on.timer ?? ""),
  guard: h.guard ?? "",
  actions: JSON.stringify(h.actions ?? [], null, 2),
});

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function BehaviorForm({ item, onSubmit, onCancel, model }: { model: number; item?: Behavior; onSubmit: (b: Behavior) => void; onCancel: () => void }) {
  const [name, setName] = useState(item?.name ?? "");
  const [variables, setVariables] = useState(JSON.stringify(item?.variables ?? {}, null, 2));
  const [handlers, setHandlers] = useState<HandlerDraft[]>((item?.handlers ?? [{ on: "start", actions: [] }]).map(toDraft));
  const parsedVariables = parseJson(variables);
  const parsedActions = handlers.map((h) => parseJson(h.actions));
  const variableNames = "value" in parsedVariables && parsedVariables.value && typeof parsedVariables.value === "object" ? Object.keys(parsedVariables.value) : [];
  const valid = "value" in parsedVariables && parsedActions.every((a) => "value" in a && Array.isArray(a.value));
  const change = (i: number, changes: Partial<HandlerDraft>) => setHandlers(handlers.map((h, j) => (j === i ? { ...h, ...changes } : h)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    onSubmit({
      name,
      variables: (parsedVariables as { value: Record<string, unknown> }).value,
      handlers: handlers.map((h, i) => ({
        on: h.trigger === "start" ? "start" : { [h.trigger]: h.name },
        guard: h.guard.trim() || null,
        actions: (parsedActions[i] as { value: unknown[] }).value,
      })),
    });
  };
  return (
    <form className="stack edit-form item-card" style={{ gap: 10 }} onSubmit={submit} aria-label="Declarative behavior">
      <div className="row" style={{ alignItems: "flex-start" }}>
        <NameField value={name} onChange={setName} placeholder="counter" />
        <label className="field grow">
          Variables (JSON: initial local state)
          <textarea className="mono" rows={3} value={variables} onChange={(e) => setVariables(e.target.value)} spellCheck={false} />
          {"error" in parsedVariables && <span className="inline-error">{parsedVariables.error}</span>}
        </label>
      </div>
      {handlers.map((h, i) => (
        <fieldset key={i} className="item-card" aria-label={`Handler ${i + 1}`}>
          <legend className="small">Handler {i + 1}</legend>
          <div className="row" style={{ alignItems: "flex-end" }}>
            <label className="field">
              On
              <select value={h.trigger} onChange={(e) => change(i, { trigger: e.target.value as HandlerDraft["trigger"] })}>
                <option value="start">start</option>
                <option value="message">a message of type</option>
                <option value="timer">a timer named</option>
              </select>
            </label>
            {h.trigger !== "start" && (
              <label className="field">
                {h.trigger === "message" ? "Message type" : "Timer name"}
                <input value={h.name} onChange={(e) => change(i, { name: e.target.value })} required />
              </label>
            )}
            <button type="button" className="small danger" onClick={() => setHandlers(handlers.filter((_, j) => j !== i))}>
              Remove handler
            </button>
          </div>
          <ExpressionField model={model} label="Guard (optional)" value={h.guard} onChange={(guard) => change(i, { guard })} context="handler" variables={variableNames} />
          <label className="field">
            Actions (JSON list: assign, send, reply, set_timer, cancel_timer, log, observe)
            <textarea className="mono" rows={4} value={h.actions} onChange={(e) => change(i, { actions: e.target.value })} spellCheck={false} />
            {"error" in parsedActions[i] && <span className="inline-error">{(parsedActions[i] as { error: string }).error}</span>}
          </label>
        </fieldset>
      ))}
      <div>
        <button type="button" className="small" onClick={() => setHandlers([...handlers, { trigger: "message", name: "", guard: "", actions: "[]" }])}>
          + Add handler
        </button>
      </div>
      <FormButtons onCancel={onCancel} disabled={!name || !valid} label="Save behavior" />
    </form>
  );
}
