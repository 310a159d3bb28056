import type { UserListQuery } from "@huzhu/contracts";

export type UserListParams = Partial<UserListQuery>;

export const userKeys = {
  all: ["users"] as const,
  lists: () => [...userKeys.all, "list"] as const,
  list: (params: UserListParams) => [...userKeys.lists(), params] as const,
};
