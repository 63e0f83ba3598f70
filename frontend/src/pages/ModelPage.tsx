import { Link, useParams, useSearchParams } from "react-router-dom";
import { useCanWrite, useComponents, useHolarchies, useModel, useWorkspace } from "../api/queries";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { ModelHeader } from "../components/model/ModelHeader";
import { ComponentsPanel } from "../components/model/ComponentsPanel";
import { LinksPanel } from "../components/model/LinksPanel";
import { HolarchiesPanel } from "../components/model/HolarchiesPanel";
import { PropertiesPanel } from "../components/model/PropertiesPanel";
import { VersionsPanel } from "../components/model/VersionsPanel";
import { RunsPanel } from "../components/runs/RunsPanel";
import { SweepsPanel } from "../components/sweeps/SweepsPanel";
import { StudiesPanel } from "../components/studies/StudiesPanel";
import { ExplorationsPanel } from "../components/explore/ExplorationsPanel";
import { StructureView, type ZoomMode } from "../components/zoom/StructureView";

const TABS = [
  ["structure", "Structure"],
  ["parts", "Components & links"],
  ["properties", "Properties & SLOs"],
  ["versions", "Versions"],
  ["runs", "Runs"],
  ["sweeps", "Sweeps"],
  ["studies", "Level studies"],
  ["explore", "Behavior space"],
] as const;

type Tab = (typeof TABS)[number][0];

/** One model: its holarchies and zoom, parts, properties, versions, runs, sweeps, level studies and explorations, one tab each. */
export function ModelPage() {
  const modelId = Number(useParams().modelId);
  const [params, setParams] = useSearchParams();
  const model = useModel(modelId);
  const holarchies = useHolarchies(modelId);
  const components = useComponents(modelId);
  const workspace = useWorkspace(model.data?.workspace);
  const canWrite = useCanWrite(model.data?.workspace);
  const tab = (params.get("tab") as Tab) || "structure";
  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: false });
  };

  if (model.isPending) return <Loading label="Loading the model" />;
  if (model.isError) return <ErrorMessage error={model.error} />;
  const m = model.data;
  return (
    <div>
      <div className="small muted" style={{ marginBottom: 6 }}>
        {workspace.data ? <Link to="/">Gallery</Link> : "Gallery"} › {workspace.data?.name ?? "…"}
      </div>
      <ModelHeader model={m} canWrite={canWrite} />
      <nav className="tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? "active" : ""} onClick={() => update({ tab: id === "structure" ? undefined : id })}>
            {label}
          </button>
        ))}
      </nav>
      {tab === "structure" &&
        (holarchies.isError ? (
          <ErrorMessage error={holarchies.error} />
        ) : holarchies.data && components.data ? (
          <StructureView
            model={modelId}
            holarchies={holarchies.data}
            components={components.data}
            holarchyId={Number(params.get("holarchy")) || holarchies.data[0]?.id}
            holonId={Number(params.get("holon")) || undefined}
            mode={(params.get("zoom") as ZoomMode) || "white"}
            canEdit={canWrite}
            onChange={(c) =>
              update({
                ...(c.holarchy !== undefined ? { holarchy: c.holarchy, holon: undefined } : {}),
                ...("holon" in c && c.holarchy === undefined ? { holon: c.holon } : {}),
                ...(c.mode ? { zoom: c.mode === "white" ? undefined : c.mode } : {}),
              })
            }
          />
        ) : (
          <Loading label="Loading the structure" />
        ))}
      {tab === "parts" && (
        <div className="stack">
          <ComponentsPanel model={modelId} holarchies={holarchies.data ?? []} canWrite={canWrite} />
          <LinksPanel model={modelId} canWrite={canWrite} />
          <HolarchiesPanel model={modelId} canWrite={canWrite} onOpen={(h) => update({ tab: undefined, holarchy: h, holon: undefined })} />
        </div>
      )}
      {tab === "properties" && <PropertiesPanel model={m} />}
      {tab === "versions" && <VersionsPanel model={m} canWrite={canWrite} />}
      {tab === "runs" && <RunsPanel model={m} canWrite={canWrite} />}
      {tab === "sweeps" && <SweepsPanel model={m} canWrite={canWrite} />}
      {tab === "studies" && <StudiesPanel model={m} canWrite={canWrite} />}
      {tab === "explore" && <ExplorationsPanel model={m} canWrite={canWrite} />}
    </div>
  );
}
