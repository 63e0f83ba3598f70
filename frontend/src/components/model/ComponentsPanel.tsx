import { useState } from "react";
import type { Holarchy } from "../../api/client";
import { useBehaviors, useComponents, useHolonKeys, useStructureEdits } from "../../api/queries";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { VirtualTable } from "../common/VirtualTable";
import { ConfirmButton } from "./ConfirmButton";
import { EditComponentForm } from "./EditComponentForm";
import { HolonPicker } from "./HolonPicker";
import { NewComponentForm } from "./NewComponentForm";

/** Every component (the leaves that run): behavior, parameters, durability, and where it sits in each holarchy. */
export function ComponentsPanel({ model, holarchies, canWrite = false }: { model: number; holarchies: Holarchy[]; canWrite?: boolean }) {
  const components = useComponents(model);
  const behaviors = useBehaviors();
  const holonKeys = useHolonKeys(model, holarchies.map((h) => h.id));
  const { place, removeComponent } = useStructureEdits(model);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const editedComponent = components.data?.find((c) => c.id === editing);
  const describe = (name: string) => behaviors.data?.find((b) => b.name === name)?.description;
  const error = place.error ?? removeComponent.error;
  return (
    <div className="panel">
      <div className="panel-header">
        <h2>Components</h2>
        <span className="muted small">{components.data?.length ?? 0} leaves that run concurrently and talk only by messages</span>
        <div className="spacer" />
        {canWrite && !adding && (
          <button className="primary small" onClick={() => (removeComponent.reset(), place.reset(), setAdding(true))}>
            + New component
          </button>
        )}
      </div>
      {adding && <NewComponentForm model={model} holarchies={holarchies} onDone={() => setAdding(false)} />}
      {editedComponent && <EditComponentForm key={editedComponent.id} model={model} component={editedComponent} onDone={() => setEditing(null)} />}
      {error && (
        <div className="panel-body">
          <ErrorMessage error={error} />
        </div>
      )}
      {components.isPending && <Loading />}
      {components.isError && <ErrorMessage error={components.error} />}
      {components.data && (
        <VirtualTable
          items={components.data}
          label="components"
          testId="components-table"
          searchText={(c) => `${c.key} ${c.behavior}`}
          head={
          <thead>
            <tr>
              <th>Id</th>
              <th>Behavior</th>
              <th>State</th>
              <th>Parameters</th>
              {holarchies.map((h) => (
                <th key={h.id}>In {h.name}</th>
              ))}
              {canWrite && <th></th>}
            </tr>
          </thead>
          }
          row={(c) => (
              <tr key={c.id} data-component={c.key}>
                <td className="mono">{c.key}</td>
                <td title={describe(c.behavior)}>{c.behavior}</td>
                <td>
                  <span className={`badge ${c.state === "durable" ? "ok" : ""}`}>{c.state ?? "volatile"}</span>
                </td>
                <td className="mono small">{formatParams(c.params)}</td>
                {holarchies.map((h) => {
                  const p = c.placements.find((pl) => pl.holarchy === h.id);
                  if (canWrite)
                    return (
                      <td key={h.id}>
                        <HolonPicker
                          model={model}
                          holarchy={h}
                          label={`${c.key} in ${h.name}`}
                          value={p?.holon}
                          placeholder={p ? undefined : "not placed"}
                          onChange={(holon) => holon && holon !== p?.holon && place.mutate({ holon, component: c.id })}
                        />
                      </td>
                    );
                  return <td key={h.id}>{p ? (holonKeys.get(p.holon) ?? "…") : "—"}</td>;
                })}
                {canWrite && (
                  <td className="nowrap" style={{ textAlign: "right" }}>
                    <button type="button" className="small" aria-label={`Edit component ${c.key}`} onClick={() => (setAdding(false), setEditing(c.id))}>
                      Edit
                    </button>{" "}
                    <ConfirmButton
                      label={`Delete component ${c.key}`}
                      confirm={`Delete ${c.key} and its links`}
                      disabled={removeComponent.isPending}
                      onConfirm={() => (place.reset(), removeComponent.mutate({ id: c.id }))}
                    />
                  </td>
                )}
              </tr>
          )}
        />
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
