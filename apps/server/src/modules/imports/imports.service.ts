import {
  type ImportDetail,
  type ImportKind,
  type ImportListQuery,
  type ImportRow,
  type ImportRowsQuery,
  type ImportSummary,
  importKinds,
  type Locale,
} from "@huzhu/contracts";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { raiseSecurityAlert } from "../../platform/alerts.ts";
import { recordAudit } from "../../platform/audit.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import type { PersonalDataCipher } from "../../platform/crypto.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { type ExportJobParams, exportJob } from "../../platform/export-job.ts";
import type { JobContext, JobKind, JobRunner } from "../../platform/jobs.ts";
import { scopeOf } from "../../platform/policy.ts";
import { recordRateEvent } from "../../platform/rate-limit.ts";
import { spreadsheetText } from "../../platform/spreadsheet.ts";
import type { DivisionDirectory } from "../divisions/divisions.ts";
import { memberImportDirectory } from "../members/members.import.ts";
import { ID_NUMBER_DUPLICATE_LIMIT } from "../members/members.service.ts";
import { needsService } from "../needs/needs.service.ts";
import { orgDirectory, orgsService } from "../orgs/orgs.service.ts";
import { type ExportKind, exportRows } from "./imports.exports.ts";
import { type CheckedRow, countsOf, type ParsedRow } from "./imports.kinds.ts";
import {
  type CheckedMemberRow,
  checkMemberRows,
  memberHeaderProblem,
  type ParsedMemberRow,
  parseMemberRow,
} from "./imports.members.ts";
import { checkNeedRows, needHeaderProblem, type ParsedHelpRow, parseNeedRow, writeNeedRows } from "./imports.needs.ts";
import { checkOrgRows, orgHeaderProblem, type ParsedOrgRow, parseOrgRow, writeOrgRows } from "./imports.orgs.ts";
import { importPolicy } from "./imports.policy.ts";
import {
  columnsOf,
  presentImportDetail,
  presentImportRow,
  presentImportSummary,
  problemMessage,
} from "./imports.presenter.ts";
import { readFirstSheet, type SheetRow } from "./imports.reader.ts";
import { importsRepository } from "./imports.repository.ts";
import { checkResourceRows, parseResourceRow, resourceHeaderProblem, writeResourceRows } from "./imports.resources.ts";
import { exportFileStem, writeTemplate } from "./imports.templates.ts";

/** How long the workbook of an import never committed is kept (encrypted) for its preview. */
export const IMPORT_FILE_DAYS = 30;
/** The most data rows one file may hold on the web (the command line has no such limit). */
export const IMPORT_MAX_ROWS = 50_000;
/** The largest file the web accepts. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const WRITE_BATCH = 1000;

export interface ImportJobParams {
  importId: number;
  ip: string | null;
}

export interface ImportsOptions {
  /** Data rows one file may hold (default IMPORT_MAX_ROWS; the CLI passes Infinity). */
  maxRows?: number;
  /** Members written per INSERT (default 1,000). */
  writeBatchSize?: number;
  /**
   * Whether the commit may report progress while its transaction is open: on PostgreSQL yes (another
   * connection of the pool writes it); PGlite has one connection, which the transaction holds.
   */
  progressInTransaction?: boolean;
  /** Heard before each write batch inside the commit's transaction (tests fail one, or stall one to be killed). */
  beforeWriteBatch?: (index: number, batches: number) => Promise<void>;
  /** Who acts in a job: the owner's rights as they are when it runs. */
  actorOf: (userId: number, ip: string | null) => Promise<Actor | null>;
  /** The division codes organizations are checked against (as POST /api/orgs does); without it, no organizations import. */
  divisions?: DivisionDirectory;
}

/**
 * One kind's importer: its header check, a row's own checks, the checks of all rows against the
 * database `on` (a transaction when committing), the lock its writes take first, and the writes.
 */
interface Importer {
  headerProblem: (cells: SheetRow["cells"]) => { code: string; params: Record<string, string> } | null;
  parseRow: (row: SheetRow, today: string) => ParsedRow;
  check: (on: Kysely<DB>, actor: Actor, parsed: readonly ParsedRow[]) => Promise<CheckedRow[]>;
  lock: (trx: Kysely<DB>) => Promise<void>;
  write: (
    trx: Kysely<DB>,
    actor: Actor,
    rows: readonly CheckedRow[],
    ctx?: JobContext<ImportJobParams>,
  ) => Promise<{ created: number; updated: number }>;
}

/** The result of reading and checking a file's rows. */
export interface CheckResult<Row extends CheckedRow = CheckedMemberRow> {
  rows: Row[];
  counts: { total: number; new: number; changed: number; unchanged: number; bad: number };
}

/** The rows' outcomes as the preview stores them (a committed file's rows have no problems: none is bad). */
const outcomeRows = (rows: readonly CheckedRow[]) =>
  rows.map((row) => ({
    row_number: row.row,
    outcome: row.outcome,
    name: row.name,
    id_number_masked: row.idNumberMasked,
    org_name: row.orgName,
    changes: row.changes,
    errors: row.problems,
  }));

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function importsService(db: Kysely<DB>, cipher: PersonalDataCipher, clock: () => Date, options: ImportsOptions) {
  const maxRows = options.maxRows ?? IMPORT_MAX_ROWS;
  const batchSize = options.writeBatchSize ?? WRITE_BATCH;
  const today = () => chinaDate(clock());
  const repo = importsRepository(db);

  const orgCommands = options.divisions ? orgsService(db, options.divisions).commands : null;
  const helpCommands = needsService(db, clock).commands;

  const importers: Record<ImportKind, Importer | null> = {
    members: {
      headerProblem: memberHeaderProblem,
      parseRow: parseMemberRow,
      check: (on, actor, parsed) =>
        checkMemberRows(memberImportDirectory(on, cipher), actor, parsed as ParsedMemberRow[]),
      lock: (trx) => memberImportDirectory(trx, cipher).lockForWrite(),
      write: (trx, _actor, rows, ctx) => writeRows(trx, rows as CheckedMemberRow[], ctx),
    },
    orgs:
      options.divisions && orgCommands
        ? {
            headerProblem: orgHeaderProblem,
            parseRow: parseOrgRow,
            check: (on, actor, parsed) =>
              checkOrgRows(on, actor, options.divisions as DivisionDirectory, parsed as ParsedOrgRow[]),
            lock: (trx) => orgDirectory(trx).lockForAttach(),
            write: (trx, actor, rows) => writeOrgRows(trx, actor, orgCommands, rows as never),
          }
        : null,
    needs: {
      headerProblem: needHeaderProblem,
      parseRow: parseNeedRow,
      check: (on, actor, parsed) => checkNeedRows(on, actor, parsed as ParsedHelpRow<never>[], today()),
      lock: async () => {},
      write: (trx, actor, rows) => writeNeedRows(trx, actor, helpCommands, rows as never),
    },
    resources: {
      headerProblem: resourceHeaderProblem,
      parseRow: parseResourceRow,
      check: (on, actor, parsed) => checkResourceRows(on, actor, parsed as ParsedHelpRow<never>[]),
      lock: async () => {},
      write: (trx, actor, rows) => writeResourceRows(trx, actor, helpCommands, rows as never),
    },
  };

  /** The importer of a kind, or 400 when this server imports no such kind. */
  function importerOf(kind: ImportKind): Importer {
    const importer = importers[kind];
    if (!importer) throw new AppError(400, "import.kindNotImportable", { field: "kind" });
    return importer;
  }

  /** A members workbook's rows, each checked on its own (the command line and the benchmark). */
  const parseMembers = (content: Buffer, onRows?: (done: number) => Promise<void>, limit = maxRows) =>
    parseFile("members", content, onRows, limit) as Promise<ParsedMemberRow[]>;

  /**
   * Reads a workbook of a kind row by row (the streaming reader) and checks each row on its own;
   * the file's own problems (not a workbook, wrong headers, no data, too many rows) are 400s.
   */
  async function parseFile(
    kind: ImportKind,
    content: Buffer,
    onRows?: (done: number) => Promise<void>,
    limit = maxRows,
  ): Promise<ParsedRow[]> {
    const importer = importerOf(kind);
    const parsed: ParsedRow[] = [];
    let header = false;
    const day = today();
    for await (const row of readFirstSheet(content)) {
      if (!header) {
        const problem = row.number === 1 ? importer.headerProblem(row.cells) : { code: "import.noHeader", params: {} };
        if (problem) throw new AppError(400, problem.code, { field: "file", params: problem.params });
        header = true;
        continue;
      }
      if (parsed.length >= limit)
        throw new AppError(400, "import.tooManyRows", { field: "file", params: { max: limit } });
      parsed.push(importer.parseRow(row, day));
      if (parsed.length % 1000 === 0) {
        await onRows?.(parsed.length);
        // Parsing is CPU work on the event loop: let requests in between thousands of rows.
        await yieldToEventLoop();
      }
    }
    if (!header) throw new AppError(400, "import.empty", { field: "file" });
    if (parsed.length === 0) throw new AppError(400, "import.empty", { field: "file" });
    return parsed;
  }

  /** Every check of every row, against the database `on` (a transaction when committing). */
  async function checkMembers(on: Kysely<DB>, actor: Actor, parsed: readonly ParsedMemberRow[]): Promise<CheckResult> {
    const rows = await checkMemberRows(memberImportDirectory(on, cipher), actor, parsed);
    return { rows, counts: countsOf(rows) };
  }

  /** Every check of every row of a kind, against the database `on`. */
  async function checkFile(
    kind: ImportKind,
    on: Kysely<DB>,
    actor: Actor,
    parsed: readonly ParsedRow[],
  ): Promise<CheckResult<CheckedRow>> {
    const rows = await importerOf(kind).check(on, actor, parsed);
    return { rows, counts: countsOf(rows) };
  }

  /** The checks against the database of rows already read (the CLI's report, the benchmark). */
  async function checkParsed(actor: Actor, parsed: readonly ParsedMemberRow[]): Promise<CheckResult> {
    scopeOf(actor, importPolicy.members);
    return checkMembers(db, actor, parsed);
  }

  /**
   * A conflict row says that an ID number is someone else's member: the same answer as POST
   * /api/members' 409 idNumber.duplicate, so it counts against the same hourly limit (the members
   * service's ID_NUMBER_DUPLICATE_LIMIT) and reaching it raises the same alert. Past the limit the
   * file is refused as a whole, without saying which rows conflict: otherwise a file of guessed
   * numbers would be a free oracle for rebuilding masked ones.
   */
  async function countConflicts(actor: Actor, rows: readonly CheckedRow[]): Promise<void> {
    const conflicts = rows.filter((r) => r.problems.some((p) => p.code === "import.idNumberElsewhere")).length;
    const limit = ID_NUMBER_DUPLICATE_LIMIT;
    for (let i = 0; i < conflicts; i++) {
      let count: number;
      try {
        count = (await recordRateEvent(db, actor.userId, limit, clock())).count;
      } catch (error) {
        if (error instanceof AppError && error.status === 429) {
          throw new AppError(400, "import.conflictLimit", {
            field: "file",
            params: { max: limit.max, minutes: limit.windowMs / 60_000 },
          });
        }
        throw error;
      }
      if (count === limit.max) {
        await raiseSecurityAlert(db, {
          kind: "member.idNumberProbing",
          userId: actor.userId,
          detail: { via: "import", attempts: count, windowMinutes: limit.windowMs / 60_000 },
        });
      }
    }
  }

  async function decryptedFile(id: number): Promise<Buffer> {
    const file = Buffer.from(cipher.decrypt(await repo.fileOf(id)), "base64");
    if (file.length === 0) throw new AppError(409, "import.fileForgotten");
    return file;
  }

  async function ownImport(actor: Actor, id: number) {
    scopeOf(actor, importPolicy.use);
    const record = await repo.findOwn(actor.userId, id);
    if (!record) throw notFound("import");
    return record;
  }

  /** The kind of one's own import. */
  async function kindOf(ownerId: number, id: number): Promise<ImportKind> {
    const record = await repo.findOwn(ownerId, id);
    if (!record) throw notFound("import");
    return record.kind as ImportKind;
  }

  /** Writes the checked rows inside a transaction: all of them or, on any error, none. */
  async function writeRows(trx: Kysely<DB>, rows: readonly CheckedMemberRow[], ctx?: JobContext<ImportJobParams>) {
    const inserts = rows
      .filter((r) => r.outcome === "new")
      .map((r) => r.write?.fields as NonNullable<typeof r.write>["fields"]);
    const updates = rows
      .filter((r) => r.outcome === "changed")
      .map((r) => ({ id: r.write?.id as number, fields: r.write?.fields as NonNullable<typeof r.write>["fields"] }));
    const batches = Math.ceil(inserts.length / batchSize) + Math.ceil(updates.length / batchSize);
    let index = 0;
    await memberImportDirectory(trx, cipher).write(inserts, updates, batchSize, async (done, total) => {
      await options.beforeWriteBatch?.(index, batches);
      index += 1;
      if (ctx && options.progressInTransaction) {
        await ctx.progress(0.4 + (0.6 * done) / Math.max(1, total), "job.import.commit.writing", { done, total });
      }
    });
    return { created: inserts.length, updated: updates.length };
  }

  /**
   * The commit of a kind: in one transaction, the kind's lock, every row checked again against the
   * database as it is now (a record added by hand since the preview can make a row bad: nothing is
   * written), then the writes (members in batches; organizations, needs and resources each through
   * its own module's command, audited as a typed one), the import marked committed and the audit
   * record. A failure anywhere, or the process dying, leaves none of the rows.
   */
  const commitCommand = (kind: ImportKind) =>
    defineCommand({
      name: "import.commit",
      ability: importPolicy[kind],
      targetType: "import",
      lock: (trx) => importerOf(kind).lock(trx),
      targets: () => [],
      async run({
        trx,
        actor,
        input,
      }: {
        trx: Kysely<DB>;
        actor: Actor;
        input: { importId: number; parsed: ParsedRow[]; ctx?: JobContext<ImportJobParams> };
      }) {
        const r = importsRepository(trx);
        const locked = await r.lockOwn(actor.userId, input.importId);
        if (!locked) throw notFound("import");
        if (locked.status !== "committing") throw new AppError(409, "import.notReady");
        const checked = await checkFile(kind, trx, actor, input.parsed);
        if (checked.counts.bad > 0) {
          throw new AppError(409, "import.changedSinceValidation", { params: { bad: checked.counts.bad } });
        }
        if (options.progressInTransaction) {
          await input.ctx?.progress(0.4, "job.import.commit.writing", { done: 0, total: checked.rows.length });
        }
        const written = await importerOf(kind).write(trx, actor, checked.rows, input.ctx);
        await r.saveOutcome(input.importId, "committed", checked.counts, outcomeRows(checked.rows));
        await r.setStatus(input.importId, "committed", { committed: true });
        // The workbook's data is now the platform's (members' ID numbers and phones encrypted there):
        // the upload itself is not kept (an encrypted empty value, so key rotation reads it like any other).
        await r.forgetFile(input.importId, cipher.encrypt(""));
        return {
          result: { ...checked.counts, ...written },
          targetId: input.importId,
          detail: { kind, rowCount: checked.counts.total, ...written },
        };
      },
      present: async (_db, _actor, result: CheckResult["counts"] & { created: number; updated: number }) => result,
    });

  const commands = {
    commit: Object.fromEntries(importKinds.map((k) => [k, commitCommand(k)])) as Record<
      ImportKind,
      ReturnType<typeof commitCommand>
    >,
  };

  /** The validation job: reads the stored file, checks every row, saves the outcomes with its success. */
  const validateJob: JobKind<ImportJobParams> = {
    kind: "import.validate",
    heavy: true,
    async run(ctx) {
      const actor = await options.actorOf(ctx.ownerId, ctx.params.ip);
      if (!actor) throw new AppError(403, "forbidden");
      const id = ctx.params.importId;
      try {
        const kind = await kindOf(ctx.ownerId, id);
        await ctx.progress(0, "job.import.validate.reading", { done: 0 });
        const content = await decryptedFile(id);
        const parsed = await parseFile(kind, content, (done) =>
          ctx.progress(Math.min(0.5, done / (2 * maxRows)), "job.import.validate.reading", { done }),
        );
        await ctx.progress(0.6, "job.import.validate.checking", { total: parsed.length });
        const checked = await checkFile(kind, db, actor, parsed);
        await countConflicts(actor, checked.rows);
        const status = checked.counts.bad > 0 ? "invalid" : "validated";
        return {
          result: { importId: id, ...checked.counts },
          commit: (trx) => importsRepository(trx).saveOutcome(id, status, checked.counts, outcomeRows(checked.rows)),
        };
      } catch (error) {
        // The file's own problems make the import invalid with the reason; anything else fails it.
        if (error instanceof AppError && error.status === 400) {
          await repo.setStatus(id, "invalid", { message: error.code, params: error.options.params ?? {} });
          return { result: { importId: id } };
        }
        await repo.setStatus(id, "failed", { message: error instanceof AppError ? error.code : "import.failed" });
        throw error;
      }
    },
  };

  const commitJob: JobKind<ImportJobParams> = {
    kind: "import.commit",
    heavy: true,
    async run(ctx) {
      const actor = await options.actorOf(ctx.ownerId, ctx.params.ip);
      if (!actor) throw new AppError(403, "forbidden");
      const id = ctx.params.importId;
      // Taken up again after its transaction committed (the process died before the job was marked
      // done): the import is committed and its file forgotten; there is nothing left to do.
      const current = await repo.findOwn(ctx.ownerId, id);
      if (current?.status === "committed") return { result: { importId: id } };
      try {
        const kind = await kindOf(ctx.ownerId, id);
        await ctx.progress(0, "job.import.commit.reading");
        const parsed = await parseFile(kind, await decryptedFile(id));
        await ctx.progress(0.3, "job.import.commit.checking");
        const result = await execute(db, actor, commands.commit[kind], { importId: id, parsed, ctx });
        return { result: { importId: id, ...result } };
      } catch (error) {
        const code = error instanceof AppError ? error.code : "import.failed";
        await repo.setStatus(id, "failed", {
          message: code,
          params: error instanceof AppError ? (error.options.params ?? {}) : {},
        });
        throw error;
      }
    },
  };

  /** The watermark of a template or an export: who downloaded it, and when (UTC). */
  const watermarkOf = (actor: Actor) =>
    `${actor.username ?? actor.userId} · ${clock().toISOString().replace("T", " ").slice(0, 19)} UTC`;

  /**
   * An export in a kind's template columns (imports.exports.ts): what the caller may write of it,
   * as the template's workbook with the watermark, audited as import.export when the job succeeds.
   */
  const exportJobKind = exportJob<{ kind: ExportKind }>({
    kind: "import.export",
    actorOf: options.actorOf,
    async write(actor, { kind }, locale, onBatch) {
      scopeOf(actor, importPolicy[kind]);
      const rows = await exportRows(db, actor, kind);
      await onBatch(0, rows.length);
      const workbook = await writeTemplate(kind, watermarkOf(actor), rows);
      await onBatch(rows.length, rows.length);
      return {
        workbook,
        rowCount: rows.length,
        // The export job names the file from this: the template's sheet and China's date.
        date: exportFileStem(kind, today()),
        audit: { action: "import.export", result: "success", detail: { kind, rowCount: rows.length, locale } },
      };
    },
    fileName: (_locale, stem) => `${stem}.xlsx`,
  });

  return {
    commands,
    validateJob,
    commitJob,
    exportJob: exportJobKind,

    /** Starts an export in a kind's template columns: 403 at once for a kind the caller may not write. */
    async startExport(actor: Actor, kind: ExportKind, locale: Locale, jobs: JobRunner): Promise<string> {
      scopeOf(actor, importPolicy[kind]);
      const params: ExportJobParams<{ kind: ExportKind }> = { filters: { kind }, ip: actor.ip };
      return jobs.enqueue(db, exportJobKind, { ownerId: actor.userId, params, locale });
    },
    parseMembers,
    checkParsed,
    writeRows,

    /**
     * The command line's commit (`huzhu import members FILE --org CODE --commit`): the same checks
     * again inside one transaction, then every row or none, audited under the operator's name.
     */
    async commitRows(
      actor: Actor,
      parsed: readonly ParsedMemberRow[],
      operator: { username: string },
    ): Promise<CheckResult["counts"] & { created: number; updated: number }> {
      scopeOf(actor, importPolicy.members);
      return db.transaction().execute(async (trx) => {
        await memberImportDirectory(trx, cipher).lockForWrite();
        const checked = await checkMembers(trx, actor, parsed);
        if (checked.counts.bad > 0) {
          throw new AppError(409, "import.changedSinceValidation", { params: { bad: checked.counts.bad } });
        }
        const written = await writeRows(trx, checked.rows);
        await recordAudit(
          trx,
          { userId: null, username: operator.username, ip: null },
          {
            action: "import.commit",
            result: "success",
            detail: { kind: "members", rowCount: checked.counts.total, ...written },
          },
        );
        return { ...checked.counts, ...written };
      });
    },

    /** Forgets the workbooks of imports left uncommitted for IMPORT_FILE_DAYS (an hourly sweep). */
    forgetStale: () =>
      repo.forgetStale(new Date(clock().getTime() - IMPORT_FILE_DAYS * 86_400_000), () => cipher.encrypt("")),

    /** A template workbook, watermarked with who downloaded it and when. */
    async template(actor: Actor, kind: ImportKind): Promise<Buffer> {
      scopeOf(actor, importPolicy.template);
      return writeTemplate(kind, watermarkOf(actor));
    },

    /**
     * Takes an uploaded workbook: its header and first row are read at once (a file that is not a
     * workbook, has other headers or no data is refused now, 400 naming the reason), then it is
     * stored encrypted and a validation job checks every row.
     */
    async upload(
      actor: Actor,
      input: { kind: ImportKind; fileName: string; content: Buffer; locale: Locale },
      jobs: JobRunner,
    ): Promise<{ id: number; jobId: string }> {
      scopeOf(actor, importPolicy[input.kind]);
      importerOf(input.kind);
      await parseFile(input.kind, input.content, undefined, 1).catch((error: unknown) => {
        // One row was enough to see the file is readable; the rest is the job's.
        if (error instanceof AppError && error.code === "import.tooManyRows") return;
        throw error;
      });
      return db.transaction().execute(async (trx) => {
        const r = importsRepository(trx);
        const id = await r.create({
          kind: input.kind,
          ownerId: actor.userId,
          fileName: input.fileName,
          fileEnc: cipher.encrypt(input.content.toString("base64")),
        });
        const jobId = await jobs.enqueue(trx, validateJob, {
          ownerId: actor.userId,
          params: { importId: id, ip: actor.ip },
          locale: input.locale,
        });
        await r.setStatus(id, "validating", { jobId });
        await recordAudit(trx, actor, {
          action: "import.upload",
          result: "success",
          targetType: "import",
          targetId: id,
          detail: { kind: input.kind, size: input.content.length },
        });
        return { id, jobId };
      });
    },

    async list(
      actor: Actor,
      query: ImportListQuery,
      locale: Locale,
    ): Promise<{ items: ImportSummary[]; total: number }> {
      scopeOf(actor, importPolicy.use);
      const { items, total } = await repo.listOwn(actor.userId, query);
      return { items: items.map((r) => presentImportSummary(r, locale)), total };
    },

    async get(
      actor: Actor,
      id: number,
      page: { page: number; pageSize: number },
      locale: Locale,
    ): Promise<ImportDetail> {
      const record = await ownImport(actor, id);
      const errors = await repo.errorsPage(id, page.page, page.pageSize);
      return presentImportDetail(record, errors, locale);
    },

    async rows(
      actor: Actor,
      id: number,
      query: ImportRowsQuery,
      locale: Locale,
    ): Promise<{ items: ImportRow[]; total: number }> {
      const record = await ownImport(actor, id);
      const { items, total } = await repo.rows(id, query);
      return { items: items.map((r) => presentImportRow(r, locale, record.kind as ImportKind)), total };
    },

    /** The uploaded workbook again, with a column saying what is wrong with each bad row. */
    async errorWorkbook(actor: Actor, id: number, locale: Locale): Promise<{ buffer: Buffer; fileName: string }> {
      const record = await ownImport(actor, id);
      // A committed import had no wrong rows, and its upload is no longer kept.
      if (record.status === "committed") throw new AppError(409, "import.fileForgotten");
      const problems = await repo.allErrors(id);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await decryptedFile(id)) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new AppError(409, "import.notReady");
      const column = columnsOf[record.kind as ImportKind].length + 1;
      sheet.getRow(1).getCell(column).value = spreadsheetText(problemMessage(locale, "import.errorColumn"));
      sheet.getRow(1).getCell(column).font = { bold: true, color: { argb: "FFC00000" } };
      sheet.getColumn(column).width = 60;
      for (const [rowNumber, list] of problems) {
        const cell = sheet.getRow(rowNumber).getCell(column);
        cell.value = spreadsheetText(
          list.map((p) => problemMessage(locale, "import.cellProblem", p, record.kind as ImportKind)).join("；"),
        );
        cell.font = { color: { argb: "FFC00000" } };
      }
      await recordAudit(db, actor, {
        action: "import.read",
        result: "success",
        targetType: "import",
        targetId: id,
        detail: { kind: record.kind, rowCount: problems.size },
      });
      const stem = record.file_name.replace(/\.xlsx$/i, "");
      return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), fileName: `${stem}-错误说明.xlsx` };
    },

    /** Starts the commit: 409 while any row is bad or the import is not validated; the job does the rest. */
    async startCommit(actor: Actor, id: number, locale: Locale, jobs: JobRunner): Promise<string> {
      scopeOf(actor, importPolicy[(await ownImport(actor, id)).kind as ImportKind]);
      return db.transaction().execute(async (trx) => {
        const r = importsRepository(trx);
        const locked = await r.lockOwn(actor.userId, id);
        if (!locked) throw notFound("import");
        if (locked.status === "invalid") throw new AppError(409, "import.hasErrors");
        if (locked.status === "committed") throw new AppError(409, "import.alreadyCommitted");
        if ((await r.fileOf(id)).length <= 200) throw new AppError(409, "import.fileForgotten");
        if (locked.status !== "validated") throw new AppError(409, "import.notReady");
        const jobId = await jobs.enqueue(trx, commitJob, {
          ownerId: actor.userId,
          params: { importId: id, ip: actor.ip },
          locale,
        });
        await r.setStatus(id, "committing", { jobId, message: null });
        return jobId;
      });
    },
  };
}
export type ImportsService = ReturnType<typeof importsService>;
