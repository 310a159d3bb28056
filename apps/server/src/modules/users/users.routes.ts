import {
  assignRoleBody,
  createUserBody,
  errorResponses,
  idParam,
  listOf,
  passwordResetListQuery,
  passwordResetRequest,
  updateUserBody,
  user,
  userListQuery,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { userActions, userPolicy } from "./users.policy.ts";
import type { UsersService } from "./users.service.ts";

/** Validate → service → present; no SQL and no rules here. Access and audit come from the policy and the commands. */
export function usersRoutes(app: FastifyInstance, users: UsersService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["accounts"];

  r.get(
    "/api/users",
    {
      config: { ability: userPolicy.read },
      schema: {
        tags,
        summary: "Accounts with their roles",
        querystring: userListQuery,
        response: { 200: listOf(user), ...errorResponses },
      },
    },
    async (request) => users.list(requireActor(request), request.query),
  );

  r.get(
    "/api/users/:id",
    {
      config: { ability: userPolicy.read },
      schema: { tags, summary: "One account", params: idParam, response: { 200: user, ...errorResponses } },
    },
    async (request) => users.get(requireActor(request), request.params.id),
  );

  r.post(
    "/api/users",
    {
      config: { command: users.commands.create },
      schema: {
        tags,
        summary: "Create an account (system administrator)",
        body: createUserBody,
        response: { 201: user, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(requireActor(request), request.body)),
  );

  r.patch(
    "/api/users/:id",
    {
      config: { command: users.commands.update },
      schema: {
        tags,
        summary: "Rename, reset the password of, or disable an account (system administrator)",
        description:
          "A password set here is a one-time password: its owner must choose a new one at the next sign-in. " +
          "For another administrator's account, a password or second-factor reset awaits the security " +
          "administrator's approval: the answer is then 202 and the user's `pendingReset` says so.",
        params: idParam,
        body: updateUserBody,
        response: { 200: user, 202: user, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { user: updated, pendingApproval } = await users.update(
        requireActor(request),
        request.params.id,
        request.body,
      );
      return reply.status(pendingApproval ? 202 : 200).send(updated);
    },
  );

  r.get(
    "/api/password-resets",
    {
      config: { ability: userActions.listPasswordResets },
      schema: {
        tags,
        summary: "Resets of administrators' passwords or second factors, for the security administrator's approval",
        querystring: passwordResetListQuery,
        response: { 200: listOf(passwordResetRequest), ...errorResponses },
      },
    },
    async (request) => users.listResets(requireActor(request), request.query),
  );

  for (const decision of ["approve", "reject"] as const) {
    r.post(
      `/api/password-resets/:id/${decision}`,
      {
        config: { command: decision === "approve" ? users.commands.approveReset : users.commands.rejectReset },
        schema: {
          tags,
          summary: `${decision === "approve" ? "Approve" : "Reject"} a reset (security administrator; not one's own)`,
          params: idParam,
          response: { 200: user, ...errorResponses },
        },
      },
      async (request) => users.decideReset(requireActor(request), request.params.id, decision === "approve"),
    );
  }

  r.post(
    "/api/users/:id/roles",
    {
      config: { command: users.commands.assignRole },
      schema: {
        tags,
        summary: "Grant a role (security administrator)",
        params: idParam,
        body: assignRoleBody,
        response: { 200: user, ...errorResponses },
      },
    },
    async (request) => users.assignRole(requireActor(request), request.params.id, request.body),
  );

  r.delete(
    "/api/role-assignments/:id",
    {
      config: { command: users.commands.withdrawRole },
      schema: {
        tags,
        summary: "Withdraw a role (security administrator)",
        params: idParam,
        response: { 200: user, ...errorResponses },
      },
    },
    async (request) => users.withdrawRole(requireActor(request), request.params.id),
  );
}
