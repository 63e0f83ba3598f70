/**
 * Accounts: sign-up, password, members, invitations, API tokens, team limits and the audit log.
 * The client functions and their TanStack Query hooks, kept apart from the modeling ones in `queries.ts`.
 */

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { components } from "./schema";
import { createHttp } from "./http";
import { keys, useInvalidatingMutation, useMe, useWorkspace } from "./queries";
import type { Me } from "./client";
import type { Paginated } from "./types-extra";

type S = components["schemas"];
export type Member = S["Member"];
export type Invitation = S["Invitation"];
export type ApiToken = S["ApiToken"];
export type AuditEntry = S["AuditEntry"];
export type TeamLimits = S["TeamLimits"];
export type Accepted = S["Accepted"];
export type Role = S["RoleEnum"];
export type SignUp = S["SignUpRequest"];
export type Ability = "write" | "review" | "manage";
export const ROLES: Role[] = ["owner", "editor", "reviewer", "viewer"];
export const LIMIT_NAMES = ["max_active_jobs", "max_runs_per_sweep", "max_steps_per_run", "max_exploration_states"] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

const http = createHttp();

export const accountsApi = {
  signUp: (body: SignUp) => http<Me>("POST", "/api/auth/signup/", { body }),
  changePassword: (old_password: string, new_password: string) =>
    http<void>("POST", "/api/auth/password-change/", { body: { old_password, new_password } }),
  resetPassword: (email: string) => http<void>("POST", "/api/auth/password-reset/", { body: { email } }),
  members: (team: number) => http<Paginated<Member>>("GET", "/api/auth/members/", { query: { team, limit: 500 } }),
  changeRole: (id: number, role: Role) => http<Member>("PATCH", `/api/auth/members/${id}/`, { body: { role } }),
  removeMember: (id: number) => http<void>("DELETE", `/api/auth/members/${id}/`),
  invitations: (team: number) =>
    http<Paginated<Invitation>>("GET", "/api/auth/invitations/", { query: { team, limit: 100 } }),
  invite: (team: number, invitee: string, role: Role) =>
    http<Invitation>("POST", "/api/auth/invitations/", { body: { team, invitee, role } }),
  withdraw: (id: number) => http<void>("DELETE", `/api/auth/invitations/${id}/`),
  accept: (token: string) => http<Accepted>("POST", "/api/auth/invitations/accept/", { body: { token } }),
  tokens: () => http<Paginated<ApiToken>>("GET", "/api/auth/tokens/", { query: { limit: 100 } }),
  createToken: (name: string, days: number) => http<ApiToken>("POST", "/api/auth/tokens/", { body: { name, days } }),
  revokeToken: (id: number) => http<void>("DELETE", `/api/auth/tokens/${id}/`),
  limits: (team: number) => http<TeamLimits>("GET", `/api/auth/teams/${team}/limits/`),
  setLimits: (team: number, values: Partial<Record<LimitName, number | null>>) =>
    http<TeamLimits>("PATCH", `/api/auth/teams/${team}/limits/`, { body: values }),
  audit: (team: number) => http<Paginated<AuditEntry>>("GET", "/api/auth/audit/", { query: { team, limit: 100 } }),
};

const accountKeys = {
  members: (team: number) => ["members", team] as const,
  invitations: (team: number) => ["invitations", team] as const,
  tokens: ["tokens"] as const,
  limits: (team: number) => ["limits", team] as const,
  audit: (team: number) => ["audit", team] as const,
};

/** The caller's role in a team and, for each ability it lacks, the reason the server gives. */
export function useRole(team: number | undefined): { role: Role | undefined; cannot: Partial<Record<Ability, string>> } {
  const me = useMe();
  const membership = me.data?.memberships.find((m) => m.team_id === team);
  return { role: membership?.role, cannot: membership?.cannot ?? {} };
}

/** The same for the team a workspace belongs to. */
export function useRoleInWorkspace(workspace: number | undefined) {
  return useRole(useWorkspace(workspace).data?.team);
}

export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: accountsApi.signUp,
    onSuccess: (me) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" });
      client.setQueryData(keys.me, me);
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (p: { old: string; next: string }) => accountsApi.changePassword(p.old, p.next) });
}

export function useResetPassword() {
  return useMutation({ mutationFn: accountsApi.resetPassword });
}

export function useMembers(team: number | undefined) {
  return useQuery({
    queryKey: accountKeys.members(team ?? 0),
    queryFn: () => accountsApi.members(team!),
    enabled: !!team,
    select: (page) => page.results,
  });
}

/** Role changes and removals change what the caller may see: members, and "me" (their own role), are read again. */
const useTeamChange = <T, R>(team: number, mutationFn: (arg: T) => Promise<R>) =>
  useInvalidatingMutation(mutationFn, [accountKeys.members(team), accountKeys.invitations(team), keys.me]);

export const useChangeRole = (team: number) =>
  useTeamChange(team, ({ id, role }: { id: number; role: Role }) => accountsApi.changeRole(id, role));
export const useRemoveMember = (team: number) => useTeamChange(team, (id: number) => accountsApi.removeMember(id));
export const useInvite = (team: number) =>
  useTeamChange(team, ({ invitee, role }: { invitee: string; role: Role }) => accountsApi.invite(team, invitee, role));
export const useWithdrawInvitation = (team: number) => useTeamChange(team, (id: number) => accountsApi.withdraw(id));

export function useInvitations(team: number | undefined) {
  return useQuery({
    queryKey: accountKeys.invitations(team ?? 0),
    queryFn: () => accountsApi.invitations(team!),
    enabled: !!team,
    select: (page) => page.results,
  });
}

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: accountsApi.accept,
    // Settled only once the new membership is in the cache, so the "Open" link never leads to a stale team list.
    onSuccess: () =>
      Promise.all([
        client.refetchQueries({ queryKey: keys.me, type: "all" }),
        client.refetchQueries({ queryKey: keys.teams, type: "all" }),
      ]),
  });
}

export function useTokens() {
  return useQuery({ queryKey: accountKeys.tokens, queryFn: accountsApi.tokens, select: (page) => page.results });
}

export const useCreateToken = () =>
  useInvalidatingMutation(({ name, days }: { name: string; days: number }) => accountsApi.createToken(name, days), [accountKeys.tokens]);

export const useRevokeToken = () => useInvalidatingMutation(accountsApi.revokeToken, [accountKeys.tokens]);

export function useTeamLimits(team: number | undefined) {
  return useQuery({ queryKey: accountKeys.limits(team ?? 0), queryFn: () => accountsApi.limits(team!), enabled: !!team });
}

export function useSetTeamLimits(team: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: Partial<Record<LimitName, number | null>>) => accountsApi.setLimits(team, values),
    onSuccess: (limits) => client.setQueryData(accountKeys.limits(team), limits),
  });
}

export function useAudit(team: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: accountKeys.audit(team ?? 0),
    queryFn: () => accountsApi.audit(team!),
    enabled: !!team && enabled,
    select: (page) => page.results,
  });
}
