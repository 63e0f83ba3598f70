/**
 * The minimap: the whole stored run in one strip, from the per-chunk event index
 * (crashes, recoveries, drops, duplicates) and the summary's violation steps.
 */

import type { ChunkEvents, PropertyResult } from "../api/types-extra";

export interface MinimapBar {
  x: number;
  width: number;
  crashes: number;
  recoveries: number;
  drops: number;
  duplicates: number;
  /** The chunk's first notable step, where a click on it jumps; null when nothing happened in it. */
  first: number | null;
}

export interface ViolationMark {
  x: number;
  step: number;
  name: string;
}

/** Pixels for a step on a strip `width` wide covering steps 0..lastStep. */
export function stepX(step: number, lastStep: number, width: number): number {
  return lastStep > 0 ? (Math.min(step, lastStep) / lastStep) * width : 0;
}

export function minimapBars(chunks: ChunkEvents[], lastStep: number, width: number): MinimapBar[] {
  return chunks.map(([first, last, crashes, recoveries, drops, duplicates, notable]) => {
    const x = stepX(first, lastStep, width);
    return { x, width: Math.max(1, stepX(last + 1, lastStep, width) - x), crashes, recoveries, drops, duplicates, first: notable };
  });
}

/** Each violation the summary lists by step (the first 100 of each property), within the stored steps. */
export function violationMarks(properties: PropertyResult[], lastStep: number, width: number): ViolationMark[] {
  return properties.flatMap((p) =>
    (p.violation_steps ?? (p.status === "violated" && p.step != null ? [p.step] : []))
      .filter((step) => step <= lastStep)
      .map((step) => ({ x: stepX(step, lastStep, width), step, name: p.name })),
  );
}

/** How close (px) a click must be to a violation mark to land on it. */
export const SNAP_PX = 6;

/** The step a click at `x` goes to: a violation mark near it, else the step under it. */
export function stepAt(x: number, lastStep: number, width: number, marks: ViolationMark[]): number {
  const near = marks.reduce<ViolationMark | undefined>((best, m) => (Math.abs(m.x - x) <= SNAP_PX && (!best || Math.abs(m.x - x) < Math.abs(best.x - x)) ? m : best), undefined);
  if (near) return near.step;
  return Math.max(0, Math.min(lastStep, Math.round((x / width) * lastStep)));
}
