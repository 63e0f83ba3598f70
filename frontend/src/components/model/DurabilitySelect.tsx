/** Whether a component's state survives a crash. */
export function DurabilitySelect({ value, onChange }: { value: "volatile" | "durable"; onChange: (v: "volatile" | "durable") => void }) {
  return (
    <label className="field">
      State
      <select name="state" value={value} onChange={(e) => onChange(e.target.value as "volatile" | "durable")}>
        <option value="volatile">volatile (lost on crash)</option>
        <option value="durable">durable (survives a crash)</option>
      </select>
    </label>
  );
}
