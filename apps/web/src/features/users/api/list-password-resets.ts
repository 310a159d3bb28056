import { useQuery } from "@tanstack/react-query";
import { usersQueries } from "./queries.ts";

export function usePendingResets() {
  return useQuery(usersQueries.pendingResets());
}
