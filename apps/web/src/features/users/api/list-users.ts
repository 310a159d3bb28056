import type { User } from "@huzhu/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { type UserListParams, userKeys } from "./keys.ts";

export interface UserPage {
  items: User[];
  total: number;
}

/** GET /api/users: one page of accounts with their roles (system or security administrator). */
export function listUsers(params: UserListParams, signal?: AbortSignal): Promise<UserPage> {
  return api.get<UserPage>("/api/users", { ...params }, signal);
}

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => listUsers(params, signal),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}
