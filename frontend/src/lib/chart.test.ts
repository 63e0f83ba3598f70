import { describe, expect, it } from "vitest";
import { formatPercent, linePath, linearScale, niceDomain, niceStep, ticks } from "./chart";

describe("linearScale", () => {
  it("maps the domain onto the range, inverted y included", () => {
    const y = linearScale([0, 1], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(1)).toBe(0);
    expect(y(0.25)).toBe(150);
    expect(y.invert(150)).toBeCloseTo(0.25);
  });
  it("puts a zero-width domain in the middle", () => {
    expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
  });
});

describe("ticks", () => {
  it("chooses 1-2-5 steps", () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(1, 4)).toBe(0.2);
    expect(niceStep(7, 5)).toBe(1);
  });
  it("covers the span with round values", () => {
    expect(ticks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(0, 1, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(3, 3)).toEqual([3]);
  });
  it("extends a domain to round ends", () => {
    expect(niceDomain(3, 97)).toEqual([0, 100]);
    expect(niceDomain(0, 0)).toEqual([0, 1]);
  });
});

describe("linePath", () => {
  it("builds an SVG polyline", () => {
    expect(linePath([{ x: 0, y: 1 }, { x: 2.005, y: 3 }])).toBe("M0,1 L2.01,3");
  });
});

describe("formatPercent", () => {
  it("formats fractions and missing values", () => {
    expect(formatPercent(0.995)).toBe("99.5%");
    expect(formatPercent(undefined)).toBe("—");
  });
});
