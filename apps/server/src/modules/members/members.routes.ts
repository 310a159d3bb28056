import {
  apiError,
  createMemberBody,
  errorResponses,
  idParam,
  jobAccepted,
  listOf,
  member,
  memberExportQuery,
  memberListQuery,
  revealBody,
  revealResponse,
  updateMemberBody,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../platform/http.ts";
import type { JobKind, JobRunner } from "../../platform/jobs.ts";
import { exportContentDisposition, XLSX_CONTENT_TYPE } from "./members.export.ts";
import { memberPolicy } from "./members.policy.ts";
import type { MemberExportJobParams, MembersService } from "./members.service.ts";

export function membersRoutes(
  app: FastifyInstance,
  members: MembersService,
  exportQueue: { jobs: JobRunner; kind: JobKind<MemberExportJobParams> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["members"];

  r.get(
    "/api/members",
    {
      // Reads personal data: a refused attempt is recorded (a success is not: masked lists are everyday work).
      config: { ability: memberPolicy.read, audit: "member.list" },
      schema: {
        tags,
        summary: "The member roster of the caller's jurisdiction (masked)",
        querystring: memberListQuery,
        response: { 200: listOf(member), ...errorResponses },
      },
    },
    async (request) => members.list(requireActor(request), request.query),
  );

  r.get(
    "/api/members/export",
    {
      // Refusals (403 for roles without member.export, 404 for an organization out of scope, 400
      // over the cap) are audited under this action by the error handler, GET or not.
      // heavy: one export or solve per user at a time (platform/heavy-work.ts).
      config: { ability: memberPolicy.export, audit: "member.export", heavy: "member.export" },
      schema: {
        tags,
        summary: "The filtered roster as an Excel workbook (masked, audited; header row in the request's language)",
        querystring: memberExportQuery,
        response: {
          200: {
            description: "The workbook (.xlsx)",
            content: {
              [XLSX_CONTENT_TYPE]: { schema: z.instanceof(Buffer).meta({ type: "string", format: "binary" }) },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await members.export(requireActor(request), request.query, request.locale);
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header("content-disposition", exportContentDisposition(request.locale, result.date))
        .header("x-row-count", String(result.rowCount))
        .send(result.workbook);
    },
  );

  r.post(
    "/api/members/export",
    {
      // The same checks as the download below, answered at once; the workbook is made by a
      // background job whose progress GET /api/jobs/{id} shows and whose resultUrl downloads it.
      config: { ability: memberPolicy.export, audit: "member.export" },
      schema: {
        tags,
        summary: "Start an export of the filtered roster as a background job (masked, audited when done)",
        description:
          "Answers 202 { jobId } at once. One heavy job per user at a time: a second answers 429 while the first is " +
          "queued or running. The finished job (GET /api/jobs/{id}) has resultUrl for the .xlsx.",
        body: memberExportQuery,
        response: { 202: jobAccepted, ...errorResponses, 429: apiError },
      },
    },
    async (request, reply) => {
      const jobId = await members.startExport(requireActor(request), request.body, request.locale, exportQueue);
      return reply.status(202).send({ jobId });
    },
  );

  r.get(
    "/api/members/:id",
    {
      config: { ability: memberPolicy.read, audit: "member.read" },
      schema: { tags, summary: "One member (masked)", params: idParam, response: { 200: member, ...errorResponses } },
    },
    async (request) => members.get(requireActor(request), request.params.id),
  );

  r.post(
    "/api/members",
    {
      config: { command: members.commands.create },
      schema: { tags, summary: "Add a member", body: createMemberBody, response: { 201: member, ...errorResponses } },
    },
    async (request, reply) => reply.status(201).send(await members.create(requireActor(request), request.body)),
  );

  r.patch(
    "/api/members/:id",
    {
      config: { command: members.commands.update },
      schema: {
        tags,
        summary: "Edit a member",
        params: idParam,
        body: updateMemberBody,
        response: { 200: member, ...errorResponses },
      },
    },
    async (request) => members.update(requireActor(request), request.params.id, request.body),
  );

  r.post(
    "/api/members/:id/reveal",
    {
      // Refusals (403 for roles without member.reveal, CSRF, 404 out of scope) are recorded under this action.
      config: { command: members.commands.reveal },
      schema: {
        tags,
        summary: "Show one personal field in full; needs a reason and is audited",
        params: idParam,
        body: revealBody,
        response: { 200: revealResponse, ...errorResponses },
      },
    },
    async (request) => members.reveal(requireActor(request), request.params.id, request.body),
  );
}
