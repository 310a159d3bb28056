import type { PasswordResetRequest, User, UserListQuery } from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type UserListParams = Partial<UserListQuery>;

export interface UserPage {
  items: User[];
  total: number;
}

export interface PasswordResetPage {
  items: PasswordResetRequest[];
  total: number;
}

/** GET /api/users: one page of accounts with their roles (system or security administrator). */
export function listUsers(params: UserListParams, signal?: AbortSignal): Promise<UserPage> {
  return api.get<UserPage>("/api/users", { ...params }, signal);
}

/**
 * GET /api/password-resets?status=pending: resets of administrators' passwords or second factors
 * that wait for the security administrator. A handful at most, so one page of 100 holds them.
 */
export function listPendingResets(signal?: AbortSignal): Promise<PasswordResetPage> {
  return api.get<PasswordResetPage>("/api/password-resets", { status: "pending", pageSize: 100 }, signal);
}

export const usersQueries = {
  all: () => ["users"] as const,
  lists: () => [...usersQueries.all(), "list"] as const,
  list: (params: UserListParams) =>
    queryOptions({
      queryKey: [...usersQueries.lists(), params] as const,
      queryFn: ({ signal }) => listUsers(params, signal),
      // Keep the current page on screen while the next one loads.
      placeholderData: keepPreviousData,
    }),
  /** Administrators' resets awaiting the security administrator. */
  pendingResets: () =>
    queryOptions({
      queryKey: [...usersQueries.all(), "password-resets", "pending"] as const,
      queryFn: ({ signal }) => listPendingResets(signal),
    }),
};
