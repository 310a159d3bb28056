import {
  errorResponses,
  humanText,
  idParam,
  importAccepted,
  importableKind,
  importDetail,
  importDetailQuery,
  importExportBody,
  importKindParam,
  importListQuery,
  importRow,
  importRowsQuery,
  importSummary,
  jobAccepted,
  listOf,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, invalidField } from "../../platform/errors.ts";
import { requireActor } from "../../platform/http.ts";
import type { JobRunner } from "../../platform/jobs.ts";
import { XLSX_CONTENT_TYPE } from "../../platform/spreadsheet.ts";
import { importPolicy } from "./imports.policy.ts";
import { IMPORT_MAX_BYTES, type ImportsService } from "./imports.service.ts";
import { templateAsciiName, templateFileName } from "./imports.templates.ts";

const fileName = humanText({ max: 200 });
const workbookResponse = {
  description: "The workbook (.xlsx)",
  content: { [XLSX_CONTENT_TYPE]: { schema: z.instanceof(Buffer).meta({ type: "string", format: "binary" }) } },
};
const disposition = (ascii: string, name: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Excel templates, uploads, previews and commits (issue 13). */
export function importsRoutes(app: FastifyInstance, imports: ImportsService, jobs: JobRunner) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["imports"];

  r.get(
    "/api/imports/templates/:kind",
    {
      config: { ability: importPolicy.template },
      schema: {
        tags,
        summary: "The template workbook of a kind (Chinese headers, drop-down lists, instructions, one example row)",
        params: importKindParam,
        response: { 200: workbookResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const buffer = await imports.template(requireActor(request), request.params.kind);
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header(
          "content-disposition",
          disposition(templateAsciiName(request.params.kind), templateFileName(request.params.kind)),
        )
        .send(buffer);
    },
  );

  r.post(
    "/api/imports",
    {
      config: { ability: importPolicy.use, audit: "import.upload" },
      schema: {
        tags,
        summary:
          "Upload a workbook to import (multipart/form-data: `kind` — members, orgs, needs or resources — then " +
          "`file`); a validation job checks every row. 403 for a kind the caller may not write",
        description:
          "The header row and the first data row are checked at once (400 naming the problem: not a workbook, other " +
          "headers, no data); the file is stored encrypted and a validation job checks every row. Limits: 20 MB, " +
          "50,000 rows (the command line `huzhu import members` has no row limit).",
        consumes: ["multipart/form-data"],
        response: { 202: importAccepted, ...errorResponses, 413: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw invalidField("file", "validation.required");
      let kind: string | undefined;
      let file: { name: string; content: Buffer } | undefined;
      try {
        for await (const part of request.parts({
          limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 1, parts: 2 },
        })) {
          if (part.type === "field") {
            if (part.fieldname !== "kind") throw invalidField(part.fieldname, "validation.unknown_field");
            kind = String(part.value);
          } else {
            if (part.fieldname !== "file") throw invalidField(part.fieldname, "validation.unknown_field");
            const name = fileName.safeParse(part.filename);
            if (!name.success) throw invalidField("file", name.error.issues[0]?.message ?? "validation.invalid");
            file = { name: name.data, content: await part.toBuffer() };
          }
        }
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "FST_REQ_FILE_TOO_LARGE") {
          throw new AppError(400, "import.tooLarge", {
            field: "file",
            params: { max: Math.floor(IMPORT_MAX_BYTES / 1024 / 1024) },
          });
        }
        if (code === "FST_PARTS_LIMIT" || code === "FST_FILES_LIMIT" || code === "FST_FIELDS_LIMIT") {
          throw invalidField("file", "import.oneFile");
        }
        throw error;
      }
      if (kind === undefined) throw invalidField("kind", "validation.required");
      const parsedKind = importableKind.safeParse(kind);
      if (!parsedKind.success) throw invalidField("kind", "import.kindNotImportable");
      if (!file) throw invalidField("file", "validation.required");
      if (file.content.length === 0) throw invalidField("file", "attachment.empty");
      const accepted = await imports.upload(
        actor,
        { kind: parsedKind.data, fileName: file.name, content: file.content, locale: request.locale },
        jobs,
      );
      return reply.status(202).send(accepted);
    },
  );

  r.post(
    "/api/imports/exports",
    {
      config: { ability: importPolicy.use, audit: "import.export" },
      schema: {
        tags,
        summary:
          "Export organizations, needs or resources in the import template's columns (a background job), for round trips",
        description:
          "What the caller may write of the kind (403 for a kind they may not), as the template's workbook with who " +
          "exported it and when on 填写说明; imported back unchanged it reports every row unchanged. Audited when done.",
        body: importExportBody,
        response: { 202: jobAccepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const jobId = await imports.startExport(requireActor(request), request.body.kind, request.locale, jobs);
      return reply.status(202).send({ jobId });
    },
  );

  r.get(
    "/api/imports",
    {
      config: { ability: importPolicy.use },
      schema: {
        tags,
        summary: "One's own imports, newest first (who, when, file, counts, result)",
        querystring: importListQuery,
        response: { 200: listOf(importSummary), ...errorResponses },
      },
    },
    async (request) => imports.list(requireActor(request), request.query, request.locale),
  );

  r.get(
    "/api/imports/:id",
    {
      config: { ability: importPolicy.use, audit: "import.read" },
      schema: {
        tags,
        summary:
          "One of one's imports: status, counts and its errors (row, column, reason in the caller's language; paged)",
        params: idParam,
        querystring: importDetailQuery,
        response: { 200: importDetail, ...errorResponses },
      },
    },
    async (request) => imports.get(requireActor(request), request.params.id, request.query, request.locale),
  );

  r.get(
    "/api/imports/:id/rows",
    {
      config: { ability: importPolicy.use, audit: "import.read" },
      schema: {
        tags,
        summary: "The preview: each row's outcome (masked as on the roster); only errors or only changes",
        params: idParam,
        querystring: importRowsQuery,
        response: { 200: listOf(importRow), ...errorResponses },
      },
    },
    async (request) => imports.rows(requireActor(request), request.params.id, request.query, request.locale),
  );

  r.get(
    "/api/imports/:id/errors.xlsx",
    {
      config: { ability: importPolicy.use, audit: "import.read" },
      schema: {
        tags,
        summary: "The uploaded workbook with an error column for each bad row (audited)",
        params: idParam,
        response: { 200: workbookResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await imports.errorWorkbook(requireActor(request), request.params.id, request.locale);
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header("content-disposition", disposition(`import-${request.params.id}-errors.xlsx`, result.fileName))
        .send(result.buffer);
    },
  );

  r.post(
    "/api/imports/:id/commit",
    {
      config: { ability: importPolicy.use, audit: "import.commit" },
      schema: {
        tags,
        summary: "Commit a validated import as a job: all rows or none, in one transaction (409 while any row is bad)",
        params: idParam,
        response: { 202: jobAccepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const jobId = await imports.startCommit(requireActor(request), request.params.id, request.locale, jobs);
      return reply.status(202).send({ jobId });
    },
  );
}
