import type { User } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { refreshAfterUserChange } from "./refresh.ts";

/** DELETE /api/role-assignments/:id: withdraws one role; the account's sessions end. Answers the account. */
export function withdrawRole(assignmentId: number): Promise<User> {
  return api.delete<User>(`/api/role-assignments/${assignmentId}`);
}

export function useWithdrawRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: withdrawRole,
    onSuccess: (user) => refreshAfterUserChange(queryClient, user.id),
  });
}
