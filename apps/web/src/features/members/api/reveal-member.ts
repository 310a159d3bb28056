import type { RevealBody } from "@huzhu/contracts";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export interface RevealResult {
  field: RevealBody["field"];
  value: string | null;
}

/**
 * POST /api/members/:id/reveal: the full ID number or phone, with a reason; the server writes an
 * audit record. The value is never put in the query cache, so it disappears with the component.
 */
export function revealMember(input: { id: number; body: RevealBody }): Promise<RevealResult> {
  return api.post<RevealResult>(`/api/members/${input.id}/reveal`, input.body);
}

export function useRevealMember() {
  return useMutation({ mutationFn: revealMember });
}
