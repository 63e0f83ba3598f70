/**
 * Editing the draft beyond its structure: a component's or holarchy's fields,
 * the document sections (behaviors, properties, SLOs, scenarios), the whole
 * document at once (the YAML editor, restoring a version), undo and redo,
 * and what the page says about the draft: unsaved changes, a teammate's edit.
 */

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, type ComponentChanges, type DraftSections, type HolarchyChanges } from "./client";
import { draftSession, fingerprint, sessionChanged, useDraftSessions } from "./draftHistory";
import type { ModelDocument } from "./modelDocument";
import { currentDocument, EVERY_PART, keys, refreshDraft, useDraftDocument, useDraftMutation, useVersion, useVersions } from "./queries";

/** How often an open model page asks whether the draft changed under it. */
export const DRAFT_POLL_MS = 3000;

export function useComponentEdit(model: number) {
  return useDraftMutation(model, ({ id, ...body }: { id: number } & ComponentChanges) => api.components.update(id, body), [
    "components",
    "links",
    "zoom",
  ]);
}

export function useHolarchyEdit(model: number) {
  return useDraftMutation(model, ({ id, ...body }: { id: number } & HolarchyChanges) => api.holarchies.update(id, body), ["holarchies"]);
}

export function useCreateModel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ workspace, name }: { workspace: number; name: string }) => api.models.create(workspace, name),
    onSuccess: (model) => {
      void client.invalidateQueries({ queryKey: keys.models(model.workspace) });
      void client.invalidateQueries({ queryKey: ["workspaces"] });
    },
  });
}

/** Replace whole sections of the document (`{slos: [...]}` replaces every SLO). */
export function useSectionsEdit(model: number) {
  const client = useQueryClient();
  return useDraftMutation(
    model,
    async (sections: DraftSections) => {
      const answer = await api.models.update(model, { sections });
      client.setQueryData(keys.model(model), answer);
      return answer;
    },
    [],
  );
}

/** Replace the whole draft by a document (YAML text or object): one atomic, undoable edit. */
export function useReplaceDraft(model: number) {
  return useDraftMutation(model, (document: string | ModelDocument) => api.models.replace(model, document), EVERY_PART);
}

/** Put a saved version's document back into the draft. */
export function useRestoreVersion(model: number) {
  return useDraftMutation(
    model,
    async (version: number) => api.models.replace(model, (await api.versions.get(version)).document),
    EVERY_PART,
  );
}

/** Undo and redo of this tab's own edits of the draft, each a whole-document replace. */
export function useDraftHistory(model: number) {
  useDraftSessions();
  const client = useQueryClient();
  const session = draftSession(model);
  const step = useMutation({
    mutationFn: async (direction: "undo" | "redo") => {
      session.pending++;
      sessionChanged();
      try {
        const current = await currentDocument(client, model);
        const target = direction === "undo" ? session.history.undo(current) : session.history.redo(current);
        if (!target) return;
        try {
          await api.models.replace(model, target);
        } catch (error) {
          if (direction === "undo") session.history.revertUndo(target);
          else session.history.revertRedo(target);
          throw error;
        }
        await refreshDraft(client, model, EVERY_PART);
      } finally {
        session.pending--;
        sessionChanged();
      }
    },
  });
  return {
    canUndo: session.history.canUndo && !step.isPending,
    canRedo: session.history.canRedo && !step.isPending,
    depth: session.history.size,
    undo: () => step.mutate("undo"),
    redo: () => step.mutate("redo"),
    busy: step.isPending || session.pending > 0,
    error: step.error,
  };
}

/**
 * Whether someone else changed the draft since this tab last loaded it or
 * edited it: the draft is asked for every few seconds and compared with the
 * one our own edits left. `reload` takes the teammate's draft as ours.
 */
export function useTeammateChange(model: number) {
  useDraftSessions();
  const client = useQueryClient();
  const document = useQuery({
    queryKey: keys.document(model),
    queryFn: () => api.models.exportDocument(model),
    refetchInterval: DRAFT_POLL_MS,
  });
  const session = draftSession(model);
  const seen = document.data ? fingerprint(document.data) : null;
  if (seen !== null && session.own === null) session.own = seen;
  const changed = seen !== null && session.pending === 0 && session.own !== seen;
  const [reloading, setReloading] = useState(false);
  const reload = async () => {
    setReloading(true);
    try {
      // The teammate's draft is not ours to undo into: our history no longer applies to it.
      session.history.clear();
      await client.invalidateQueries({ queryKey: keys.draft(model) });
      await client.invalidateQueries({ queryKey: keys.model(model) });
      await refreshDraft(client, model, []);
    } finally {
      setReloading(false);
      sessionChanged();
    }
  };
  return { changed, reload, reloading };
}

/** Whether the draft differs from its latest saved version (undefined while either is loading). */
export function useUnsavedChanges(model: number): boolean | undefined {
  const draft = useDraftDocument(model);
  const versions = useVersions(model);
  const latest = useVersion(versions.data?.[0]?.id);
  if (!draft.data || !versions.data) return undefined;
  if (versions.data.length === 0) return true;
  if (!latest.data) return undefined;
  return fingerprint(draft.data) !== fingerprint(latest.data.document);
}
