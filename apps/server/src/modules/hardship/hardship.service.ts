import type {
  CreateHardshipBody,
  HardshipCase,
  HardshipEntryBody,
  HardshipEntryKind,
  HardshipListQuery,
  HardshipSummary,
} from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import type { PersonalDataCipher } from "../../platform/crypto.ts";
import { AppError, invalidField } from "../../platform/errors.ts";
import { presentAbilities, visibleWhere } from "../../platform/policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import { hardshipOpenPolicy, hardshipPolicy, keepersOf } from "./hardship.policy.ts";
import { presentHardshipSummary } from "./hardship.presenter.ts";
import { type HardshipRow, hardshipRepository } from "./hardship.repository.ts";

/**
 * Members in difficulty (生活困难党员, issue 11). The details and every entry's note are written
 * encrypted with the personal-data cipher and decrypted only by `view`, a command: each read of
 * them is an audit record (`hardship.view`), as a reveal of an ID number is. Lists show who and
 * which kind, never the details.
 */
export function hardshipService(db: Kysely<DB>, cipher: PersonalDataCipher, clock: () => Date = () => new Date()) {
  /** The case with its details and entries, decrypted (only ever inside an audited command). */
  async function full(trx: Kysely<DB>, actor: Actor, row: HardshipRow): Promise<HardshipCase> {
    const repo = hardshipRepository(trx);
    const [details, entries, abilities] = await Promise.all([
      repo.details(row.id),
      repo.entries(row.id),
      presentAbilities(trx, actor, hardshipPolicy, [row]),
    ]);
    const can = abilities.get(row.id) ?? {};
    return {
      ...presentHardshipSummary(row),
      details: cipher.decrypt(details),
      closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
      entryList: entries.map((e) => ({
        id: e.id,
        kind: e.kind as HardshipEntryKind,
        occurredOn: e.occurred_on,
        note: cipher.decrypt(e.note_enc),
        givenBy: e.given_by,
        valueFen: e.value_fen === null ? null : Number(e.value_fen),
        by: e.display_name,
        createdAt: new Date(e.created_at).toISOString(),
      })),
      abilities: { record: can.record === true, close: can.close === true },
    };
  }

  const commands = {
    create: defineCommand({
      name: "hardship.create",
      ability: hardshipOpenPolicy.openHardship,
      targetType: "hardship_case",
      targets: (body: CreateHardshipBody) => [body.memberId],
      targetField: "memberId",
      async run({ trx, actor, rows: [row], input: body }) {
        const m = row as MemberRow;
        const id = await hardshipRepository(trx).insert({
          member_id: m.id,
          org_id: m.primary_org_id,
          category: body.category,
          details_enc: cipher.encrypt(body.details),
          created_by: actor.userId,
        });
        // The audit record names the kind and the organization, never the details.
        return { result: id, targetId: id, detail: { orgId: m.primary_org_id, kind: body.category } };
      },
      present: async (_db: Kysely<DB>, actor: Actor, id: number) => view(actor, id),
    }),

    /** A read of the details: a command so that every one is audited, in the same transaction. */
    view: defineCommand({
      name: "hardship.view",
      ability: hardshipPolicy.read,
      targets: (id: number) => [id],
      async run({ trx, actor, rows: [row] }) {
        const c = row as HardshipRow;
        return { result: await full(trx, actor, c), targetId: c.id, detail: { orgId: c.org_id } };
      },
      present: async (_db: Kysely<DB>, _actor: Actor, out: HardshipCase) => out,
    }),

    record: defineCommand({
      name: "hardship.record",
      ability: hardshipPolicy.record,
      targets: (input: { id: number; body: HardshipEntryBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const c = row as HardshipRow;
        const repo = hardshipRepository(trx);
        if ((await repo.lockStatus(c.id)) !== "open") throw new AppError(409, "hardship.closed");
        if (body.kind !== "help" && (body.givenBy !== undefined || body.valueFen !== undefined)) {
          throw invalidField(body.givenBy !== undefined ? "givenBy" : "valueFen", "hardship.onlyForHelp");
        }
        if (body.occurredOn > chinaDate(clock())) throw invalidField("occurredOn", "date.future");
        await repo.addEntry({
          case_id: c.id,
          kind: body.kind,
          occurred_on: body.occurredOn,
          note_enc: cipher.encrypt(body.note),
          given_by: body.givenBy ?? null,
          value_fen: body.valueFen ?? null,
          created_by: actor.userId,
        });
        return { result: c.id, targetId: c.id, detail: { orgId: c.org_id, kind: body.kind } };
      },
      present: async (_db: Kysely<DB>, actor: Actor, id: number) => view(actor, id),
    }),

    close: defineCommand({
      name: "hardship.close",
      ability: hardshipPolicy.close,
      targets: (id: number) => [id],
      async run({ trx, rows: [row] }) {
        const c = row as HardshipRow;
        const repo = hardshipRepository(trx);
        if ((await repo.lockStatus(c.id)) !== "open") throw new AppError(409, "hardship.closed");
        await repo.close(c.id);
        return {
          result: c.id,
          targetId: c.id,
          detail: { orgId: c.org_id, fromStatus: "open", toStatus: "closed" },
        };
      },
      present: async (_db: Kysely<DB>, actor: Actor, id: number) => view(actor, id),
    }),
  };

  const view = (actor: Actor, id: number): Promise<HardshipCase> => execute(db, actor, commands.view, id);

  return {
    commands,
    view,
    async list(actor: Actor, query: HardshipListQuery): Promise<{ items: HardshipSummary[]; total: number }> {
      const where = visibleWhere(actor, hardshipPolicy.read);
      const result = await hardshipRepository(db).list(where, keepersOf(actor), query);
      // Who is in difficulty is itself personal: the list's read is recorded too (without names).
      await recordAudit(db, actor, {
        action: "hardship.list",
        result: "success",
        detail: {
          rowCount: result.items.length,
          filters: {
            ...(query.status && { status: query.status }),
            ...(query.category && { category: query.category }),
          },
        },
      });
      return { items: result.items.map(presentHardshipSummary), total: result.total };
    },
    /** Open cases the caller keeps (home card). */
    countOpen: (actor: Actor) =>
      hardshipRepository(db).countOpen(visibleWhere(actor, hardshipPolicy.read), keepersOf(actor)),
    create: (actor: Actor, body: CreateHardshipBody) => execute(db, actor, commands.create, body),
    record: (actor: Actor, id: number, body: HardshipEntryBody) => execute(db, actor, commands.record, { id, body }),
    close: (actor: Actor, id: number) => execute(db, actor, commands.close, id),
  };
}
export type HardshipService = ReturnType<typeof hardshipService>;
