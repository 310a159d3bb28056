import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useNavigate } from "react-router";
import { setUnauthorizedHandler } from "../lib/api/client.ts";
import { authQueries } from "../lib/auth/me.ts";

/** Sends the user to the login page whenever the API answers 401 (expired or missing session). */
export function Root() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      const { pathname, search } = window.location;
      if (pathname === "/login") return;
      const wasSignedIn = queryClient.getQueryData(authQueries.me().queryKey) !== undefined;
      const next = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
      navigate(`/login${next}`, { replace: true });
      queryClient.removeQueries();
      if (wasSignedIn) void message.warning(t("errors.sessionExpired"));
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, queryClient, message, t]);

  return <Outlet />;
}
