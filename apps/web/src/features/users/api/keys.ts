import type { UserListQuery } from "@huzhu/contracts";

export type UserListParams = Partial<UserListQuery>;

export const userKeys = {
  all: ["users"] as const,
  lists: () => [...userKeys.all, "list"] as const,
  list: (params: UserListParams) => [...userKeys.lists(), params] as const,
  /** Administrators' resets awaiting the security administrator. */
  pendingResets: () => [...userKeys.all, "password-resets", "pending"] as const,
};
