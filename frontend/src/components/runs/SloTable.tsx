import type { SloResult } from "../../api/types-extra";
import { formatPercent } from "../../lib/chart";
import { TableHead } from "../common/TableHead";
import { sloHolon, sloSli, sloVerdict } from "../../lib/slo";
import { ProgressBar } from "./RunStatusBadge";

/** Each SLO's verdict: achieved SLI against the objective, and how much of the error budget the run used. */
export function SloTable({ slos, selected, onSelect }: { slos: SloResult[]; selected?: string; onSelect: (name: string) => void }) {
  return (
    <table className="data" data-testid="slo-verdicts">
      <TableHead columns={["SLO", "Holon", "SLI", "Objective", "Achieved", "Requests (bad)", { label: "Budget used", style: { width: 160 } }, "Verdict"]} />
      <tbody>
        {slos.map((s) => {
          const verdict = sloVerdict(s);
          return (
            <tr key={s.name} className={`clickable${selected === s.name ? " selected" : ""}`} onClick={() => onSelect(s.name)}>
              <td>
                <strong>{s.name}</strong>
              </td>
              <td>{sloHolon(s)}</td>
              <td>{sloSli(s)}</td>
              <td>{formatPercent(s.objective, 3)}</td>
              <td>{formatPercent(s.sli_value, 3)}</td>
              <td>
                {s.requests ?? 0} ({s.bad ?? 0})
                {s.too_few_requests ? <div className="small warn-text">too few requests to judge</div> : null}
              </td>
              <td>
                <div className="row" style={{ gap: 6, flexWrap: "nowrap" }}>
                  <div className="grow">
                    <ProgressBar value={s.budget_consumed ?? 0} tone={(s.budget_consumed ?? 0) > 1 ? "bad" : "ok"} />
                  </div>
                  <span className="small nowrap">{formatPercent(s.budget_consumed ?? 0, 1)}</span>
                </div>
              </td>
              <td>
                <span className={`badge ${verdict === "met" ? "ok" : verdict === "missed" ? "bad" : "warn"}`}>{verdict}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
