import {
  type CancelProjectBody,
  type Contribution,
  type Project,
  type ProjectDetail,
  type ProjectListQuery,
  planPeriodDays,
  type RecordActivityBody,
  type RecordContributionBody,
  type UpdateProjectBody,
} from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { attachmentsOf, linkAttachments, registerAttachmentTarget } from "../../platform/attachments.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { contactsOfOrganizations, notifyUsers } from "../../platform/notifications.ts";
import { type AnyAbility, authorizeField, presentAbilities, visibleWhere } from "../../platform/policy.ts";
import { helpOrgPolicy } from "../needs/needs.policy.ts";
import { contributionPolicy, projectPolicy } from "./projects.policy.ts";
import { presentActivity, presentContribution, presentProject } from "./projects.presenter.ts";
import { type PartyRow, type ProjectRow, projectsRepository } from "./projects.repository.ts";

export const ACTIVITY_ATTACHMENT = "project_activity";

/** Whether the actor may see a record through an ability's read (false rather than 403 when they hold no grant). */
function safeWhere(actor: Actor, ability: AnyAbility) {
  try {
    return visibleWhere(actor, ability);
  } catch {
    return null;
  }
}

/**
 * What the needs module may do with projects (a module uses another through its service): start
 * a need's or a resource's project when a claim is accepted (a further helper joins it), and end
 * it with the need. Runs in the caller's transaction.
 */
export function projectDirectory(trx: Kysely<DB>) {
  const repo = projectsRepository(trx);
  return {
    startOrJoin: repo.startOrJoin,
    completeForNeed: (needId: number) => repo.setStatusForNeed(needId, "completed"),
  };
}

export function projectsService(db: Kysely<DB>, clock: () => Date) {
  const repo = projectsRepository(db);
  const today = () => chinaDate(clock());

  registerAttachmentTarget(ACTIVITY_ATTACHMENT, async (db2, actor, targetId) => {
    const projectId = await projectsRepository(db2).projectOfActivity(Number(targetId));
    const where = safeWhere(actor, projectPolicy.read);
    if (projectId === undefined || !where) return false;
    return (await projectsRepository(db2).findProjectsWhere(where, [projectId])).length > 0;
  });

  async function present(actor: Actor, rows: ProjectRow[]): Promise<Project[]> {
    const [parties, abilities] = await Promise.all([
      repo.partiesOf(rows.map((r) => r.id)),
      presentAbilities(db, actor, projectPolicy, rows),
    ]);
    const now = clock();
    return rows.map((r) => presentProject(r, parties, abilities.get(r.id) ?? {}, now));
  }

  async function get(actor: Actor, id: number): Promise<ProjectDetail> {
    const [row] = await repo.findProjectsWhere(visibleWhere(actor, projectPolicy.read), [id]);
    if (!row) throw notFound("project");
    const [[project], activities, contributions] = await Promise.all([
      present(actor, [row]),
      repo.activitiesOf(id),
      repo.contributionsOf(id),
    ]);
    const photos = await photosOf(activities.map((a) => a.id));
    const contributionAbilities = await presentAbilities(db, actor, contributionPolicy, contributions);
    return {
      ...(project as Project),
      activities: activities.map((a) => presentActivity(a, photos.get(a.id) ?? [])),
      contributions: contributions.map((c) => presentContribution(c, contributionAbilities.get(c.id) ?? {})),
    };
  }
  const presentId = (_db: Kysely<DB>, actor: Actor, id: number) => get(actor, id);

  const photosOf = async (activityIds: number[]) =>
    new Map(
      [...(await attachmentsOf(db, ACTIVITY_ATTACHMENT, activityIds))].map(([id, files]) => [
        id,
        files.map((f) => f.id),
      ]),
    );

  /** A party of the project the caller acts for (help.write there), named in a request field. */
  async function actingParty(trx: Kysely<DB>, actor: Actor, projectId: number, orgId: number, field: string) {
    await authorizeField(trx, actor, helpOrgPolicy.actFor, [orgId], field);
    const party = (await projectsRepository(trx).partiesOf([projectId])).find((p) => p.org_id === orgId);
    if (!party) throw invalidField(field, "project.notParty");
    return party;
  }

  async function tellOtherSide(trx: Kysely<DB>, actor: Actor, projectId: number, from: PartyRow, kind: string) {
    const others = (await projectsRepository(trx).partiesOf([projectId])).filter((p) => p.side !== from.side);
    const users = await contactsOfOrganizations(
      trx,
      others.map((p) => p.org_id),
      actor.userId,
    );
    await notifyUsers(trx, users, { kind, params: { org: from.org_name }, link: `/projects/${projectId}` });
  }

  const commands = {
    update: defineCommand({
      name: "project.update",
      ability: projectPolicy.update,
      targets: (input: { id: number; body: UpdateProjectBody }) => [input.id],
      async run({ trx, rows: [row], input: { id, body } }) {
        const project = row as ProjectRow;
        await projectsRepository(trx).updateProject(
          id,
          {
            ...(body.title !== undefined && { title: body.title }),
            ...(body.goals !== undefined && { goals: body.goals }),
            ...(body.planRule !== undefined && {
              plan_rrule: body.planRule,
              plan_period_days: planPeriodDays(body.planRule),
            }),
          },
          { title: body.title ?? project.title, goals: body.goals === undefined ? project.goals : body.goals },
        );
        return { result: id, targetId: id, detail: { fields: Object.keys(body) } };
      },
      present: presentId,
    }),

    /**
     * A party ends an active project early: cancelled, or concluded as done (a project of its own;
     * a need's project is completed by its need's close). Every other party is told, with the reason.
     */
    cancel: defineCommand({
      name: "project.cancel",
      ability: projectPolicy.cancel,
      // Two ends at once: the second reads the first's and is refused (409), not recorded twice.
      lock: (trx, input: { id: number; body: CancelProjectBody }) => projectsRepository(trx).lockProject(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const project = row as ProjectRow;
        const outcome = body.outcome ?? "cancelled";
        const repo2 = projectsRepository(trx);
        await repo2.endProject(id, outcome, body.reason);
        const parties = await repo2.partiesOf([id]);
        const users = await contactsOfOrganizations(
          trx,
          parties.map((p) => p.org_id),
          actor.userId,
        );
        await notifyUsers(trx, users, {
          kind: `project.${outcome}`,
          params: { title: project.title },
          link: `/projects/${id}`,
        });
        return { result: id, targetId: id, detail: { fromStatus: "active", toStatus: outcome, reason: body.reason } };
      },
      present: presentId,
    }),

    recordActivity: defineCommand({
      name: "activity.record",
      ability: projectPolicy.recordActivity,
      targetType: "project",
      lock: (trx, input: { id: number; body: RecordActivityBody }) => projectsRepository(trx).lockProject(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, input: { id, body } }) {
        const party = await actingParty(trx, actor, id, body.orgId, "orgId");
        if (body.occurredOn > today()) throw invalidField("occurredOn", "date.future");
        const activityId = await projectsRepository(trx).insertActivity({
          project_id: id,
          occurred_on: body.occurredOn,
          type: body.type,
          description: body.description,
          participants: body.participants ?? null,
          hours: body.hours ?? null,
          recorded_by_org_id: body.orgId,
          created_by: actor.userId,
        });
        await linkAttachments(
          trx,
          actor,
          body.photoIds ?? [],
          { type: ACTIVITY_ATTACHMENT, id: activityId },
          "photoIds",
          {
            kinds: ["photo"],
          },
        );
        await tellOtherSide(trx, actor, id, party, "activity.recorded");
        return { result: id, targetId: id, detail: { orgId: body.orgId, kind: body.type } };
      },
      present: presentId,
    }),

    recordContribution: defineCommand({
      name: "contribution.record",
      ability: projectPolicy.recordContribution,
      targetType: "project",
      lock: (trx, input: { id: number; body: RecordContributionBody }) => projectsRepository(trx).lockProject(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, input: { id, body } }) {
        const giver = await actingParty(trx, actor, id, body.giverOrgId, "giverOrgId");
        const receiver = (await projectsRepository(trx).partiesOf([id])).find((p) => p.org_id === body.receiverOrgId);
        if (!receiver) throw invalidField("receiverOrgId", "project.notParty");
        if (receiver.side === giver.side) throw invalidField("receiverOrgId", "contribution.sameSide");
        const needs = { money: "amountFen", goods: "valueFen", volunteer_hours: "hours", cadre_days: "hours" } as const;
        const field = needs[body.kind];
        if (body[field] === undefined) throw invalidField(field, "contribution.amountRequired");
        const contributionId = await projectsRepository(trx).insertContribution({
          project_id: id,
          giver_org_id: body.giverOrgId,
          receiver_org_id: body.receiverOrgId,
          kind: body.kind,
          amount_fen: body.kind === "money" ? (body.amountFen ?? null) : null,
          value_fen: body.kind === "goods" ? (body.valueFen ?? null) : null,
          hours: field === "hours" ? (body.hours ?? null) : null,
          description: body.description ?? null,
          created_by: actor.userId,
        });
        const users = await contactsOfOrganizations(trx, [body.receiverOrgId], actor.userId);
        await notifyUsers(trx, users, {
          kind: "contribution.recorded",
          params: { org: giver.org_name },
          link: `/projects/${id}`,
        });
        return {
          result: contributionId,
          targetId: id,
          detail: { orgId: body.giverOrgId, recipientOrgId: body.receiverOrgId, kind: body.kind },
        };
      },
      present: (_db: Kysely<DB>, actor: Actor, contributionId: number) => getContribution(actor, contributionId),
    }),

    confirmContribution: defineCommand({
      name: "contribution.confirm",
      ability: contributionPolicy.confirm,
      // Two confirmations at once: the second reads the first's and is refused (409), not recorded twice.
      lock: (trx, input: { id: number }) => projectsRepository(trx).lockContribution(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id } }) {
        const c = row as NonNullable<typeof row>;
        if (c.project_status !== "active" && c.project_status !== "completed") {
          throw new AppError(409, "project.notActive");
        }
        await projectsRepository(trx).confirmContribution(id, actor.userId);
        const users = await contactsOfOrganizations(trx, [c.giver_org_id], actor.userId);
        await notifyUsers(trx, users, {
          kind: "contribution.confirmed",
          params: { org: c.receiver_org_name },
          link: `/projects/${c.project_id}`,
        });
        return { result: id, targetId: id, detail: { projectId: c.project_id } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getContribution(actor, id),
    }),
  };

  async function getContribution(actor: Actor, id: number): Promise<Contribution> {
    const [row] = await repo.findContributionsWhere(visibleWhere(actor, contributionPolicy.read), [id]);
    if (!row) throw notFound("contribution");
    const abilities = await presentAbilities(db, actor, contributionPolicy, [row]);
    return presentContribution(row, abilities.get(id) ?? {});
  }

  return {
    commands,
    /** Active projects whose plan lapsed (no joint activity for longer than one period), the longest silent first. */
    async lapsed(actor: Actor, limit: number): Promise<{ items: Project[]; total: number }> {
      const result = await repo.listLapsed(visibleWhere(actor, projectPolicy.read), today(), limit);
      return { items: await present(actor, result.items), total: result.total };
    },
    async list(actor: Actor, query: ProjectListQuery): Promise<{ items: Project[]; total: number }> {
      const result = await repo.listProjects(visibleWhere(actor, projectPolicy.read), query);
      return { items: await present(actor, result.items), total: result.total };
    },
    get,
    getContribution,
    update: (actor: Actor, id: number, body: UpdateProjectBody) => execute(db, actor, commands.update, { id, body }),
    cancel: (actor: Actor, id: number, body: CancelProjectBody) => execute(db, actor, commands.cancel, { id, body }),
    recordActivity: (actor: Actor, id: number, body: RecordActivityBody) =>
      execute(db, actor, commands.recordActivity, { id, body }),
    recordContribution: (actor: Actor, id: number, body: RecordContributionBody) =>
      execute(db, actor, commands.recordContribution, { id, body }),
    confirmContribution: (actor: Actor, id: number) => execute(db, actor, commands.confirmContribution, { id }),
  };
}
export type ProjectsService = ReturnType<typeof projectsService>;
