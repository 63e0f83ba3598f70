import type { PropertyResult } from "../../api/types-extra";

/** Properties that failed in this run, each with its first violation's step (click to see it in the trace) and
 * how many times it broke over the run. */
export function ViolationsList({ violations, properties, onShowStep }: { violations: PropertyResult[]; properties: PropertyResult[]; onShowStep: (step: number) => void }) {
  return (
    <div className="stack" style={{ gap: 10 }}>
      {violations.length === 0 ? (
        <div className="badge ok" style={{ alignSelf: "flex-start" }}>No property violated</div>
      ) : (
        <table className="data" data-testid="violations">
          <thead>
            <tr>
              <th>Property</th>
              <th>Kind</th>
              <th>First at step</th>
              <th>Times</th>
              <th>Time</th>
              <th>Components</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {violations.map((v, i) => (
              <tr key={`${v.name}-${i}`}>
                <td>
                  <strong style={{ color: "var(--bad)" }}>{v.name}</strong>
                </td>
                <td>{v.kind === "always" ? "safety" : `liveness (${v.kind})`}</td>
                <td>{v.step ?? "—"}</td>
                <td data-testid="violation-count">{v.violations ?? 1}</td>
                <td>{v.time ?? "—"}</td>
                <td className="mono">{v.components?.join(", ") || "—"}</td>
                <td>
                  {v.step !== null && v.step !== undefined && (
                    <button className="small" onClick={() => onShowStep(v.step!)}>
                      Show step {v.step}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {properties.length > 0 && (
        <div className="row small" style={{ gap: 6 }}>
          {properties.map((p) => (
            <span key={p.name} className={`badge ${p.status === "violated" ? "bad" : p.status === "holds" || p.status === "satisfied" ? "ok" : "warn"}`}>
              {p.name}: {p.status === "not_checked" ? `not checked after step ${p.checked_until}` : p.status}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
