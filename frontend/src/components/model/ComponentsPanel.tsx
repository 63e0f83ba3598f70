import type { Holarchy } from "../../api/client";
import { useBehaviors, useComponents, useHolonKeys } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";

/** Every component (the leaves that run): behavior, parameters, durability, and where it sits in each holarchy. */
export function ComponentsPanel({ model, holarchies }: { model: number; holarchies: Holarchy[] }) {
  const components = useComponents(model);
  const behaviors = useBehaviors();
  const holonKeys = useHolonKeys(model, holarchies.map((h) => h.id));
  const describe = (name: string) => behaviors.data?.find((b) => b.name === name)?.description;
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Components</h2>
        <span className="muted small">{components.data?.length ?? 0} leaves that run concurrently and talk only by messages</span>
      </div>
      {components.isPending && <Loading />}
      {components.isError && <ErrorMessage error={components.error} />}
      {components.data && (
        <table className="data" data-testid="components-table">
          <thead>
            <tr>
              <th>Id</th>
              <th>Behavior</th>
              <th>State</th>
              <th>Parameters</th>
              {holarchies.map((h) => (
                <th key={h.id}>In {h.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {components.data.map((c) => (
              <tr key={c.id}>
                <td className="mono">{c.key}</td>
                <td title={describe(c.behavior)}>{c.behavior}</td>
                <td>
                  <span className={`badge ${c.state === "durable" ? "ok" : ""}`}>{c.state ?? "volatile"}</span>
                </td>
                <td className="mono small">{formatParams(c.params)}</td>
                {holarchies.map((h) => {
                  const p = c.placements.find((pl) => pl.holarchy === h.id);
                  return <td key={h.id}>{p ? (holonKeys.get(p.holon) ?? "…") : "—"}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function formatParams(params: unknown): string {
  if (!params || typeof params !== "object" || Object.keys(params).length === 0) return "—";
  return Object.entries(params as Record<string, unknown>)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join("  ");
}
