import {
  assignRoleBody,
  createUserBody,
  errorResponses,
  idParam,
  listOf,
  updateUserBody,
  user,
  userListQuery,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import type { UsersService } from "./users.service.ts";

export function usersRoutes(app: FastifyInstance, users: UsersService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["accounts"];

  r.get(
    "/api/users",
    {
      config: { access: ["user.manage", "role.manage"] },
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
      config: { access: ["user.manage", "role.manage"] },
      schema: { tags, summary: "One account", params: idParam, response: { 200: user, ...errorResponses } },
    },
    async (request) => users.get(requireActor(request), request.params.id),
  );

  r.post(
    "/api/users",
    {
      config: { access: "user.manage", audit: "user.create" },
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
      config: { access: "user.manage", audit: "user.update" },
      schema: {
        tags,
        summary: "Rename, reset the password of, or disable an account (system administrator)",
        params: idParam,
        body: updateUserBody,
        response: { 200: user, ...errorResponses },
      },
    },
    async (request) => users.update(requireActor(request), request.params.id, request.body),
  );

  r.post(
    "/api/users/:id/roles",
    {
      config: { access: "role.manage", audit: "role.assign" },
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
      config: { access: "role.manage", audit: "role.withdraw" },
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
