import type { Holarchy } from "../../api/client";
import { useHolons } from "../../api/queries";

/** A select of every holon of one holarchy, indented as in the tree. */
export function HolonPicker({ model, holarchy, value, onChange, label, placeholder }: {
  model: number;
  holarchy: Holarchy;
  value: number | undefined;
  onChange: (holon: number) => void;
  label: string;
  placeholder?: string;
}) {
  const holons = useHolons(model, holarchy.id);
  return (
    <select aria-label={label} value={value ?? ""} onChange={(e) => onChange(Number(e.target.value))} disabled={!holons.data}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {holons.data?.map((h) => (
        <option key={h.id} value={h.id}>
          {"\u00a0\u00a0".repeat(h.depth)}
          {h.name && h.name !== h.key ? `${h.key} (${h.name})` : h.key}
        </option>
      ))}
    </select>
  );
}
