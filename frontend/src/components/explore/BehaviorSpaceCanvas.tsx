import { useEffect, useRef, useState } from "react";
import type { Core, ElementDefinition, StylesheetJson } from "cytoscape";
import type { GraphPart } from "../../api/types-extra";
import { ringPositions } from "../../lib/stateGraph";

interface Props {
  part: GraphPart;
  /** The highlighted path: its states and its "a>b" steps. */
  highlight: { nodes: Set<number>; edges: Set<string> };
  current?: number;
  onSelect: (state: number) => void;
}

/** How much the path and the current state are enlarged: 1 / zoom when zoomed out, so they stay visible. */
let enlarge = 1;
const big = (px: number) => () => px * enlarge;

const STYLE: StylesheetJson = [
  { selector: "node", style: { width: 7, height: 7, "background-color": "#6366f1", "border-width": 0 } },
  { selector: "node.terminal", style: { shape: "rectangle", "background-color": "#0f766e" } },
  { selector: "node.violation", style: { "background-color": "#dc2626" } },
  { selector: "node.initial", style: { "border-width": 2, "border-color": "#0f172a", width: 11, height: 11 } },
  { selector: "node.path", style: { width: big(12), height: big(12), "background-color": "#f97316", "border-width": big(2), "border-color": "#b91c1c", "z-index": 10 } },
  { selector: "node.current", style: { width: big(20), height: big(20), "border-width": big(4), "border-color": "#0f172a", "z-index": 20, label: "data(id)", "font-size": big(10), "text-valign": "top", "text-margin-y": -4 } },
  { selector: "edge", style: { width: 0.6, "line-color": "#cbd5e1", "curve-style": "haystack", opacity: 0.7, label: "data(label)", "font-size": 6, color: "#64748b", "min-zoomed-font-size": 9 } },
  { selector: "edge.path", style: { width: big(3), "line-color": "#dc2626", opacity: 1, "z-index": 9, "curve-style": "straight", "target-arrow-shape": "triangle", "target-arrow-color": "#dc2626", "arrow-scale": 0.8 } },
];

/**
 * The behavior space on a canvas (Cytoscape.js, loaded with the page that
 * needs it): thousands of states on rings by depth, pan and zoom, the path
 * highlighted (drawn at a size that stays visible however far out one zooms),
 * a click selects a state. Edge labels (actor: action) appear when zoomed in
 * far enough to read them.
 */
export function BehaviorSpaceCanvas({ part, highlight, current, onSelect }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | undefined>();

  useEffect(() => {
    let cy: Core | undefined;
    let gone = false;
    import("cytoscape")
      .then(({ default: cytoscape }) => {
        if (gone || !box.current) return;
        cy = cytoscape({
          container: box.current,
          style: STYLE,
          layout: { name: "preset" },
          minZoom: 0.02,
          maxZoom: 5,
          hideEdgesOnViewport: true,
          textureOnViewport: true,
          boxSelectionEnabled: false,
          autoungrabify: true,
        });
        cy.on("tap", "node", (e) => select.current(Number(e.target.id())));
        let frame = 0;
        cy.on("zoom", () => {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() => cy && keepVisible(cy));
        });
        // The instance on its element: browser tests find where a state is drawn to click it.
        (box.current as HTMLDivElement & { cy?: Core }).cy = cy;
        cyRef.current = cy;
        setReady(true);
      })
      .catch((e: unknown) => setFailed(String(e)));
    return () => {
      gone = true;
      cy?.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!ready || !cy) return;
    const at = ringPositions(part.nodes);
    const first = cy.nodes().length === 0;
    cy.batch(() => {
      const add: ElementDefinition[] = [];
      for (const n of part.nodes) {
        const position = at.get(n.id)!;
        const existing = cy.getElementById(String(n.id));
        if (existing.nonempty()) {
          existing.position(position);
          continue;
        }
        const classes = [n.terminal && "terminal", n.violation && "violation", n.initial && "initial"].filter(Boolean).join(" ");
        add.push({ group: "nodes", data: { id: String(n.id) }, position, classes });
      }
      for (const [s, t, l] of part.edges) {
        const id = `${s}>${t}:${l}`;
        if (cy.getElementById(id).nonempty()) continue;
        const [actor, action] = part.labels[l] ?? ["", ""];
        add.push({ group: "edges", data: { id, source: String(s), target: String(t), label: `${actor}: ${action}` } });
      }
      cy.add(add);
    });
    if (first) cy.fit(undefined, 20);
    keepVisible(cy);
    box.current?.setAttribute("data-nodes", String(cy.nodes().length));
    box.current?.setAttribute("data-edges", String(cy.edges().length));
  }, [ready, part]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!ready || !cy) return;
    cy.batch(() => {
      cy.elements(".path").removeClass("path");
      for (const id of highlight.nodes) cy.getElementById(String(id)).addClass("path");
      cy.edges().forEach((e) => {
        if (highlight.edges.has(`${e.data("source")}>${e.data("target")}`)) e.addClass("path");
      });
    });
    box.current?.setAttribute("data-highlighted", String(cy.nodes(".path").length));
  }, [ready, part, highlight]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!ready || !cy) return;
    cy.nodes(".current").removeClass("current");
    if (current === undefined) return;
    const node = cy.getElementById(String(current));
    if (node.empty()) return;
    node.addClass("current");
    const extent = cy.extent();
    const p = node.position();
    if (p.x < extent.x1 || p.x > extent.x2 || p.y < extent.y1 || p.y > extent.y2) cy.animate({ center: { eles: node } }, { duration: 250 });
  }, [ready, part, current]);

  return (
    // Cytoscape maps a click through the container's position measured earlier; content loaded above the
    // graph since (verdicts, search results) moves it without a scroll, so it is measured again on each press.
    <div onPointerDownCapture={() => cyRef.current?.resize()}>
      {failed && <p className="small bad-text">The graph renderer did not load: {failed}</p>}
      <div ref={box} className="behavior-canvas" data-testid="behavior-graph" role="img" aria-label={`Behavior space: ${part.nodes.length} states drawn`} />
    </div>
  );
}

/** The path and the current state keep a size on screen at any zoom (a dot of 12 px drawn at zoom 0.05 is gone). */
function keepVisible(cy: Core) {
  enlarge = 1 / Math.min(1, cy.zoom());
  cy.style().update();
}
