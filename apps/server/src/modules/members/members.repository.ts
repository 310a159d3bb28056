import type { MemberExportQuery, MemberListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { countCache, countRows, keptPages, type ListVersions, listVersion, NEWEST_WINDOW } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import { likePrefix, pathInScopeSql, type Reach, reachSql, type Scope } from "../../platform/access.ts";
import { conflict } from "../../platform/errors.ts";

export interface MemberRow {
  id: number;
  name: string;
  gender: string;
  ethnicity: string;
  birth_year: number;
  id_number_masked: string;
  phone_masked: string | null;
  education: string;
  join_date: string;
  status: string;
  primary_org_id: number;
  primary_org_name: string;
  primary_org_path: string;
  co_org_id: number | null;
  co_org_name: string | null;
  co_org_path: string | null;
}

/** The roster's filters without paging. */
export type MemberFilters = MemberExportQuery;
/** What the service resolved from the filters: an organization's subtree, an exact ID number. */
export interface FilterOptions {
  withinPath: string | null;
  /** Every blind index the searched ID number may be stored under (two keys during a key rotation). */
  idNumberHash: readonly Buffer[] | null;
  /**
   * Whose members an exact ID-number search may find: those whose primary organization is in this
   * scope (the caller's member.reveal scope). A role that may not reveal cannot confirm a guessed
   * number either; without it, the search would be a free oracle for rebuilding masked numbers.
   */
  idNumberScope?: Scope;
  /** Birth years, inclusive (the service turns the age band into years with its clock). */
  bornFrom?: number;
  bornTo?: number;
}

/**
 * Who reaches a member (declared here, next to the columns, and used by members.policy.ts):
 * reading through the primary or the co-managing organization's subtree, or as oneself;
 * managing (edit, reveal) through the primary organization only (issue 6, hole 4).
 */
export const memberReadReach: Reach = [
  { kind: "subtree", column: "members.primary_org_path" },
  { kind: "subtree", column: "members.co_org_path" },
  { kind: "selfMember", column: "members.id" },
];
export const memberManagedReach: Reach = [{ kind: "subtree", column: "members.primary_org_path" }];

function memberInScope(scope: Scope): RawBuilder<SqlBool> {
  return reachSql(scope, memberReadReach);
}

/**
 * The unique index on the ID number's blind index is the last word: two requests adding the same
 * person at once both pass the service's check, and the second one's insert lands here.
 */
function duplicateIdNumber(error: unknown): never {
  const e = error as { code?: unknown; constraint?: unknown };
  if (e.code === "23505" && e.constraint === "members_id_number_hash_key")
    throw conflict("idNumber.duplicate", "idNumber");
  throw error;
}

/** The only SQL of the member roster; every finder takes the caller's scope. */
export function membersRepository(db: Kysely<DB>) {
  // The roster's totals between requests (db/count.ts); the roster's pages are most of its reads.
  const totals = countCache("members");
  // Pages too: a page's rows are members and the names of their organizations ('auth' versions
  // organizations), so it holds while both lists' versions do.
  const pages = keptPages<MemberRow>(["members", "auth"]);
  const selectMembers = () =>
    db
      .selectFrom("members")
      .innerJoin("organizations as po", "po.id", "members.primary_org_id")
      .leftJoin("organizations as co", "co.id", "members.co_org_id")
      .select([
        "members.id",
        "members.name",
        "members.gender",
        "members.ethnicity",
        "members.birth_year",
        "members.id_number_masked",
        "members.phone_masked",
        "members.education",
        "members.join_date",
        "members.status",
        "members.primary_org_id",
        "po.name as primary_org_name",
        "members.primary_org_path",
        "members.co_org_id",
        "co.name as co_org_name",
        "members.co_org_path",
      ]);

  /** The id below the newest NEWEST_WINDOW members (0 when there are fewer). */
  const newestFloor = () =>
    sql<number>`coalesce((SELECT id FROM members ORDER BY id DESC OFFSET ${NEWEST_WINDOW} LIMIT 1), 0)`;

  /**
   * What the roster's total counts. With filters, the filtered query. Without (the first page of
   * every roster), the same members as two disjoint parts the indexes answer: those whose primary
   * organization is in the scope (an index-only range scan of migration 0026's index) and the
   * rest of the scope (co-managed from elsewhere, or oneself), which are few. The `OR` of the
   * whole scope read every member of a province (docs/performance.md, "Province scale").
   */
  const countable = (scope: Scope, query: MemberFilters, options: FilterOptions) => {
    // Any filter at all: every field of the query but the page, every option the service resolved
    // (idNumberScope only narrows an ID-number search, which idNumberHash already is).
    const filteredBeyondScope =
      Object.entries(query).some(([k, v]) => k !== "page" && k !== "pageSize" && v !== undefined && v !== "") ||
      Object.entries(options).some(([k, v]) => k !== "idNumberScope" && v !== null && v !== undefined);
    if (filteredBeyondScope) return filtered(scope, query, options);
    const primaryInScope = reachSql(scope, memberManagedReach);
    // The scope's other relations (co-managing organization, oneself), each with its own index.
    const otherwiseInScope = reachSql(
      scope,
      memberReadReach.filter((relation) => relation.column !== "members.primary_org_path"),
    );
    const active = db.selectFrom("members").select("members.id").where("members.transferred_out_at", "is", null);
    const parts = active
      .where(primaryInScope)
      .unionAll(active.where(otherwiseInScope).where(sql<SqlBool>`NOT (${primaryInScope})`));
    return db.selectFrom(parts.as("scoped")).select("scoped.id");
  };

  /** The roster's filters and the caller's scope, as SQL: shared by the list, the count and the export. */
  const filtered = (scope: Scope, query: MemberFilters, options: FilterOptions) => {
    // The active roster: a member transferred out of the platform keeps their record but leaves it (issue 11).
    let q = db.selectFrom("members").where(memberInScope(scope)).where("members.transferred_out_at", "is", null);
    if (options.withinPath) {
      const prefix = likePrefix(options.withinPath);
      q = q.where((eb) =>
        eb.or([eb("members.primary_org_path", "like", prefix), eb("members.co_org_path", "like", prefix)]),
      );
    }
    if (options.idNumberHash) {
      q = q.where("members.id_number_hash", "in", options.idNumberHash);
      const within = options.idNumberScope;
      if (within) q = q.where(pathInScopeSql(within, "members.primary_org_path"));
    } else if (query.q) q = q.where("members.name", "like", `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (query.status) q = q.where("members.status", "=", query.status);
    if (query.gender) q = q.where("members.gender", "=", query.gender);
    if (query.education) q = q.where("members.education", "=", query.education);
    if (query.ethnicity) q = q.where("members.ethnicity", "=", query.ethnicity);
    if (query.joinedFrom) q = q.where("members.join_date", ">=", query.joinedFrom);
    if (query.joinedTo) q = q.where("members.join_date", "<=", query.joinedTo);
    if (options.bornFrom !== undefined) q = q.where("members.birth_year", ">=", options.bornFrom);
    if (options.bornTo !== undefined) q = q.where("members.birth_year", "<=", options.bornTo);
    return q;
  };

  return {
    /** Members by id with their primary organization's path and co-managing organization, locked (joint branches). */
    lockForCoManagement(ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("members")
        .select(["id", "name", "primary_org_path", "co_org_id"])
        .where("id", "in", ids)
        .orderBy("id")
        .forUpdate()
        .execute();
    },

    /** One member's organizations, locked for a transfer or a mobile registration (issue 11). */
    lockForMove(id: number) {
      return db
        .selectFrom("members")
        .select(["id", "name", "primary_org_id", "primary_org_path", "co_org_id", "transferred_out_at"])
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
    },

    /** Moves a member's primary organization; a co-managing organization that becomes the primary one is dropped. */
    async moveTo(id: number, orgId: number) {
      await db
        .updateTable("members")
        .set((eb) => ({
          primary_org_id: orgId,
          co_org_id: eb.case().when("co_org_id", "=", orgId).then(null).else(eb.ref("co_org_id")).end(),
          updated_at: sql`now()`,
        }))
        .where("id", "=", id)
        .execute();
    },

    async markTransferredOut(id: number) {
      await db
        .updateTable("members")
        .set({ transferred_out_at: sql`now()`, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    async setCoOrg(ids: readonly number[], coOrgId: number) {
      if (ids.length === 0) return;
      await db
        .updateTable("members")
        .set({ co_org_id: coOrgId, updated_at: new Date() })
        .where("id", "in", ids)
        .execute();
    },

    /** How many members an organization co-manages whose primary organization lies under each path. */
    async countCoManagedUnder(coOrgId: number, paths: readonly string[]): Promise<number[]> {
      const rows = await db.selectFrom("members").select("primary_org_path").where("co_org_id", "=", coOrgId).execute();
      return paths.map((p) => rows.filter((r) => r.primary_org_path.startsWith(p)).length);
    },

    /**
     * One page and the total. `seen` is what the request's sign-in check read of the lists'
     * versions (Actor.listVersions): a page kept under them is served without a statement.
     */
    async list(
      scope: Scope,
      query: MemberListQuery,
      options: FilterOptions,
      seen?: ListVersions,
    ): Promise<{ items: MemberRow[]; total: number }> {
      // The page's every input: its query is made of these alone (filtered, newest, the window).
      const key = JSON.stringify([scope, query, options]);
      return pages.read(key, seen, async () => {
        const q = filtered(scope, query, options);
        const offset = (query.page - 1) * query.pageSize;
        // Newest first: a member just added or transferred in is on the first page.
        const newest = (ids: typeof q) =>
          ids.select("members.id").orderBy("members.id", "desc").limit(query.pageSize).offset(offset);
        // biome-ignore lint/suspicious/noExplicitAny: a query of member ids, from the table or a subquery
        const rowsOf = (ids: SelectQueryBuilder<DB, any, { id: number }>) =>
          selectMembers()
            .select([listVersion("members").as("members_version"), listVersion("auth").as("auth_version")])
            .where("members.id", "in", ids)
            .orderBy("members.id", "desc")
            .execute();
        // Among the newest rows first. The planner takes "newest first within a path" as a backward
        // walk of the primary key, assuming a jurisdiction's members are spread evenly over the
        // ids; they are not (a county's are imported together), and at province size a city's
        // first page walked 700,000 other members (docs/performance.md). Bounded to the newest
        // NEWEST_WINDOW ids, the walk is cheap; a page it fills is exact (every member outside the
        // window is older than every one in it). Otherwise the scope's ids are read through the
        // path indexes (the OFFSET 0 keeps the planner from walking the key again) and sorted.
        let page = await rowsOf(newest(q.where("members.id", ">", newestFloor())));
        if (page.length < query.pageSize) {
          const scoped = db.selectFrom(q.select("members.id").offset(0).as("scoped")).select("scoped.id");
          page = await rowsOf(scoped.orderBy("scoped.id", "desc").limit(query.pageSize).offset(offset));
        }
        // The page carries the lists' versions, so that a kept total is reused without a count
        // and the page itself is kept under what its own snapshot saw.
        const first = page[0];
        const total = await totals.total(countable(scope, query, options), first?.members_version);
        const items = page.map(({ members_version: _m, auth_version: _a, ...row }) => row) as MemberRow[];
        return {
          items,
          total,
          versions: first ? { members: first.members_version, auth: first.auth_version } : undefined,
        };
      });
    },

    /** How many members the filters match inside the scope (the export checks its cap with it). */
    async count(scope: Scope, filters: MemberFilters, options: FilterOptions): Promise<number> {
      return countRows(filtered(scope, filters, options));
    },

    /**
     * The matching members in batches, newest first, by keyset (id below the last one seen), so
     * an export never holds the whole roster as objects and never rescans skipped rows.
     */
    async *batches(
      scope: Scope,
      filters: MemberFilters,
      options: FilterOptions,
      batchSize: number,
    ): AsyncGenerator<MemberRow[]> {
      let before: number | null = null;
      for (;;) {
        let ids = filtered(scope, filters, options).select("members.id");
        if (before !== null) ids = ids.where("members.id", "<", before);
        const rows = (await selectMembers()
          .where("members.id", "in", ids.orderBy("members.id", "desc").limit(batchSize))
          .orderBy("members.id", "desc")
          .execute()) as MemberRow[];
        if (rows.length) yield rows;
        const last = rows.at(-1);
        if (!last || rows.length < batchSize) return;
        before = last.id;
      }
    },

    /** The rows among ids that satisfy a reach condition (the policy's loader). */
    findWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<MemberRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectMembers().where("members.id", "in", ids).where(where).execute() as Promise<MemberRow[]>;
    },

    findById(scope: Scope, id: number): Promise<MemberRow | undefined> {
      return selectMembers().where("members.id", "=", id).where(memberInScope(scope)).executeTakeFirst() as Promise<
        MemberRow | undefined
      >;
    },

    findSecrets(id: number) {
      return db
        .selectFrom("members")
        .select(["id_number_enc", "phone_enc"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    },

    /** `hashes`: every blind index the number may be stored under (cipher.lookupIndexes). */
    async idNumberTaken(hashes: readonly Buffer[], exceptId: number | null): Promise<boolean> {
      let q = db.selectFrom("members").select("id").where("id_number_hash", "in", hashes);
      if (exceptId !== null) q = q.where("id", "<>", exceptId);
      return (await q.executeTakeFirst()) !== undefined;
    },

    /** Members under these blind indexes with the fields an import compares (issue 13). */
    findForImport(hashes: readonly Buffer[]) {
      if (hashes.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("members")
        .select([
          "id",
          "id_number_hash",
          "name",
          "gender",
          "ethnicity",
          "birth_year",
          "phone_enc",
          "education",
          "join_date",
          "status",
          "primary_org_id",
          "co_org_id",
        ])
        .where("id_number_hash", "in", hashes)
        .execute();
    },

    /** Many members in one statement (an import's batch); a duplicate ID number is the same 409. */
    async insertMany(values: readonly MemberWrite[]): Promise<void> {
      if (values.length === 0) return;
      await db
        .insertInto("members")
        .values([...values])
        .execute()
        .catch(duplicateIdNumber);
    },

    async insert(values: MemberWrite): Promise<number> {
      const row = await db
        .insertInto("members")
        .values(values)
        .returning("id")
        .executeTakeFirstOrThrow()
        .catch(duplicateIdNumber);
      return row.id;
    },

    async update(id: number, values: Partial<MemberWrite>): Promise<void> {
      await db
        .updateTable("members")
        .set({ ...values, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute()
        .catch(duplicateIdNumber);
    },
  };
}

export interface MemberWrite {
  name: string;
  gender: string;
  ethnicity: string;
  birth_year: number;
  id_number_enc: Buffer;
  id_number_hash: Buffer;
  id_number_masked: string;
  phone_enc: Buffer | null;
  phone_masked: string | null;
  education: string;
  join_date: string;
  status: string;
  /** The organizations' path copies follow from these ids (a trigger fills them: migration 0008). */
  primary_org_id: number;
  co_org_id: number | null;
}
