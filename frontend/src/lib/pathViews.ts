/**
 * The global and local views of an explored path, read from its trace lines
 * (`holarchy-trace/v1`, a snapshot after every step): the same data the run
 * viewer gets from a run's trace, so the same components show it.
 */

import type { GlobalState, LocalView, SentEntry } from "../api/types-extra";

export interface PathSnapshot {
  global: GlobalState;
  views: Record<string, { sent: SentEntry[]; received: SentEntry[] }>;
}

/** One snapshot per step, in step order. */
export function pathSnapshots(lines: string[]): PathSnapshot[] {
  const out: PathSnapshot[] = [];
  for (const line of lines) {
    const record = JSON.parse(line) as { snap?: number; g?: GlobalState; v?: PathSnapshot["views"] };
    if (record.snap !== undefined && record.g) out[record.snap] = { global: record.g, views: record.v ?? {} };
  }
  return out;
}

/** What `component` can know after `step`: its own state and timers, and its own mail. */
export function localViewAt(snapshot: PathSnapshot, component: string, step: number): LocalView | undefined {
  const own = snapshot.global.components[component];
  if (!own) return undefined;
  const views = snapshot.views[component] ?? { sent: [], received: [] };
  return { id: component, step, up: own.up, state: own.state, timers: own.timers, sent: views.sent, received: views.received };
}
