import type {
  CreateTransferBody,
  Destination,
  DestinationQuery,
  RejectTransferBody,
  Transfer,
  TransferListQuery,
  TransferStep,
  TransferStepAction,
} from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, conflict, invalidField, notFound } from "../../platform/errors.ts";
import { contactsOfOrganizations, notifyUsers } from "../../platform/notifications.ts";
import { presentAbilities, scopeOf, visibleWhere } from "../../platform/policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import { memberDirectory } from "../members/members.service.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import { transferPolicy, transferRequestPolicy } from "./transfers.policy.ts";
import { presentTransfer } from "./transfers.presenter.ts";
import { type TransferRow, transfersRepository } from "./transfers.repository.ts";

/**
 * Membership transfers (组织关系转接, issue 11). Every write is a command: the request (the member's
 * row locked, at most one open transfer — the partial unique index has the last word), the
 * acceptance (the member moves through the members module in the same transaction, or is recorded
 * as transferred out), the rejection and the cancellation; each adds a step (who, when) and tells
 * both sides.
 */
export function transfersService(db: Kysely<DB>) {
  async function present(trx: Kysely<DB>, actor: Actor, rows: TransferRow[]): Promise<Transfer[]> {
    const repo = transfersRepository(trx);
    const [abilities, steps] = await Promise.all([
      presentAbilities(trx, actor, transferPolicy, rows),
      repo.steps(rows.map((r) => r.id)),
    ]);
    const byTransfer = new Map<number, TransferStep[]>();
    for (const s of steps) {
      const list = byTransfer.get(s.transfer_id) ?? [];
      list.push({
        action: s.action as TransferStepAction,
        by: s.display_name,
        at: new Date(s.at).toISOString(),
        note: s.note,
      });
      byTransfer.set(s.transfer_id, list);
    }
    return rows.map((r) => presentTransfer(r, byTransfer.get(r.id) ?? [], abilities.get(r.id) ?? {}));
  }

  async function get(actor: Actor, id: number): Promise<Transfer> {
    const [row] = await transfersRepository(db).findWhere(visibleWhere(actor, transferPolicy.read), [id]);
    if (!row) throw notFound("transfer");
    const [out] = await present(db, actor, [row]);
    return out as Transfer;
  }
  const presentId = (_db: Kysely<DB>, actor: Actor, id: number) => get(actor, id);

  /** Both sides' secretaries and coordinators, and the member's own account, hear of a step. */
  async function tell(trx: Kysely<DB>, actor: Actor, t: TransferRow, kind: string) {
    const orgIds = [t.from_org_id, ...(t.to_org_id === null ? [] : [t.to_org_id])];
    const users = await contactsOfOrganizations(trx, orgIds, actor.userId);
    await notifyUsers(trx, users, {
      kind,
      params: { member: t.member_name, letterNo: t.letter_no },
      link: `/transfers/${t.id}`,
    });
  }

  /** The transfer's row after a change, read inside the command's transaction. */
  async function reread(trx: Kysely<DB>, id: number): Promise<TransferRow> {
    const row = await transfersRepository(trx).findById(id);
    if (!row) throw notFound("transfer");
    return row;
  }

  /** Locks the transfer and checks it is still pending (a decision raced with another). */
  async function lockPending(trx: Kysely<DB>, id: number) {
    const status = await transfersRepository(trx).lockStatus(id);
    if (status !== "pending") throw new AppError(409, "transfer.notPending", { params: { status } });
  }

  const step = (trx: Kysely<DB>, actor: Actor, id: number, action: TransferStepAction, note: string | null = null) =>
    transfersRepository(trx).addStep({ transfer_id: id, action, actor_id: actor.userId, note });

  const commands = {
    request: defineCommand({
      name: "transfer.request",
      ability: transferRequestPolicy.requestTransfer,
      targetType: "transfer",
      targets: (body: CreateTransferBody) => [body.memberId],
      targetField: "memberId",
      async run({ trx, actor, rows: [row], input: body }) {
        const m = row as MemberRow;
        if ((body.toOrgId === undefined) === (body.toOutside === undefined)) {
          throw invalidField("toOrgId", "transfer.destination");
        }
        const repo = transfersRepository(trx);
        // The member's row locked: simultaneous requests for one member queue here, and the
        // partial unique index refuses any that would still get past the check.
        const member = await memberDirectory(trx).lockForMove(m.id);
        if (!member || member.transferred_out_at !== null) throw conflict("transfer.memberGone", "memberId");
        if (await repo.hasOpen(m.id)) throw conflict("transfer.open", "memberId");
        let toOrgId: number | null = null;
        if (body.toOrgId !== undefined) {
          const [to] = await orgDirectory(trx).places([body.toOrgId]);
          if (!to) throw invalidField("toOrgId", "transfer.noSuchOrg");
          if (to.status !== "active") throw invalidField("toOrgId", "org.dissolved");
          if (to.id === member.primary_org_id) throw invalidField("toOrgId", "transfer.sameOrg");
          toOrgId = to.id;
        }
        const id = await repo.insert({
          member_id: m.id,
          from_org_id: member.primary_org_id,
          to_org_id: toOrgId,
          to_outside: body.toOutside ?? null,
          reason: body.reason,
          requested_by: actor.userId,
        });
        await step(trx, actor, id, "request");
        await tell(trx, actor, await reread(trx, id), "transfer.requested");
        return {
          result: id,
          targetId: id,
          detail: { primaryOrgId: member.primary_org_id, ...(toOrgId === null ? {} : { orgId: toOrgId }) },
        };
      },
      present: presentId,
    }),

    accept: defineCommand({
      name: "transfer.accept",
      ability: transferPolicy.accept,
      // Moving the member copies the new organization's path (a trigger): the tree must not move meanwhile.
      lock: (trx) => orgDirectory(trx).lockForAttach(),
      targets: (id: number) => [id],
      async run({ trx, actor, rows: [row] }) {
        const t = row as TransferRow;
        await lockPending(trx, t.id);
        const members = memberDirectory(trx);
        const member = await members.lockForMove(t.member_id);
        if (!member || member.primary_org_id !== t.from_org_id) throw new AppError(409, "transfer.stale");
        let toStatus: string;
        if (t.to_org_id !== null) {
          const [to] = await orgDirectory(trx).places([t.to_org_id]);
          if (to?.status !== "active") throw new AppError(409, "org.dissolved");
          await members.moveTo(t.member_id, t.to_org_id);
          toStatus = "accepted";
          await step(trx, actor, t.id, "accept");
        } else {
          await members.markTransferredOut(t.member_id);
          toStatus = "transferred_out";
          await step(trx, actor, t.id, "transfer_out");
        }
        await transfersRepository(trx).decide(t.id, toStatus);
        await tell(trx, actor, t, toStatus === "accepted" ? "transfer.accepted" : "transfer.transferredOut");
        return {
          result: t.id,
          targetId: t.id,
          detail: { fromStatus: "pending", toStatus, primaryOrgId: t.from_org_id, orgId: t.to_org_id },
        };
      },
      present: presentId,
    }),

    reject: defineCommand({
      name: "transfer.reject",
      ability: transferPolicy.reject,
      targets: (input: { id: number; body: RejectTransferBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const t = row as TransferRow;
        await lockPending(trx, t.id);
        await transfersRepository(trx).decide(t.id, "rejected", body.reason);
        await step(trx, actor, t.id, "reject", body.reason);
        await tell(trx, actor, t, "transfer.rejected");
        return { result: t.id, targetId: t.id, detail: { fromStatus: "pending", toStatus: "rejected" } };
      },
      present: presentId,
    }),

    cancel: defineCommand({
      name: "transfer.cancel",
      ability: transferPolicy.cancel,
      targets: (id: number) => [id],
      async run({ trx, actor, rows: [row] }) {
        const t = row as TransferRow;
        await lockPending(trx, t.id);
        await transfersRepository(trx).decide(t.id, "cancelled");
        await step(trx, actor, t.id, "cancel");
        await tell(trx, actor, t, "transfer.cancelled");
        return { result: t.id, targetId: t.id, detail: { fromStatus: "pending", toStatus: "cancelled" } };
      },
      present: presentId,
    }),
  };

  return {
    commands,
    get,
    async list(actor: Actor, query: TransferListQuery): Promise<{ items: Transfer[]; total: number }> {
      const result = await transfersRepository(db).list(scopeOf(actor, transferPolicy.read), query);
      return { items: await present(db, actor, result.items), total: result.total };
    },
    /** Active organizations anywhere by part of their name (the destination pickers). */
    async destinations(query: DestinationQuery): Promise<{ items: Destination[]; total: number }> {
      const rows = await orgDirectory(db).destinations(query.q, 30);
      return {
        items: rows.map((r) => ({ id: r.id, name: r.name, parentName: r.parent_name })),
        total: rows.length,
      };
    },
    /** Pending transfers the caller may accept or confirm (home card "transfers awaiting me"). */
    countAwaiting: (actor: Actor) => transfersRepository(db).countAwaiting(visibleWhere(actor, transferPolicy.accept)),
    request: (actor: Actor, body: CreateTransferBody) => execute(db, actor, commands.request, body),
    accept: (actor: Actor, id: number) => execute(db, actor, commands.accept, id),
    reject: (actor: Actor, id: number, body: RejectTransferBody) => execute(db, actor, commands.reject, { id, body }),
    cancel: (actor: Actor, id: number) => execute(db, actor, commands.cancel, id),
  };
}
export type TransfersService = ReturnType<typeof transfersService>;
