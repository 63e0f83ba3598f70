import { describe, expect, it } from "vitest";
import { PAGE, filterChoices, moveActive, type Choice } from "./picker";

const choices: Choice[] = ["m10", "m1", "rack-m1", "cluster-a", "M100"].map((v) => ({ value: v, label: v }));

describe("filterChoices", () => {
  it("keeps every choice in order when nothing is typed", () => {
    expect(filterChoices(choices, "  ").map((c) => c.value)).toEqual(["m10", "m1", "rack-m1", "cluster-a", "M100"]);
  });
  it("ranks the exact match, then prefixes, then the rest containing the text, ignoring case", () => {
    expect(filterChoices(choices, "M1").map((c) => c.value)).toEqual(["m1", "m10", "M100", "rack-m1"]);
  });
  it("searches the stored value as well as the label", () => {
    const named = [{ value: "42", label: "n1 (primary)" }, { value: "43", label: "n2" }];
    expect(filterChoices(named, "prim").map((c) => c.value)).toEqual(["42"]);
    expect(filterChoices(named, "43").map((c) => c.label)).toEqual(["n2"]);
  });
  it("finds nothing when nothing matches", () => {
    expect(filterChoices(choices, "zzz")).toEqual([]);
  });
  it("filters ten thousand choices quickly", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ value: `h${i}`, label: `holon-${i}` }));
    const start = performance.now();
    const found = filterChoices(many, "holon-999");
    expect(found.map((c) => c.value)).toEqual(["h999", "h9990", "h9991", "h9992", "h9993", "h9994", "h9995", "h9996", "h9997", "h9998", "h9999"]);
    expect(performance.now() - start).toBeLessThan(50);
  });
});

describe("moveActive", () => {
  it("moves down from no option to the first and stops at the last", () => {
    expect(moveActive("ArrowDown", -1, 3)).toBe(0);
    expect(moveActive("ArrowDown", 2, 3)).toBe(2);
  });
  it("moves up and stops at the first", () => {
    expect(moveActive("ArrowUp", 2, 3)).toBe(1);
    expect(moveActive("ArrowUp", 0, 3)).toBe(0);
  });
  it("pages by PAGE within the list", () => {
    expect(moveActive("PageDown", -1, 100)).toBe(PAGE);
    expect(moveActive("PageDown", 95, 100)).toBe(99);
    expect(moveActive("PageUp", 5, 100)).toBe(0);
  });
  it("leaves other keys and empty lists alone", () => {
    expect(moveActive("Home", 4, 10)).toBeNull();
    expect(moveActive("ArrowDown", -1, 0)).toBeNull();
  });
});
