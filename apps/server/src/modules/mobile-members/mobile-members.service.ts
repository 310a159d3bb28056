import type {
  CreateExtensionBranchBody,
  CreateMobileMemberBody,
  ExtensionBranch,
  MobileActivity,
  MobileContactBody,
  MobileMember,
  MobileMemberListQuery,
  RecordMobileActivityBody,
} from "@huzhu/contracts";
import { maskContact } from "@huzhu/domain";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, reachSql, scopeFor } from "../../platform/access.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import type { PersonalDataCipher } from "../../platform/crypto.ts";
import { AppError, conflict, invalidField, notFound } from "../../platform/errors.ts";
import { contactsOfOrganizations, notifyUsers } from "../../platform/notifications.ts";
import { authorizeOne, presentAbilities, scopeOf, visibleWhere } from "../../platform/policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import { memberDirectory } from "../members/members.service.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import { mobileMemberPolicy, mobileRegisterPolicy } from "./mobile-members.policy.ts";
import { presentMobileMember } from "./mobile-members.presenter.ts";
import { type MobileMemberRow, mobileMembersRepository, mobileSidesReach } from "./mobile-members.repository.ts";

/** Default days without contact after which a mobile member is flagged out of contact (失联). */
export const OUT_OF_CONTACT_DAYS = 180;

/** The date `days` before a YYYY-MM-DD date. */
function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * Mobile members (流动党员, issue 11): the origin registers the outflow, the destination receives
 * the member and records their activities (the origin reads them: co-management), either side
 * records contact; every activity or contact moves the last contact date, from which the
 * out-of-contact flag is computed on each read (no job has to run for it to be right).
 */
export function mobileMembersService(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  clock: () => Date,
  options: { outOfContactDays?: number } = {},
) {
  const days = options.outOfContactDays ?? OUT_OF_CONTACT_DAYS;
  const today = () => chinaDate(clock());
  const cutoff = () => daysBefore(today(), days);

  async function present(actor: Actor, rows: MobileMemberRow[]): Promise<MobileMember[]> {
    const abilities = await presentAbilities(db, actor, mobileMemberPolicy, rows);
    const c = cutoff();
    return rows.map((r) => presentMobileMember(r, abilities.get(r.id) ?? {}, c, days));
  }

  async function get(actor: Actor, id: number): Promise<MobileMember> {
    const [row] = await mobileMembersRepository(db).findWhere(visibleWhere(actor, mobileMemberPolicy.read), [id]);
    if (!row) throw notFound("mobile_member");
    const [out] = await present(actor, [row]);
    return out as MobileMember;
  }
  const presentId = (_db: Kysely<DB>, actor: Actor, id: number) => get(actor, id);

  const notFuture = (date: string, field: string) => {
    if (date > today()) throw invalidField(field, "mobileMember.future");
  };

  async function tell(trx: Kysely<DB>, actor: Actor, orgIds: (number | null)[], kind: string, r: MobileMemberRow) {
    const users = await contactsOfOrganizations(
      trx,
      orgIds.filter((x): x is number => x !== null),
      actor.userId,
    );
    await notifyUsers(trx, users, { kind, params: { member: r.member_name }, link: `/mobile-members/${r.id}` });
  }

  const commands = {
    /**
     * 延伸党组织: a coordinator sets up a branch under an organization of theirs (org.write there)
     * for open registrations whose destination lies under it; the branch becomes their destination
     * and co-manages the members. One transaction: the organization, the registrations and the
     * co-management, or nothing.
     */
    extensionBranch: defineCommand({
      name: "mobileMember.extensionBranch",
      ability: orgPolicy.createChild,
      targetType: "mobile_member",
      lock: (trx) => orgDirectory(trx).lockForAttach(),
      targets: (body: CreateExtensionBranchBody) => [body.parentId],
      targetField: "parentId",
      async run({ trx, actor, rows: [parent], input: body }) {
        const p = parent as { id: number; path: string; depth: number };
        const repo = mobileMembersRepository(trx);
        const ids = [...new Set(body.mobileMemberIds)];
        const found = await repo.findWhere(reachSql(scopeFor(actor, "member.write"), mobileSidesReach), ids);
        const dests = await orgDirectory(trx).places(found.map((r) => r.dest_org_id ?? 0));
        const fits = found.filter((r, i) => r.status !== "closed" && (dests[i]?.path ?? "").startsWith(p.path));
        if (fits.length < ids.length) {
          // Named by number: a registration the caller does not reach must not be told apart from none.
          const ok = new Set(fits.map((r) => r.id));
          const names = ids.filter((id) => !ok.has(id)).map((id) => `#${id}`);
          throw invalidField("mobileMemberIds", "mobileMember.notUnderParent", { names: names.join("、") });
        }
        const where = dests[0] as { category: string; area: string };
        const orgId = await orgDirectory(trx).insertExtensionBranch(p, {
          name: body.name,
          category: where.category,
          area: where.area,
        });
        const taken = await memberDirectory(trx).coManageFree(
          fits.map((r) => r.member_id),
          orgId,
        );
        if (taken) throw invalidField("mobileMemberIds", "mobileMember.coManaged", { names: taken.join("、") });
        for (const r of fits) await repo.update(r.id, { dest_org_id: orgId });
        return {
          result: { id: orgId, name: body.name, members: fits.length },
          targetId: orgId,
          detail: { orgId, parentId: p.id, members: fits.length },
        };
      },
      present: async (_db: Kysely<DB>, _actor: Actor, made: ExtensionBranch) => made,
    }),

    register: defineCommand({
      name: "mobileMember.register",
      ability: mobileRegisterPolicy.registerOutflow,
      targetType: "mobile_member",
      targets: (body: CreateMobileMemberBody) => [body.memberId],
      targetField: "memberId",
      async run({ trx, actor, rows: [row], input: body }) {
        const m = row as MemberRow;
        if (body.destOrgId === undefined && body.destPlace === undefined) {
          throw invalidField("destOrgId", "mobileMember.destination");
        }
        if (body.expectedReturn !== undefined && body.expectedReturn < body.leftOn) {
          throw invalidField("expectedReturn", "mobileMember.returnBeforeLeave");
        }
        const member = await memberDirectory(trx).lockForMove(m.id);
        if (!member || member.transferred_out_at !== null) throw conflict("transfer.memberGone", "memberId");
        let destOrgId: number | null = null;
        if (body.destOrgId !== undefined) {
          const [dest] = await orgDirectory(trx).places([body.destOrgId]);
          if (!dest) throw invalidField("destOrgId", "transfer.noSuchOrg");
          if (dest.status !== "active") throw invalidField("destOrgId", "org.dissolved");
          if (dest.id === member.primary_org_id) throw invalidField("destOrgId", "mobileMember.sameOrg");
          destOrgId = dest.id;
        }
        const repo = mobileMembersRepository(trx);
        const id = await repo.insert({
          member_id: m.id,
          origin_org_id: member.primary_org_id,
          dest_org_id: destOrgId,
          dest_place: body.destPlace ?? null,
          reason: body.reason,
          contact_enc: cipher.encrypt(body.contact),
          contact_masked: maskContact(body.contact),
          left_on: body.leftOn,
          expected_return: body.expectedReturn ?? null,
          // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as text
          last_contact_on: body.leftOn > today() ? today() : body.leftOn,
          created_by: actor.userId,
        });
        const created = await repo.findById(id);
        if (destOrgId !== null)
          await tell(trx, actor, [destOrgId], "mobileMember.registered", created as MobileMemberRow);
        return {
          result: id,
          targetId: id,
          detail: { primaryOrgId: member.primary_org_id, ...(destOrgId === null ? {} : { orgId: destOrgId }) },
        };
      },
      present: presentId,
    }),

    receive: defineCommand({
      name: "mobileMember.receive",
      ability: mobileMemberPolicy.receive,
      targets: (id: number) => [id],
      async run({ trx, actor, rows: [row] }) {
        const r = row as MobileMemberRow;
        const repo = mobileMembersRepository(trx);
        if ((await repo.lockStatus(r.id)) !== "registered") throw new AppError(409, "mobileMember.notRegistered");
        await repo.update(r.id, { status: "received", received_at: clock().toISOString() });
        await repo.touchContact(r.id, today());
        await tell(trx, actor, [r.origin_org_id], "mobileMember.received", r);
        return { result: r.id, targetId: r.id, detail: { fromStatus: "registered", toStatus: "received" } };
      },
      present: presentId,
    }),

    contact: defineCommand({
      name: "mobileMember.contact",
      ability: mobileMemberPolicy.contact,
      targets: (input: { id: number; body: MobileContactBody }) => [input.id],
      async run({ trx, rows: [row], input: { body } }) {
        const r = row as MobileMemberRow;
        notFuture(body.contactedOn, "contactedOn");
        await mobileMembersRepository(trx).touchContact(r.id, body.contactedOn);
        return { result: r.id, targetId: r.id };
      },
      present: presentId,
    }),

    recordActivity: defineCommand({
      name: "mobileMember.activity",
      ability: mobileMemberPolicy.recordActivity,
      targets: (input: { id: number; body: RecordMobileActivityBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const r = row as MobileMemberRow;
        notFuture(body.occurredOn, "occurredOn");
        if (r.dest_org_id === null) throw new AppError(409, "mobileMember.notRegistered");
        const repo = mobileMembersRepository(trx);
        await repo.addActivity({
          mobile_member_id: r.id,
          org_id: r.dest_org_id,
          occurred_on: body.occurredOn,
          description: body.description,
          created_by: actor.userId,
        });
        await repo.touchContact(r.id, body.occurredOn);
        await tell(trx, actor, [r.origin_org_id], "mobileMember.activity", r);
        return { result: r.id, targetId: r.id, detail: { orgId: r.dest_org_id } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => activities(actor, id),
    }),

    close: defineCommand({
      name: "mobileMember.close",
      ability: mobileMemberPolicy.close,
      targets: (id: number) => [id],
      async run({ trx, rows: [row] }) {
        const r = row as MobileMemberRow;
        const repo = mobileMembersRepository(trx);
        const status = await repo.lockStatus(r.id);
        if (status === "closed") throw new AppError(409, "mobileMember.closed");
        await repo.update(r.id, { status: "closed", closed_at: clock().toISOString() });
        return { result: r.id, targetId: r.id, detail: { fromStatus: status, toStatus: "closed" } };
      },
      present: presentId,
    }),
  };

  async function activities(actor: Actor, id: number): Promise<{ items: MobileActivity[]; total: number }> {
    await authorizeOne(db, actor, mobileMemberPolicy.read, id);
    const rows = await mobileMembersRepository(db).activities(id);
    return {
      items: rows.map((a) => ({
        id: a.id,
        occurredOn: a.occurred_on,
        description: a.description,
        org: { id: a.org_id, name: a.org_name },
        by: a.display_name,
        at: new Date(a.created_at).toISOString(),
      })),
      total: rows.length,
    };
  }

  return {
    commands,
    get,
    activities,
    async list(actor: Actor, query: MobileMemberListQuery): Promise<{ items: MobileMember[]; total: number }> {
      const result = await mobileMembersRepository(db).list(scopeOf(actor, mobileMemberPolicy.read), query, cutoff());
      return { items: await present(actor, result.items), total: result.total };
    },
    /** Open registrations out of contact that the caller closes (the origin side): the home card. */
    countOutOfContact: (actor: Actor) =>
      mobileMembersRepository(db).countOutOfContact(visibleWhere(actor, mobileMemberPolicy.close), cutoff()),
    extensionBranch: (actor: Actor, body: CreateExtensionBranchBody) =>
      execute(db, actor, commands.extensionBranch, body),
    register: (actor: Actor, body: CreateMobileMemberBody) => execute(db, actor, commands.register, body),
    receive: (actor: Actor, id: number) => execute(db, actor, commands.receive, id),
    contact: (actor: Actor, id: number, body: MobileContactBody) => execute(db, actor, commands.contact, { id, body }),
    recordActivity: (actor: Actor, id: number, body: RecordMobileActivityBody) =>
      execute(db, actor, commands.recordActivity, { id, body }),
    close: (actor: Actor, id: number) => execute(db, actor, commands.close, id),
  };
}
export type MobileMembersService = ReturnType<typeof mobileMembersService>;
