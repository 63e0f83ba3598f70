/**
 * Stepping through a run's trace, and reading the space-time picture out of
 * its deltas (one per step: who acted, what was sent, received, dropped).
 */

import type { RunSummary, SentEntry, TraceAnswer, TraceDelta, TraceProducing, TraceStepResponse } from "../api/types-extra";

/** The server is still producing this run's trace (a sweep's run, opened for the first time). */
export function isProducing(answer: object | undefined): answer is TraceProducing {
  return !!answer && "status" in answer && answer.status === "producing";
}

/** The answer once the trace is there; undefined while it loads or is being produced. */
export function traceReady(answer: TraceAnswer | undefined): TraceStepResponse | undefined {
  return answer && !isProducing(answer) ? answer : undefined;
}

/** How often to ask again while a trace is being produced (ms); false once it is there. */
export function producingPoll(answer: object | undefined): number | false {
  return isProducing(answer) ? 2000 : false;
}

/**
 * Why the stored trace ends before the run did, or why the run ended before its time, in words; null when the
 * trace holds the whole run and the run went to its end. `storedSteps` is what the viewer can show.
 */
export function traceCut(storedSteps: number, summary: Pick<RunSummary, "steps" | "stopped"> | undefined, traceLimit?: number | null): string | null {
  const steps = summary?.steps ?? storedSteps;
  if (steps > storedSteps) {
    const limit = traceLimit ? ` (RUN_TRACE_STEPS = ${traceLimit.toLocaleString("en")})` : "";
    return `The trace keeps the first ${storedSteps.toLocaleString("en")} steps${limit}; the run went on to step ${steps.toLocaleString("en")}, and its results count every step.`;
  }
  if (summary?.stopped === "violation") return `The run was asked to stop at the first violation: it stopped at step ${steps.toLocaleString("en")}.`;
  if (summary?.stopped === "max_steps") return `The run stopped at its step limit (JOB_MAX_STEPS) at step ${steps.toLocaleString("en")}, before its end time.`;
  return null;
}

export function clampStep(step: number, lastStep: number): number {
  if (!Number.isFinite(step) || lastStep <= 0) return 0;
  return Math.min(lastStep, Math.max(0, Math.round(step)));
}

/** Steps worth jumping to: faults, losses, duplicates. */
export const NOTABLE_KINDS = new Set(["crash", "recover", "drop", "duplicate"]);

/**
 * The next step after `from` (direction 1) or before it (-1) whose delta matches;
 * `from` itself when there is none. `deltas` are in step order, steps may start above 1.
 */
export function seekStep(deltas: TraceDelta[], from: number, direction: 1 | -1, match: (d: TraceDelta) => boolean): number {
  const ordered = direction === 1 ? deltas : [...deltas].reverse();
  for (const d of ordered) {
    if ((direction === 1 ? d.s > from : d.s < from) && match(d)) return d.s;
  }
  return from;
}

export interface MessageInfo {
  id: number;
  from: string;
  to: string;
  type: string;
  payload: unknown;
}

export function sentInfo(entry: SentEntry): MessageInfo {
  const [id, from, to, type, payload] = entry;
  return { id, from, to, type, payload };
}

export interface MessageArrow extends MessageInfo {
  sentStep: number;
  /** Step of the delivery or drop; null while still in flight at the end of the window. */
  endStep: number | null;
  outcome: "delivered" | "dropped" | "in-flight";
  duplicate: boolean;
  why?: string;
}

/** Every message sent in the window, paired with the step that received or dropped it. */
export function messageArrows(deltas: TraceDelta[]): MessageArrow[] {
  const byId = new Map<number, MessageArrow>();
  const arrows: MessageArrow[] = [];
  for (const d of deltas) {
    if ((d.k === "receive" || d.k === "drop") && d.m !== undefined) {
      const arrow = byId.get(d.m);
      if (arrow) {
        arrow.endStep = d.s;
        arrow.outcome = d.k === "drop" ? "dropped" : "delivered";
        if (d.why) arrow.why = d.why;
      }
    }
    for (const entry of d.snd ?? []) {
      const arrow: MessageArrow = {
        ...sentInfo(entry),
        sentStep: d.s,
        endStep: null,
        outcome: "in-flight",
        duplicate: d.k === "duplicate",
      };
      byId.set(arrow.id, arrow);
      arrows.push(arrow);
    }
  }
  return arrows;
}

export interface DownInterval {
  component: string;
  from: number;
  /** Step of the recovery, or null when it is still down at the end of the window. */
  to: number | null;
}

export function downIntervals(deltas: TraceDelta[]): DownInterval[] {
  const open = new Map<string, DownInterval>();
  const out: DownInterval[] = [];
  for (const d of deltas) {
    if (d.k === "crash" && !open.has(d.a)) {
      const interval = { component: d.a, from: d.s, to: null };
      open.set(d.a, interval);
      out.push(interval);
    } else if (d.k === "recover") {
      const interval = open.get(d.a);
      if (interval) {
        interval.to = d.s;
        open.delete(d.a);
      }
    }
  }
  return out;
}

/** Does the step concern this component: it acted, or a message it sent or gets was involved? */
export function involves(d: TraceDelta, component: string, messages: Map<number, MessageInfo>): boolean {
  if (d.a === component) return true;
  if (d.m !== undefined) {
    const m = messages.get(d.m);
    if (m && (m.from === component || m.to === component)) return true;
  }
  return (d.snd ?? []).some((e) => e[1] === component || e[2] === component);
}

/** A step in words, for the step list and the slider's caption. */
export function describeDelta(d: TraceDelta, messages: Map<number, MessageInfo> = new Map()): string {
  const m = d.m !== undefined ? messages.get(d.m) : undefined;
  const what = m ? `${m.type} ${m.from} → ${m.to}` : d.m !== undefined ? `message #${d.m}` : "";
  const sent = (d.snd ?? []).map((e) => `${e[3]} → ${e[2]}`);
  const sends = sent.length ? `; sends ${sent.join(", ")}` : "";
  switch (d.k) {
    case "start":
      return `${d.a} starts${sends}`;
    case "receive":
      return `${d.a} receives ${m ? `${m.type} from ${m.from}` : what}${sends}`;
    case "timer": {
      const fired = Object.entries(d.tm ?? {}).find(([, at]) => at === null)?.[0];
      return `${d.a}: timer${fired ? ` ${fired}` : ""} fires${sends}`;
    }
    case "drop":
      return `network drops ${what}${d.why ? ` (${d.why})` : ""}`;
    case "duplicate":
      return `network duplicates ${what}`;
    case "crash":
      return `${d.a} crashes`;
    case "recover":
      return `${d.a} recovers${sends}`;
    default:
      return `${d.a}: ${d.k}${sends}`;
  }
}

/** Message id → what it was, from every send in the window. */
export function messageIndex(deltas: TraceDelta[]): Map<number, MessageInfo> {
  const index = new Map<number, MessageInfo>();
  for (const d of deltas) for (const e of d.snd ?? []) index.set(e[0], sentInfo(e));
  return index;
}

interface SnapshotLine {
  g: { components: Record<string, { up: boolean }>; inflight: Record<string, [string, string, string, unknown, number]> };
  snap: number;
}

/**
 * The header and the per-step deltas of `holarchy-trace/v1` lines. Two things
 * a counterexample's lines only say through their snapshots are made
 * explicit: the messages already in flight in the initial state (as sends at
 * step 0), and which components a crash or recovery by the "environment" took
 * down or brought back (one delta per component, so each lands on its lane;
 * a simulated one names them in `c`).
 */
export function parseTraceLines(lines: string[]): { components: string[]; deltas: TraceDelta[] } {
  let components: string[] = [];
  const deltas: TraceDelta[] = [];
  let previous: SnapshotLine | undefined;
  let pending: TraceDelta | undefined;
  lines.forEach((line, i) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    if (i === 0 && record.format) {
      components = (record.components as string[]) ?? [];
      return;
    }
    if ("g" in record) {
      const snapshot = record as unknown as SnapshotLine;
      if (!previous && snapshot.snap === 0) {
        const inflight = Object.entries(snapshot.g.inflight ?? {});
        if (inflight.length) {
          const snd = inflight.map(([id, [from, to, type, payload, at]]) => [Number(id), from, to, type, payload, at] as SentEntry);
          deltas.push({ s: 0, t: 0, a: "network", k: "initial", snd });
        }
      }
      if (pending && previous) {
        const changed = Object.entries(snapshot.g.components).filter(([id, c]) => previous!.g.components[id]?.up !== c.up);
        if (changed.length) {
          const index = deltas.indexOf(pending);
          deltas.splice(index, 1, ...changed.map(([id]) => ({ ...pending!, a: id })));
        }
      }
      pending = undefined;
      previous = snapshot;
      return;
    }
    if (typeof record.s === "number" && typeof record.k === "string") {
      const delta = record as unknown as TraceDelta;
      if (delta.c) {
        // A simulated holon crash names the components it took down or brought back.
        deltas.push(...delta.c.map((id) => ({ ...delta, a: id })));
        return;
      }
      deltas.push(delta);
      if ((delta.k === "crash" || delta.k === "recover") && !components.includes(delta.a)) pending = delta;
    }
  });
  return { components, deltas };
}
