/** Shared pieces of the small SVG charts: horizontal grid lines with y ticks, x tick labels, axis titles. */

interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function YGrid({ values, y, m, width, format }: { values: number[]; y: (v: number) => number; m: Margins; width: number; format: (v: number) => string }) {
  return (
    <>
      {values.map((t) => (
        <g key={`y${t}`}>
          <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} stroke="#eef0f4" />
          <text x={m.left - 6} y={y(t) + 4} textAnchor="end" fontSize={10.5} fill="#64748b">
            {format(t)}
          </text>
        </g>
      ))}
    </>
  );
}

export function XTicks({ values, x, m, height, format }: { values: number[]; x: (v: number) => number; m: Margins; height: number; format: (v: number) => string }) {
  return (
    <>
      {values.map((t) => (
        <text key={`x${t}`} x={x(t)} y={height - m.bottom + 15} textAnchor="middle" fontSize={10.5} fill="#64748b">
          {format(t)}
        </text>
      ))}
    </>
  );
}

export function AxisTitles({ xLabel, yLabel, m, width, height }: { xLabel?: string; yLabel?: string; m: Margins; width: number; height: number }) {
  return (
    <>
      {xLabel && (
        <text x={(m.left + width - m.right) / 2} y={height - 4} textAnchor="middle" fontSize={11} fill="#475569">
          {xLabel}
        </text>
      )}
      {yLabel && (
        <text transform={`translate(12 ${(m.top + height - m.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={11} fill="#475569">
          {yLabel}
        </text>
      )}
    </>
  );
}
