import type { RecoveryCodes, TotpCodeBody } from "@huzhu/contracts";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

/**
 * POST /api/me/second-factor/confirm: puts the new secret in force with a first code and answers
 * the recovery codes, shown once. Me is not refreshed here: the enrolment gate must stay on
 * screen until the user has stored the codes, so the caller refreshes it when they are done.
 */
export function confirmSecondFactor(body: TotpCodeBody): Promise<RecoveryCodes> {
  return api.post<RecoveryCodes>("/api/me/second-factor/confirm", body);
}

export function useConfirmSecondFactor() {
  return useMutation({ mutationFn: confirmSecondFactor });
}
