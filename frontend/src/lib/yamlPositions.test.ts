import { describe, expect, it } from "vitest";
import { placeIssues, syntaxIssues } from "./yamlPositions";

const TEXT = `format: holarchy/v1
name: Election
components:
  - id: n1
    behavior: leader_election.node
    params:
      peers: [n2, n9]
  - id: n2
    behavior: nope
slos:
  - name: up
    holarchy: physical
    holon: dc
`;

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("placeIssues", () => {
  it("puts a value's issue on its line and column", () => {
    const [issue] = placeIssues(TEXT, [{ path: "components/1/behavior", message: "unknown behavior" }]);
    expect(issue.line).toBe(lineOf(TEXT, "behavior: nope"));
    expect(issue.column).toBe("    behavior: ".length + 1);
    expect(TEXT.slice(issue.from, issue.to)).toBe("nope");
  });

  it("finds an item of a flow list", () => {
    const [issue] = placeIssues(TEXT, [{ path: "components/0/params/peers/1", message: "no component n9" }]);
    expect(issue.line).toBe(lineOf(TEXT, "peers:"));
    expect(TEXT.slice(issue.from, issue.to)).toBe("n9");
  });

  it("points a missing field at the item that lacks it", () => {
    const [issue] = placeIssues(TEXT, [{ path: "slos/0/window", message: "'window' is a required property" }]);
    expect(issue.line).toBe(lineOf(TEXT, "- name: up"));
  });

  it("places every issue at once, in the order given", () => {
    const placed = placeIssues(TEXT, [
      { path: "components/1/behavior", message: "a" },
      { path: "name", message: "b" },
      { path: "", message: "c" },
    ]);
    expect(placed.map((p) => p.line)).toEqual([9, 2, 1]);
  });

  it("marks a map on its first line only", () => {
    const [issue] = placeIssues(TEXT, [{ path: "components/0", message: "x" }]);
    expect(issue.line).toBe(4);
    expect(TEXT.slice(issue.from, issue.to)).not.toContain("\n");
  });

  it("points an empty value at its key", () => {
    const text = "format: holarchy/v1\nname:\ncomponents: []\n";
    const [issue] = placeIssues(text, [{ path: "name", message: "must be a string" }]);
    expect(issue.line).toBe(2);
    expect(text.slice(issue.from, issue.to)).toBe("name");
  });
});

describe("syntaxIssues", () => {
  it("reports a YAML syntax error with its line", () => {
    const text = "format: holarchy/v1\nname: [unclosed\ncomponents: []\n";
    const issues = syntaxIssues(text);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].line).toBeGreaterThanOrEqual(2);
  });

  it("finds nothing in valid YAML", () => {
    expect(syntaxIssues(TEXT)).toEqual([]);
  });
});
