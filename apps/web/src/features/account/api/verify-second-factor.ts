import type { Me, SecondFactorBody } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";
import { storeMe } from "../../../lib/auth/me.ts";

/**
 * POST /api/auth/second-factor: the sign-in's second step, with a TOTP code or a recovery code.
 * A wrong code is a 400 on `code`; the fifth ends the session with 401, which here means "start
 * again from the password" rather than an expired session, so the caller handles it.
 */
export function verifySecondFactor(body: SecondFactorBody): Promise<Me> {
  return api.post<Me>("/api/auth/second-factor", body, { redirectOn401: false });
}

export function useVerifySecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifySecondFactor,
    onSuccess: (me) => storeMe(queryClient, me),
  });
}
