import type { TotpSetup } from "@huzhu/contracts";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

/**
 * POST /api/me/second-factor/setup: a new TOTP secret with its QR code. Not in force until a code
 * from it is confirmed; starting again replaces it. The secret stays in component state only.
 */
export function startSecondFactorSetup(): Promise<TotpSetup> {
  return api.post<TotpSetup>("/api/me/second-factor/setup");
}

export function useStartSecondFactorSetup() {
  return useMutation({ mutationFn: startSecondFactorSetup });
}
