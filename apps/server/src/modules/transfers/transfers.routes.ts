import {
  createTransferBody,
  destination,
  destinationQuery,
  errorResponses,
  idParam,
  listOf,
  rejectTransferBody,
  transfer,
  transferListQuery,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http.ts";
import { transferDestinations, transferPolicy } from "./transfers.policy.ts";
import type { TransfersService } from "./transfers.service.ts";

/** Validate → service → reply (组织关系转接, issue 11). Access and audit come from the policy and the commands. */
export function transfersRoutes(app: FastifyInstance, transfers: TransfersService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["transfers"];

  r.get(
    "/api/transfers",
    {
      config: { ability: transferPolicy.read, audit: "transfer.list" },
      schema: {
        tags,
        summary: "Membership transfers the caller sees (sending side, receiving side, or their own)",
        querystring: transferListQuery,
        response: { 200: listOf(transfer), ...errorResponses },
      },
    },
    async (request) => transfers.list(requireActor(request), request.query),
  );

  r.get(
    "/api/transfers/destinations",
    {
      config: { ability: transferDestinations },
      schema: {
        tags,
        summary: "Active organizations anywhere on the platform by part of their name (names only)",
        querystring: destinationQuery,
        response: { 200: listOf(destination), ...errorResponses },
      },
    },
    async (request) => transfers.destinations(request.query),
  );

  r.get(
    "/api/transfers/:id",
    {
      config: { ability: transferPolicy.read, audit: "transfer.read" },
      schema: {
        tags,
        summary: "One transfer with its history",
        params: idParam,
        response: { 200: transfer, ...errorResponses },
      },
    },
    async (request) => transfers.get(requireActor(request), request.params.id),
  );

  r.post(
    "/api/transfers",
    {
      config: { command: transfers.commands.request },
      schema: {
        tags,
        summary: "Request a member's transfer to another organization (409 while one is open)",
        body: createTransferBody,
        response: { 201: transfer, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await transfers.request(requireActor(request), request.body)),
  );

  r.post(
    "/api/transfers/:id/accept",
    {
      config: { command: transfers.commands.accept },
      schema: {
        tags,
        summary: "Accept a transfer (the member moves), or confirm one out of the platform",
        params: idParam,
        response: { 200: transfer, ...errorResponses },
      },
    },
    async (request) => transfers.accept(requireActor(request), request.params.id),
  );

  r.post(
    "/api/transfers/:id/reject",
    {
      config: { command: transfers.commands.reject },
      schema: {
        tags,
        summary: "Reject a transfer, with a reason",
        params: idParam,
        body: rejectTransferBody,
        response: { 200: transfer, ...errorResponses },
      },
    },
    async (request) => transfers.reject(requireActor(request), request.params.id, request.body),
  );

  r.post(
    "/api/transfers/:id/cancel",
    {
      config: { command: transfers.commands.cancel },
      schema: {
        tags,
        summary: "Withdraw a transfer request",
        params: idParam,
        response: { 200: transfer, ...errorResponses },
      },
    },
    async (request) => transfers.cancel(requireActor(request), request.params.id),
  );
}
