/**
 * Reviews: reviews of model versions, threads anchored on what they discuss, comments, decisions,
 * notifications and the activity feed. The client functions and their TanStack Query hooks.
 */

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { components } from "./schema";
import { createHttp } from "./http";
import { useInvalidatingMutation } from "./queries";
import type { Paginated } from "./types-extra";

type S = components["schemas"];
export type Review = S["Review"];
export type ReviewStatus = S["ReviewStatusEnum"];
export type Thread = Omit<S["Thread"], "resolved_by"> & { resolved_by: string | null };
export type Comment = S["Comment"];
export type Decision = S["Decision"];
export type Verdict = S["VerdictEnum"];
export type Notification = S["Notification"];
export type Activity = S["Activity"];
export type AnchorKind = S["AnchorKindEnum"];
/** Where a new thread is anchored: its kind and the fields that name the thing (see holarchy/reviews/anchors.py). */
export type Anchor = Omit<S["ThreadRequest"], "review" | "body">;
export interface NewReview {
  version: number;
  title: string;
  description?: string;
  reviewers?: string[];
}
export interface NewDecision {
  review: number;
  verdict: Verdict;
  comment?: string;
  runs?: string[];
  studies?: string[];
}

const http = createHttp();

export const reviewsApi = {
  list: (query: { model?: number; version?: number; status?: ReviewStatus }) =>
    http<Paginated<Review>>("GET", "/api/reviews/", { query: { ...query, limit: 200 } }),
  get: (id: number) => http<Review>("GET", `/api/reviews/${id}/`),
  open: (body: NewReview) => http<Review>("POST", "/api/reviews/", { body }),
  edit: (id: number, body: Partial<NewReview>) => http<Review>("PATCH", `/api/reviews/${id}/`, { body }),
  close: (id: number) => http<Review>("POST", `/api/reviews/${id}/close/`),
  reopen: (id: number) => http<Review>("POST", `/api/reviews/${id}/reopen/`),
  threads: (review: number) => http<Paginated<Thread>>("GET", "/api/threads/", { query: { review, limit: 500 } }),
  openThread: (review: number, anchor: Anchor, body: string) =>
    http<Thread>("POST", "/api/threads/", { body: { review, body, ...anchor } }),
  resolve: (thread: number) => http<Thread>("POST", `/api/threads/${thread}/resolve/`),
  reopenThread: (thread: number) => http<Thread>("POST", `/api/threads/${thread}/reopen/`),
  reply: (thread: number, body: string, reply_to?: number) =>
    http<Comment>("POST", "/api/comments/", { body: { thread, body, reply_to: reply_to ?? null } }),
  decide: (body: NewDecision) => http<Decision>("POST", "/api/decisions/", { body }),
  notifications: () => http<Paginated<Notification>>("GET", "/api/notifications/", { query: { limit: 50 } }),
  unread: () => http<Paginated<Notification>>("GET", "/api/notifications/", { query: { unread: "true", limit: 1 } }),
  markRead: (id: number) => http<Notification>("POST", `/api/notifications/${id}/read/`),
  markAllRead: () => http<{ marked: number }>("POST", "/api/notifications/read-all/"),
  activity: (scope: { model?: number; workspace?: number }, offset: number, limit: number) =>
    http<Paginated<Activity>>("GET", "/api/activity/", { query: { ...scope, offset, limit } }),
};

export const reviewKeys = {
  all: ["reviews"] as const,
  list: (model: number) => ["reviews", "list", model] as const,
  review: (id: number) => ["reviews", "one", id] as const,
  threads: (review: number) => ["reviews", "threads", review] as const,
  notifications: ["notifications"] as const,
  unread: ["notifications", "unread"] as const,
  activity: (scope: object, offset: number) => ["activity", scope, offset] as const,
};

export function useReviews(model: number) {
  return useQuery({ queryKey: reviewKeys.list(model), queryFn: () => reviewsApi.list({ model }), select: (p) => p.results });
}

export function useReview(id: number) {
  return useQuery({ queryKey: reviewKeys.review(id), queryFn: () => reviewsApi.get(id), enabled: id > 0 });
}

export function useThreads(review: number) {
  return useQuery({ queryKey: reviewKeys.threads(review), queryFn: () => reviewsApi.threads(review), select: (p) => p.results });
}

/** Every review write changes the review, its threads, the model's and versions' status, and the feed. */
const REVIEW_WRITE_TOUCHES = [reviewKeys.all, ["activity"], ["versions"], ["models"], ["model"]];
const useReviewWrite = <T, R>(mutationFn: (arg: T) => Promise<R>) => useInvalidatingMutation(mutationFn, REVIEW_WRITE_TOUCHES);

export const useOpenReview = () => useReviewWrite(reviewsApi.open);
export const useCloseReview = () => useReviewWrite(reviewsApi.close);
export const useReopenReview = () => useReviewWrite(reviewsApi.reopen);
export const useOpenThread = () =>
  useReviewWrite(({ review, anchor, body }: { review: number; anchor: Anchor; body: string }) =>
    reviewsApi.openThread(review, anchor, body),
  );
export const useReply = () =>
  useReviewWrite(({ thread, body, replyTo }: { thread: number; body: string; replyTo?: number }) =>
    reviewsApi.reply(thread, body, replyTo),
  );
export const useResolveThread = () =>
  useReviewWrite(({ thread, resolved }: { thread: number; resolved: boolean }) =>
    resolved ? reviewsApi.resolve(thread) : reviewsApi.reopenThread(thread),
  );
export const useDecide = () => useReviewWrite(reviewsApi.decide);

/** The caller's notifications; the unread count is polled so that the badge notices a mention. */
export function useUnreadCount() {
  return useQuery({ queryKey: reviewKeys.unread, queryFn: reviewsApi.unread, select: (p) => p.count, refetchInterval: 15_000 });
}

export function useNotifications(enabled: boolean) {
  return useQuery({ queryKey: reviewKeys.notifications, queryFn: reviewsApi.notifications, enabled, select: (p) => p.results });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: number | "all"): Promise<void> => {
      await (id === "all" ? reviewsApi.markAllRead() : reviewsApi.markRead(id));
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: reviewKeys.notifications }),
  });
}

export function useActivity(scope: { model?: number; workspace?: number }, offset: number, limit: number) {
  return useQuery({
    queryKey: reviewKeys.activity(scope, offset),
    queryFn: () => reviewsApi.activity(scope, offset, limit),
    enabled: !!(scope.model || scope.workspace),
  });
}

export const STATUS_LABEL: Record<ReviewStatus, string> = {
  open: "in review",
  changes_requested: "changes requested",
  approved: "approved",
  closed: "closed",
};

/** Where a thread's anchor is seen: a run's viewer at the step, a study, a holon in the structure view. */
export function anchorHref(model: number, thread: Pick<Thread, "anchor_kind" | "run" | "step" | "study" | "holarchy" | "holon">) {
  switch (thread.anchor_kind) {
    case "run_step":
      return `/models/${model}/runs/${thread.run}?step=${thread.step ?? 0}`;
    case "study_cell":
      return `/models/${model}/studies/${thread.study}`;
    default:
      return undefined;
  }
}

