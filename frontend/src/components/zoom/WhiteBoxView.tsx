import {
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Node,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { BlackBoxResponse, WhiteBoxResponse } from "../../api/types-extra";
import { layoutWhiteBox } from "../../lib/diagram";
import { FRAME, whiteBoxDiagram, type TreeFacts } from "../../lib/holarchy";
import { foldWhiteBox, groupParts, groupTitle } from "../../lib/zoomGroups";
import { edgeTypes, nodeTypes, type FrameNode, type LinkEdge, type PartNode } from "./ZoomNodes";

export interface WhiteBoxProps {
  whiteBox: WhiteBoxResponse;
  blackBox?: BlackBoxResponse;
  facts?: TreeFacts;
  /** Zoom into a holon (a child, or a neighbour outside). */
  onZoom: (holon: number) => void;
  /** Zoom out to the parent; absent at the root. */
  onZoomOut?: () => void;
  /** The part to focus once drawn ("holon:12", or "first"): set after a zoom made from the diagram. */
  focusKey?: string | null;
}

const FIT = { padding: 0.12, maxZoom: 1, minZoom: 0.05 };
/** Above this many drawn boxes only those in view are rendered. */
const RENDER_VISIBLE_ABOVE = 150;
const PAN_STEP = 80;
const FOCUS_TRIES = 60;
/** A small box needs no minimap: it is all in view. */
const MINIMAP_ABOVE = 12;
/**
 * A picture to look at, not an editor: nothing moves, connects, is selected
 * or deleted, and React Flow's own keys are off (the parts are buttons; the
 * wrapper handles the keys).
 */
const READ_ONLY = {
  nodesDraggable: false,
  nodesConnectable: false,
  nodesFocusable: false,
  edgesFocusable: false,
  elementsSelectable: false,
  deleteKeyCode: null,
  selectionKeyCode: null,
  multiSelectionKeyCode: null,
  disableKeyboardA11y: true,
  zoomOnDoubleClick: false,
} as const;
const COLORS = { plain: "#64748b", lossy: "#b45309" };

/**
 * The holon opened: its child holons (Enter or click to zoom in) and
 * components, the links among them, and — outside the dashed boundary — the
 * neighbours that links cross to. Hundreds of children are folded into
 * groups, unfolded on demand. Pan, zoom, fit and a minimap; every action
 * has a key.
 */
export default function WhiteBoxView(props: WhiteBoxProps) {
  return (
    <ReactFlowProvider>
      <WhiteBoxFlow {...props} />
    </ReactFlowProvider>
  );
}

function WhiteBoxFlow({ whiteBox, blackBox, facts, onZoom, onZoomOut, focusKey }: WhiteBoxProps) {
  const box = useMemo(() => whiteBoxDiagram(whiteBox, blackBox, facts), [whiteBox, blackBox, facts]);
  const groups = useMemo(() => groupParts(box.nodes), [box.nodes]);
  // Zooming out lands on the holon we came from: unfold its group so it can take the focus.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () => new Set(groups.filter((g) => focusKey && g.members.includes(focusKey)).map((g) => g.key)),
  );
  const [pendingFocus, setPendingFocus] = useState<string | null>(focusKey ?? null);
  const layout = useMemo(() => layoutWhiteBox(foldWhiteBox(box, groups, expanded)), [box, groups, expanded]);
  const title = box.title;

  const unfold = useCallback(
    (key: string) => {
      const group = groups.find((g) => g.key === key);
      setExpanded((prev) => new Set([...prev, key]));
      if (group) setPendingFocus(group.members[0]);
    },
    [groups],
  );
  const fold = (key: string) => {
    setExpanded((prev) => new Set([...prev].filter((k) => k !== key)));
    setPendingFocus(`group:${key}`);
  };

  const nodes = useMemo<Node[]>(() => {
    const { frame } = layout;
    const frameNode: FrameNode = {
      id: FRAME,
      type: "frame",
      position: { x: frame.x, y: frame.y },
      width: frame.w,
      height: frame.h,
      style: { width: frame.w, height: frame.h },
      data: { title, empty: layout.nodes.length === 0 },
      zIndex: -1,
      draggable: false,
      selectable: false,
      focusable: false,
    };
    const parts: PartNode[] = layout.nodes.map((p) => {
      const { node } = p;
      const onOpen =
        node.kind === "group" ? () => unfold(node.id) : node.kind === "holon" && node.holonId !== undefined ? () => onZoom(node.holonId!) : undefined;
      return {
        id: p.key,
        type: "part",
        position: { x: p.x, y: p.y },
        width: p.w,
        height: p.h,
        data: { box: node, outside: p.outside, onOpen },
        draggable: false,
        selectable: false,
        focusable: false,
      };
    });
    return [frameNode, ...parts];
  }, [layout, title, unfold, onZoom]);

  const labelOf = useMemo(() => new Map(layout.nodes.map((p) => [p.key, p.node.label])), [layout]);
  const edges = useMemo<LinkEdge[]>(
    () =>
      layout.edges.map((e) => {
        const [source, target] = e.key.split("|");
        const marker = { type: MarkerType.ArrowClosed, color: e.lossy ? COLORS.lossy : COLORS.plain, width: 18, height: 18 };
        return {
          id: e.key,
          type: "link",
          source,
          target,
          data: { ...e },
          markerEnd: e.arrowAtEnd ? marker : undefined,
          markerStart: e.arrowAtStart ? marker : undefined,
          ariaLabel: `${labelOf.get(source) ?? `${title} boundary`} and ${labelOf.get(target) ?? `${title} boundary`}: ${e.label}`,
          selectable: false,
          focusable: false,
        };
      }),
    [layout, labelOf, title],
  );

  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const firstLayout = useRef(true);
  useEffect(() => {
    if (firstLayout.current) {
      firstLayout.current = false;
      return;
    }
    // Unfolding or folding a group redraws the whole box: show all of it again.
    void flow.fitView({ ...FIT, duration: 250 });
  }, [layout, flow]);
  useEffect(() => {
    if (!pendingFocus) return;
    // React Flow shows a node once it is measured, some frames after the first render:
    // try until the part takes the focus (the diagram itself when there is no such part).
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      const root = wrapper.current;
      if (!root) return;
      const part =
        pendingFocus === "first"
          ? root.querySelector<HTMLElement>("button.zoom-node")
          : root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(pendingFocus)}"]`);
      const target = part ?? (tries >= FOCUS_TRIES ? root : null);
      target?.focus({ preventScroll: true });
      if ((target && document.activeElement === target) || tries >= FOCUS_TRIES) setPendingFocus(null);
      else {
        tries += 1;
        frame = requestAnimationFrame(attempt);
      }
    };
    attempt();
    return () => cancelAnimationFrame(frame);
  }, [pendingFocus, nodes]);

  /** A part reached with Tab is brought into view. */
  const revealFocused = (element: HTMLElement) => {
    const id = element.closest<HTMLElement>(".react-flow__node")?.dataset.id;
    const node = id ? flow.getInternalNode(id) : undefined;
    const bounds = wrapper.current?.querySelector(".react-flow")?.getBoundingClientRect();
    if (!node || !bounds) return;
    const rect = element.getBoundingClientRect();
    const inView = rect.left >= bounds.left && rect.right <= bounds.right && rect.top >= bounds.top && rect.bottom <= bounds.bottom;
    if (inView) return;
    const { x, y } = node.internals.positionAbsolute;
    void flow.setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, { zoom: Math.max(flow.getZoom(), 0.6), duration: 200 });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const onSelf = event.target === event.currentTarget;
    switch (event.key) {
      case "Escape":
      case "Backspace":
        if (!onZoomOut) return;
        onZoomOut();
        break;
      case "+":
      case "=":
        void flow.zoomIn({ duration: 150 });
        break;
      case "-":
        void flow.zoomOut({ duration: 150 });
        break;
      case "0":
        void flow.fitView({ ...FIT, duration: 200 });
        break;
      case "ArrowLeft":
      case "ArrowRight":
      case "ArrowUp":
      case "ArrowDown": {
        if (!onSelf) return;
        const { x, y, zoom } = flow.getViewport();
        const dx = event.key === "ArrowLeft" ? PAN_STEP : event.key === "ArrowRight" ? -PAN_STEP : 0;
        const dy = event.key === "ArrowUp" ? PAN_STEP : event.key === "ArrowDown" ? -PAN_STEP : 0;
        void flow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 100 });
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const expandedGroups = groups.filter((g) => expanded.has(g.key));
  const height = Math.min(640, Math.max(320, layout.height + 48));
  const hintId = `white-box-keys-${whiteBox.holon.id}`;
  return (
    <div className="zoom-diagram-wrap">
      {groups.length > 0 && (
        <div className="zoom-toolbar" role="group" aria-label="Folded groups">
          <span className="small">
            {box.nodes.length} parts folded into {groups.length} groups by {groups.some((g) => g.kind === "component") ? "level and behavior" : "level"};
            open a group to see its parts.
          </span>
          {expandedGroups.map((g) => (
            <button key={g.key} type="button" className="small" onClick={() => fold(g.key)}>
              Fold {groupTitle(g)}
            </button>
          ))}
        </div>
      )}
      <div
        ref={wrapper}
        className="zoom-diagram"
        style={{ height }}
        role="group"
        aria-label={`White box of ${title}`}
        aria-describedby={hintId}
        tabIndex={0}
        data-testid="white-box"
        onKeyDown={onKeyDown}
        onFocus={(e) => e.target !== e.currentTarget && revealFocused(e.target as HTMLElement)}
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          fitViewOptions={FIT}
          minZoom={0.05}
          maxZoom={2}
          {...READ_ONLY}
          onlyRenderVisibleElements={nodes.length > RENDER_VISIBLE_ABOVE}
          attributionPosition="bottom-left"
        >
          <Controls showInteractive={false} position="top-right" fitViewOptions={FIT} />
          {layout.nodes.length > MINIMAP_ABOVE && (
            <MiniMap
              pannable
              zoomable
              ariaLabel={`Minimap of ${title}`}
              nodeColor={(n) => minimapColor(n as Node)}
              nodeStrokeWidth={2}
              position="bottom-right"
              style={{ width: 180, height: 120 }}
            />
          )}
        </ReactFlow>
      </div>
      <p className="muted small panel-body" id={hintId} style={{ margin: 0 }}>
        Click a holon, or Tab to it and press Enter, to zoom in; Escape or Backspace zooms out. Drag or use the arrow keys to pan, scroll or + / − to
        zoom, 0 to fit. Dashed boxes are neighbours outside this holon; orange links may lose or duplicate messages.
      </p>
    </div>
  );
}

function minimapColor(n: Node): string {
  if (n.type === "frame") return "#eef2ff";
  const data = n.data as PartNode["data"];
  if (data.outside) return "#cbd5e1";
  const kind = data.box.kind === "group" ? data.box.memberKind : data.box.kind;
  return kind === "component" ? "#86efac" : "#a5b4fc";
}
