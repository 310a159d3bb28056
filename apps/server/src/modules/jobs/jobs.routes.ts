import { errorResponses, job, jobListQuery, listOf, uuidParam } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { notFound } from "../../platform/errors.ts";
import { requireActor } from "../../platform/http.ts";
import { jobPolicy } from "./jobs.policy.ts";
import { presentJob } from "./jobs.presenter.ts";
import { jobsRepository } from "./jobs.repository.ts";

/** One's own background jobs: progress, result, download, cancel. Nobody sees another's job. */
export function jobsRoutes(app: FastifyInstance, db: Kysely<DB>) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = jobsRepository(db);
  const tags = ["jobs"];

  r.get(
    "/api/jobs",
    {
      config: { ability: jobPolicy.own },
      schema: {
        tags,
        summary: "One's own jobs, newest first",
        querystring: jobListQuery,
        response: { 200: listOf(job), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { items, total } = await repo.listOwn(actor.userId, request.query);
      return { items: items.map((row) => presentJob(row, request.locale)), total };
    },
  );

  r.get(
    "/api/jobs/:id",
    {
      config: { ability: jobPolicy.own },
      schema: {
        tags,
        summary: "One of one's own jobs (404 for anybody else's)",
        params: uuidParam,
        response: { 200: job, ...errorResponses },
      },
    },
    async (request) => {
      const row = await repo.findOwn(requireActor(request).userId, request.params.id);
      if (!row) throw notFound("job");
      return presentJob(row, request.locale);
    },
  );

  r.get(
    "/api/jobs/:id/result",
    {
      config: { ability: jobPolicy.own, audit: "job.download" },
      schema: {
        tags,
        summary: "Download the file a finished job produced (its owner only; audited)",
        params: uuidParam,
        response: { 200: z.any().describe("the file"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const file = await repo.findOwnFile(actor.userId, request.params.id);
      if (!file) throw notFound("job");
      await recordAudit(db, actor, {
        action: "job.download",
        result: "success",
        targetType: "job",
        targetId: request.params.id,
        detail: { kind: file.kind },
      });
      const ascii = file.file_name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
      return reply
        .type(file.content_type)
        .header(
          "content-disposition",
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
        )
        .send(Buffer.from(file.content));
    },
  );

  r.post(
    "/api/jobs/:id/cancel",
    {
      config: { ability: jobPolicy.own, audit: "job.cancel" },
      schema: {
        tags,
        summary: "Cancel one's own queued or running job",
        params: uuidParam,
        response: { 200: job, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const own = await repo.findOwn(actor.userId, request.params.id);
      if (!own) throw notFound("job");
      if (await repo.cancelOwn(actor.userId, request.params.id)) {
        await recordAudit(db, actor, { action: "job.cancel", result: "success", targetType: "job", targetId: own.id });
      }
      const row = await repo.findOwn(actor.userId, request.params.id);
      return presentJob(row ?? own, request.locale);
    },
  );
}
