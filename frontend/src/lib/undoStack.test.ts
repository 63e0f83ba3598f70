import { describe, expect, it } from "vitest";
import { UndoStack } from "./undoStack";

describe("UndoStack", () => {
  it("undoes and redoes edits in order", () => {
    const stack = new UndoStack<number>();
    let state = 0;
    for (let i = 1; i <= 3; i++) {
      stack.record(state);
      state = i;
    }
    state = stack.undo(state)!;
    expect(state).toBe(2);
    state = stack.undo(state)!;
    expect(state).toBe(1);
    state = stack.redo(state)!;
    expect(state).toBe(2);
    expect(stack.size).toEqual({ undo: 2, redo: 1 });
  });

  it("keeps at least 50 edits and drops the oldest beyond its depth", () => {
    const stack = new UndoStack<number>(60);
    let state = 0;
    for (let i = 1; i <= 70; i++) {
      stack.record(state);
      state = i;
    }
    let undone = 0;
    while (stack.canUndo) {
      state = stack.undo(state)!;
      undone++;
    }
    expect(undone).toBe(60);
    expect(state).toBe(10);
  });

  it("forgets the redo branch after a new edit", () => {
    const stack = new UndoStack<string>();
    stack.record("a");
    const back = stack.undo("b");
    expect(back).toBe("a");
    expect(stack.canRedo).toBe(true);
    stack.record("a");
    expect(stack.canRedo).toBe(false);
    expect(stack.redo("c")).toBeUndefined();
  });

  it("puts a failed undo back", () => {
    const stack = new UndoStack<string>();
    stack.record("a");
    const previous = stack.undo("b")!;
    stack.revertUndo(previous);
    expect(stack.size).toEqual({ undo: 1, redo: 0 });
    expect(stack.undo("b")).toBe("a");
  });

  it("has nothing to undo when empty", () => {
    const stack = new UndoStack<number>();
    expect(stack.undo(1)).toBeUndefined();
    expect(stack.size).toEqual({ undo: 0, redo: 0 });
  });
});
