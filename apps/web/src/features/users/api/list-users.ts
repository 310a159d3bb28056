import { useQuery } from "@tanstack/react-query";
import { type UserListParams, usersQueries } from "./queries.ts";

export function useUsers(params: UserListParams) {
  return useQuery(usersQueries.list(params));
}
