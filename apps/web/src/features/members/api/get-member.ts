import { useQuery } from "@tanstack/react-query";
import { membersQueries } from "./queries.ts";

export function useMember(id: number | undefined) {
  return useQuery({ ...membersQueries.detail(id ?? 0), enabled: id !== undefined });
}
