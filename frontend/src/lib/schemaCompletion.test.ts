import { describe, expect, it } from "vitest";
import schema from "../../../simulations/engine/schema/model.schema.json";
import { placeAt, suggestions } from "./schemaCompletion";

const at = (text: string) => placeAt(text, text.length);
const labels = (text: string) => suggestions(schema as Record<string, unknown>, at(text)).map((s) => s.label);

describe("placeAt", () => {
  it("reads the path from the indentation", () => {
    const text = "components:\n  - id: n1\n    behavior: x\n    ";
    expect(at(text)).toEqual({ path: ["components", "*"], valueOf: undefined, word: "" });
  });
  it("knows a value is being typed after a key", () => {
    const text = "components:\n  - id: n1\n    state: dur";
    expect(at(text)).toEqual({ path: ["components", "*"], valueOf: "state", word: "dur" });
  });
  it("reads nested lists and maps", () => {
    const text = "holarchies:\n  - name: physical\n    root:\n      id: dc\n      children:\n        - id: a\n          ";
    expect(at(text).path).toEqual(["holarchies", "*", "root", "children", "*"]);
  });
});

describe("suggestions", () => {
  it("offers the top-level sections at the root", () => {
    expect(labels("format: holarchy/v1\n")).toEqual(expect.arrayContaining(["components", "links", "holarchies", "slos", "scenarios"]));
  });
  it("offers a component's fields in a component", () => {
    expect(labels("components:\n  - id: n1\n    ")).toEqual(["id", "behavior", "params", "state"]);
  });
  it("offers the values of an enum", () => {
    expect(labels("components:\n  - id: n1\n    state: ")).toEqual(["durable", "volatile"]);
    expect(labels("slos:\n  - name: x\n    sli: ")).toEqual(["availability", "latency"]);
  });
  it("offers the fields of a link", () => {
    expect(labels("links:\n  - from: a\n    ")).toEqual(expect.arrayContaining(["to", "loss", "reorder", "delay"]));
  });
});
