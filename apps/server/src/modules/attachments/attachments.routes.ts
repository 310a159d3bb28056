import { attachment, attachmentLimits, errorResponses, humanText, uuidParam } from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { findVisibleAttachment, storeAttachment } from "../../platform/attachments.ts";
import { recordAudit } from "../../platform/audit.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { requireActor } from "../../platform/http.ts";
import { attachmentPolicy } from "./attachments.policy.ts";

const fileName = humanText({ max: 200 });
const largest = Math.max(...Object.values(attachmentLimits));

/** Upload and download of attachments; linking to records is done by the modules that own them. */
export function attachmentsRoutes(app: FastifyInstance, db: Kysely<DB>) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["attachments"];

  r.post(
    "/api/attachments",
    {
      config: { ability: attachmentPolicy.upload, audit: "attachment.upload" },
      schema: {
        tags,
        summary: "Upload one file (multipart/form-data, field `file`): photo, PDF or Office document",
        description:
          "The type is decided from the content, not the name. Photos (JPEG, PNG, WebP) are shrunk to 2048 px " +
          "and lose their EXIF data; limits: photos 15 MB, documents 20 MB. Visible to the uploader until linked to a record.",
        consumes: ["multipart/form-data"],
        response: { 201: attachment, ...errorResponses, 413: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw invalidField("file", "validation.required");
      const part = await request.file({ limits: { fileSize: largest, files: 1, fields: 0 } });
      if (part?.fieldname !== "file") throw invalidField("file", "validation.required");
      const name = fileName.safeParse(part.filename);
      if (!name.success) throw invalidField("file", name.error.issues[0]?.message ?? "validation.invalid");
      let content: Buffer;
      try {
        content = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
          throw new AppError(400, "attachment.tooLarge", {
            field: "file",
            params: { max: Math.floor(largest / 1024 / 1024) },
          });
        }
        throw error;
      }
      if (content.length === 0) throw invalidField("file", "attachment.empty");
      const stored = await db.transaction().execute(async (trx) => {
        const saved = await storeAttachment(trx, actor, { name: name.data, content });
        await recordAudit(trx, actor, {
          action: "attachment.upload",
          result: "success",
          targetType: "attachment",
          targetId: saved.id,
          detail: { contentType: saved.contentType, size: saved.size },
        });
        return saved;
      });
      return reply.status(201).send(stored);
    },
  );

  r.get(
    "/api/attachments/:id",
    {
      config: { ability: attachmentPolicy.read },
      schema: {
        tags,
        summary: "Download an attachment (its uploader, or whoever may see the record it belongs to)",
        params: uuidParam,
        response: { 200: z.any().describe("the file"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await findVisibleAttachment(db, requireActor(request), request.params.id);
      if (!row) throw notFound("attachment");
      // Photos we re-encoded ourselves may show inline; anything else downloads. The name is
      // given twice: plain ASCII for old clients, and exactly (RFC 5987) for the rest.
      const disposition = row.content_type.startsWith("image/") ? "inline" : "attachment";
      const ascii = row.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;]/g, "_");
      return (
        reply
          .type(row.content_type)
          .header(
            "content-disposition",
            `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
          )
          // Even if a browser were tricked into rendering it, nothing in it may run or load.
          .header("content-security-policy", "default-src 'none'; img-src 'self'; frame-ancestors 'none'; sandbox")
          .header("cache-control", "private, no-store")
          .send(Buffer.from(row.content))
      );
    },
  );
}
