import { useQuery } from "@tanstack/react-query";
import { type MemberListParams, membersQueries } from "./queries.ts";

export function useMembers(params: MemberListParams) {
  return useQuery(membersQueries.list(params));
}
