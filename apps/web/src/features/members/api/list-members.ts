import type { Member } from "@huzhu/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { type MemberListParams, memberKeys } from "./keys.ts";

export interface MemberPage {
  items: Member[];
  total: number;
}

/** GET /api/members: one page of the caller's scope, filtered; ID numbers and phones come masked. */
export function listMembers(params: MemberListParams, signal?: AbortSignal): Promise<MemberPage> {
  return api.get<MemberPage>("/api/members", { ...params }, signal);
}

export function useMembers(params: MemberListParams) {
  return useQuery({
    queryKey: memberKeys.list(params),
    queryFn: ({ signal }) => listMembers(params, signal),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}
