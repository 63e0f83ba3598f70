import { lazy, Suspense, useMemo, useState } from "react";
import type { Component, Holarchy } from "../../api/client";
import { useBlackBox, useHolons, useWhiteBox } from "../../api/queries";
import { buildTree, componentsUnder, flatten, pathTo } from "../../lib/holarchy";
import { ErrorMessage } from "../common/ErrorMessage";
import { Loading } from "../common/Loading";
import { BlackBoxView } from "./BlackBoxView";
import { Breadcrumbs } from "./Breadcrumbs";
import { HolarchyTree } from "./HolarchyTree";
import { HolonActions } from "./HolonActions";
import { StructureComments } from "../reviews/StructureComments";

// React Flow and dagre load with the first white box, not with the app.
const WhiteBoxView = lazy(() => import("./WhiteBoxView"));

export type ZoomMode = "white" | "black";

interface Props {
  model: number;
  holarchies: Holarchy[];
  components: Component[];
  holarchyId: number;
  holonId: number | undefined;
  mode: ZoomMode;
  canEdit: boolean;
  onChange: (next: { holarchy?: number; holon?: number; mode?: ZoomMode }) => void;
}

/** Left: pick a holarchy and a holon in its tree. Right: that holon as a white box or a black box. */
export function StructureView({ model, holarchies, components, holarchyId, holonId, mode, canEdit, onChange }: Props) {
  const holarchy = holarchies.find((h) => h.id === holarchyId) ?? holarchies[0];
  const holons = useHolons(model, holarchy?.id);
  const [showComponents, setShowComponents] = useState(true);
  const placements = useMemo(() => {
    const map = new Map<number, string[]>();
    for (const c of components) {
      const p = c.placements.find((pl) => pl.holarchy === holarchy?.id);
      if (p) map.set(p.holon, [...(map.get(p.holon) ?? []), c.key]);
    }
    return map;
  }, [components, holarchy?.id]);
  const root = useMemo(() => (holons.data ? buildTree(holons.data, placements) : undefined), [holons.data, placements]);
  const levels = useMemo(() => (Array.isArray(holarchy?.levels) ? (holarchy.levels as string[]) : []), [holarchy?.levels]);
  const facts = useMemo(
    () => ({ levels, componentsBelow: new Map(flatten(root).map((n) => [n.holon.id, componentsUnder(n).length])) }),
    [levels, root],
  );
  const selectedId = holonId && root && pathTo(root, holonId).length ? holonId : root?.holon.id;
  const path = pathTo(root, selectedId ?? -1);
  const node = path[path.length - 1];
  const whiteBox = useWhiteBox(model, selectedId);
  const blackBox = useBlackBox(model, selectedId);
  // A zoom made in the diagram keeps the focus in it: on the first part inside, or on the holon zoomed out of.
  const [diagramFocus, setDiagramFocus] = useState<{ holon: number; key: string } | null>(null);
  const select = (id: number, focus: string | null = null) => {
    setDiagramFocus(focus ? { holon: id, key: focus } : null);
    onChange({ holon: id });
  };
  const parent = path.length > 1 ? path[path.length - 2] : undefined;

  if (!holarchy) return <div className="panel empty">This model has no holarchy.</div>;
  return (
    <div className="structure">
      <aside className="panel">
        <div className="panel-header">
          <label className="field grow">
            Holarchy
            <select
              aria-label="Holarchy"
              value={holarchy.id}
              onChange={(e) => onChange({ holarchy: Number(e.target.value), holon: undefined })}
            >
              {holarchies.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                  {Array.isArray(h.levels) && h.levels.length ? ` (${(h.levels as string[]).join(" › ")})` : ""}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="panel-body">
          <label className="row small muted" style={{ gap: 6, marginBottom: 8 }}>
            <input type="checkbox" checked={showComponents} onChange={(e) => setShowComponents(e.target.checked)} /> show components
          </label>
          {holons.isPending && <Loading label="Loading holons" />}
          {holons.isError && <ErrorMessage error={holons.error} />}
          {root && <HolarchyTree root={root} levels={levels} selected={selectedId} onSelect={select} showComponents={showComponents} />}
          {root && node && canEdit && <HolonActions model={model} root={root} node={node} onSelect={select} />}
          {node && <StructureComments model={model} holarchy={holarchy.name} node={node} />}
        </div>
      </aside>
      <section className="panel" style={{ minWidth: 0 }}>
        <div className="panel-header">
          <Breadcrumbs path={path} levels={levels} onSelect={select} />
          <div className="spacer" />
          <div className="segmented" role="group" aria-label="Zoom">
            <button className={mode === "white" ? "active" : ""} onClick={() => onChange({ mode: "white" })}>
              White box
            </button>
            <button className={mode === "black" ? "active" : ""} onClick={() => onChange({ mode: "black" })}>
              Black box
            </button>
          </div>
        </div>
        {mode === "white" ? (
          whiteBox.isError ? (
            <div className="panel-body"><ErrorMessage error={whiteBox.error} /></div>
          ) : whiteBox.data ? (
            <Suspense fallback={<Loading label="Loading the diagram" />}>
              <WhiteBoxView
                key={whiteBox.data.holon.id}
                whiteBox={whiteBox.data}
                blackBox={blackBox.data}
                facts={facts}
                onZoom={(id) => select(id, "first")}
                onZoomOut={parent ? () => select(parent.holon.id, `holon:${selectedId}`) : undefined}
                focusKey={diagramFocus?.holon === whiteBox.data.holon.id ? diagramFocus.key : null}
              />
            </Suspense>
          ) : (
            <Loading label="Opening the white box" />
          )
        ) : blackBox.isError ? (
          <div className="panel-body"><ErrorMessage error={blackBox.error} /></div>
        ) : blackBox.data ? (
          <BlackBoxView blackBox={blackBox.data} componentsCount={node ? componentsUnder(node).length : undefined} onZoom={select} />
        ) : (
          <Loading label="Closing the black box" />
        )}
      </section>
    </div>
  );
}
