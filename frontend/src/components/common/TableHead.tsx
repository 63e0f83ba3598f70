import type { CSSProperties } from "react";

/** A column heading: its label, with a style when the column needs a width of its own. */
export type Column = string | { label: string; style: CSSProperties };

/** The header row of a `table.data`, one heading per column. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) =>
          typeof c === "string" ? (
            <th key={c}>{c}</th>
          ) : (
            <th key={c.label} style={c.style}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
