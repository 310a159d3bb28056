import type { CreateMobileMemberBody, MobileMember } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { motionQueries } from "./queries.ts";

export function registerMobile(body: CreateMobileMemberBody): Promise<MobileMember> {
  return api.post<MobileMember>("/api/mobile-members", body);
}

export function useRegisterMobile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerMobile,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: motionQueries.mobile() }),
  });
}
