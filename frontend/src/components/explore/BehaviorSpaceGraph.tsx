import { useMemo } from "react";
import type { CollapsedGraph, FullGraph } from "../../api/types-extra";
import { layoutStateGraph } from "../../lib/stateGraph";
import { truncate } from "../zoom/DiagramDefs";

interface Props {
  graph: FullGraph | CollapsedGraph;
  highlight?: { nodes: Set<number>; edges: Set<string> };
  current?: number;
  onSelect?: (node: number) => void;
}

/**
 * The behavior space: every reachable global state (a dot) by breadth-first
 * depth, every step an edge. Red states violate a safety property, square
 * ones are terminal, the ringed one is initial. A counterexample path is highlighted.
 */
export function BehaviorSpaceGraph({ graph, highlight, current, onSelect }: Props) {
  if (graph.collapsed) return <CollapsedSpace graph={graph} />;
  return <FullSpace graph={graph} highlight={highlight} current={current} onSelect={onSelect} />;
}

function FullSpace({ graph, highlight, current, onSelect }: Props & { graph: FullGraph }) {
  const layout = useMemo(
    () => layoutStateGraph(graph.nodes, graph.edges, { maxNodes: 800, minWidth: graph.nodes.length <= 24 ? 900 : 820 }),
    [graph],
  );
  return (
    <div className="diagram-wrap" style={{ maxHeight: 560 }}>
      <svg className="diagram" width={layout.width} height={layout.height} role="img" aria-label="Behavior space" data-testid="behavior-graph">
        {layout.edges.map((e, i) => {
          const on = highlight?.edges.has(`${e.edge.source}>${e.edge.target}`);
          return (
            <line
              key={i}
              x1={e.x1}
              y1={e.y1}
              x2={e.x2}
              y2={e.y2}
              stroke={on ? "#dc2626" : e.back ? "#c4b5fd" : "#cbd5e1"}
              strokeWidth={on ? 2.5 : 1}
              strokeOpacity={on ? 1 : 0.8}
            >
              <title>{`${e.edge.actor}: ${e.edge.action}`}</title>
            </line>
          );
        })}
        {graph.nodes.length <= 24 &&
          layout.edges.map((e, i) => (
            <text key={`l${i}`} x={(e.x1 + e.x2) / 2 + 4} y={(e.y1 + e.y2) / 2 - 3} fontSize={9.5} fill="#64748b">
              {truncate(`${e.edge.actor}: ${e.edge.action}`, 26)}
            </text>
          ))}
        {layout.nodes.map(({ node, x, y }) => {
          const on = highlight?.nodes.has(node.id);
          const fill = node.violation ? "#dc2626" : node.terminal ? "#0f766e" : on ? "#fca5a5" : "#6366f1";
          const r = current === node.id ? 8 : on ? 6 : 4.5;
          return (
            <g key={node.id} onClick={() => onSelect?.(node.id)} style={{ cursor: onSelect ? "pointer" : undefined }}>
              <title>{`state ${node.id} (depth ${node.depth})${node.violation ? " — violates safety" : ""}${node.terminal ? " — terminal" : ""}`}</title>
              {node.terminal ? (
                <rect x={x - r} y={y - r} width={r * 2} height={r * 2} fill={fill} stroke={on ? "#dc2626" : "#fff"} strokeWidth={on ? 2 : 1} />
              ) : (
                <circle cx={x} cy={y} r={r} fill={fill} stroke={on ? "#dc2626" : "#fff"} strokeWidth={on ? 2 : 1} />
              )}
              {node.initial && <circle cx={x} cy={y} r={r + 4} fill="none" stroke="#0f172a" strokeWidth={1.5} />}
            </g>
          );
        })}
      </svg>
      {layout.hiddenNodes > 0 && <p className="small muted panel-body">{layout.hiddenNodes} deeper states are not drawn.</p>}
    </div>
  );
}

/** Too many states to draw one by one: one bar per depth, with how many states, terminal states and violations it holds. */
function CollapsedSpace({ graph }: { graph: CollapsedGraph }) {
  const max = Math.max(1, ...graph.nodes.map((n) => n.states));
  return (
    <div className="panel-body" data-testid="behavior-graph">
      <p className="small muted" style={{ marginTop: 0 }}>
        The space is too large to draw state by state: each row is one breadth-first depth.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>Depth</th>
            <th style={{ width: "50%" }}>States</th>
            <th>Terminal</th>
            <th>Violations</th>
          </tr>
        </thead>
        <tbody>
          {graph.nodes.map((n) => (
            <tr key={n.id}>
              <td>{n.depth}</td>
              <td>
                <div className="row" style={{ gap: 8, flexWrap: "nowrap" }}>
                  <div style={{ height: 10, width: `${(n.states / max) * 100}%`, minWidth: 2, background: "#6366f1", borderRadius: 3 }} />
                  <span className="small">{n.states}</span>
                </div>
              </td>
              <td>{n.terminal}</td>
              <td>{n.violations ? <span className="badge bad">{n.violations}</span> : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
