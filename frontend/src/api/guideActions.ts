/**
 * Following a guide's "try this": on a model one may change, start the job it names on the latest version;
 * on a read-only example, first copy the example into one of one's workspaces (once per browser session:
 * the next try reuses the copy) and start the job there. Then open the page that shows the outcome.
 */

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, type SystemModel } from "./client";
import { useMe } from "./queries";
import { jobPath, jobRequest, settingsOf, type Guide, type TryThis } from "../lib/guide";

const COPY_KEY = (original: number, workspace: number) => `holarchy:copy-of:${original}:in:${workspace}`;

/** The workspaces the caller may copy into: those of teams where they own or edit. */
export function useWritableWorkspaces() {
  const me = useMe();
  const writable = new Set(
    (me.data?.memberships ?? []).filter((m) => m.role === "owner" || m.role === "editor").map((m) => m.team_id),
  );
  const all = useQuery({ queryKey: ["workspaces", "all"], queryFn: api.workspaces.all, select: (p) => p.results });
  return { ...all, data: all.data?.filter((w) => writable.has(w.team)) };
}

/** The caller's copy of ``original`` in ``workspace`` made earlier in this session, or a new one. */
async function copyOnce(original: number, workspace: number): Promise<SystemModel> {
  const known = sessionStorage.getItem(COPY_KEY(original, workspace));
  if (known) {
    try {
      const copy = await api.models.get(Number(known));
      if (copy.workspace === workspace) return copy;
    } catch {
      // deleted since: copy again
    }
  }
  const copy = await api.models.copy(original, workspace);
  sessionStorage.setItem(COPY_KEY(original, workspace), String(copy.id));
  return copy;
}

/** The id of the model's latest version, after changing the parameters ``settings`` names in its draft and
 * saving that as a new version (a parameter to change is changed in the model itself, the user's copy). */
async function versionWith(model: number, settings: Record<string, Record<string, unknown>>, why: string): Promise<number> {
  if (Object.keys(settings).length > 0) {
    const components = (await api.components.list(model)).results;
    for (const [key, params] of Object.entries(settings)) {
      const component = components.find((c) => c.key === key);
      if (!component) throw new Error(`This model has no component ${key} to change.`);
      await api.components.update(component.id, { params: { ...(component.params as object), ...params } });
    }
    return (await api.models.saveVersion(model, `guide: ${why}`)).id;
  }
  const versions = (await api.versions.list(model)).results;
  const latest = versions.reduce<(typeof versions)[number] | undefined>((a, v) => (!a || v.number > a.number ? v : a), undefined);
  if (!latest) throw new Error("This model has no version yet: save one to try it.");
  return latest.id;
}

export function useCopyModel() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: ({ model, workspace }: { model: number; workspace: number }) => copyOnce(model, workspace),
    onSuccess: (copy) => {
      void client.invalidateQueries({ queryKey: ["models", copy.workspace] });
      navigate(`/models/${copy.id}`);
    },
  });
}

/** Start what a "try this" names and open its outcome; ``copyInto``: the workspace a read-only example is
 * copied into first. */
export function useTryThis(model: SystemModel, guide: Guide, copyInto: number | undefined) {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (item: TryThis) => {
      const target = copyInto ? await copyOnce(model.id, copyInto) : model;
      const version = await versionWith(target.id, settingsOf(item.do), item.title);
      const { kind, body } = jobRequest(item.do, version);
      const job = await api[kind].create(body as never);
      void client.invalidateQueries({ queryKey: [kind] });
      return jobPath(kind, target.id, job.id, item.do, guide.view);
    },
    onSuccess: (path) => navigate(path),
  });
}
