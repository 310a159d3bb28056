import {
  createExtensionBranchBody,
  createMobileMemberBody,
  errorResponses,
  extensionBranch,
  idParam,
  listOf,
  mobileActivity,
  mobileContactBody,
  mobileMember,
  mobileMemberListQuery,
  recordMobileActivityBody,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { mobileMemberPolicy } from "./mobile-members.policy.ts";
import type { MobileMembersService } from "./mobile-members.service.ts";

/** Validate → service → reply (流动党员, issue 11). Access and audit come from the policy and the commands. */
export function mobileMembersRoutes(app: FastifyInstance, mobile: MobileMembersService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["mobile members"];

  r.get(
    "/api/mobile-members",
    {
      config: { ability: mobileMemberPolicy.read, audit: "mobileMember.list" },
      schema: {
        tags,
        summary: "Mobile members the caller sees (origin side, destination side, or their own)",
        querystring: mobileMemberListQuery,
        response: { 200: listOf(mobileMember), ...errorResponses },
      },
    },
    async (request) => mobile.list(requireActor(request), request.query),
  );

  r.post(
    "/api/mobile-members",
    {
      config: { command: mobile.commands.register },
      schema: {
        tags,
        summary: "Register a member's outflow (destination organization or place, reason, contact, expected return)",
        body: createMobileMemberBody,
        response: { 201: mobileMember, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await mobile.register(requireActor(request), request.body)),
  );

  r.post(
    "/api/mobile-members/extension-branch",
    {
      config: { command: mobile.commands.extensionBranch },
      schema: {
        tags,
        summary:
          "Set up an extension branch (延伸党组织) for mobile members whose destination lies under an organization",
        body: createExtensionBranchBody,
        response: { 201: extensionBranch, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await mobile.extensionBranch(requireActor(request), request.body)),
  );

  r.get(
    "/api/mobile-members/:id",
    {
      config: { ability: mobileMemberPolicy.read, audit: "mobileMember.read" },
      schema: {
        tags,
        summary: "One mobile member",
        params: idParam,
        response: { 200: mobileMember, ...errorResponses },
      },
    },
    async (request) => mobile.get(requireActor(request), request.params.id),
  );

  r.post(
    "/api/mobile-members/:id/receive",
    {
      config: { command: mobile.commands.receive },
      schema: {
        tags,
        summary: "Receive a mobile member at the destination organization (inflow)",
        params: idParam,
        response: { 200: mobileMember, ...errorResponses },
      },
    },
    async (request) => mobile.receive(requireActor(request), request.params.id),
  );

  r.post(
    "/api/mobile-members/:id/contact",
    {
      config: { command: mobile.commands.contact },
      schema: {
        tags,
        summary: "Record a contact with a mobile member (moves the last contact date)",
        params: idParam,
        body: mobileContactBody,
        response: { 200: mobileMember, ...errorResponses },
      },
    },
    async (request) => mobile.contact(requireActor(request), request.params.id, request.body),
  );

  r.post(
    "/api/mobile-members/:id/close",
    {
      config: { command: mobile.commands.close },
      schema: {
        tags,
        summary: "Close a registration (the member returned)",
        params: idParam,
        response: { 200: mobileMember, ...errorResponses },
      },
    },
    async (request) => mobile.close(requireActor(request), request.params.id),
  );

  r.get(
    "/api/mobile-members/:id/activities",
    {
      config: { ability: mobileMemberPolicy.read, audit: "mobileMember.read" },
      schema: {
        tags,
        summary: "A mobile member's activities, as the destination recorded them",
        params: idParam,
        response: { 200: listOf(mobileActivity), ...errorResponses },
      },
    },
    async (request) => mobile.activities(requireActor(request), request.params.id),
  );

  r.post(
    "/api/mobile-members/:id/activities",
    {
      config: { command: mobile.commands.recordActivity },
      schema: {
        tags,
        summary: "Record a mobile member's activity at the destination (the origin sees it)",
        params: idParam,
        body: recordMobileActivityBody,
        response: { 201: listOf(mobileActivity), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await mobile.recordActivity(requireActor(request), request.params.id, request.body)),
  );
}
