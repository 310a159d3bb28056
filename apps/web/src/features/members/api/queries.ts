import type { Member, MemberListQuery } from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type MemberListParams = Partial<MemberListQuery>;

export interface MemberPage {
  items: Member[];
  total: number;
}

/** GET /api/members: one page of the caller's scope, filtered; ID numbers and phones come masked. */
export function listMembers(params: MemberListParams, signal?: AbortSignal): Promise<MemberPage> {
  return api.get<MemberPage>("/api/members", { ...params }, signal);
}

export function getMember(id: number, signal?: AbortSignal): Promise<Member> {
  return api.get<Member>(`/api/members/${id}`, undefined, signal);
}

export const membersQueries = {
  all: () => ["members"] as const,
  lists: () => [...membersQueries.all(), "list"] as const,
  list: (params: MemberListParams) =>
    queryOptions({
      queryKey: [...membersQueries.lists(), params] as const,
      queryFn: ({ signal }) => listMembers(params, signal),
      // Keep the current page on screen while the next one loads.
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: [...membersQueries.all(), "detail", id] as const,
      queryFn: ({ signal }) => getMember(id, signal),
    }),
};
