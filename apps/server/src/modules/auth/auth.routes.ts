import { apiError, loginBody, loginResponse, me } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../platform/http.ts";
import type { AuthService } from "./auth.service.ts";

export const SESSION_COOKIE = "huzhu_session";

export function authRoutes(app: FastifyInstance, auth: AuthService, options: { secureCookies: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Sign in; sets the session cookie and returns the CSRF token",
        body: loginBody,
        response: { 200: loginResponse, 401: apiError, 423: apiError },
      },
    },
    async (request, reply) => {
      const { token, actor } = await auth.login(request.body, request.ip);
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: options.secureCookies,
      });
      return auth.presentMe(actor);
    },
  );

  r.post(
    "/api/auth/logout",
    {
      config: { access: "authenticated" },
      schema: { tags: ["auth"], summary: "Sign out", response: { 204: z.null() } },
    },
    async (request, reply) => {
      await auth.logout(requireActor(request));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/me",
    {
      config: { access: "authenticated" },
      schema: { tags: ["auth"], summary: "The signed-in user, their roles and permissions", response: { 200: me } },
    },
    async (request) => auth.presentMe(requireActor(request)),
  );
}
