import type { DisableSecondFactorBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { refreshMe } from "../../../lib/auth/me.ts";

/**
 * POST /api/me/second-factor/disable: turns two-factor sign-in off with the password and a current
 * code. Refused with 409 `secondFactor.required` where the user's role requires it.
 */
export async function disableSecondFactor(body: DisableSecondFactorBody): Promise<void> {
  await api.post<null>("/api/me/second-factor/disable", body);
}

export function useDisableSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableSecondFactor,
    onSuccess: () => refreshMe(queryClient),
  });
}
