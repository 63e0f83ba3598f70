import { useState } from "react";
import { parseParams, type ParamInfo } from "../../lib/structure";

/**
 * A component's parameters: one field per parameter the behavior declares
 * (numbers, switches, component ids with completion) beside the raw JSON,
 * which stays the truth and the escape hatch for anything the form cannot say.
 */
export function ParamsEditor({ declared, text, onText, componentIds, idPrefix }: {
  declared: ParamInfo[];
  text: string;
  onText: (text: string) => void;
  componentIds: string[];
  idPrefix: string;
}) {
  const parsed = parseParams(text);
  const values = "params" in parsed ? parsed.params : undefined;
  const set = (name: string, value: unknown) => {
    if (!values) return;
    const next = { ...values };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onText(JSON.stringify(next, null, 2));
  };
  const listId = `${idPrefix}-component-ids`;
  return (
    <div className="row" style={{ alignItems: "flex-start" }}>
      {declared.length > 0 && (
        <fieldset className="params-form" disabled={!values} aria-label="Behavior parameters">
          <legend className="small muted">Parameters</legend>
          <datalist id={listId}>
            {componentIds.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
          {declared.map((p) => (
            <ParamField key={p.name} param={p} value={values?.[p.name]} onChange={(v) => set(p.name, v)} listId={listId} />
          ))}
        </fieldset>
      )}
      <label className="field grow">
        Parameters (JSON)
        <textarea name="params" rows={Math.min(10, Math.max(3, text.split("\n").length))} value={text} onChange={(e) => onText(e.target.value)} spellCheck={false} />
        {"error" in parsed && <span style={{ color: "var(--bad)" }}>{parsed.error}</span>}
      </label>
    </div>
  );
}

function ParamField({ param, value, onChange, listId }: { param: ParamInfo; value: unknown; onChange: (v: unknown) => void; listId: string }) {
  const label = (
    <span title={param.description}>
      {param.name}
      {param.required && <span style={{ color: "var(--bad)" }}>*</span>}
      {param.description && <span className="muted"> — {param.description}</span>}
    </span>
  );
  const placeholder = param.default === null || param.default === undefined || param.default === "" ? undefined : JSON.stringify(param.default);
  if (param.type === "boolean")
    return (
      <label className="row small" style={{ gap: 6 }}>
        <input
          type="checkbox"
          aria-label={param.name}
          checked={typeof value === "boolean" ? value : param.default === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
    );
  if (param.type === "integer" || param.type === "number")
    return (
      <label className="field">
        {label}
        <input
          aria-label={param.name}
          type="number"
          step={param.type === "integer" ? 1 : "any"}
          value={typeof value === "number" ? value : ""}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      </label>
    );
  if (param.references && param.type === "components") return <ListField param={param} label={label} value={value} onChange={onChange} listId={listId} />;
  if (param.type === "any")
    // A declarative behavior's parameter: any JSON value (a number typed stays a number), else the text as is.
    return <TextParamInput param={param} label={label} value={value} listId={listId} onText={(text) => onChange(text === "" ? undefined : jsonOrText(text))} />;
  return (
    <TextParamInput
      param={param}
      label={label}
      value={value}
      listId={listId}
      placeholder={placeholder}
      onText={(text) => onChange(text === "" && !param.required ? undefined : text)}
    />
  );
}

/** A parameter typed as text; a value that is not a string shows as its JSON. */
function TextParamInput({ param, label, value, listId, placeholder, onText }: {
  param: ParamInfo;
  label: React.ReactNode;
  value: unknown;
  listId: string;
  placeholder?: string;
  onText: (text: string) => void;
}) {
  return (
    <label className="field">
      {label}
      <input
        aria-label={param.name}
        value={typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value)}
        placeholder={placeholder}
        list={param.references ? listId : undefined}
        onChange={(e) => onText(e.target.value)}
      />
    </label>
  );
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A list of component ids typed as "n2, n3": the text is kept while typing so a trailing comma survives. */
function ListField({ param, label, value, onChange, listId }: {
  param: ParamInfo;
  label: React.ReactNode;
  value: unknown;
  onChange: (v: unknown) => void;
  listId: string;
}) {
  const shown = Array.isArray(value) ? value.join(", ") : "";
  const [typing, setTyping] = useState<string | null>(null);
  return (
    <label className="field">
      {label}
      <input
        aria-label={param.name}
        value={typing ?? shown}
        placeholder="n2, n3"
        list={listId}
        onFocus={() => setTyping(shown)}
        onBlur={() => setTyping(null)}
        onChange={(e) => {
          setTyping(e.target.value);
          onChange(
            e.target.value
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          );
        }}
      />
    </label>
  );
}
