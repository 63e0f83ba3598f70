import { describe, expect, it } from "vitest";
import { bracketProblem } from "./expressionSyntax";

describe("bracketProblem", () => {
  it("accepts balanced expressions, brackets inside strings included", () => {
    expect(bracketProblem("len([c for c in components if c.role == 'leader']) <= 1")).toBeNull();
    expect(bracketProblem("component['x)'].up")).toBeNull();
  });
  it("names the bracket left open", () => {
    expect(bracketProblem("len([c for c in components")).toBe("“[” at column 5 is not closed");
  });
  it("names a closing bracket without its opening one", () => {
    expect(bracketProblem("a == b)")).toBe("unexpected “)” at column 7");
    expect(bracketProblem("(a]")).toBe("unexpected “]” at column 3");
  });
  it("finds a string left open", () => {
    expect(bracketProblem("c.role == 'leader")).toBe("a string opened with ' is not closed");
  });
});
