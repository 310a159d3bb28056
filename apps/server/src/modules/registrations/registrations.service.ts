import type {
  CreateRegistrationBody,
  CreateServicePostBody,
  RecordHoursBody,
  Registration,
  RegistrationListQuery,
  ServiceHoursEntry,
  ServicePost,
  TakePostBody,
} from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { conflict, invalidField, notFound } from "../../platform/errors.ts";
import { authorizeOne, presentAbilities, scopeOf, visibleWhere } from "../../platform/policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import { memberDirectory } from "../members/members.service.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import { registerPolicy, registrationPolicy } from "./registrations.policy.ts";
import { type RegistrationRow, registrationsRepository } from "./registrations.repository.ts";

/**
 * In-service members registering with their residential community (双报到, issue 11): the
 * registration, the posts the community publishes, the posts a member takes and the hours the
 * community records. Every write is a command (audited); reads go through the policy's reach.
 */
export function registrationsService(db: Kysely<DB>, clock: () => Date) {
  const today = () => chinaDate(clock());

  async function present(actor: Actor, rows: RegistrationRow[]): Promise<Registration[]> {
    const [abilities, posts] = await Promise.all([
      presentAbilities(db, actor, registrationPolicy, rows),
      registrationsRepository(db).posts(rows.map((r) => r.id)),
    ]);
    return rows.map((r) => {
      const mine = posts.filter((p) => p.registration_id === r.id);
      const a = abilities.get(r.id) ?? {};
      return {
        id: r.id,
        status: r.status as Registration["status"],
        member: { id: r.member_id, name: r.member_name },
        originOrg: { id: r.origin_org_id, name: r.origin_org_name },
        community: { id: r.community_org_id, name: r.community_name },
        registeredOn: r.registered_on,
        posts: mine.map((p) => ({ id: p.id, title: p.title, hours: Number(p.hours) })),
        totalHours: mine.reduce((sum, p) => sum + Number(p.hours), 0),
        abilities: { takePost: a.takePost === true, recordHours: a.recordHours === true },
      };
    });
  }

  async function get(actor: Actor, id: number): Promise<Registration> {
    const [row] = await registrationsRepository(db).findWhere(visibleWhere(actor, registrationPolicy.read), [id]);
    if (!row) throw notFound("registration");
    const [out] = await present(actor, [row]);
    return out as Registration;
  }
  const presentId = (_db: Kysely<DB>, actor: Actor, id: number) => get(actor, id);

  async function hours(actor: Actor, id: number): Promise<{ items: ServiceHoursEntry[]; total: number }> {
    await authorizeOne(db, actor, registrationPolicy.read, id);
    const rows = await registrationsRepository(db).hours(id);
    return {
      items: rows.map((h) => ({
        id: h.id,
        post: { id: h.post_id, title: h.title },
        servedOn: h.served_on,
        hours: Number(h.hours),
        by: h.display_name,
      })),
      total: rows.length,
    };
  }

  const commands = {
    create: defineCommand({
      name: "registration.create",
      ability: registerPolicy.registerWithCommunity,
      targetType: "registration",
      targets: (body: CreateRegistrationBody) => [body.memberId],
      targetField: "memberId",
      async run({ trx, actor, rows: [row], input: body }) {
        const m = row as MemberRow;
        const member = await memberDirectory(trx).lockForMove(m.id);
        if (!member || member.transferred_out_at !== null) throw conflict("transfer.memberGone", "memberId");
        const [community] = await orgDirectory(trx).places([body.communityOrgId]);
        if (!community) throw invalidField("communityOrgId", "transfer.noSuchOrg");
        if (community.status !== "active") throw invalidField("communityOrgId", "org.dissolved");
        if (community.id === member.primary_org_id) throw invalidField("communityOrgId", "registration.ownOrg");
        const id = await registrationsRepository(trx).insert({
          member_id: m.id,
          origin_org_id: member.primary_org_id,
          community_org_id: community.id,
          registered_on: today(),
          created_by: actor.userId,
        });
        return { result: id, targetId: id, detail: { orgId: community.id, primaryOrgId: member.primary_org_id } };
      },
      present: presentId,
    }),

    takePost: defineCommand({
      name: "registration.takePost",
      ability: registrationPolicy.takePost,
      targets: (input: { id: number; body: TakePostBody }) => [input.id],
      async run({ trx, rows: [row], input: { body } }) {
        const r = row as RegistrationRow;
        const repo = registrationsRepository(trx);
        if (!(await repo.findOpenPost(body.postId, r.community_org_id))) {
          throw invalidField("postId", "registration.noSuchPost");
        }
        await repo.take(r.id, body.postId, today());
        return { result: r.id, targetId: r.id };
      },
      present: presentId,
    }),

    recordHours: defineCommand({
      name: "registration.hours",
      ability: registrationPolicy.recordHours,
      targets: (input: { id: number; body: RecordHoursBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const r = row as RegistrationRow;
        if (body.servedOn > today()) throw invalidField("servedOn", "mobileMember.future");
        const repo = registrationsRepository(trx);
        if (!(await repo.hasTaken(r.id, body.postId))) throw invalidField("postId", "registration.notTaken");
        await repo.addHours({
          registration_id: r.id,
          post_id: body.postId,
          served_on: body.servedOn,
          hours: body.hours,
          created_by: actor.userId,
        });
        return { result: r.id, targetId: r.id };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => hours(actor, id),
    }),

    createPost: defineCommand({
      name: "servicePost.create",
      ability: orgPolicy.addMembers,
      targetType: "service_post",
      targets: (body: CreateServicePostBody) => [body.orgId],
      targetField: "orgId",
      async run({ trx, actor, input: body }) {
        const id = await registrationsRepository(trx).insertPost({
          org_id: body.orgId,
          title: body.title,
          description: body.description ?? null,
          created_by: actor.userId,
        });
        return { result: body.orgId, targetId: id, detail: { orgId: body.orgId } };
      },
      present: async (_db: Kysely<DB>, _actor: Actor, orgId: number) => posts(orgId),
    }),
  };

  async function posts(orgId: number): Promise<{ items: ServicePost[]; total: number }> {
    const rows = await registrationsRepository(db).listPosts(orgId);
    return {
      items: rows.map((p) => ({
        id: p.id,
        org: { id: p.org_id, name: p.org_name },
        title: p.title,
        description: p.description,
        status: p.status as ServicePost["status"],
      })),
      total: rows.length,
    };
  }

  return {
    commands,
    get,
    hours,
    posts,
    async list(actor: Actor, query: RegistrationListQuery): Promise<{ items: Registration[]; total: number }> {
      const result = await registrationsRepository(db).list(scopeOf(actor, registrationPolicy.read), query);
      return { items: await present(actor, result.items), total: result.total };
    },
    create: (actor: Actor, body: CreateRegistrationBody) => execute(db, actor, commands.create, body),
    takePost: (actor: Actor, id: number, body: TakePostBody) => execute(db, actor, commands.takePost, { id, body }),
    recordHours: (actor: Actor, id: number, body: RecordHoursBody) =>
      execute(db, actor, commands.recordHours, { id, body }),
    createPost: (actor: Actor, body: CreateServicePostBody) => execute(db, actor, commands.createPost, body),
  };
}
export type RegistrationsService = ReturnType<typeof registrationsService>;
