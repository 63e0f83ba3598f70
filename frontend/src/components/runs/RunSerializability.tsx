import { Link } from "react-router-dom";
import type { ModelDocument } from "../../api/modelDocument";
import { useExplorations, useStartExploration } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { SerializabilityVerdicts } from "../explore/SerializabilityVerdicts";

interface Props {
  model: number;
  version: number;
  document: ModelDocument;
  canWrite: boolean;
}

/**
 * Serializability of the model's transactions, for the run's version. One
 * run is one interleaving; whether some interleaving breaks every serial
 * order is a question about all of them, so the verdicts come from the
 * version's latest finished exploration (every serial order tried, the
 * interleaving that breaks them replayed in the viewer).
 */
export function RunSerializability({ model, version, document, canWrite }: Props) {
  const rule = document.explore?.serializability;
  const explorations = useExplorations({ version });
  const start = useStartExploration();
  if (!rule) return null;
  const latest = explorations.data?.find((x) => x.status === "succeeded" && x.summary?.serializability);
  const running = explorations.data?.find((x) => x.status === "queued" || x.status === "running");
  return (
    <div className="panel" data-testid="run-serializability">
      <div className="panel-header">
        <h2>Serializability</h2>
        <span className="muted small">
          transactions {rule.transactions.join(", ")} · outcome <code>{rule.outcome}</code>
        </span>
      </div>
      <div className="panel-body stack">
        {latest?.summary ? (
          <>
            <div className="small muted">
              From <Link to={`/models/${model}/explorations/${latest.id}`}>the exploration of this version</Link> ({latest.summary.states.toLocaleString("en")} states,{" "}
              {latest.summary.complete ? "every behavior" : "bounded"}).
            </div>
            <SerializabilityVerdicts summary={latest.summary} holarchies={document.holarchies} />
          </>
        ) : running ? (
          <div className="small muted">The version is being explored: the verdicts appear when it finishes.</div>
        ) : (
          <div className="row small" style={{ gap: 8 }}>
            <span className="muted">No exploration of this version yet: serializability is judged over every interleaving, not one run.</span>
            {canWrite && (
              <button className="small primary" disabled={start.isPending} onClick={() => start.mutate({ version, max_states: 200000, max_depth: null, max_seconds: 60 })}>
                Explore this version
              </button>
            )}
          </div>
        )}
        {start.error && <ErrorMessage error={start.error} />}
      </div>
    </div>
  );
}
