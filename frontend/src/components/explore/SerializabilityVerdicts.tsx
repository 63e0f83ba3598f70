import { useState } from "react";
import type { HolarchySpec } from "../../api/modelDocument";
import type { Counterexample, ExplorationSummary, SerializabilityVerdict } from "../../api/types-extra";
import { formatValue } from "../viewer/ValueList";
import { PathViewer } from "./PathViewer";
import { TableHead } from "../common/TableHead";

/**
 * Serializability of the model's transactions: each outcome the exploration
 * reached, the serial orders that give it (every order of the transactions
 * was tried), and for an outcome no serial order gives, the interleaving that
 * reaches it, step by step in the viewer.
 */
export function SerializabilityVerdicts({ summary, holarchies }: { summary: ExplorationSummary; holarchies?: HolarchySpec[] }) {
  const races: (SerializabilityVerdict & { trace?: Counterexample })[] = summary.races ?? summary.serializability ?? [];
  const [open, setOpen] = useState<number | undefined>(() => {
    const first = races.findIndex((r) => r.serializable === false);
    return first >= 0 ? first : undefined;
  });
  const [step, setStep] = useState(0);
  if (races.length === 0) return null;
  const orders = [...new Set(races.flatMap((r) => r.serial_orders.map((o) => o.join(" → "))))];
  const chosen = open !== undefined ? races[open] : undefined;
  const trace = chosen?.trace;
  return (
    <div className="stack" data-testid="serializability">
      <p className="small muted" style={{ margin: 0 }}>
        Serial orders tried: {orders.length ? orders.map((o) => <code key={o} style={{ marginRight: 6 }}>{o}</code>) : "none finished"}. An outcome that
        none of them gives is a race: some interleaving of the transactions breaks them all.
      </p>
      <table className="data">
        <TableHead columns={["Outcome", "Verdict", "Serial orders giving it", "Terminal states", "Interleaving"]} />
        <tbody>
          {races.map((r, i) => (
            <tr key={i} className={open === i ? "selected" : ""} data-serializable={String(r.serializable)}>
              <td className="mono">{formatValue(r.outcome)}</td>
              <td>
                <span className={`badge ${r.serializable ? "ok" : r.serializable === false ? "bad" : "warn"}`}>
                  {r.serializable ? "serializable" : r.serializable === false ? "not serializable" : "unknown (search cut)"}
                </span>
              </td>
              <td>{r.serial_orders.length ? r.serial_orders.map((o) => o.join(" → ")).join(", ") : "none"}</td>
              <td>{r.terminal_states}</td>
              <td>
                {r.trace ? (
                  <button className="small" onClick={() => (setOpen(i), setStep(0))}>
                    {r.trace_length} steps
                  </button>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {trace && (
        <>
          <h3 style={{ margin: 0 }}>The interleaving that reaches {formatValue(chosen!.outcome)}</h3>
          <PathViewer trace={trace} step={step} onStep={setStep} holarchies={holarchies} testId="race-interleaving" />
        </>
      )}
    </div>
  );
}
