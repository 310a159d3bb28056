import type { RecoveryCodes, TotpCodeBody } from "@huzhu/contracts";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

/** POST /api/me/second-factor/recovery-codes: ten new codes with a current TOTP code; the old ones stop working. */
export function regenerateRecoveryCodes(body: TotpCodeBody): Promise<RecoveryCodes> {
  return api.post<RecoveryCodes>("/api/me/second-factor/recovery-codes", body);
}

export function useRegenerateRecoveryCodes() {
  return useMutation({ mutationFn: regenerateRecoveryCodes });
}
