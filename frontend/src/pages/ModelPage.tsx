import { lazy, Suspense, useRef, type KeyboardEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useCanWrite, useComponents, useHolarchies, useModel, useWorkspace } from "../api/queries";
import { ErrorMessage } from "../components/common/ErrorMessage";
import { Loading } from "../components/common/Loading";
import { ModelHeader } from "../components/model/ModelHeader";
import { DraftBar } from "../components/model/DraftBar";
import { BehaviorsPanel } from "../components/model/BehaviorsPanel";
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
import { ReviewsPanel } from "../components/reviews/ReviewsPanel";
import { GuidePanel } from "../components/guide/GuidePanel";
import { guideOf } from "../lib/guide";

/** The YAML editor (CodeMirror) is only downloaded when its tab is opened. */
const ModelCodeEditor = lazy(() => import("../components/modelcode/ModelCodeEditor"));

const TABS = [
  ["structure", "Structure"],
  ["parts", "Components & links"],
  ["behaviors", "Behaviors"],
  ["properties", "Properties, SLOs & scenarios"],
  ["code", "Model as code"],
  ["versions", "Versions"],
  ["runs", "Runs"],
  ["sweeps", "Sweeps"],
  ["studies", "Level studies"],
  ["explore", "Behavior space"],
  ["reviews", "Reviews"],
] as const;

type Tab = (typeof TABS)[number][0];

/** One model: its holarchies and zoom, parts, behaviors, properties, its YAML, versions, runs, sweeps, level studies and explorations, one tab each. */
export function ModelPage() {
  const modelId = Number(useParams().modelId);
  const [params, setParams] = useSearchParams();
  const model = useModel(modelId);
  const holarchies = useHolarchies(modelId);
  const components = useComponents(modelId);
  const workspace = useWorkspace(model.data?.workspace);
  const canWrite = useCanWrite(model.data?.workspace);
  const tab = (params.get("tab") as Tab) || "structure";
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: false });
  };

  const openTab = (id: Tab) => update({ tab: id === "structure" ? undefined : id });
  // WAI-ARIA tabs: arrows move between tabs (and open them), Home and End go to the first and last.
  const onTabKey = (e: KeyboardEvent, index: number) => {
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = (next + TABS.length) % TABS.length;
    openTab(TABS[target][0]);
    tabRefs.current[target]?.focus();
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
      <DraftBar model={modelId} canWrite={canWrite} />
      {(guideOf(m.sections) || !canWrite) && <GuidePanel model={m} />}
      <div className="tabs" role="tablist" aria-label="Model views">
        {TABS.map(([id, label], index) => (
          <button
            key={id}
            ref={(el) => void (tabRefs.current[index] = el)}
            role="tab"
            id={`tab-${id}`}
            aria-controls="model-tabpanel"
            aria-selected={tab === id}
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? "active" : ""}
            onClick={() => openTab(id)}
            onKeyDown={(e) => onTabKey(e, index)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="model-tabpanel" aria-labelledby={`tab-${tab}`}>
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
      {tab === "behaviors" && <BehaviorsPanel model={modelId} canWrite={canWrite} />}
      {tab === "properties" && <PropertiesPanel model={m} canWrite={canWrite} />}
      {tab === "code" && (
        <Suspense fallback={<Loading label="Loading the editor" />}>
          <ModelCodeEditor model={modelId} canWrite={canWrite} />
        </Suspense>
      )}
      {tab === "versions" && <VersionsPanel model={m} canWrite={canWrite} />}
      {tab === "runs" && <RunsPanel model={m} canWrite={canWrite} />}
      {tab === "sweeps" && <SweepsPanel model={m} canWrite={canWrite} />}
      {tab === "studies" && <StudiesPanel model={m} canWrite={canWrite} />}
      {tab === "explore" && <ExplorationsPanel model={m} canWrite={canWrite} />}
      {tab === "reviews" && <ReviewsPanel model={m} />}
      </div>
    </div>
  );
}
