/** Geometry of the space-time diagram: one horizontal lane per component, steps to the right. */

import type { TraceDelta } from "../api/types-extra";
import { downIntervals, laneOrder, messageArrows, type DownInterval, type MessageArrow } from "./trace";

export interface SpaceTimeLayout {
  width: number;
  height: number;
  lanes: { component: string; y: number }[];
  x: (step: number) => number;
  arrows: (MessageArrow & { x1: number; y1: number; x2: number; y2: number })[];
  down: (DownInterval & { x1: number; x2: number; y: number })[];
  events: { step: number; kind: string; x: number; y: number }[];
  firstStep: number;
  lastStep: number;
}

export const LANE_LABEL_W = 110;
export const LANE_H = 40;
const TOP = 26;
/** How far towards its destination lane a dropped message's arrow reaches. */
export const DROP_REACH = 0.8;

/** Pixels per step: wide enough to read on short traces, narrow enough to scroll long ones. */
export function stepWidth(stepCount: number, targetWidth = 900): number {
  if (stepCount <= 1) return 40;
  return Math.max(6, Math.min(40, targetWidth / stepCount));
}

export function layoutSpaceTime(deltas: TraceDelta[], components: string[] = [], targetWidth = 900): SpaceTimeLayout {
  const names = laneOrder(deltas, components);
  const firstStep = deltas.length ? deltas[0].s : 1;
  const lastStep = deltas.length ? deltas[deltas.length - 1].s : 1;
  const px = stepWidth(lastStep - firstStep + 1, targetWidth);
  // Step 0 (the initial state) sits at the left edge of the lanes.
  const x = (step: number) => LANE_LABEL_W + 14 + (step - firstStep + 1) * px;
  const laneY = new Map(names.map((c, i) => [c, TOP + i * LANE_H + LANE_H / 2]));
  const arrows = messageArrows(deltas)
    .filter((a) => laneY.has(a.from) && laneY.has(a.to))
    .map((a) => {
      const y1 = laneY.get(a.from)!;
      const yTo = laneY.get(a.to)!;
      const x1 = x(a.sentStep);
      if (a.outcome === "dropped" && a.endStep !== null) {
        // A dropped message never arrives: its arrow stops short of the destination lane.
        return { ...a, x1, y1, x2: x(a.endStep), y2: y1 + (yTo - y1) * DROP_REACH };
      }
      return { ...a, x1, y1, x2: x(a.endStep ?? lastStep + 1), y2: yTo };
    });
  const down = downIntervals(deltas)
    .filter((d) => laneY.has(d.component))
    .map((d) => ({ ...d, x1: x(d.from), x2: x(d.to ?? lastStep + 1), y: laneY.get(d.component)! }));
  const events = deltas
    .filter((d) => d.k === "crash" || d.k === "recover" || d.k === "timer" || d.k === "start")
    .filter((d) => laneY.has(d.a))
    .map((d) => ({ step: d.s, kind: d.k, x: x(d.s), y: laneY.get(d.a)! }));
  return {
    width: x(lastStep + 1) + 16,
    height: TOP + names.length * LANE_H + 6,
    lanes: names.map((component) => ({ component, y: laneY.get(component)! })),
    x,
    arrows,
    down,
    events,
    firstStep,
    lastStep,
  };
}
