import type { User } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { usersQueries } from "./queries.ts";
import { refreshAfterUserChange } from "./refresh.ts";

export type ResetDecision = "approve" | "reject";

/**
 * POST /api/password-resets/:id/approve or /reject (security administrator; never one's own
 * request or account: 409 `reset.ownRequest`). Approving puts the reset in force and signs the
 * account out. Answers the account.
 */
export function decidePasswordReset(input: { id: number; decision: ResetDecision }): Promise<User> {
  return api.post<User>(`/api/password-resets/${input.id}/${input.decision}`);
}

export function useDecidePasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decidePasswordReset,
    // Refreshed whatever the answer: a refusal (already decided, expired) also means the list changed.
    onSettled: (user) => {
      void queryClient.invalidateQueries({ queryKey: usersQueries.pendingResets().queryKey });
      if (user) return refreshAfterUserChange(queryClient, user.id);
    },
  });
}
