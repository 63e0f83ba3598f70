import { describe, expect, it } from "vitest";
import type { ModelDocument } from "../api/modelDocument";
import { cutLinks, officeFloor } from "./office";

const doc: ModelDocument = {
  format: "holarchy/v1",
  name: "split",
  components: [
    { id: "n1", behavior: "node" },
    { id: "n2", behavior: "node" },
    { id: "store", behavior: "storage", state: "durable" },
  ],
  links: [
    { from: "n1", to: "n2", bidirectional: true },
    { from: "n1", to: "store", bidirectional: true },
    { from: "n2", to: "store", bidirectional: true },
  ],
  holarchies: [{ name: "physical", root: { id: "dc", children: [{ id: "a", components: ["n1"] }, { id: "b", components: ["n2"] }, { id: "s", components: ["store"] }] } }],
  scenarios: [{ name: "p", faults: [{ partition: { holarchy: "physical", sides: [["a"], ["b"]], from: 30, until: 150 } }, { crash: { component: "n2", kind: "transient", at: 1, duration: 1 } }] }],
};

describe("office floor", () => {
  it("cuts the tube between the partition's sides only while it lasts", () => {
    expect([...cutLinks(doc, "p", 40)].sort()).toEqual(["n1->n2", "n2->n1"]);
    expect(cutLinks(doc, "p", 150).size).toBe(0);
    expect(cutLinks(doc, null, 40).size).toBe(0);
  });

  it("draws a wing per holon, the person away and the volatile cabinet emptied while down", () => {
    const global = { time: 40, components: { n1: { up: true, state: {}, timers: {} }, n2: { up: false, state: {}, timers: {} }, store: { up: false, state: {}, timers: {} } }, inflight: { "7": ["n1", "store", "write", {}, 41] as [string, string, string, unknown, number] } };
    const floor = officeFloor(doc, global, null, { holarchy: "physical", scenario: "p" });
    expect(floor.wings.map((w) => w.id)).toEqual(["a", "b", "s"]);
    const rooms = new Map(floor.wings.flatMap((w) => w.rooms).map((r) => [r.id, r]));
    expect(rooms.get("n2")).toMatchObject({ present: false, absence: "transient", cabinet: "emptied" });
    expect(rooms.get("store")).toMatchObject({ present: false, absence: "down", cabinet: "kept" });
    expect(floor.tubes.filter((t) => t.cut).map((t) => `${t.from}-${t.to}`)).toEqual(["n1-n2"]);
    expect(floor.capsules.map((c) => c.id)).toEqual([7]);
  });
});
