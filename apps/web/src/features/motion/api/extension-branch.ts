import type { CreateExtensionBranchBody, ExtensionBranch } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { motionQueries } from "./queries.ts";

export function createExtensionBranch(body: CreateExtensionBranchBody): Promise<ExtensionBranch> {
  return api.post<ExtensionBranch>("/api/mobile-members/extension-branch", body);
}

export function useCreateExtensionBranch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createExtensionBranch,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: motionQueries.mobile() }),
  });
}
