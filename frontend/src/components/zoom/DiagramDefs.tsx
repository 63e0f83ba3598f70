/** Arrowheads shared by the SVG diagrams. */
export function DiagramDefs() {
  return (
    <defs>
      {[
        ["arrow", "#64748b"],
        ["arrow-lossy", "#d97706"],
        ["arrow-accent", "#4f46e5"],
        ["arrow-bad", "#dc2626"],
      ].map(([id, color]) => (
        <marker key={id} id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={color} />
        </marker>
      ))}
    </defs>
  );
}

/** A text label on a white pill so it stays readable over lines. */
export function EdgeLabel({ x, y, text, color = "#475569" }: { x: number; y: number; text: string; color?: string }) {
  if (!text) return null;
  const w = text.length * 6.3 + 10;
  return (
    <g>
      <rect x={x - w / 2} y={y - 9} width={w} height={18} rx={9} fill="#fff" stroke="#e2e8f0" />
      <text x={x} y={y + 4} textAnchor="middle" fontSize={11} fill={color}>
        {text}
      </text>
    </g>
  );
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
