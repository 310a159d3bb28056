import type { Member, UpdateMemberBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { memberKeys } from "./keys.ts";

export function updateMember(input: { id: number; body: UpdateMemberBody }): Promise<Member> {
  return api.patch<Member>(`/api/members/${input.id}`, input.body);
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMember,
    onSuccess: (member) => {
      queryClient.setQueryData(memberKeys.detail(member.id), member);
      void queryClient.invalidateQueries({ queryKey: ["orgs"] });
      return queryClient.invalidateQueries({ queryKey: memberKeys.lists() });
    },
  });
}
