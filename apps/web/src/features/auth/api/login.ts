import type { LoginBody, LoginResponse } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, setCsrfToken } from "../../../lib/api/client.ts";
import { authQueries } from "../../../lib/auth/me.ts";

export async function login(body: LoginBody): Promise<LoginResponse> {
  // A 401 here means "wrong username or password", not an expired session.
  const me = await api.post<LoginResponse>("/api/auth/login", body, { redirectOn401: false });
  setCsrfToken(me.csrfToken);
  return me;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(authQueries.me().queryKey, me);
    },
  });
}
