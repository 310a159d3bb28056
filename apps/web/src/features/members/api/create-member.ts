import type { CreateMemberBody, Member } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { memberKeys } from "./keys.ts";

export function createMember(body: CreateMemberBody): Promise<Member> {
  return api.post<Member>("/api/members", body);
}

export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMember,
    onSuccess: (member) => {
      queryClient.setQueryData(memberKeys.detail(member.id), member);
      // Member counts shown on organizations change too.
      void queryClient.invalidateQueries({ queryKey: ["orgs"] });
      return queryClient.invalidateQueries({ queryKey: memberKeys.lists() });
    },
  });
}
