import type { Member, UpdateMemberBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { orgsQueries } from "../../../lib/orgs/queries.ts";
import { membersQueries } from "./queries.ts";

export function updateMember(input: { id: number; body: UpdateMemberBody }): Promise<Member> {
  return api.patch<Member>(`/api/members/${input.id}`, input.body);
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMember,
    onSuccess: (member) => {
      queryClient.setQueryData(membersQueries.detail(member.id).queryKey, member);
      void queryClient.invalidateQueries({ queryKey: orgsQueries.all() });
      return queryClient.invalidateQueries({ queryKey: membersQueries.lists() });
    },
  });
}
