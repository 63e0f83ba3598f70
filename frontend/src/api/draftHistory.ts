/**
 * What this browser tab knows about a model's draft beyond the server's
 * answers: the undo and redo stacks of its own edits, and the fingerprint of
 * the draft as its own last edit left it — so that a draft which changed
 * otherwise (a teammate) can be told apart from one we changed ourselves.
 * One session per model, kept for the tab's life (leaving the page and
 * coming back keeps the undo history).
 */

import { useSyncExternalStore } from "react";
import type { ModelDocument } from "./modelDocument";
import { UndoStack } from "../lib/undoStack";

export interface DraftSession {
  history: UndoStack<ModelDocument>;
  /** Fingerprint of the draft as we last saw it after our own edit or a reload; null before the first look. */
  own: string | null;
  /** Own edits in flight: while any is, a changed draft is ours. */
  pending: number;
}

const sessions = new Map<number, DraftSession>();
const listeners = new Set<() => void>();
let generation = 0;

export function draftSession(model: number): DraftSession {
  let session = sessions.get(model);
  if (!session) {
    session = { history: new UndoStack<ModelDocument>(), own: null, pending: 0 };
    sessions.set(model, session);
  }
  return session;
}

/** Tells the hooks reading sessions that one changed. */
export function sessionChanged(): void {
  generation++;
  for (const listener of listeners) listener();
}

/** Re-renders the caller whenever any draft session changes. */
export function useDraftSessions(): number {
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    () => generation,
  );
}

/** A fingerprint of a document that ignores key order (PostgreSQL's jsonb does not keep it). */
export function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
