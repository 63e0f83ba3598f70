import type { SystemModel } from "../../api/client";
import { useDraftDocument } from "../../api/queries";
import { formatPercent } from "../../lib/chart";
import { sloHolon, sloSli } from "../../lib/slo";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";

/** What "correct" and "responsive enough" mean for this model, and the fault plans to test them under. */
export function PropertiesPanel({ model }: { model: SystemModel }) {
  const document = useDraftDocument(model.id);
  if (document.isPending) return <Loading />;
  if (document.isError) return <ErrorMessage error={document.error} />;
  const properties = document.data.properties ?? {};
  const slos = document.data.slos ?? [];
  const scenarios = document.data.scenarios ?? [];
  return (
    <div className="stack">
      <div className="split-2">
        <div className="panel">
          <div className="panel-header">
            <h2>Safety</h2>
            <span className="muted small">nothing bad ever happens — checked in every state</span>
          </div>
          <PropertyList
            items={(properties.safety ?? []).map((p) => ({ name: p.name, expr: p.always, note: "always" }))}
            empty="No safety property."
          />
        </div>
        <div className="panel">
          <div className="panel-header">
            <h2>Liveness</h2>
            <span className="muted small">something good eventually happens</span>
          </div>
          <PropertyList
            items={(properties.liveness ?? []).map((p) => ({
              name: p.name,
              expr: p.eventually ?? p.always_eventually ?? "",
              note: p.eventually
                ? `eventually${p.within ? `, within ${p.within}` : ""}`
                : `always eventually${p.window ? `, every ${p.window}` : ""}`,
            }))}
            empty="No liveness property."
          />
        </div>
      </div>
      <div className="panel">
        <div className="panel-header">
          <h2>SLOs</h2>
          <span className="muted small">objectives on the SLIs of a holon; the error budget is what they tolerate</span>
        </div>
        {slos.length === 0 ? (
          <p className="empty">No SLO.</p>
        ) : (
          <table className="data" data-testid="slo-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Holon</th>
                <th>SLI</th>
                <th>Objective</th>
                <th>Error budget</th>
                <th>Window</th>
              </tr>
            </thead>
            <tbody>
              {slos.map((s) => (
                <tr key={s.name}>
                  <td>{s.name}</td>
                  <td>{sloHolon(s)}</td>
                  <td>{sloSli(s)}</td>
                  <td>{formatPercent(s.objective, 3)}</td>
                  <td>{formatPercent(1 - s.objective, 3)} of requests</td>
                  <td>{s.window ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel">
        <div className="panel-header">
          <h2>Scenarios</h2>
          <span className="muted small">named fault plans a run can follow</span>
        </div>
        {scenarios.length === 0 ? (
          <p className="empty">No scenario: runs use the links' own delivery settings only.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Name</th>
                <th>Until</th>
                <th>Faults</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((s) => (
                <tr key={s.name}>
                  <td>{s.name}</td>
                  <td>{s.until ?? "—"}</td>
                  <td className="mono small">
                    {(s.faults ?? []).map((f, i) => (
                      <div key={i}>{describeFault(f)}</div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

function PropertyList({ items, empty }: { items: { name: string; expr: string; note: string }[]; empty: string }) {
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul style={{ listStyle: "none", margin: 0, padding: "6px 16px 12px" }}>
      {items.map((p) => (
        <li key={p.name} style={{ padding: "8px 0", borderBottom: "1px solid #eef0f4" }}>
          <div className="row spread">
            <strong>{p.name}</strong>
            <span className="badge">{p.note}</span>
          </div>
          <code style={{ display: "block", marginTop: 4, color: "#334155" }}>{p.expr}</code>
        </li>
      ))}
    </ul>
  );
}

function describeFault(fault: Record<string, unknown>): string {
  const [kind, spec] = Object.entries(fault)[0] ?? ["?", {}];
  const parts = Object.entries((spec ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `${kind} { ${parts.join(", ")} }`;
}
