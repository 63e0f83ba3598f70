import { describe, expect, it } from "vitest";
import { minimapBars, stepAt, violationMarks } from "./minimap";

describe("minimap", () => {
  it("lays chunks out over the strip and snaps a click to a nearby violation", () => {
    const bars = minimapBars([[0, 999, 1, 0, 3, 0, 12], [1000, 1999, 0, 0, 0, 0, null]], 1999, 200);
    expect(bars.map((b) => [Math.round(b.x), Math.round(b.width), b.first])).toEqual([[0, 100, 12], [100, 100, null]]);
    const marks = violationMarks([{ name: "p", kind: "always", status: "violated", step: 500, violation_steps: [500, 3000] }], 1999, 200);
    expect(marks.map((m) => m.step)).toEqual([500]); // a violation past the stored steps is not drawn
    expect(stepAt(marks[0].x + 4, 1999, 200, marks)).toBe(500);
    expect(stepAt(150, 1999, 200, marks)).toBe(1499);
  });
});
