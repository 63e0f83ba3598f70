import { useState } from "react";
import { useRuns, useStudies } from "../../api/queries";
import { useDecide, type Review, type Verdict } from "../../api/reviews";
import { ErrorMessage } from "../common/ErrorMessage";

const SHOWN = 20;

/** A reviewer's decision: approve or request changes, with the runs and level studies of the model it rests on. */
export function DecisionForm({ review }: { review: Review }) {
  const runs = useRuns({ model: review.model });
  const studies = useStudies({ model: review.model });
  const decide = useDecide();
  const [comment, setComment] = useState("");
  const [cited, setCited] = useState<{ runs: string[]; studies: string[] }>({ runs: [], studies: [] });
  const toggle = (kind: "runs" | "studies", id: string, on: boolean) =>
    setCited((c) => ({ ...c, [kind]: on ? [...c[kind], id] : c[kind].filter((x) => x !== id) }));
  const send = (verdict: Verdict) =>
    decide.mutate({ review: review.id, verdict, comment, ...cited }, { onSuccess: () => setComment("") });
  return (
    <section className="panel" aria-label="Your decision">
      <div className="panel-header">
        <h2>Your decision</h2>
      </div>
      <div className="panel-body stack" style={{ gap: 10 }}>
        <label className="field">
          Why
          <textarea aria-label="Decision comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
        <div className="row" style={{ gap: 24, alignItems: "flex-start" }}>
          <fieldset style={{ border: 0, padding: 0 }}>
            <legend className="small muted">Cite runs</legend>
            {(runs.data ?? []).slice(0, SHOWN).map((r) => (
              <label key={r.id} className="row small" style={{ gap: 4 }}>
                <input type="checkbox" checked={cited.runs.includes(r.id)} onChange={(e) => toggle("runs", r.id, e.target.checked)} />
                <span className="mono">{r.id.slice(0, 8)}</span> {r.scenario || "no faults"} · seed {r.seed} · {r.status}
              </label>
            ))}
            {runs.data?.length === 0 && <span className="small muted">no runs</span>}
          </fieldset>
          <fieldset style={{ border: 0, padding: 0 }}>
            <legend className="small muted">Cite level studies</legend>
            {(studies.data ?? []).slice(0, SHOWN).map((s) => (
              <label key={s.id} className="row small" style={{ gap: 4 }}>
                <input type="checkbox" checked={cited.studies.includes(s.id)} onChange={(e) => toggle("studies", s.id, e.target.checked)} />
                <span className="mono">{s.id.slice(0, 8)}</span> {s.holarchy} · {s.status}
              </label>
            ))}
            {studies.data?.length === 0 && <span className="small muted">no level studies</span>}
          </fieldset>
        </div>
        <ErrorMessage error={decide.error} />
        <div className="row" style={{ gap: 8 }}>
          <button type="button" className="primary" disabled={decide.isPending} onClick={() => send("approve")}>
            Approve
          </button>
          <button type="button" disabled={decide.isPending} onClick={() => send("request_changes")}>
            Request changes
          </button>
        </div>
      </div>
    </section>
  );
}
