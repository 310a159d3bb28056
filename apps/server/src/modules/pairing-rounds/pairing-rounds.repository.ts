import type { PairingListQuery, PairingRoundListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import type { Reach } from "../../platform/access.ts";
import { decodeDetails, encodeDetails } from "./pairing-rounds.details.ts";
import type { RoundDetails } from "./pairing-rounds.presenter.ts";

/**
 * The only SQL of pairing rounds and pairings (issue 9). Rounds and pairings name organizations
 * by id and are reached through the kernel's relations: a round by the coordinators above its
 * organization (`party`), a pairing by those above either side (`party`), and a member–member
 * pairing by the two members themselves (`selfMember`) and those above their organizations.
 * Organizations' names come with the rows (a join on the kernel's tree, as every module does).
 */
export interface RoundRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  name: string;
  status: string;
  parameters: unknown;
  locks: unknown;
  forbids: unknown;
  summary: {
    recipients: number;
    helpers: number;
    candidates: number;
    covered: number;
    assigned: number;
    score: number;
  } | null;
  last_job_id: string | null;
  solve_ms: number | null;
  incremental: boolean;
  solved_at: Date | null;
  published_at: Date | null;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

/** The last run's documents (large: read only where they are needed). */
export interface RoundRun {
  problem: unknown;
  result: unknown;
  details: unknown;
}

export interface PairingRow {
  id: number;
  kind: string;
  demonstration: boolean;
  helper_org_id: number | null;
  recipient_org_id: number | null;
  helper_member_id: number | null;
  recipient_member_id: number | null;
  helper_name: string;
  recipient_name: string;
  form: string;
  status: string;
  starts_on: string | null;
  ends_on: string | null;
  goals: string | null;
  end_reason: string | null;
  origin: string;
  round_id: number | null;
  has_agreement: boolean;
  created_at: Date;
}

export interface PairingVisitRow {
  id: number;
  visited_on: string;
  notes: string;
  recorded_by: string;
  created_at: Date;
}

export interface PairingEventRow {
  pairing_id: number;
  event: string;
  status: string;
  reason: string | null;
  round_id: number | null;
  at: Date;
}

export const roundReach: Reach = [{ kind: "party", column: "pairing_rounds.org_id" }];

export const pairingReach: Reach = [
  { kind: "party", column: "pairings.helper_org_id" },
  { kind: "party", column: "pairings.recipient_org_id" },
  { kind: "selfMember", column: "pairings.helper_member_id" },
  { kind: "selfMember", column: "pairings.recipient_member_id" },
  {
    kind: "partyThrough",
    column: "pairings.helper_member_id",
    through: { table: "members", key: "id", party: "primary_org_id" },
  },
  {
    kind: "partyThrough",
    column: "pairings.recipient_member_id",
    through: { table: "members", key: "id", party: "primary_org_id" },
  },
];
/** Ending a pairing is for coordinators above either organization. */
export const pairingOrgReach: Reach = [
  { kind: "party", column: "pairings.helper_org_id" },
  { kind: "party", column: "pairings.recipient_org_id" },
];

const json = (value: unknown) => JSON.stringify(value);

export function pairingRoundsRepository(db: Kysely<DB>) {
  const selectRounds = () =>
    db
      .selectFrom("pairing_rounds")
      .innerJoin("organizations as ro", "ro.id", "pairing_rounds.org_id")
      .select([
        "pairing_rounds.id",
        "pairing_rounds.org_id",
        "ro.name as org_name",
        "ro.path as org_path",
        "pairing_rounds.name",
        "pairing_rounds.status",
        "pairing_rounds.parameters",
        "pairing_rounds.locks",
        "pairing_rounds.forbids",
        sql<RoundRow["summary"]>`CASE WHEN pairing_rounds.result IS NULL THEN NULL ELSE jsonb_build_object(
          'recipients', jsonb_array_length(pairing_rounds.problem->'recipients'),
          'helpers', jsonb_array_length(pairing_rounds.problem->'helpers'),
          'candidates', jsonb_array_length(pairing_rounds.problem->'candidates'),
          'covered', pairing_rounds.result->'result'->'covered',
          'assigned', pairing_rounds.result->'result'->'assigned',
          'score', pairing_rounds.result->'result'->'score') END`.as("summary"),
        "pairing_rounds.last_job_id",
        "pairing_rounds.solve_ms",
        "pairing_rounds.incremental",
        "pairing_rounds.solved_at",
        "pairing_rounds.published_at",
        "pairing_rounds.created_by",
        "pairing_rounds.created_at",
        "pairing_rounds.updated_at",
      ]);

  const selectPairings = () =>
    db
      .selectFrom("pairings")
      .leftJoin("organizations as ho", "ho.id", "pairings.helper_org_id")
      .leftJoin("organizations as rco", "rco.id", "pairings.recipient_org_id")
      .leftJoin("members as hm", "hm.id", "pairings.helper_member_id")
      .leftJoin("members as rm", "rm.id", "pairings.recipient_member_id")
      .select([
        "pairings.id",
        "pairings.kind",
        "pairings.demonstration",
        "pairings.helper_org_id",
        "pairings.recipient_org_id",
        "pairings.helper_member_id",
        "pairings.recipient_member_id",
        sql<string>`coalesce(ho.name, hm.name)`.as("helper_name"),
        sql<string>`coalesce(rco.name, rm.name)`.as("recipient_name"),
        "pairings.form",
        "pairings.status",
        sql<string | null>`pairings.starts_on::text`.as("starts_on"),
        sql<string | null>`pairings.ends_on::text`.as("ends_on"),
        "pairings.goals",
        "pairings.end_reason",
        "pairings.origin",
        "pairings.round_id",
        sql<boolean>`EXISTS (SELECT 1 FROM pairing_agreements a WHERE a.pairing_id = pairings.id)`.as("has_agreement"),
        "pairings.created_at",
      ]);

  return {
    findRoundsWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<RoundRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectRounds().where("pairing_rounds.id", "in", ids).where(where).execute() as Promise<RoundRow[]>;
    },

    async listRounds(where: RawBuilder<SqlBool>, query: PairingRoundListQuery) {
      let q = selectRounds().where(where);
      if (query.orgId) q = q.where("pairing_rounds.org_id", "=", query.orgId);
      if (query.status) q = q.where("pairing_rounds.status", "=", query.status);
      const [items, total] = await Promise.all([
        q
          .orderBy("pairing_rounds.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute() as Promise<RoundRow[]>,
        countRows(q),
      ]);
      return { items, total };
    },

    async runOf(id: number): Promise<RoundRun | undefined> {
      const row = await db
        .selectFrom("pairing_rounds")
        .select(["problem", "result", "details"])
        .where("id", "=", id)
        .executeTakeFirst();
      return row && { ...row, details: row.details === null ? null : decodeDetails(row.details) };
    },

    /** Serializes the writes of one round (runs, edits, publishing). */
    async lockRound(id: number): Promise<void> {
      await db.selectFrom("pairing_rounds").select("id").where("id", "=", id).forUpdate().execute();
    },

    async insertRound(values: {
      org_id: number;
      name: string;
      parameters: unknown;
      locks?: unknown;
      forbids?: unknown;
      created_by: number;
    }): Promise<number> {
      const row = await db
        .insertInto("pairing_rounds")
        .values({
          ...values,
          parameters: json(values.parameters),
          locks: json(values.locks ?? []),
          forbids: json(values.forbids ?? []),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateRound(
      id: number,
      values: {
        name?: string;
        parameters?: unknown;
        locks?: unknown;
        forbids?: unknown;
        last_job_id?: string;
      },
    ): Promise<void> {
      await db
        .updateTable("pairing_rounds")
        .set({
          ...(values.name !== undefined && { name: values.name }),
          ...(values.parameters !== undefined && { parameters: json(values.parameters) }),
          ...(values.locks !== undefined && { locks: json(values.locks) }),
          ...(values.forbids !== undefined && { forbids: json(values.forbids) }),
          ...(values.last_job_id !== undefined && { last_job_id: values.last_job_id }),
          updated_at: sql`now()`,
        })
        .where("id", "=", id)
        .execute();
    },

    async saveRun(
      id: number,
      run: RoundRun & { solveMs: number; incremental: boolean; solvedAt: Date },
      edits?: { parameters?: unknown; locks?: unknown; forbids?: unknown },
    ): Promise<void> {
      await db
        .updateTable("pairing_rounds")
        .set({
          status: "solved",
          problem: json(run.problem),
          result: json(run.result),
          details: json(encodeDetails(run.details as RoundDetails)),
          solve_ms: Math.round(run.solveMs),
          incremental: run.incremental,
          solved_at: run.solvedAt,
          ...(edits?.parameters !== undefined && { parameters: json(edits.parameters) }),
          ...(edits?.locks !== undefined && { locks: json(edits.locks) }),
          ...(edits?.forbids !== undefined && { forbids: json(edits.forbids) }),
          updated_at: sql`now()`,
        })
        .where("id", "=", id)
        .execute();
    },

    async markPublished(id: number, userId: number): Promise<void> {
      await db
        .updateTable("pairing_rounds")
        .set({ status: "published", published_at: sql`now()`, published_by: userId, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
    },

    /** Active pairings between organizations of a subtree, as `${helper}:${recipient}` (continuity). */
    async activeOrgPairsUnder(path: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom("pairings")
        .innerJoin("organizations as h", "h.id", "pairings.helper_org_id")
        .select(["pairings.helper_org_id", "pairings.recipient_org_id"])
        .where("pairings.status", "=", "active")
        .where("h.path", "like", `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
        .execute();
      return new Set(rows.map((r) => `${r.helper_org_id}:${r.recipient_org_id}`));
    },

    // ---- pairings ----

    findPairingsWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<PairingRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectPairings().where("pairings.id", "in", ids).where(where).execute();
    },

    async listPairings(where: RawBuilder<SqlBool>, query: PairingListQuery) {
      let q = selectPairings().where(where);
      if (query.status) q = q.where("pairings.status", "=", query.status);
      if (query.roundId) q = q.where("pairings.round_id", "=", query.roundId);
      if (query.kind) q = q.where("pairings.kind", "=", query.kind);
      if (query.orgId) {
        const orgId = query.orgId;
        q = q.where((eb) =>
          eb.or([eb("pairings.helper_org_id", "=", orgId), eb("pairings.recipient_org_id", "=", orgId)]),
        );
      }
      const [items, total] = await Promise.all([
        q
          .orderBy("pairings.id", "desc")
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countRows(q),
      ]);
      return { items, total };
    },

    /** The active (or proposed) organization pairing of two organizations, if any. */
    async currentOrgPairing(helperOrgId: number, recipientOrgId: number): Promise<number | undefined> {
      const row = await db
        .selectFrom("pairings")
        .select("id")
        .where("helper_org_id", "=", helperOrgId)
        .where("recipient_org_id", "=", recipientOrgId)
        .where("status", "in", ["proposed", "active"])
        .executeTakeFirst();
      return row?.id;
    },

    /** The active (or proposed) pairings among these organization pairs, by `${helper}:${recipient}`. */
    async currentOrgPairings(
      pairs: readonly { helperOrgId: number; recipientOrgId: number }[],
    ): Promise<Map<string, number>> {
      if (pairs.length === 0) return new Map();
      const wanted = new Set(pairs.map((p) => `${p.helperOrgId}:${p.recipientOrgId}`));
      const rows = await db
        .selectFrom("pairings")
        .select(["id", "helper_org_id", "recipient_org_id"])
        .where("helper_org_id", "in", [...new Set(pairs.map((p) => p.helperOrgId))])
        .where("status", "in", ["proposed", "active"])
        .execute();
      const out = new Map<string, number>();
      for (const row of rows) {
        const key = `${row.helper_org_id}:${row.recipient_org_id}`;
        if (wanted.has(key)) out.set(key, row.id);
      }
      return out;
    },

    /** Inserts organization pairings with their first history event; answers their ids by `${helper}:${recipient}`. */
    async insertPairings(
      values: Array<{
        helper_org_id: number;
        recipient_org_id: number;
        form: string;
        status: string;
        starts_on: string;
        ends_on: string;
        goals: string | null;
        origin: string;
        round_id: number | null;
        created_by: number;
      }>,
    ): Promise<Map<string, number>> {
      if (values.length === 0) return new Map();
      const rows = await db
        .insertInto("pairings")
        .values(values)
        .returning(["id", "helper_org_id", "recipient_org_id", "status", "round_id", "created_by"])
        .execute();
      await db
        .insertInto("pairing_events")
        .values(
          rows.map((row) => ({
            pairing_id: row.id,
            event: "created",
            status: row.status,
            reason: null,
            round_id: row.round_id,
            actor_id: row.created_by,
          })),
        )
        .execute();
      return new Map(rows.map((row) => [`${row.helper_org_id}:${row.recipient_org_id}`, row.id]));
    },

    /** The active (or proposed) pairing of two members, if any. */
    async currentMemberPairing(helperMemberId: number, recipientMemberId: number): Promise<number | undefined> {
      const row = await db
        .selectFrom("pairings")
        .select("id")
        .where("helper_member_id", "=", helperMemberId)
        .where("recipient_member_id", "=", recipientMemberId)
        .where("status", "in", ["proposed", "active"])
        .executeTakeFirst();
      return row?.id;
    },

    async insertMemberPairing(values: {
      helper_member_id: number;
      recipient_member_id: number;
      form: string;
      starts_on: string;
      ends_on: string;
      goals: string | null;
      created_by: number;
    }): Promise<number> {
      const row = await db
        .insertInto("pairings")
        .values({ ...values, helper_org_id: null, recipient_org_id: null, status: "active", origin: "manual" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("pairing_events")
        .values({
          pairing_id: row.id,
          event: "created",
          status: "active",
          reason: null,
          round_id: null,
          actor_id: values.created_by,
        })
        .execute();
      return row.id;
    },

    /** A leader's contact point (领导联点): the leader's member record and the village. */
    async insertContactPoint(values: {
      helper_member_id: number;
      recipient_org_id: number;
      starts_on: string;
      ends_on: string;
      goals: string | null;
      demonstration: boolean;
      created_by: number;
    }): Promise<number> {
      const row = await db
        .insertInto("pairings")
        .values({ ...values, kind: "contact_point", form: "urban_rural", status: "active", origin: "manual" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("pairing_events")
        .values({
          pairing_id: row.id,
          event: "created",
          status: "active",
          reason: null,
          round_id: null,
          actor_id: values.created_by,
        })
        .execute();
      return row.id;
    },

    async currentContactPoint(memberId: number, orgId: number): Promise<number | undefined> {
      const row = await db
        .selectFrom("pairings")
        .select("id")
        .where("kind", "=", "contact_point")
        .where("helper_member_id", "=", memberId)
        .where("recipient_org_id", "=", orgId)
        .where("status", "in", ["proposed", "active"])
        .executeTakeFirst();
      return row?.id;
    },

    async insertVisit(values: { pairing_id: number; visited_on: string; notes: string; created_by: number }) {
      await db.insertInto("pairing_visits").values(values).execute();
    },

    /**
     * The last joint activity of each pairing: its latest visit, or the latest activity (since the
     * pairing began) of a help project its helper runs for its recipient, whichever is later.
     */
    async lastActivities(ids: readonly number[]): Promise<Map<number, string | null>> {
      if (ids.length === 0) return new Map();
      const rows = await sql<{ id: number; last: string | null }>`
        SELECT p.id,
               GREATEST(
                 (SELECT max(v.visited_on) FROM pairing_visits v WHERE v.pairing_id = p.id),
                 (SELECT max(a.occurred_on)
                    FROM project_activities a
                    JOIN project_parties h ON h.project_id = a.project_id AND h.side = 'helper'
                    JOIN project_parties r ON r.project_id = a.project_id AND r.side = 'recipient'
                   WHERE h.org_id = p.helper_org_id AND r.org_id = p.recipient_org_id
                     AND (p.starts_on IS NULL OR a.occurred_on >= p.starts_on))
               )::text AS last
          FROM pairings p
         WHERE p.id IN (${sql.join(ids.map((id) => sql`${id}`))})`.execute(db);
      return new Map(rows.rows.map((r) => [Number(r.id), r.last]));
    },

    /** The help projects the helper runs for the recipient (organization pairings), with their needs. */
    async linkedProjects(helperOrgId: number | null, recipientOrgId: number | null) {
      if (helperOrgId === null || recipientOrgId === null) return [];
      const rows = await sql<{
        id: number;
        title: string;
        status: string;
        need_id: number | null;
        need_title: string | null;
        last: string | null;
      }>`
        SELECT pr.id, pr.title, pr.status, n.id AS need_id, n.title AS need_title,
               (SELECT max(a.occurred_on) FROM project_activities a WHERE a.project_id = pr.id)::text AS last
          FROM projects pr
          JOIN project_parties h ON h.project_id = pr.id AND h.side = 'helper' AND h.org_id = ${helperOrgId}
          JOIN project_parties r ON r.project_id = pr.id AND r.side = 'recipient' AND r.org_id = ${recipientOrgId}
          LEFT JOIN needs n ON n.id = pr.need_id
         ORDER BY pr.id DESC
         LIMIT 50`.execute(db);
      return rows.rows.map((r) => ({
        id: Number(r.id),
        title: r.title,
        status: r.status,
        need: r.need_id === null ? null : { id: Number(r.need_id), title: r.need_title ?? "" },
        lastActivityOn: r.last,
      }));
    },

    visitsOf(id: number): Promise<PairingVisitRow[]> {
      return db
        .selectFrom("pairing_visits")
        .innerJoin("users", "users.id", "pairing_visits.created_by")
        .select([
          "pairing_visits.id",
          sql<string>`pairing_visits.visited_on::text`.as("visited_on"),
          "pairing_visits.notes",
          "users.display_name as recorded_by",
          "pairing_visits.created_at",
        ])
        .where("pairing_visits.pairing_id", "=", id)
        .orderBy("pairing_visits.visited_on", "desc")
        .orderBy("pairing_visits.id", "desc")
        .execute();
    },

    async setDemonstration(id: number, demonstration: boolean): Promise<void> {
      await db.updateTable("pairings").set({ demonstration, updated_at: sql`now()` }).where("id", "=", id).execute();
    },

    async insertPairing(values: {
      kind?: string;
      helper_org_id: number;
      recipient_org_id: number;
      form: string;
      status: string;
      starts_on: string;
      ends_on: string;
      goals: string | null;
      origin: string;
      round_id: number | null;
      created_by: number;
    }): Promise<number> {
      const row = await db.insertInto("pairings").values(values).returning("id").executeTakeFirstOrThrow();
      await db
        .insertInto("pairing_events")
        .values({
          pairing_id: row.id,
          event: "created",
          status: values.status,
          reason: null,
          round_id: values.round_id,
          actor_id: values.created_by,
        })
        .execute();
      return row.id;
    },

    async endPairing(id: number, status: "concluded" | "dissolved", reason: string, actorId: number): Promise<void> {
      await db
        .updateTable("pairings")
        .set({ status, end_reason: reason, ended_at: sql`now()`, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
      await db
        .insertInto("pairing_events")
        .values({ pairing_id: id, event: status, status, reason, round_id: null, actor_id: actorId })
        .execute();
    },

    async lockPairing(id: number): Promise<void> {
      await db.selectFrom("pairings").select("id").where("id", "=", id).forUpdate().execute();
    },

    eventsOf(id: number): Promise<PairingEventRow[]> {
      return db
        .selectFrom("pairing_events")
        .select(["pairing_id", "event", "status", "reason", "round_id", "at"])
        .where("pairing_id", "=", id)
        .orderBy("id")
        .execute();
    },

    async saveAgreement(pairingId: number, fileName: string, content: Buffer): Promise<void> {
      await db
        .insertInto("pairing_agreements")
        .values({ pairing_id: pairingId, file_name: fileName, content })
        .onConflict((oc) => oc.column("pairing_id").doNothing())
        .execute();
    },

    /** What an agreement says: the pairings with their round and its organization (the coordinator). */
    agreementFacts(where: RawBuilder<SqlBool>, ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return selectPairings()
        .leftJoin("pairing_rounds as pr", "pr.id", "pairings.round_id")
        .leftJoin("organizations as pro", "pro.id", "pr.org_id")
        .select(["pr.name as round_name", "pro.name as coordinator_name"])
        .where("pairings.id", "in", ids)
        .where(where)
        .orderBy("pairings.id")
        .execute();
    },

    agreementOf(pairingId: number): Promise<{ file_name: string; content: Uint8Array } | undefined> {
      return db
        .selectFrom("pairing_agreements")
        .select(["file_name", "content"])
        .where("pairing_id", "=", pairingId)
        .executeTakeFirst();
    },
  };
}
export type PairingRoundsRepository = ReturnType<typeof pairingRoundsRepository>;
