import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, setCsrfToken } from "../api/client.ts";

export async function logout(): Promise<void> {
  await api.post<unknown>("/api/auth/logout", undefined, { redirectOn401: false });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Forget everything on this device even if the server call failed (e.g. the session had expired).
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}
