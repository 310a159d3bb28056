import {
  createRegistrationBody,
  createServicePostBody,
  errorResponses,
  idParam,
  listOf,
  recordHoursBody,
  registration,
  registrationListQuery,
  serviceHoursEntry,
  servicePost,
  servicePostListQuery,
  takePostBody,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { registrationPolicy, servicePostsRead } from "./registrations.policy.ts";
import type { RegistrationsService } from "./registrations.service.ts";

/** Validate → service → reply (双报到, issue 11). Access and audit come from the policy and the commands. */
export function registrationsRoutes(app: FastifyInstance, registrations: RegistrationsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["registrations"];

  r.get(
    "/api/registrations",
    {
      config: { ability: registrationPolicy.read, audit: "registration.list" },
      schema: {
        tags,
        summary: "In-service members' registrations with residential communities the caller sees",
        querystring: registrationListQuery,
        response: { 200: listOf(registration), ...errorResponses },
      },
    },
    async (request) => registrations.list(requireActor(request), request.query),
  );

  r.post(
    "/api/registrations",
    {
      config: { command: registrations.commands.create },
      schema: {
        tags,
        summary: "Register an in-service member with their residential community (409 while one is active)",
        body: createRegistrationBody,
        response: { 201: registration, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await registrations.create(requireActor(request), request.body)),
  );

  r.post(
    "/api/registrations/:id/posts",
    {
      config: { command: registrations.commands.takePost },
      schema: {
        tags,
        summary: "Take one of the community's service posts",
        params: idParam,
        body: takePostBody,
        response: { 200: registration, ...errorResponses },
      },
    },
    async (request) => registrations.takePost(requireActor(request), request.params.id, request.body),
  );

  r.get(
    "/api/registrations/:id/hours",
    {
      config: { ability: registrationPolicy.read, audit: "registration.list" },
      schema: {
        tags,
        summary: "Hours served under a registration",
        params: idParam,
        response: { 200: listOf(serviceHoursEntry), ...errorResponses },
      },
    },
    async (request) => registrations.hours(requireActor(request), request.params.id),
  );

  r.post(
    "/api/registrations/:id/hours",
    {
      config: { command: registrations.commands.recordHours },
      schema: {
        tags,
        summary: "Record hours served in a post the member took (the community's side)",
        params: idParam,
        body: recordHoursBody,
        response: { 201: listOf(serviceHoursEntry), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registrations.recordHours(requireActor(request), request.params.id, request.body)),
  );

  r.get(
    "/api/service-posts",
    {
      config: { ability: servicePostsRead },
      schema: {
        tags,
        summary: "A community's service posts (public notices)",
        querystring: servicePostListQuery,
        response: { 200: listOf(servicePost), ...errorResponses },
      },
    },
    async (request) => registrations.posts(request.query.orgId),
  );

  r.post(
    "/api/service-posts",
    {
      config: { command: registrations.commands.createPost },
      schema: {
        tags,
        summary: "Publish a service post of a community",
        body: createServicePostBody,
        response: { 201: listOf(servicePost), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registrations.createPost(requireActor(request), request.body)),
  );
}
