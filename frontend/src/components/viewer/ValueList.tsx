/** A component's local variables as a compact key/value list. */
export function ValueList({ values }: { values: Record<string, unknown> }) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return <div className="muted small">no variables</div>;
  return (
    <dl className="kv">
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: "contents" }}>
          <dt>{k}</dt>
          <dd>{formatValue(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function formatValue(v: unknown): string {
  if (typeof v === "string") return v;
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
