/**
 * Undo and redo over whole snapshots: each edit pushes the state it replaced;
 * undo hands back the newest of those and keeps the state it leaves for redo.
 * Snapshots (not inverse operations) make every kind of edit undoable the
 * same way, the YAML editor's "apply" included.
 */

export const UNDO_DEPTH = 100;

export class UndoStack<T> {
  private past: T[] = [];
  private future: T[] = [];

  constructor(private readonly depth = UNDO_DEPTH) {}

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  get size(): { undo: number; redo: number } {
    return { undo: this.past.length, redo: this.future.length };
  }

  /** Records the state an edit is about to replace; a new edit forgets what could be redone. */
  record(before: T): void {
    this.past.push(before);
    if (this.past.length > this.depth) this.past.shift();
    this.future = [];
  }

  /** The state to go back to, given the current one (kept for redo); undefined when there is none. */
  undo(current: T): T | undefined {
    const previous = this.past.pop();
    if (previous !== undefined) this.future.push(current);
    return previous;
  }

  /** The state to go forward to, given the current one (kept for undo). */
  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next !== undefined) this.past.push(current);
    return next;
  }

  /** An undo or redo that could not be applied puts the stacks back as they were. */
  revertUndo(previous: T): void {
    this.future.pop();
    this.past.push(previous);
  }

  revertRedo(next: T): void {
    this.past.pop();
    this.future.push(next);
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}
