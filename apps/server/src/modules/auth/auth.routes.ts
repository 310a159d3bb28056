import {
  apiError,
  changePasswordBody,
  disableSecondFactorBody,
  errorResponses,
  loginBody,
  loginResponse,
  me,
  recoveryCodes,
  type SessionGate,
  secondFactorBody,
  sessionGates,
  totpCodeBody,
  totpSetup,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../platform/http.ts";
import { accountPolicy } from "./auth.policy.ts";
import type { AuthService } from "./auth.service.ts";

export const SESSION_COOKIE = "huzhu_session";

/** Routes that settle a gate, or that a gated session still needs (who am I, sign out). */
const always: readonly SessionGate[] = sessionGates;
const accountSetup: readonly SessionGate[] = ["password_change", "second_factor_enrolment"];
const tags = ["auth"];

export function authRoutes(app: FastifyInstance, auth: AuthService, options: { secureCookies: boolean }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Sign in; sets the session cookie and returns the CSRF token",
        description:
          "With two-factor sign-in set up, the session starts with the gate `second_factor`: send the code to " +
          "POST /api/auth/second-factor. A one-time password set by an administrator gives the gate `password_change`.",
        body: loginBody,
        response: { 200: loginResponse, 400: apiError, 401: apiError, 423: apiError, 429: apiError },
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
    "/api/auth/second-factor",
    {
      config: { command: auth.commands.secondFactor, openDuring: always },
      schema: {
        tags,
        summary: "Second sign-in step: a 6-digit TOTP code or a one-time recovery code",
        body: secondFactorBody,
        response: { 200: me, ...errorResponses, 423: apiError, 429: apiError },
      },
    },
    async (request) => auth.secondFactor(requireActor(request), request.body),
  );

  r.post(
    "/api/auth/logout",
    {
      config: { command: auth.commands.logout, openDuring: always },
      schema: { tags, summary: "Sign out", response: { 204: z.null() } },
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
      config: { ability: accountPolicy.self, openDuring: always },
      schema: { tags, summary: "The signed-in user, their roles and permissions", response: { 200: me } },
    },
    async (request) => auth.presentMe(requireActor(request)),
  );

  r.post(
    "/api/me/password",
    {
      config: { command: auth.commands.changePassword, openDuring: accountSetup },
      schema: {
        tags,
        summary: "修改密码: change one's own password (ends one's other sessions)",
        body: changePasswordBody,
        response: { 200: me, ...errorResponses, 423: apiError },
      },
    },
    async (request) => auth.changePassword(requireActor(request), request.body),
  );

  r.post(
    "/api/me/second-factor/setup",
    {
      config: { command: auth.commands.setupSecondFactor, openDuring: accountSetup },
      schema: {
        tags,
        summary: "Start two-factor enrolment: a new TOTP secret and its QR code",
        response: { 200: totpSetup, ...errorResponses },
      },
    },
    async (request) => auth.startTotpEnrolment(requireActor(request)),
  );

  r.post(
    "/api/me/second-factor/confirm",
    {
      config: { command: auth.commands.enableSecondFactor, openDuring: accountSetup },
      schema: {
        tags,
        summary: "Finish enrolment with a first code; answers ten recovery codes, shown once",
        body: totpCodeBody,
        response: { 200: recoveryCodes, ...errorResponses },
      },
    },
    async (request) => auth.confirmTotpEnrolment(requireActor(request), request.body),
  );

  r.post(
    "/api/me/second-factor/recovery-codes",
    {
      config: { command: auth.commands.regenerateRecoveryCodes },
      schema: {
        tags,
        summary: "New recovery codes (the old ones stop working), with a current code",
        body: totpCodeBody,
        response: { 200: recoveryCodes, ...errorResponses },
      },
    },
    async (request) => auth.regenerateRecoveryCodes(requireActor(request), request.body),
  );

  r.post(
    "/api/me/second-factor/disable",
    {
      config: { command: auth.commands.disableSecondFactor },
      schema: {
        tags,
        summary: "Turn two-factor sign-in off (refused where one's role requires it)",
        body: disableSecondFactorBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.disableSecondFactor(requireActor(request), request.body);
      return reply.status(204).send(null);
    },
  );
}
