import type {
  ClaimServiceRequestBody,
  CompleteServiceRequestBody,
  CreateServiceRequestBody,
  CreateVolunteerTeamBody,
  ServiceFeedbackBody,
  ServiceRequest,
  ServiceRequestListQuery,
  VolunteerHours,
  VolunteerTeam,
  VolunteerTeamListQuery,
} from "@huzhu/contracts";
import { createVolunteerTeamBody } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, conflict, invalidField, notFound } from "../../platform/errors.ts";
import { contactsOfOrganizations, notifyUsers } from "../../platform/notifications.ts";
import { authorizeField, presentAbilities, visibleWhere } from "../../platform/policy.ts";
import { memberPolicy } from "../members/members.policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import { helpOrgPolicy } from "../needs/needs.policy.ts";
import type { OrgRow } from "../orgs/orgs.repository.ts";
import { askForService, serviceRequestPolicy, teamPolicy } from "./volunteers.policy.ts";
import { presentServiceRequest, presentTeam } from "./volunteers.presenter.ts";
import { type ServiceRequestRow, type TeamRow, volunteersRepository } from "./volunteers.repository.ts";

/**
 * Volunteer teams and service requests (党员志愿服务队, issue 11). Every write is a command: forming
 * a team (its members must belong to the team's organization or one under it), asking for service
 * (an organization's help writer, or a member for themself), claiming it for a team the caller
 * manages, completing it with each volunteer's hours (the ledger), and the requesting side's feedback.
 */
export function volunteersService(db: Kysely<DB>, clock: () => Date = () => new Date()) {
  async function presentTeams(trx: Kysely<DB>, actor: Actor, rows: TeamRow[]): Promise<VolunteerTeam[]> {
    const repo = volunteersRepository(trx);
    const [members, abilities] = await Promise.all([
      repo.teamMembers(rows.map((r) => r.id)),
      presentAbilities(trx, actor, teamPolicy, rows),
    ]);
    return rows.map((r) =>
      presentTeam(
        r,
        members.filter((m) => m.team_id === r.id),
        abilities.get(r.id) ?? {},
      ),
    );
  }

  async function presentRequests(trx: Kysely<DB>, actor: Actor, rows: ServiceRequestRow[]): Promise<ServiceRequest[]> {
    const repo = volunteersRepository(trx);
    const [hours, abilities] = await Promise.all([
      repo.requestHours(rows.map((r) => r.id)),
      presentAbilities(trx, actor, serviceRequestPolicy, rows),
    ]);
    return rows.map((r) =>
      presentServiceRequest(
        r,
        hours.filter((h) => h.request_id === r.id),
        abilities.get(r.id) ?? {},
      ),
    );
  }

  async function getTeam(actor: Actor, id: number): Promise<VolunteerTeam> {
    const [row] = await volunteersRepository(db).findTeams(visibleWhere(actor, teamPolicy.read), [id]);
    if (!row) throw notFound("volunteer_team");
    return (await presentTeams(db, actor, [row]))[0] as VolunteerTeam;
  }

  async function getRequest(actor: Actor, id: number): Promise<ServiceRequest> {
    const [row] = await volunteersRepository(db).findRequests(visibleWhere(actor, serviceRequestPolicy.read), [id]);
    if (!row) throw notFound("service_request");
    return (await presentRequests(db, actor, [row]))[0] as ServiceRequest;
  }
  const presentRequestId = (_db: Kysely<DB>, actor: Actor, id: number) => getRequest(actor, id);

  const today = () => chinaDate(clock());

  /** The other side hears of a step: the requesting organization's and the team's contacts. */
  async function tell(trx: Kysely<DB>, actor: Actor, orgIds: number[], kind: string, id: number, title: string) {
    const users = await contactsOfOrganizations(trx, orgIds, actor.userId);
    await notifyUsers(trx, users, { kind, params: { title }, link: `/service-requests/${id}` });
  }

  const commands = {
    createTeam: defineCommand({
      name: "volunteerTeam.create",
      ability: helpOrgPolicy.actFor,
      targetType: "volunteer_team",
      targets: (body: CreateVolunteerTeamBody) => [body.orgId],
      targetField: "orgId",
      async run({ trx, actor, rows: [row], input }) {
        const org = row as OrgRow;
        const body = createVolunteerTeamBody.parse(input);
        const repo = volunteersRepository(trx);
        if (await repo.teamNameTaken(org.id, body.name)) throw conflict("volunteerTeam.exists", "name");
        const memberIds = [...new Set(body.members.map((m) => m.memberId))];
        if (memberIds.length !== body.members.length)
          throw invalidField("members", "volunteerTeam.memberNotInOrg", {
            names: "#",
          });
        if (memberIds.length) {
          const found = (await authorizeField(
            trx,
            actor,
            memberPolicy.read,
            memberIds,
            "members",
            "volunteerTeam.memberNotInOrg",
          ).catch((e: unknown) => {
            if (e instanceof AppError && e.options.params?.messageCode === "volunteerTeam.memberNotInOrg")
              throw invalidField("members", "volunteerTeam.memberNotInOrg", {
                names: memberIds.map((i) => `#${i}`).join("、"),
              });
            throw e;
          })) as MemberRow[];
          const outside = found.filter((m) => !m.primary_org_path.startsWith(org.path));
          if (outside.length)
            throw invalidField("members", "volunteerTeam.memberNotInOrg", {
              names: outside.map((m) => m.name).join("、"),
            });
        }
        const id = await repo.insertTeam({
          org_id: org.id,
          name: body.name,
          description: body.description ?? null,
          created_by: actor.userId,
        });
        await repo.addTeamMembers(
          id,
          body.members.map((m) => ({ memberId: m.memberId, skills: m.skills ?? null })),
        );
        return { result: id, targetId: id, detail: { orgId: org.id, members: memberIds.length } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getTeam(actor, id),
    }),

    createRequest: defineCommand({
      name: "serviceRequest.create",
      ability: askForService,
      targetType: "service_request",
      targets: () => [],
      async run({ trx, actor, input: body }: { trx: Kysely<DB>; actor: Actor; input: CreateServiceRequestBody }) {
        let orgId: number;
        let memberId: number | null = null;
        if (body.memberId !== undefined) {
          const [m] = (await authorizeField(trx, actor, memberPolicy.read, [body.memberId], "memberId")) as MemberRow[];
          memberId = (m as MemberRow).id;
          if (body.orgId === undefined) {
            // Without an organization, a member asks for themself, for their own organization.
            if (actor.memberId !== memberId) throw invalidField("orgId", "serviceRequest.orgOrMember");
            orgId = (m as MemberRow).primary_org_id;
          } else orgId = body.orgId;
        } else if (body.orgId !== undefined) orgId = body.orgId;
        else throw invalidField("orgId", "serviceRequest.orgOrMember");
        if (body.orgId !== undefined) {
          await authorizeField(trx, actor, helpOrgPolicy.actFor, [body.orgId], "orgId");
        }
        const repo = volunteersRepository(trx);
        const id = await repo.insertRequest({
          org_id: orgId,
          member_id: memberId,
          title: body.title,
          description: body.description,
          region_org_id: await repo.regionOf(orgId),
          created_by: actor.userId,
        });
        return { result: id, targetId: id, detail: { orgId } };
      },
      present: presentRequestId,
    }),

    claim: defineCommand({
      name: "serviceRequest.claim",
      ability: serviceRequestPolicy.claim,
      targets: (input: { id: number; body: ClaimServiceRequestBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const r = row as ServiceRequestRow;
        const [team] = (await authorizeField(trx, actor, teamPolicy.manage, [body.teamId], "teamId")) as TeamRow[];
        const repo = volunteersRepository(trx);
        const status = await repo.lockStatus(r.id);
        if (status !== "open") throw new AppError(409, "serviceRequest.notOpen", { params: { status: status ?? "" } });
        const t = team as TeamRow;
        await repo.claim(r.id, t.id, t.org_id);
        await tell(trx, actor, [r.org_id], "serviceRequest.claimed", r.id, r.title);
        return {
          result: r.id,
          targetId: r.id,
          detail: { orgId: t.org_id, fromStatus: "open", toStatus: "claimed" },
        };
      },
      present: presentRequestId,
    }),

    complete: defineCommand({
      name: "serviceRequest.complete",
      ability: serviceRequestPolicy.complete,
      targets: (input: { id: number; body: CompleteServiceRequestBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const r = row as ServiceRequestRow;
        const repo = volunteersRepository(trx);
        const status = await repo.lockStatus(r.id);
        if (status !== "claimed")
          throw new AppError(409, "serviceRequest.notClaimed", { params: { status: status ?? "" } });
        if (body.servedOn > today()) throw invalidField("servedOn", "date.future");
        const teamId = r.team_id as number;
        const ids = body.hours.map((h) => h.memberId);
        if (new Set(ids).size !== ids.length)
          throw invalidField("hours", "serviceRequest.notTeamMember", { names: "#" });
        const inTeam = await repo.teamMemberIds(teamId, ids);
        const outside = ids.filter((id) => !inTeam.has(id));
        if (outside.length)
          throw invalidField("hours", "serviceRequest.notTeamMember", {
            names: outside.map((i) => `#${i}`).join("、"),
          });
        await repo.complete(
          r.id,
          teamId,
          body.servedOn,
          body.hours.map((h) => ({ memberId: h.memberId, halfHours: Math.round(h.hours * 2) })),
        );
        await tell(trx, actor, [r.org_id], "serviceRequest.completed", r.id, r.title);
        return {
          result: r.id,
          targetId: r.id,
          detail: { fromStatus: "claimed", toStatus: "completed", members: ids.length },
        };
      },
      present: presentRequestId,
    }),

    feedback: defineCommand({
      name: "serviceRequest.feedback",
      ability: serviceRequestPolicy.feedback,
      targets: (input: { id: number; body: ServiceFeedbackBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { body } }) {
        const r = row as ServiceRequestRow;
        const repo = volunteersRepository(trx);
        await repo.lockStatus(r.id);
        const [fresh] = await repo.findRequests(visibleWhere(actor, serviceRequestPolicy.read), [r.id]);
        if (!fresh || fresh.rating !== null) throw new AppError(409, "serviceRequest.feedbackGiven");
        await repo.feedback(r.id, body.rating, body.comment ?? null);
        if (r.team_org_id !== null) {
          await tell(trx, actor, [r.team_org_id], "serviceRequest.rated", r.id, r.title);
        }
        return { result: r.id, targetId: r.id, detail: { rating: body.rating } };
      },
      present: presentRequestId,
    }),
  };

  return {
    commands,
    getTeam,
    getRequest,
    async listTeams(actor: Actor, query: VolunteerTeamListQuery) {
      const result = await volunteersRepository(db).listTeams(visibleWhere(actor, teamPolicy.read), query);
      return { items: await presentTeams(db, actor, result.items), total: result.total };
    },
    async listRequests(actor: Actor, query: ServiceRequestListQuery) {
      const result = await volunteersRepository(db).listRequests(
        visibleWhere(actor, serviceRequestPolicy.read),
        query,
        actor.memberId,
      );
      return { items: await presentRequests(db, actor, result.items), total: result.total };
    },
    /** Open requests the caller may claim (home card). */
    countClaimable: (actor: Actor) =>
      volunteersRepository(db).countOpen(visibleWhere(actor, serviceRequestPolicy.claim)),
    async ownHours(actor: Actor): Promise<VolunteerHours> {
      if (actor.memberId === null) return { total: 0, entries: [] };
      const rows = await volunteersRepository(db).memberHours(actor.memberId);
      const entries = rows.map((r) => ({
        requestId: r.request_id,
        title: r.title,
        team: r.team,
        servedOn: r.served_on,
        hours: r.half_hours / 2,
      }));
      return { total: entries.reduce((sum, e) => sum + e.hours, 0), entries };
    },
    createTeam: (actor: Actor, body: CreateVolunteerTeamBody) => execute(db, actor, commands.createTeam, body),
    createRequest: (actor: Actor, body: CreateServiceRequestBody) => execute(db, actor, commands.createRequest, body),
    claim: (actor: Actor, id: number, body: ClaimServiceRequestBody) =>
      execute(db, actor, commands.claim, { id, body }),
    complete: (actor: Actor, id: number, body: CompleteServiceRequestBody) =>
      execute(db, actor, commands.complete, { id, body }),
    feedback: (actor: Actor, id: number, body: ServiceFeedbackBody) =>
      execute(db, actor, commands.feedback, { id, body }),
  };
}
export type VolunteersService = ReturnType<typeof volunteersService>;
