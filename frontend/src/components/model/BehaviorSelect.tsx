import { useBehaviors, useDraftDocument } from "../../api/queries";

/** Every behavior a component can run: the engine's built-ins and the model's own declarative ones. */
export function BehaviorSelect({ model, value, onChange, label = "Behavior" }: { model: number; value: string; onChange: (name: string) => void; label?: string }) {
  const builtins = useBehaviors();
  const declared = Object.keys(useDraftDocument(model).data?.behaviors ?? {});
  return (
    <select name="behavior" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} required>
      <option value="">Choose…</option>
      <optgroup label="Built-in">
        {builtins.data?.map((b) => (
          <option key={b.name} value={b.name}>
            {b.name}
          </option>
        ))}
      </optgroup>
      {declared.length > 0 && (
        <optgroup label="This model's (declarative)">
          {declared.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
