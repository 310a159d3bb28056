import type {
  CreateSecondmentBody,
  Secondment,
  SecondmentEvaluationBody,
  SecondmentKind,
  SecondmentListQuery,
  SecondmentLogBody,
} from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, scopeFor } from "../../platform/access.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { presentAbilities, visibleWhere } from "../../platform/policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import { secondmentPolicy, secondmentSendPolicy } from "./secondments.policy.ts";
import { type SecondmentRow, secondmentsRepository } from "./secondments.repository.ts";

/**
 * Secondments (城乡干部双向交流, issue 11): rural cadres shadow-learning in organs, communities and
 * enterprises, urban cadres stationed in villages and first secretaries. Every write is a command.
 */
export function secondmentsService(db: Kysely<DB>, clock: () => Date = () => new Date()) {
  async function present(trx: Kysely<DB>, actor: Actor, rows: SecondmentRow[]): Promise<Secondment[]> {
    const [logs, abilities] = await Promise.all([
      secondmentsRepository(trx).logs(rows.map((r) => r.id)),
      presentAbilities(trx, actor, secondmentPolicy, rows),
    ]);
    const side = (rating: number | null, comment: string | null, by: string | null, at: Date | null) =>
      rating === null ? null : { rating, comment: comment ?? "", by: by ?? "", at: new Date(at ?? 0).toISOString() };
    return rows.map((r) => {
      const can = abilities.get(r.id) ?? {};
      return {
        id: r.id,
        kind: r.kind as SecondmentKind,
        member: { id: r.member_id, name: r.member_name },
        homeOrg: { id: r.home_org_id, name: r.home_org_name },
        hostOrg: { id: r.host_org_id, name: r.host_org_name },
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        plan: r.plan,
        logs: logs
          .filter((l) => l.secondment_id === r.id)
          .map((l) => ({ id: l.id, loggedOn: l.logged_on, content: l.content, by: l.display_name })),
        evaluations: {
          home: side(r.home_rating, r.home_comment, r.home_by_name, r.home_at),
          host: side(r.host_rating, r.host_comment, r.host_by_name, r.host_at),
        },
        createdAt: new Date(r.created_at).toISOString(),
        abilities: { log: can.log === true, evaluate: can.evaluate === true },
      };
    });
  }

  async function get(actor: Actor, id: number): Promise<Secondment> {
    const [row] = await secondmentsRepository(db).findWhere(visibleWhere(actor, secondmentPolicy.read), [id]);
    if (!row) throw notFound("secondment");
    return (await present(db, actor, [row]))[0] as Secondment;
  }
  const presentId = (_db: Kysely<DB>, actor: Actor, id: number) => get(actor, id);

  const commands = {
    create: defineCommand({
      name: "secondment.create",
      ability: secondmentSendPolicy.second,
      targetType: "secondment",
      targets: (body: CreateSecondmentBody) => [body.memberId],
      targetField: "memberId",
      async run({ trx, actor, rows: [row], input: body }) {
        const m = row as MemberRow;
        if (body.endsOn < body.startsOn) throw invalidField("endsOn", "secondment.endsBeforeStart");
        const [host] = await orgDirectory(trx).places([body.hostOrgId]);
        if (!host) throw invalidField("hostOrgId", "org.notInScope");
        if (host.status !== "active") throw invalidField("hostOrgId", "org.dissolved");
        if (host.id === m.primary_org_id) throw invalidField("hostOrgId", "secondment.sameOrg");
        const id = await secondmentsRepository(trx).insert({
          member_id: m.id,
          home_org_id: m.primary_org_id,
          host_org_id: host.id,
          kind: body.kind,
          starts_on: body.startsOn,
          ends_on: body.endsOn,
          plan: body.plan,
          created_by: actor.userId,
        });
        return {
          result: id,
          targetId: id,
          detail: { orgId: host.id, primaryOrgId: m.primary_org_id, kind: body.kind },
        };
      },
      present: presentId,
    }),

    log: defineCommand({
      name: "secondment.log",
      ability: secondmentPolicy.log,
      targets: (input: { id: number; body: SecondmentLogBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const s = row as SecondmentRow;
        if (body.loggedOn > chinaDate(clock())) throw invalidField("loggedOn", "date.future");
        await secondmentsRepository(trx).addLog({
          secondment_id: s.id,
          logged_on: body.loggedOn,
          content: body.content,
          created_by: actor.userId,
        });
        return { result: s.id, targetId: s.id };
      },
      present: presentId,
    }),

    evaluate: defineCommand({
      name: "secondment.evaluate",
      ability: secondmentPolicy.evaluate,
      targets: (input: { id: number; body: SecondmentEvaluationBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const s = row as SecondmentRow;
        // Each side evaluates for itself: the caller's help.write must cover the side they name.
        const scope = scopeFor(actor, "help.write");
        const path = body.side === "home" ? s.home_org_path : s.host_org_path;
        if (!scope.global && !scope.paths.some((p) => path.startsWith(p))) {
          throw invalidField("side", "secondment.notYourSide");
        }
        const done = await secondmentsRepository(trx).evaluate(
          s.id,
          body.side,
          body.rating,
          body.comment,
          actor.userId,
        );
        if (!done) throw new AppError(409, "secondment.evaluated", { field: "side" });
        return { result: s.id, targetId: s.id, detail: { rating: body.rating, kind: body.side } };
      },
      present: presentId,
    }),
  };

  return {
    commands,
    get,
    async list(actor: Actor, query: SecondmentListQuery) {
      const result = await secondmentsRepository(db).list(visibleWhere(actor, secondmentPolicy.read), query);
      return { items: await present(db, actor, result.items), total: result.total };
    },
    create: (actor: Actor, body: CreateSecondmentBody) => execute(db, actor, commands.create, body),
    log: (actor: Actor, id: number, body: SecondmentLogBody) => execute(db, actor, commands.log, { id, body }),
    evaluate: (actor: Actor, id: number, body: SecondmentEvaluationBody) =>
      execute(db, actor, commands.evaluate, { id, body }),
  };
}
export type SecondmentsService = ReturnType<typeof secondmentsService>;
