import { useState } from "react";
import { useNavigate } from "react-router-dom";
import type { ComparableKind } from "../../api/client";
import { useComparableJobs, useVersions } from "../../api/queries";
import { candidates, comparePath, KIND_NOUN } from "../../lib/compare";

/** "Compare with…": the model's finished jobs of this kind from other versions; choosing one opens the comparison. */
export function CompareWithPicker({ kind, model, job }: { kind: ComparableKind; model: number; job: { id: string; version: number } }) {
  const jobs = useComparableJobs(kind, model);
  const versions = useVersions(model);
  const navigate = useNavigate();
  const [other, setOther] = useState("");
  const numbers = new Map((versions.data ?? []).map((v) => [v.id, v.number]));
  const list = candidates(jobs.data ?? [], job);
  const noun = KIND_NOUN[kind];
  if (jobs.isSuccess && list.length === 0) {
    return (
      <span className="muted small" data-testid="compare-picker">
        No finished {noun} of another version to compare with.
      </span>
    );
  }
  return (
    <form
      className="row compare-picker"
      data-testid="compare-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (other) navigate(comparePath(model, kind, job.id, other));
      }}
    >
      <select aria-label="Compare with" value={other} onChange={(e) => setOther(e.target.value)} disabled={!jobs.isSuccess}>
        <option value="">Compare with…</option>
        {list.map((j) => (
          <option key={j.id} value={j.id}>
            v{numbers.get(j.version) ?? "?"} · {j.label} · {new Date(j.created_at).toLocaleString()}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!other}>
        Compare
      </button>
    </form>
  );
}
