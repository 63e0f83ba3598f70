import { parseParams, type ParamInfo } from "../../lib/structure";
import { MultiPicker, Picker, type Choice } from "../common/Picker";

/**
 * A component's parameters: one field per parameter the behavior declares
 * (numbers, switches, components from a searchable picker, which also takes one
 * not made yet) beside the raw JSON,
 * which stays the truth and the escape hatch for anything the form cannot say.
 */
export function ParamsEditor({ declared, text, onText, componentIds }: {
  declared: ParamInfo[];
  text: string;
  onText: (text: string) => void;
  componentIds: string[];
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
  const components = componentIds.map((id) => ({ value: id, label: id }));
  return (
    <div className="row" style={{ alignItems: "flex-start" }}>
      {declared.length > 0 && (
        <fieldset className="params-form" disabled={!values} aria-label="Behavior parameters">
          <legend className="small muted">Parameters</legend>
          {declared.map((p) => (
            <ParamField key={p.name} param={p} value={values?.[p.name]} onChange={(v) => set(p.name, v)} components={components} />
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

function ParamField({ param, value, onChange, components }: { param: ParamInfo; value: unknown; onChange: (v: unknown) => void; components: Choice[] }) {
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
  if (param.references && param.type === "components")
    return (
      <label className="field">
        {label}
        <MultiPicker label={param.name} choices={components} values={Array.isArray(value) ? value.map(String) : []} onChange={onChange} allowNew />
      </label>
    );
  if (param.references)
    return (
      <label className="field">
        {label}
        <Picker label={param.name} choices={components} value={typeof value === "string" ? value : ""} onChange={onChange} placeholder={placeholder ?? "Search…"} allowNew />
      </label>
    );
  if (param.type === "any")
    // A declarative behavior's parameter: any JSON value (a number typed stays a number), else the text as is.
    return <TextParamInput param={param} label={label} value={value} onText={(text) => onChange(text === "" ? undefined : jsonOrText(text))} />;
  return (
    <TextParamInput
      param={param}
      label={label}
      value={value}
      placeholder={placeholder}
      onText={(text) => onChange(text === "" && !param.required ? undefined : text)}
    />
  );
}

/** A parameter typed as text; a value that is not a string shows as its JSON. */
function TextParamInput({ param, label, value, placeholder, onText }: {
  param: ParamInfo;
  label: React.ReactNode;
  value: unknown;
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
