import { describe, expect, it } from "vitest";
import { plural } from "./format";

describe("plural", () => {
  it("agrees with the count", () => {
    expect(plural(1, "link")).toBe("1 link");
    expect(plural(0, "link")).toBe("0 links");
    expect(plural(2, "holarchy", "holarchies")).toBe("2 holarchies");
    expect(plural(undefined, "model")).toBe("0 models");
  });
});
