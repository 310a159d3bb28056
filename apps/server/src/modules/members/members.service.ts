import type {
  CreateMemberBody,
  Locale,
  Member,
  MemberExportQuery,
  MemberListQuery,
  RevealBody,
  UpdateMemberBody,
} from "@huzhu/contracts";
import { idNumberBirthDate, maskIdNumber, maskPhone } from "@huzhu/domain";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, scopeFor } from "../../platform/access.ts";
import { raiseSecurityAlert } from "../../platform/alerts.ts";
import { type AuditRecord, describeFilters, recordAudit } from "../../platform/audit.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import type { PersonalDataCipher } from "../../platform/crypto.ts";
import { AppError, conflict, invalidField, notFound } from "../../platform/errors.ts";
import { type ExportJobParams, exportJob } from "../../platform/export-job.ts";
import type { JobKind, JobRunner } from "../../platform/jobs.ts";
import { authorizeField, presentAbilities, scopeOf } from "../../platform/policy.ts";
import { checkRateLimit, type RateLimit, recordRateEvent } from "../../platform/rate-limit.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import { exportFileName, writeRosterWorkbook } from "./members.export.ts";
import { memberProblems, personalDataColumns } from "./members.import.ts";
import { memberPolicy } from "./members.policy.ts";
import { presentMember } from "./members.presenter.ts";
import {
  type FilterOptions,
  type MemberFilters,
  type MemberRow,
  type MemberWrite,
  membersRepository,
} from "./members.repository.ts";

const ID_NUMBER_QUERY = /^\d{17}[\dXx]$/;

/** The year of a YYYY-MM-DD date. */
function birthYearOf(birthDate: string): number {
  return Number(birthDate.slice(0, 4));
}

/** A request cannot run away: an export above this many rows is refused, asking for narrower filters. */
export const EXPORT_MAX_ROWS = 50_000;
const EXPORT_BATCH_SIZE = 1_000;

/**
 * "Already used" (409) answers per user per hour. Each says that an ID number exists, maybe
 * outside the caller's scope; the answer is needed (the person is transferred, not added twice),
 * so it is limited, not removed. Past the limit every create, and every edit of an ID number, gets
 * 429 until the window has moved on: a free number too, or 201 against 429 would answer instead.
 */
export const ID_NUMBER_DUPLICATE_LIMIT: RateLimit = {
  kind: "idNumber.duplicate",
  max: 5,
  windowMs: 60 * 60_000,
  code: "idNumber.probeLimit",
  field: "idNumber",
};

/**
 * Exact ID-number searches that found nobody, per user per hour. Each tests one guess at a
 * masked number (about 3,300 candidates remain from the mask and the birth year): a legitimate
 * search finds the person or is a rare typo, a search for guesses finds nobody almost every time.
 */
export const ID_NUMBER_SEARCH_LIMIT: RateLimit = {
  kind: "idNumber.searchMiss",
  max: 20,
  windowMs: 60 * 60_000,
  code: "idNumber.searchLimit",
  field: "q",
};

export function membersService(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  clock: () => Date,
  options: { exportMaxRows?: number } = {},
) {
  const repo = membersRepository(db);
  const today = () => chinaDate(clock());
  const exportMaxRows = options.exportMaxRows ?? EXPORT_MAX_ROWS;

  /** Turns the roster filters into SQL inputs: an organization (inside org.read scope) and an exact ID number. */
  async function resolveFilters(actor: Actor, filters: MemberFilters): Promise<FilterOptions> {
    let withinPath: string | null = null;
    if (filters.orgId) {
      const org = await orgDirectory(db).find(scopeFor(actor, "org.read"), filters.orgId);
      if (!org) throw notFound("organization");
      withinPath = org.path;
    }
    const q = filters.q?.trim();
    const idNumberHash = q && ID_NUMBER_QUERY.test(q) ? cipher.lookupIndexes(q.toUpperCase()) : null;
    if (idNumberHash) await checkRateLimit(db, actor.userId, ID_NUMBER_SEARCH_LIMIT, clock());
    // The age band as birth years: age is this year minus the birth year (ageInYear).
    const year = clock().getUTCFullYear();
    return {
      withinPath,
      idNumberHash,
      idNumberScope: scopeFor(actor, "member.reveal"),
      ...(filters.ageTo === undefined ? {} : { bornFrom: year - filters.ageTo }),
      ...(filters.ageFrom === undefined ? {} : { bornTo: year - filters.ageFrom }),
    };
  }

  /**
   * Counts one ID-number probe of the actor in the database (over the limit it throws the 429,
   * which replaces the answer). Reaching the limit raises one alert for the security administrator.
   */
  async function countProbe(actor: Actor, limit: RateLimit, via: "duplicate" | "search"): Promise<void> {
    const state = await recordRateEvent(db, actor.userId, limit, clock());
    if (state.count === limit.max) {
      await raiseSecurityAlert(db, {
        kind: "member.idNumberProbing",
        userId: actor.userId,
        // Ids and counts only: never the numbers that were tried.
        detail: { via, attempts: state.count, windowMinutes: limit.windowMs / 60_000 },
      });
    }
  }

  /** An "already used" answer is counted before it leaves (see ID_NUMBER_DUPLICATE_LIMIT). */
  async function countDuplicateAnswer(actor: Actor, error: unknown): Promise<never> {
    if (error instanceof AppError && error.code === "idNumber.duplicate") {
      await countProbe(actor, ID_NUMBER_DUPLICATE_LIMIT, "duplicate");
    }
    throw error;
  }

  /** Rows → DTOs, with what the caller may do with each (one query per distinct scope, see presentAbilities). */
  async function present(actor: Actor, rows: MemberRow[]): Promise<Member[]> {
    const abilities = await presentAbilities(db, actor, memberPolicy, rows);
    const now = clock();
    return rows.map((r) => presentMember(r, abilities.get(r.id) ?? {}, now));
  }

  async function get(actor: Actor, id: number): Promise<Member> {
    const row = await repo.findById(scopeOf(actor, memberPolicy.read), id);
    if (!row) throw notFound("member");
    const [member] = await present(actor, [row]);
    return member as Member;
  }
  const presentId = (_db: Kysely<DB>, actor: Actor, id: number) => get(actor, id);

  /** Checks the fields of a member as a whole (ID number against birth date and gender, dates). */
  function checkConsistency(m: { idNumber: string; birthDate: string; gender: string; joinDate: string }) {
    // The same rules an import applies to each of its rows (members.import.ts); the first one answers.
    const [problem] = memberProblems(m, today());
    if (problem) throw invalidField(problem.field, problem.code);
  }

  /**
   * Resolves the primary organization (one the caller may add members to) and the co-managing one
   * (one they see), both active; refusals name the field.
   */
  async function resolveOrgs(trx: Kysely<DB>, actor: Actor, primaryOrgId: number, coOrgId: number | null) {
    const [primary] = await authorizeField(trx, actor, orgPolicy.addMembers, [primaryOrgId], "primaryOrgId");
    let co: { id: number; path: string } | null = null;
    if (coOrgId !== null) {
      if (coOrgId === primaryOrgId) throw invalidField("coOrgId", "member.coOrgSame");
      const [found] = await authorizeField(trx, actor, orgPolicy.read, [coOrgId], "coOrgId");
      if (found?.status !== "active") throw invalidField("coOrgId", "org.dissolved");
      co = found;
    }
    return { primary: primary as { id: number; path: string }, co };
  }

  /** The full value of a revealed field; the birth date is the one inside the decrypted ID number. */
  function revealedValue(
    field: RevealBody["field"],
    secrets: { id_number_enc: Uint8Array; phone_enc: Uint8Array | null },
  ): string | null {
    if (field === "phone") return secrets.phone_enc === null ? null : cipher.decrypt(secrets.phone_enc);
    const idNumber = cipher.decrypt(secrets.id_number_enc);
    return field === "idNumber" ? idNumber : idNumberBirthDate(idNumber);
  }

  /** What every export checks first: the permissions, the filters, and the cap on rows. */
  async function prepareExport(actor: Actor, filters: MemberExportQuery) {
    const scope = scopeOf(actor, memberPolicy.export);
    const resolved = await resolveFilters(actor, filters);
    const total = await repo.count(scope, filters, resolved);
    if (resolved.idNumberHash && total === 0) await countProbe(actor, ID_NUMBER_SEARCH_LIMIT, "search");
    if (total > exportMaxRows) {
      throw new AppError(400, "export.tooMany", { params: { count: total, max: exportMaxRows } });
    }
    return { scope, resolved, total };
  }

  const commands = {
    create: defineCommand({
      name: "member.create",
      ability: orgPolicy.addMembers,
      targetType: "member",
      // Shared tree lock: the primary organization's path is copied and must not move meanwhile.
      lock: (trx) => orgDirectory(trx).lockForAttach(),
      targets: (body: CreateMemberBody) => [body.primaryOrgId],
      targetField: "primaryOrgId",
      async run({ trx, actor, input: body }) {
        const r = membersRepository(trx);
        const { primary, co } = await resolveOrgs(trx, actor, body.primaryOrgId, body.coOrgId ?? null);
        const personal = personalDataColumns(cipher, body.idNumber, body.phone ?? null);
        // Under every index the number may have: mid-rotation, older rows carry the previous key's.
        if (await r.idNumberTaken(cipher.lookupIndexes(body.idNumber), null)) {
          throw conflict("idNumber.duplicate", "idNumber");
        }
        const id = await r.insert({
          name: body.name,
          gender: body.gender,
          ethnicity: body.ethnicity,
          birth_year: birthYearOf(body.birthDate),
          education: body.education,
          join_date: body.joinDate,
          status: body.status,
          primary_org_id: primary.id,
          co_org_id: co?.id ?? null,
          ...personal,
        });
        return { result: id, targetId: id, detail: { primaryOrgId: primary.id } };
      },
      present: presentId,
    }),

    update: defineCommand({
      name: "member.update",
      ability: memberPolicy.update,
      lock: (trx) => orgDirectory(trx).lockForAttach(),
      targets: (input: { id: number; body: UpdateMemberBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const current = row as MemberRow;
        const r = membersRepository(trx);
        const secrets = await r.findSecrets(id);
        const currentIdNumber = cipher.decrypt(secrets.id_number_enc);
        const merged = {
          idNumber: body.idNumber ?? currentIdNumber,
          // The stored birth date is the one inside the stored ID number (only the year is in the clear).
          birthDate: body.birthDate ?? idNumberBirthDate(currentIdNumber) ?? "",
          gender: body.gender ?? current.gender,
          joinDate: body.joinDate ?? current.join_date,
        };
        checkConsistency(merged);
        const patch: Partial<MemberWrite> = {};
        if (body.name !== undefined) patch.name = body.name;
        if (body.gender !== undefined) patch.gender = body.gender;
        if (body.ethnicity !== undefined) patch.ethnicity = body.ethnicity;
        if (body.education !== undefined) patch.education = body.education;
        if (body.joinDate !== undefined) patch.join_date = body.joinDate;
        if (body.status !== undefined) patch.status = body.status;
        if (body.idNumber !== undefined && body.idNumber !== currentIdNumber) {
          if (await r.idNumberTaken(cipher.lookupIndexes(body.idNumber), id)) {
            throw conflict("idNumber.duplicate", "idNumber");
          }
          patch.id_number_enc = cipher.encrypt(body.idNumber);
          patch.id_number_hash = cipher.blindIndex(body.idNumber);
          patch.id_number_masked = maskIdNumber(body.idNumber);
          patch.birth_year = birthYearOf(merged.birthDate);
        }
        if (body.phone !== undefined) {
          patch.phone_enc = body.phone === null ? null : cipher.encrypt(body.phone);
          patch.phone_masked = body.phone === null ? null : maskPhone(body.phone);
        }
        if (body.primaryOrgId !== undefined || body.coOrgId !== undefined) {
          const { primary, co } = await resolveOrgs(
            trx,
            actor,
            body.primaryOrgId ?? current.primary_org_id,
            body.coOrgId === undefined ? current.co_org_id : body.coOrgId,
          );
          patch.primary_org_id = primary.id;
          patch.co_org_id = co?.id ?? null;
        }
        await r.update(id, patch);
        // Which fields changed, never their values: the audit log must not become a copy of personal data.
        return { result: id, targetId: id, detail: { fields: Object.keys(body) } };
      },
      present: presentId,
    }),

    reveal: defineCommand({
      name: "member.reveal",
      ability: memberPolicy.reveal,
      targets: (input: { id: number; body: RevealBody }) => [input.id],
      async run({ trx, input: { id, body } }) {
        const secrets = await membersRepository(trx).findSecrets(id);
        const value = revealedValue(body.field, secrets);
        return {
          result: { field: body.field, value },
          targetId: id,
          detail: { field: body.field, reason: body.reason },
        };
      },
      present: async (_db, _actor, revealed: { field: RevealBody["field"]; value: string | null }) => revealed,
    }),
  };

  return {
    commands,

    async list(actor: Actor, query: MemberListQuery): Promise<{ items: Member[]; total: number }> {
      const scope = scopeOf(actor, memberPolicy.read);
      const resolved = await resolveFilters(actor, query);
      const result = await repo.list(scope, query, resolved, actor.listVersions);
      // An exact ID-number search that finds nobody was one guess at a masked number.
      if (resolved.idNumberHash && result.total === 0) await countProbe(actor, ID_NUMBER_SEARCH_LIMIT, "search");
      return { items: await present(actor, result.items), total: result.total };
    },

    /**
     * The filtered roster as an .xlsx, masked exactly as on screen (nothing is decrypted). Needs
     * member.export; reaches what the caller's member.read reaches. The audit record (filters and
     * row count, never personal data) is written before the file is handed back: an export that
     * cannot be audited does not leave. Refusals are audited by the route's config.audit.
     * `onBatch` hears of progress (the background job reports it to its owner).
     */
    async export(
      actor: Actor,
      filters: MemberExportQuery,
      locale: Locale,
      onBatch?: (rowsDone: number, total: number) => Promise<void>,
    ): Promise<{ workbook: Buffer; rowCount: number; date: string; audit: AuditRecord }> {
      const { scope, resolved, total } = await prepareExport(actor, filters);
      let done = 0;
      async function* reporting(batches: AsyncIterable<MemberRow[]>) {
        for await (const batch of batches) {
          yield batch;
          done += batch.length;
          if (onBatch) await onBatch(done, total);
        }
      }
      const rows = reporting(capped(repo.batches(scope, filters, resolved, EXPORT_BATCH_SIZE), exportMaxRows));
      const { buffer, rowCount } = await writeRosterWorkbook(rows, locale, {
        who: `${actor.displayName}（${actor.username}）`,
        at: clock(),
      });
      const audit: AuditRecord = {
        action: "member.export",
        result: "success",
        // A search text (a name, an ID number) is itself personal data: recorded as "searched: q", never as typed.
        detail: { ...describeFilters(filters, ["q", "ethnicity"]), rowCount, locale },
      };
      if (!onBatch) await recordAudit(db, actor, audit);
      return { workbook: buffer, rowCount, date: today(), audit };
    },

    /**
     * Checks an export request at once (permission, organization, the row cap: the caller hears
     * of a mistake now, not from a failed job), then queues it as a background job of the caller's.
     */
    async startExport(
      actor: Actor,
      filters: MemberExportQuery,
      locale: Locale,
      queue: { jobs: JobRunner; kind: JobKind<MemberExportJobParams> },
    ): Promise<string> {
      await prepareExport(actor, filters);
      return queue.jobs.enqueue(db, queue.kind, { ownerId: actor.userId, params: { filters, ip: actor.ip }, locale });
    },

    get,

    async create(actor: Actor, body: CreateMemberBody): Promise<Member> {
      checkConsistency(body);
      await checkRateLimit(db, actor.userId, ID_NUMBER_DUPLICATE_LIMIT, clock());
      const attempt = execute(db, actor, commands.create, body);
      return attempt.catch((error: unknown) => countDuplicateAnswer(actor, error));
    },

    async update(actor: Actor, id: number, body: UpdateMemberBody): Promise<Member> {
      if (body.idNumber !== undefined) await checkRateLimit(db, actor.userId, ID_NUMBER_DUPLICATE_LIMIT, clock());
      const attempt = execute(db, actor, commands.update, { id, body });
      return attempt.catch((error: unknown) => countDuplicateAnswer(actor, error));
    },

    /**
     * Shows one personal field in full. Needs member.reveal over the member (through the primary
     * organization), a reason, and writes an audit record in the same transaction before the value
     * is returned. Refusals are audited too (the route's command).
     */
    reveal: (actor: Actor, id: number, body: RevealBody) => execute(db, actor, commands.reveal, { id, body }),
  };
}
export type MembersService = ReturnType<typeof membersService>;

/** Stops after `max` rows even if members were added between the count and the last batch. */
async function* capped<T>(batches: AsyncIterable<T[]>, max: number): AsyncGenerator<T[]> {
  let left = max;
  for await (const batch of batches) {
    if (left <= 0) return;
    yield batch.slice(0, left);
    left -= batch.length;
  }
}

/** The roster export as a background job: the filters, and where it was asked from. */
export type MemberExportJobParams = ExportJobParams<MemberExportQuery>;

/** The export job (platform/export-job.ts): with its owner's rights as they are when it runs. */
export const memberExportJob = (
  members: MembersService,
  actorOf: (userId: number, ip: string | null) => Promise<Actor | null>,
) =>
  exportJob<MemberExportQuery>({
    kind: "member.export",
    actorOf,
    write: (actor, filters, locale, onBatch) => members.export(actor, filters, locale, onBatch),
    fileName: exportFileName,
  });

/**
 * What other modules may ask of members. A joint branch (联建, modules/joint-branches) co-manages
 * members of its pairing's two sides: each must belong to one of them (their primary organization
 * at or under a side) and have no co-managing organization yet — a member has one.
 */
export function memberDirectory(db: Kysely<DB>) {
  const repo = membersRepository(db);
  return {
    /** Sets `coOrgId` on the members, or answers the problem (a code and the names) and changes nothing. */
    async coManage(
      ids: readonly number[],
      coOrgId: number,
      sidePaths: readonly string[],
    ): Promise<{ code: string; names: string[] } | null> {
      const unique = [...new Set(ids)];
      const rows = await repo.lockForCoManagement(unique);
      const found = new Map(rows.map((r) => [r.id, r]));
      // Named by number, not by name, and an id that does not exist alike: nothing here may tell
      // who a member outside the two sides is, or whether they exist.
      const outside = unique.filter((id) => {
        const m = found.get(id);
        return !m || !sidePaths.some((p) => m.primary_org_path.startsWith(p));
      });
      if (outside.length) return { code: "jointBranch.memberNotOfSides", names: outside.map((id) => `#${id}`) };
      const taken = rows.filter((r) => r.co_org_id !== null);
      if (taken.length) return { code: "jointBranch.memberCoManaged", names: taken.map((r) => r.name) };
      await repo.setCoOrg(unique, coOrgId);
      return null;
    },
    countCoManagedUnder: (coOrgId: number, paths: readonly string[]) => repo.countCoManagedUnder(coOrgId, paths),
    /**
     * Membership transfers and mobile members (issue 11): the member's organizations, locked for the
     * caller's transaction; moving the primary organization (the single column keeps exactly one);
     * recording a transfer out of the platform (off the active roster, the record kept).
     */
    lockForMove: (id: number) => repo.lockForMove(id),
    moveTo: (id: number, orgId: number) => repo.moveTo(id, orgId),
    markTransferredOut: (id: number) => repo.markTransferredOut(id),
    /** Co-manages these members from `coOrgId` (an extension branch), or names those co-managed already and changes nothing. */
    async coManageFree(ids: readonly number[], coOrgId: number): Promise<string[] | null> {
      const rows = await repo.lockForCoManagement([...new Set(ids)]);
      const taken = rows.filter((r) => r.co_org_id !== null);
      if (taken.length) return taken.map((r) => r.name);
      await repo.setCoOrg(
        rows.map((r) => r.id),
        coOrgId,
      );
      return null;
    },
  };
}
