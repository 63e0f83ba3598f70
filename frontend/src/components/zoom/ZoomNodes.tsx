import { BaseEdge, EdgeLabelRenderer, Handle, Position, type Edge, type EdgeProps, type Node, type NodeProps } from "@xyflow/react";
import type { PlacedEdge } from "../../lib/diagram";
import type { BoxNode } from "../../lib/holarchy";
import { truncate } from "./DiagramDefs";

/**
 * The white box's React Flow parts: the dashed boundary, a box per child
 * holon, component, neighbour or folded group, and straight border-to-border
 * edges whose geometry comes from lib/diagram (the boxes never move).
 */

export interface PartData extends Record<string, unknown> {
  box: BoxNode;
  outside: boolean;
  /** Opens the part: zooms into a holon, unfolds a group. Absent for components. */
  onOpen?: () => void;
}
export type PartNode = Node<PartData, "part">;

export interface FrameData extends Record<string, unknown> {
  title: string;
  empty: boolean;
}
export type FrameNode = Node<FrameData, "frame">;

export type LinkEdge = Edge<PlacedEdge & Record<string, unknown>, "link">;

/** Edges need handles to attach to; these are invisible, the edges draw their own ends. */
function HiddenHandles() {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} className="zoom-handle" />
      <Handle type="source" position={Position.Right} isConnectable={false} className="zoom-handle" />
    </>
  );
}

export function FrameBox({ data }: NodeProps<FrameNode>) {
  return (
    <div className="zoom-frame">
      <span className="zoom-frame-title">{data.title} — white box</span>
      {data.empty && <span className="zoom-frame-empty">empty holon</span>}
      <HiddenHandles />
    </div>
  );
}

export function PartBox({ data }: NodeProps<PartNode>) {
  const { box, outside, onOpen } = data;
  const className = ["zoom-node", box.kind, box.memberKind ?? "", outside ? "outside" : ""].filter(Boolean).join(" ");
  const body = (
    <>
      <span className="zoom-node-label">{truncate(box.label, box.kind === "group" ? 30 : 22)}</span>
      <span className="zoom-node-detail">{truncate(box.detail, 30)}</span>
    </>
  );
  const dataNode = `${box.kind}:${box.kind === "group" ? box.id : box.label}`;
  return (
    <>
      {onOpen ? (
        <button
          type="button"
          className={className}
          data-node={dataNode}
          data-focus-key={`${box.kind}:${box.id}`}
          title={box.kind === "group" ? `Show the ${box.members} parts of ${box.label}` : `Zoom into ${box.label}`}
          onClick={onOpen}
        >
          <span className="visually-hidden">{box.kind === "group" ? "Unfold " : "Zoom into "}</span>
          {body}
        </button>
      ) : (
        <div className={className} data-node={dataNode} title={`${box.label} (${box.detail})`}>
          {body}
        </div>
      )}
      <HiddenHandles />
    </>
  );
}

export function LinkLine({ data, markerEnd, markerStart }: EdgeProps<LinkEdge>) {
  if (!data) return null;
  const { from, to, mid, label, lossy } = data;
  return (
    <>
      <BaseEdge
        path={`M${from.x},${from.y} L${to.x},${to.y}`}
        markerEnd={markerEnd}
        markerStart={markerStart}
        className={lossy ? "zoom-edge lossy" : "zoom-edge"}
        style={data.external ? { strokeDasharray: "5 4" } : undefined}
      />
      {label && (
        <EdgeLabelRenderer>
          <span className={lossy ? "zoom-edge-label lossy" : "zoom-edge-label"} style={{ transform: `translate(-50%, -50%) translate(${mid.x}px, ${mid.y}px)` }}>
            {label}
          </span>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const nodeTypes = { part: PartBox, frame: FrameBox };
export const edgeTypes = { link: LinkLine };
