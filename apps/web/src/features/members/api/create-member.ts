import type { CreateMemberBody, Member } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { orgsQueries } from "../../../lib/orgs/queries.ts";
import { membersQueries } from "./queries.ts";

export function createMember(body: CreateMemberBody): Promise<Member> {
  return api.post<Member>("/api/members", body);
}

export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMember,
    onSuccess: (member) => {
      queryClient.setQueryData(membersQueries.detail(member.id).queryKey, member);
      // Member counts shown on organizations change too.
      void queryClient.invalidateQueries({ queryKey: orgsQueries.all() });
      return queryClient.invalidateQueries({ queryKey: membersQueries.lists() });
    },
  });
}
