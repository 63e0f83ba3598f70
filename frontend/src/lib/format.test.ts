import { describe, expect, it } from "vitest";
import { formatDuration, plural } from "./format";

describe("plural", () => {
  it("agrees with the count", () => {
    expect(plural(1, "link")).toBe("1 link");
    expect(plural(0, "link")).toBe("0 links");
    expect(plural(2, "holarchy", "holarchies")).toBe("2 holarchies");
    expect(plural(undefined, "model")).toBe("0 models");
  });
});

describe("formatDuration", () => {
  it("picks the units a person reads at a glance", () => {
    expect(formatDuration(0.4)).toBe("0 s");
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(120)).toBe("2 min");
    expect(formatDuration(200)).toBe("3 min 20 s");
    expect(formatDuration(7500)).toBe("2 h 5 min");
    expect(formatDuration(-3)).toBe("0 s");
  });
});
