import type { Holarchy } from "../../api/client";
import { useHolons } from "../../api/queries";
import { Picker } from "../common/Picker";

/** A searchable picker of every holon of one holarchy, indented as in the tree. */
export function HolonPicker({ model, holarchy, value, onChange, label, placeholder }: {
  model: number;
  holarchy: Holarchy;
  value: number | undefined;
  onChange: (holon: number) => void;
  label: string;
  placeholder?: string;
}) {
  const holons = useHolons(model, holarchy.id);
  const choices = (holons.data ?? []).map((h) => ({
    value: String(h.id),
    label: h.name && h.name !== h.key ? `${h.key} (${h.name})` : h.key,
    depth: h.depth,
  }));
  return <Picker label={label} choices={choices} value={value === undefined ? "" : String(value)} onChange={(v) => onChange(Number(v))} placeholder={placeholder} disabled={!holons.data} />;
}
