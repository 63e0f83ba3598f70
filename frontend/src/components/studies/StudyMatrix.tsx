import { Link } from "react-router-dom";
import type { StudyRun } from "../../api/client";
import type { StudyFailure, StudySummary } from "../../api/types-extra";
import { formatPercent } from "../../lib/chart";
import { OUTCOME_LABEL, runFor, studyMatrix } from "../../lib/study";
import { TableHead } from "../common/TableHead";

/**
 * Levels x holons: each cell one single-holon failure, colored by its outcome. A click selects it (its blast
 * radius shows on the holarchies); its arrow opens its run (seed 0) in the run viewer.
 */
export function StudyMatrix({
  summary,
  runs,
  model,
  selected,
  onSelect,
}: {
  summary: StudySummary;
  runs: StudyRun[];
  model: number;
  selected: StudyFailure | undefined;
  onSelect: (failure: StudyFailure) => void;
}) {
  return (
    <table className="data study-matrix" data-testid="study-matrix">
      <TableHead columns={["Level", "Survival", "Failures (one holon each)"]} />
      <tbody>
        {studyMatrix(summary).map((row) => (
          <tr key={row.level} data-level={row.level} className={row.level === summary.lowest_unsurvived_level ? "study-lowest" : undefined}>
            <th scope="row">{row.level}</th>
            <td className="nowrap" data-testid={`survival-${row.level}`}>
              {formatPercent(row.survival, 0)}
            </td>
            <td>
              <div className="study-cells">
                {row.cells.map((f) => {
                  const run = runFor(runs, f.scenario);
                  return (
                    <span key={f.holon} className={`study-cell ${f.outcome}${selected === f ? " selected" : ""}`}>
                      <button type="button" data-testid={`cell-${f.level}-${f.holon}`} aria-pressed={selected === f} title={OUTCOME_LABEL[f.outcome]} onClick={() => onSelect(f)}>
                        {f.holon}
                      </button>
                      {run && (
                        <Link to={`/models/${model}/runs/${run}`} aria-label={`open the run of ${f.holon}`} title="open its run (seed 0)">
                          ↗
                        </Link>
                      )}
                    </span>
                  );
                })}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the matrix colors mean. */
export function OutcomeLegend() {
  return (
    <span className="row small" style={{ gap: 10 }}>
      {(["survived", "slo_broken", "property_violated", "unknown"] as const).map((o) => (
        <span key={o} className={`study-cell ${o}`} style={{ padding: "1px 6px" }}>
          {OUTCOME_LABEL[o]}
        </span>
      ))}
    </span>
  );
}
