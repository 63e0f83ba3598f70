import { describe, expect, it } from "vitest";
import type { TraceDelta } from "../api/types-extra";
import {
  NOTABLE_KINDS,
  parseTraceLines,
  clampStep,
  describeDelta,
  downIntervals,
  involves,
  isProducing,
  producingPoll,
  traceReady,
  messageArrows,
  messageIndex,
  seekStep,
} from "./trace";
import { laneTraffic, laneTree, lanesInView, visibleLanes } from "./spacetime";

// a asks b twice; the network duplicates and drops; b crashes and recovers; c's vote stays in flight.
const deltas: TraceDelta[] = [
  { s: 1, t: 0, a: "a", k: "start", snd: [[1, "a", "b", "prepare", {}, 2]] },
  { s: 2, t: 1, a: "network", k: "duplicate", m: 1, snd: [[2, "a", "b", "prepare", {}, 3]] },
  { s: 3, t: 2, a: "b", k: "receive", m: 1, st: { voted: true } },
  { s: 4, t: 2, a: "network", k: "drop", m: 2, why: "loss" },
  { s: 5, t: 3, a: "b", k: "crash", up: false },
  { s: 6, t: 4, a: "c", k: "timer", tm: { vote: null }, snd: [[3, "c", "a", "vote", {}, 9]] },
  { s: 7, t: 9, a: "b", k: "recover", up: true },
  { s: 8, t: 9, a: "c", k: "crash", up: false },
];

describe("stepping", () => {
  it("clamps to the trace", () => {
    expect(clampStep(-3, 8)).toBe(0);
    expect(clampStep(99, 8)).toBe(8);
    expect(clampStep(2.6, 8)).toBe(3);
    expect(clampStep(5, 0)).toBe(0);
    expect(clampStep(Number.NaN, 8)).toBe(0);
  });
  it("seeks the next and previous notable step", () => {
    const notable = (d: TraceDelta) => NOTABLE_KINDS.has(d.k);
    expect(seekStep(deltas, 0, 1, notable)).toBe(2);
    expect(seekStep(deltas, 5, 1, notable)).toBe(7);
    expect(seekStep(deltas, 5, -1, notable)).toBe(4);
    expect(seekStep(deltas, 8, 1, notable)).toBe(8);
  });
  it("knows which steps concern a component", () => {
    const index = messageIndex(deltas);
    expect(deltas.filter((d) => involves(d, "c", index)).map((d) => d.s)).toEqual([6, 8]);
    expect(deltas.filter((d) => involves(d, "b", index)).map((d) => d.s)).toEqual([1, 2, 3, 4, 5, 7]);
  });
  it("describes steps in words", () => {
    const index = messageIndex(deltas);
    expect(describeDelta(deltas[0], index)).toBe("a starts; sends prepare → b");
    expect(describeDelta(deltas[2], index)).toBe("b receives prepare from a");
    expect(describeDelta(deltas[3], index)).toBe("network drops prepare a → b (loss)");
    expect(describeDelta(deltas[5], index)).toBe("c: timer vote fires; sends vote → a");
    expect(describeDelta(deltas[4])).toBe("b crashes");
  });
});

describe("space-time pieces", () => {
  it("pairs each send with its delivery or drop, duplicates included", () => {
    const arrows = messageArrows(deltas);
    expect(arrows.map((a) => [a.id, a.sentStep, a.endStep, a.outcome, a.duplicate])).toEqual([
      [1, 1, 3, "delivered", false],
      [2, 2, 4, "dropped", true],
      [3, 6, null, "in-flight", false],
    ]);
    expect(arrows[1].why).toBe("loss");
  });
  it("finds down intervals, open-ended for a crash without recovery", () => {
    expect(downIntervals(deltas)).toEqual([
      { component: "b", from: 5, to: 7 },
      { component: "c", from: 8, to: null },
    ]);
  });
  it("draws messages between holon lanes and counts those inside a lane", () => {
    const holarchy = { name: "h", root: { id: "all", children: [{ id: "left", components: ["a"] }, { id: "right", components: ["b", "c"] }] } };
    const tree = laneTree(holarchy, ["a", "b", "c"]);
    const clusters = visibleLanes(tree, 1, new Set());
    expect(clusters.map((l) => l.id)).toEqual(["left", "right"]);
    const traffic = laneTraffic(deltas, clusters);
    expect(traffic.arrows.map((a) => [a.id, a.fromLane, a.toLane])).toEqual([[1, 0, 1], [2, 0, 1], [3, 1, 0]]);
    expect(traffic.internal).toEqual([0, 0]);
    expect(traffic.down.map((d) => d.lane)).toEqual([1, 1]);
    const expanded = visibleLanes(tree, 1, new Set(["right"]));
    expect(expanded.map((l) => l.id)).toEqual(["left", "b", "c"]);
    expect(visibleLanes(tree, 0, new Set()).map((l) => l.id)).toEqual(["all"]);
    expect(laneTraffic(deltas, visibleLanes(tree, 0, new Set())).arrows).toEqual([]); // all of it is inside the root
  });
  it("draws only the lanes in view", () => {
    expect(lanesInView(1000, 280, 140, 28)).toEqual({ first: 9, last: 16 });
    expect(lanesInView(3, 0, 500, 28)).toEqual({ first: 0, last: 2 });
  });
});

import { windowAround } from "./window";

describe("windowAround", () => {
  it("pages steps in fixed windows starting at 1", () => {
    expect(windowAround(0, 1000, 300)).toEqual({ from: 1, to: 300 });
    expect(windowAround(300, 1000, 300)).toEqual({ from: 1, to: 300 });
    expect(windowAround(301, 1000, 300)).toEqual({ from: 301, to: 600 });
    expect(windowAround(999, 1000, 300)).toEqual({ from: 901, to: 1000 });
    expect(windowAround(5000, 1000, 300)).toEqual({ from: 901, to: 1000 });
    expect(windowAround(0, 0)).toEqual({ from: 1, to: 1 });
  });
});

describe("parseTraceLines", () => {
  const snap = (snap: number, up: Record<string, boolean>, inflight = {}) =>
    JSON.stringify({ g: { components: Object.fromEntries(Object.entries(up).map(([id, u]) => [id, { up: u, state: {}, timers: {} }])), inflight }, snap, v: {} });
  it("reads the header's components and the deltas, skipping snapshots", () => {
    const lines = [
      JSON.stringify({ format: "holarchy-trace/v1", components: ["a", "b"] }),
      snap(0, { a: true, b: true }),
      JSON.stringify(deltas[0]),
      snap(1, { a: true, b: true }),
      JSON.stringify(deltas[1]),
    ];
    const parsed = parseTraceLines(lines);
    expect(parsed.components).toEqual(["a", "b"]);
    expect(parsed.deltas.map((d) => d.s)).toEqual([1, 2]);
  });
  it("turns messages in the initial state into sends at step 0", () => {
    const lines = [
      JSON.stringify({ format: "holarchy-trace/v1", components: ["a", "b"] }),
      snap(0, { a: true, b: true }, { "1": ["a", "b", "prepare", {}, 0] }),
      JSON.stringify({ s: 1, t: 1, a: "b", k: "receive", m: 1 }),
      snap(1, { a: true, b: true }),
    ];
    const arrows = messageArrows(parseTraceLines(lines).deltas);
    expect(arrows).toHaveLength(1);
    expect([arrows[0].sentStep, arrows[0].endStep, arrows[0].from]).toEqual([0, 1, "a"]);
  });
  it("puts an environment crash on the lanes of the components it took down", () => {
    const lines = [
      JSON.stringify({ format: "holarchy-trace/v1", components: ["a", "b", "c"] }),
      snap(0, { a: true, b: true, c: true }),
      JSON.stringify({ s: 1, t: 1, a: "environment", k: "crash" }),
      snap(1, { a: false, b: true, c: false }),
    ];
    const parsed = parseTraceLines(lines);
    expect(parsed.deltas.map((d) => [d.a, d.k])).toEqual([
      ["a", "crash"],
      ["c", "crash"],
    ]);
    expect(downIntervals(parsed.deltas).map((d) => d.component)).toEqual(["a", "c"]);
  });
  it("puts a simulated holon crash on the lanes it names, without a snapshot", () => {
    const lines = [
      JSON.stringify({ format: "holarchy-trace/v1", components: ["a", "b", "c"] }),
      snap(0, { a: true, b: true, c: true }),
      JSON.stringify({ s: 1, t: 5, a: "environment", k: "crash", c: ["b", "c"] }),
      JSON.stringify({ s: 2, t: 7, a: "environment", k: "recover", c: ["b", "c"] }),
    ];
    const intervals = downIntervals(parseTraceLines(lines).deltas);
    expect(intervals.map((d) => [d.component, d.from, d.to])).toEqual([
      ["b", 1, 2],
      ["c", 1, 2],
    ]);
  });
});

describe("a trace being produced", () => {
  const producing = { status: "producing" as const, detail: "being produced" };
  const ready = { step: 3, last_step: 9, header: { format: "holarchy-trace/v1", model: "m", seed: 1, scenario: null,
    until: 10, view_history: 16, components: ["a"] } };

  it("is told apart from a step's answer, and asked for again until it is there", () => {
    expect(isProducing(producing)).toBe(true);
    expect(isProducing(ready)).toBe(false);
    expect(isProducing(undefined)).toBe(false);
    expect(traceReady(producing)).toBeUndefined();
    expect(traceReady(ready)).toBe(ready);
    expect(producingPoll(producing)).toBe(2000);
    expect(producingPoll(ready)).toBe(false);
  });
});
