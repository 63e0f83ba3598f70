import { describe, expect, it } from "vitest";
import { mentionAt } from "./MentionTextarea";
import { linkKeys } from "./StructureComments";

describe("mentionAt", () => {
  it("finds the word typed after an @ at the caret", () => {
    expect(mentionAt("hi @ol", 6)).toEqual({ start: 3, query: "ol" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionAt("(@rita", 6)).toEqual({ start: 1, query: "rita" });
  });
  it("is no mention in an e-mail address, after a space, or before the caret moved past it", () => {
    expect(mentionAt("bob@example", 11)).toBeNull();
    expect(mentionAt("@rita ", 6)).toBeNull();
    expect(mentionAt("hello", 5)).toBeNull();
  });
});

describe("linkKeys", () => {
  it("names links from->to as the version diff does, parallel ones numbered", () => {
    const links = [
      { source_key: "a", target_key: "b" },
      { source_key: "b", target_key: "a" },
      { source_key: "a", target_key: "b" },
    ];
    expect(linkKeys(links)).toEqual(["a->b", "b->a", "a->b#2"]);
  });
});
