import {
  claimServiceRequestBody,
  completeServiceRequestBody,
  createServiceRequestBody,
  createVolunteerTeamBody,
  errorResponses,
  idParam,
  listOf,
  serviceFeedbackBody,
  serviceRequest,
  serviceRequestListQuery,
  volunteerHours,
  volunteerTeam,
  volunteerTeamListQuery,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { ownHours, serviceRequestPolicy, teamPolicy } from "./volunteers.policy.ts";
import type { VolunteersService } from "./volunteers.service.ts";

/** Validate → service → reply (党员志愿服务队, issue 11). Access and audit come from the policy and the commands. */
export function volunteersRoutes(app: FastifyInstance, volunteers: VolunteersService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["volunteers"];

  r.get(
    "/api/volunteer-teams",
    {
      config: { ability: teamPolicy.read },
      schema: {
        tags,
        summary: "Volunteer teams the caller sees, with their members, skills and hours",
        querystring: volunteerTeamListQuery,
        response: { 200: listOf(volunteerTeam), ...errorResponses },
      },
    },
    async (request) => volunteers.listTeams(requireActor(request), request.query),
  );
  r.get(
    "/api/volunteer-teams/:id",
    {
      config: { ability: teamPolicy.read },
      schema: {
        tags,
        summary: "One volunteer team",
        params: idParam,
        response: { 200: volunteerTeam, ...errorResponses },
      },
    },
    async (request) => volunteers.getTeam(requireActor(request), request.params.id),
  );
  r.post(
    "/api/volunteer-teams",
    {
      config: { command: volunteers.commands.createTeam },
      schema: {
        tags,
        summary: "Form a volunteer team under an organization, with members and their skills",
        body: createVolunteerTeamBody,
        response: { 201: volunteerTeam, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await volunteers.createTeam(requireActor(request), request.body)),
  );

  r.get(
    "/api/service-requests",
    {
      config: { ability: serviceRequestPolicy.read, audit: "serviceRequest.list" },
      schema: {
        tags,
        summary: "Service requests the caller sees (open ones of their county, their side's, their own)",
        querystring: serviceRequestListQuery,
        response: { 200: listOf(serviceRequest), ...errorResponses },
      },
    },
    async (request) => volunteers.listRequests(requireActor(request), request.query),
  );
  r.get(
    "/api/service-requests/:id",
    {
      config: { ability: serviceRequestPolicy.read, audit: "serviceRequest.read" },
      schema: {
        tags,
        summary: "One service request",
        params: idParam,
        response: { 200: serviceRequest, ...errorResponses },
      },
    },
    async (request) => volunteers.getRequest(requireActor(request), request.params.id),
  );
  r.post(
    "/api/service-requests",
    {
      config: { command: volunteers.commands.createRequest },
      schema: {
        tags,
        summary: "Ask for volunteer service: for an organization, for a member, or for oneself",
        body: createServiceRequestBody,
        response: { 201: serviceRequest, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await volunteers.createRequest(requireActor(request), request.body)),
  );
  r.post(
    "/api/service-requests/:id/claim",
    {
      config: { command: volunteers.commands.claim },
      schema: {
        tags,
        summary: "Claim an open request for a team the caller manages",
        params: idParam,
        body: claimServiceRequestBody,
        response: { 200: serviceRequest, ...errorResponses },
      },
    },
    async (request) => volunteers.claim(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/service-requests/:id/complete",
    {
      config: { command: volunteers.commands.complete },
      schema: {
        tags,
        summary: "Complete a claimed request with each volunteer's hours (the hours ledger)",
        params: idParam,
        body: completeServiceRequestBody,
        response: { 200: serviceRequest, ...errorResponses },
      },
    },
    async (request) => volunteers.complete(requireActor(request), request.params.id, request.body),
  );
  r.post(
    "/api/service-requests/:id/feedback",
    {
      config: { command: volunteers.commands.feedback },
      schema: {
        tags,
        summary: "Rate a completed service, once, as the requesting side or the person helped",
        params: idParam,
        body: serviceFeedbackBody,
        response: { 200: serviceRequest, ...errorResponses },
      },
    },
    async (request) => volunteers.feedback(requireActor(request), request.params.id, request.body),
  );

  r.get(
    "/api/volunteer-hours",
    {
      config: { ability: ownHours },
      schema: {
        tags,
        summary: "The caller's own volunteer hours ledger",
        response: { 200: volunteerHours, ...errorResponses },
      },
    },
    async (request) => volunteers.ownHours(requireActor(request)),
  );
}
