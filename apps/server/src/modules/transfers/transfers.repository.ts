import type { TransferListQuery } from "@huzhu/contracts";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { countRows } from "../../db/count.ts";
import type { DB } from "../../db/schema.ts";
import { type Reach, reachSql, type Scope } from "../../platform/access.ts";
import { conflict } from "../../platform/errors.ts";

export interface TransferRow {
  id: number;
  letter_no: string;
  status: string;
  member_id: number;
  member_name: string;
  from_org_id: number;
  from_org_name: string;
  from_org_path: string;
  to_org_id: number | null;
  to_org_name: string | null;
  to_outside: string | null;
  reason: string;
  reject_reason: string | null;
  created_at: Date;
  decided_at: Date | null;
}

/**
 * Who reaches a transfer (issue 11), declared next to the columns: the sending organization's
 * side (the organization and its superiors), the receiving one's, and the member themself.
 * Organizations are named by id and reached through `party`, so a move of either needs nothing.
 */
export const transferReadReach: Reach = [
  { kind: "party", column: "membership_transfers.from_org_id" },
  { kind: "party", column: "membership_transfers.to_org_id" },
  { kind: "selfMember", column: "membership_transfers.member_id" },
];
/** The receiving side: the receiving organization's, whose superiors include the two sides' common superior. */
export const transferReceivingReach: Reach = [{ kind: "party", column: "membership_transfers.to_org_id" }];
/**
 * Who ends a transfer with acceptance: the receiving side, or for a destination outside the platform
 * (nobody there to accept) the sending side, confirming the member leaves.
 */
export const transferAcceptReach: Reach = [
  ...transferReceivingReach,
  {
    kind: "party",
    column: "membership_transfers.from_org_id",
    when: sql<SqlBool>`membership_transfers.to_org_id IS NULL`,
  },
];
/** The sending side and the member, who may withdraw the request. */
export const transferSendingReach: Reach = [
  { kind: "party", column: "membership_transfers.from_org_id" },
  { kind: "selfMember", column: "membership_transfers.member_id" },
];

/** The partial unique index on open transfers decides between simultaneous requests: the loser's insert lands here. */
function openTransferConflict(error: unknown): never {
  const e = error as { code?: unknown; constraint?: unknown };
  if (e.code === "23505" && e.constraint === "membership_transfers_one_open")
    throw conflict("transfer.open", "memberId");
  throw error;
}

export function transfersRepository(db: Kysely<DB>) {
  const selectTransfers = () =>
    db
      .selectFrom("membership_transfers")
      .innerJoin("members as m", "m.id", "membership_transfers.member_id")
      .innerJoin("organizations as fo", "fo.id", "membership_transfers.from_org_id")
      .leftJoin("organizations as tox", "tox.id", "membership_transfers.to_org_id")
      .select([
        "membership_transfers.id",
        "membership_transfers.letter_no",
        "membership_transfers.status",
        "membership_transfers.member_id",
        "m.name as member_name",
        "membership_transfers.from_org_id",
        "fo.name as from_org_name",
        "fo.path as from_org_path",
        "membership_transfers.to_org_id",
        "tox.name as to_org_name",
        "membership_transfers.to_outside",
        "membership_transfers.reason",
        "membership_transfers.reject_reason",
        "membership_transfers.created_at",
        "membership_transfers.decided_at",
      ]);

  return {
    findWhere(where: RawBuilder<SqlBool>, ids: readonly number[]): Promise<TransferRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return selectTransfers().where("membership_transfers.id", "in", ids).where(where).execute() as Promise<
        TransferRow[]
      >;
    },

    findById(id: number): Promise<TransferRow | undefined> {
      return selectTransfers().where("membership_transfers.id", "=", id).executeTakeFirst() as Promise<
        TransferRow | undefined
      >;
    },

    async list(scope: Scope, query: TransferListQuery): Promise<{ items: TransferRow[]; total: number }> {
      let q = db.selectFrom("membership_transfers").where(reachSql(scope, transferReadReach));
      if (query.direction === "incoming") q = q.where(reachSql(scope, transferReceivingReach));
      if (query.direction === "outgoing") {
        q = q.where(reachSql(scope, [{ kind: "party", column: "membership_transfers.from_org_id" }]));
      }
      if (query.status) q = q.where("membership_transfers.status", "=", query.status);
      if (query.memberId) q = q.where("membership_transfers.member_id", "=", query.memberId);
      const ids = q
        .select("membership_transfers.id")
        .orderBy("membership_transfers.id", "desc")
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const [items, total] = await Promise.all([
        selectTransfers()
          .where("membership_transfers.id", "in", ids)
          .orderBy("membership_transfers.id", "desc")
          .execute() as Promise<TransferRow[]>,
        countRows(q),
      ]);
      return { items, total };
    },

    /** Pending transfers the caller may accept (the home card). */
    async countAwaiting(where: RawBuilder<SqlBool>): Promise<number> {
      return countRows(
        db.selectFrom("membership_transfers").where("membership_transfers.status", "=", "pending").where(where),
      );
    },

    async hasOpen(memberId: number): Promise<boolean> {
      const row = await db
        .selectFrom("membership_transfers")
        .select("id")
        .where("member_id", "=", memberId)
        .where("status", "=", "pending")
        .executeTakeFirst();
      return row !== undefined;
    },

    async insert(values: {
      member_id: number;
      from_org_id: number;
      to_org_id: number | null;
      to_outside: string | null;
      reason: string;
      requested_by: number;
    }): Promise<number> {
      const row = await db
        .insertInto("membership_transfers")
        .values(values)
        .returning("id")
        .executeTakeFirstOrThrow()
        .catch(openTransferConflict);
      return row.id;
    },

    /** The transfer's status, locked: two decisions on one transfer are taken one after the other. */
    async lockStatus(id: number): Promise<string> {
      const row = await db
        .selectFrom("membership_transfers")
        .select("status")
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      return row.status;
    },

    async decide(id: number, status: string, rejectReason: string | null = null) {
      await db
        .updateTable("membership_transfers")
        .set({ status, reject_reason: rejectReason, decided_at: sql`now()` })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .execute();
    },

    async addStep(values: { transfer_id: number; action: string; actor_id: number; note: string | null }) {
      await db.insertInto("membership_transfer_steps").values(values).execute();
    },

    steps(ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("membership_transfer_steps as s")
        .innerJoin("users as u", "u.id", "s.actor_id")
        .select(["s.transfer_id", "s.action", "s.note", "s.at", "u.display_name"])
        .where("s.transfer_id", "in", ids)
        .orderBy("s.id")
        .execute();
    },
  };
}
