import type { Member } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { memberKeys } from "./keys.ts";

export function getMember(id: number, signal?: AbortSignal): Promise<Member> {
  return api.get<Member>(`/api/members/${id}`, undefined, signal);
}

export function useMember(id: number | undefined) {
  return useQuery({
    queryKey: memberKeys.detail(id ?? 0),
    queryFn: ({ signal }) => getMember(id ?? 0, signal),
    enabled: id !== undefined,
  });
}
