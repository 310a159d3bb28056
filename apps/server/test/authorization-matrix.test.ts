import { defaultRoundParameters, type Role } from "@huzhu/contracts";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, permissionsOf, type Relation, rolePermissions, scopeFor } from "../src/platform/access.ts";
import { registeredRoutes } from "../src/platform/http.ts";
import { type AnyAbility, authorize } from "../src/platform/policy.ts";
import {
  createTestContext,
  fixtureCounty,
  makeIdNumber,
  person,
  type Session,
  type TestContext,
  testDatabaseKind,
} from "./helpers.ts";

/**
 * The generated authorization matrix (issue 7): every registered route × every role of the
 * fixture county × the record's relationship to where the role is held (own, child, parent,
 * sibling, partner, unrelated; for a member also self) × read and write. The expected answer is
 * derived from the routes' ability declarations with an independent reading of their reach (this
 * file re-implements in JavaScript what each relation means, from the fixture's tree and
 * pairings) and deny as the default; the observed answer comes from the running app (HTTP) and,
 * for writes that would be allowed, from `authorize` itself (so the matrix changes nothing).
 * A route that takes an ability this file cannot place fails the test: a new module's routes are
 * covered the day they are registered.
 */

type Relationship = "own" | "child" | "parent" | "sibling" | "partner" | "unrelated" | "self";
type Verdict = "allow" | 403 | 404 | 409;

interface OrgFact {
  key: string;
  id: number;
  path: string;
  parentId: number | null;
}

/** Routes whose :id is a record of the ability's resource, and how to send a valid request to them. */
const recordRoutes: Record<string, (ids: { org: (key: string) => number }) => unknown> = {
  "GET /api/orgs/:id": () => undefined,
  "PATCH /api/orgs/:id": () => ({ name: "矩阵测试改名" }),
  "POST /api/orgs/:id/move": (ids) => ({ parentId: ids.org("unit:organ") }),
  "POST /api/orgs/:id/dissolve": () => ({ reason: "矩阵测试" }),
  "GET /api/members/:id": () => undefined,
  "PATCH /api/members/:id": () => ({ name: "矩阵测试" }),
  "POST /api/members/:id/reveal": () => ({ field: "phone", reason: "矩阵测试" }),
  "GET /api/needs/:id": () => undefined,
  "PATCH /api/needs/:id": () => ({ title: "矩阵测试" }),
  "POST /api/needs/:id/publish": () => undefined,
  "POST /api/needs/:id/withdraw": () => undefined,
  "POST /api/needs/:id/claims": (ids) => ({ orgId: ids.org("unit:organ"), message: "矩阵测试" }),
  "POST /api/needs/:id/assign": (ids) => ({ orgId: ids.org("community:p") }),
  "POST /api/needs/:id/start": () => undefined,
  "POST /api/needs/:id/deliver": () => undefined,
  "POST /api/needs/:id/confirm": () => ({ rating: 4 }),
  "POST /api/needs/:id/close": () => undefined,
  "GET /api/needs/:id/suggestions": () => undefined,
  "GET /api/claims/:id": () => undefined,
  "POST /api/claims/:id/accept": () => undefined,
  "POST /api/claims/:id/decline": () => ({ reason: "矩阵测试" }),
  "POST /api/claims/:id/withdraw": () => undefined,
  "GET /api/resources/:id": () => undefined,
  "PATCH /api/resources/:id": () => ({ title: "矩阵测试" }),
  "POST /api/resources/:id/withdraw": () => undefined,
  "POST /api/resources/:id/requests": (ids) => ({ orgId: ids.org("unit:organ") }),
  "GET /api/resources/:id/suggestions": () => undefined,
  "GET /api/projects/:id": () => undefined,
  "PATCH /api/projects/:id": () => ({ title: "矩阵测试" }),
  "POST /api/projects/:id/cancel": () => ({ reason: "矩阵测试" }),
  "POST /api/projects/:id/activities": (ids) => ({
    occurredOn: "2024-01-02",
    type: "visit",
    description: "矩阵测试",
    orgId: ids.org("unit:organ"),
  }),
  "POST /api/projects/:id/contributions": (ids) => ({
    giverOrgId: ids.org("unit:organ"),
    receiverOrgId: ids.org("village:a1"),
    kind: "goods",
    valueFen: 100,
  }),
  "POST /api/contributions/:id/confirm": () => undefined,
  "GET /api/venues/:id": () => undefined,
  "PATCH /api/venues/:id": () => ({ name: "矩阵测试" }),
  "GET /api/bookings/:id": () => undefined,
  "POST /api/bookings/:id/approve": () => undefined,
  "POST /api/bookings/:id/decline": () => ({ reason: "矩阵测试" }),
  "POST /api/bookings/:id/cancel": () => ({ reason: "矩阵测试" }),
  "POST /api/bookings/:id/check-in": () => ({ token: "matrix-token-0000000000" }),
  "GET /api/bookings/:id/qr.svg": () => undefined,
  "GET /api/courses/:id": () => undefined,
  "PATCH /api/courses/:id": () => ({ title: "矩阵测试" }),
  "POST /api/courses/:id/assignments": (ids) => ({ orgIds: [ids.org("unit:organ")] }),
  "GET /api/pairing-rounds/:id": () => undefined,
  "PATCH /api/pairing-rounds/:id": () => ({ name: "矩阵测试" }),
  "GET /api/pairing-rounds/:id/preview": () => undefined,
  "POST /api/pairing-rounds/:id/copy": () => ({ name: "矩阵测试副本" }),
  "POST /api/pairing-rounds/:id/run": () => undefined,
  "GET /api/pairing-rounds/:id/problem": () => undefined,
  "GET /api/pairing-rounds/:id/result": () => undefined,
  "POST /api/pairing-rounds/:id/locks": (ids) => ({
    helperOrgId: ids.org("unit:organ"),
    recipientOrgId: ids.org("village:a1"),
  }),
  "DELETE /api/pairing-rounds/:id/locks": () => undefined,
  "POST /api/pairing-rounds/:id/forbids": (ids) => ({
    helperOrgId: ids.org("unit:organ"),
    recipientOrgId: ids.org("village:a1"),
  }),
  "DELETE /api/pairing-rounds/:id/forbids": () => undefined,
  "PUT /api/pairing-rounds/:id/capacities": (ids) => ({ orgId: ids.org("unit:organ"), capacity: 2 }),
  "PUT /api/pairing-rounds/:id/demands": (ids) => ({ orgId: ids.org("village:a1"), demand: 2 }),
  "POST /api/pairing-rounds/:id/publish": () => ({}),
  "GET /api/pairings/:id": () => undefined,
  "GET /api/pairings/:id/agreement": () => undefined,
  "POST /api/pairings/:id/conclude": () => ({ reason: "矩阵测试" }),
  "POST /api/pairings/:id/dissolve": () => ({ reason: "矩阵测试" }),
  "POST /api/pairings/:id/visits": () => ({ visitedOn: "2024-01-02", notes: "矩阵测试" }),
  "POST /api/pairings/:id/demonstration": () => ({ demonstration: true }),
  "POST /api/pairings/:id/joint-branch": () => ({ name: "矩阵联建党支部", kind: "village_community" }),
  "GET /api/pairings/:id/joint-branch": () => undefined,
  "GET /api/transfers/:id": () => undefined,
  "POST /api/transfers/:id/accept": () => undefined,
  "POST /api/transfers/:id/reject": () => ({ reason: "矩阵测试" }),
  "POST /api/transfers/:id/cancel": () => undefined,
  "GET /api/mobile-members/:id": () => undefined,
  "POST /api/registrations/:id/posts": () => ({ postId: 1 }),
  "GET /api/registrations/:id/hours": () => undefined,
  "POST /api/registrations/:id/hours": () => ({ postId: 1, servedOn: "2024-01-02", hours: 1 }),
  "POST /api/mobile-members/:id/receive": () => undefined,
  "POST /api/mobile-members/:id/contact": () => ({ contactedOn: "2024-01-02" }),
  "POST /api/mobile-members/:id/close": () => undefined,
  "GET /api/mobile-members/:id/activities": () => undefined,
  "POST /api/mobile-members/:id/activities": () => ({ occurredOn: "2024-01-02", description: "矩阵测试" }),
  "GET /api/hardship-cases/:id": () => undefined,
  "POST /api/hardship-cases/:id/entries": () => ({ kind: "visit", occurredOn: "2024-01-02", note: "矩阵测试" }),
  "POST /api/hardship-cases/:id/close": () => undefined,
  "GET /api/volunteer-teams/:id": () => undefined,
  "GET /api/service-requests/:id": () => undefined,
  "POST /api/service-requests/:id/claim": () => ({ teamId: 1 }),
  "POST /api/service-requests/:id/complete": () => ({ servedOn: "2024-01-02", hours: [{ memberId: 1, hours: 1 }] }),
  "POST /api/service-requests/:id/feedback": () => ({ rating: 4 }),
  "GET /api/secondments/:id": () => undefined,
  "POST /api/secondments/:id/logs": () => ({ loggedOn: "2024-01-02", content: "矩阵测试" }),
  "POST /api/secondments/:id/evaluate": () => ({ side: "home", rating: 4, comment: "矩阵测试" }),
};

/** Query strings of record routes that take their input there (lifting a what-if lock or forbid). */
const recordQueries: Record<string, (ids: { org: (key: string) => number }) => string> = {
  "DELETE /api/pairing-rounds/:id/locks": (ids) =>
    `?helperOrgId=${ids.org("unit:organ")}&recipientOrgId=${ids.org("village:a1")}`,
  "DELETE /api/pairing-rounds/:id/forbids": (ids) =>
    `?helperOrgId=${ids.org("unit:organ")}&recipientOrgId=${ids.org("village:a1")}`,
};

/**
 * Mutual help (issue 8): which set of fixture records a route's :id is taken from. Each set holds
 * one record per fixture organization, owned by it (a need, a resource) or with it as the recipient
 * party and `helperOf(it)` as the helper (a claim, a project, a contribution), in the state the
 * route's step starts from (a draft to publish, a delivered need to confirm…), so the relationship
 * decides and the rule passes where the reach does.
 */
const recordSetOf: Record<string, string> = {
  "GET /api/needs/:id": "need:open",
  "PATCH /api/needs/:id": "need:open",
  "POST /api/needs/:id/publish": "need:draft",
  "POST /api/needs/:id/withdraw": "need:open",
  "POST /api/needs/:id/claims": "need:open",
  "POST /api/needs/:id/assign": "need:open",
  "POST /api/needs/:id/start": "need:claimed",
  "POST /api/needs/:id/deliver": "need:in_progress",
  "POST /api/needs/:id/confirm": "need:delivered",
  "POST /api/needs/:id/close": "need:confirmed",
  "GET /api/needs/:id/suggestions": "need:open",
  "GET /api/claims/:id": "claim",
  "POST /api/claims/:id/accept": "claim",
  "POST /api/claims/:id/decline": "claim",
  "POST /api/claims/:id/withdraw": "claim",
  "GET /api/resources/:id": "resource",
  "PATCH /api/resources/:id": "resource",
  "POST /api/resources/:id/withdraw": "resource",
  "POST /api/resources/:id/requests": "resource",
  "GET /api/resources/:id/suggestions": "resource",
  "GET /api/projects/:id": "project",
  "PATCH /api/projects/:id": "project",
  "POST /api/projects/:id/cancel": "project",
  "POST /api/projects/:id/activities": "project",
  "POST /api/projects/:id/contributions": "project",
  "POST /api/contributions/:id/confirm": "contribution",
  "GET /api/venues/:id": "venue",
  "PATCH /api/venues/:id": "venue",
  "GET /api/bookings/:id": "booking:confirmed",
  "POST /api/bookings/:id/approve": "booking:requested",
  "POST /api/bookings/:id/decline": "booking:requested",
  "POST /api/bookings/:id/cancel": "booking:confirmed",
  "POST /api/bookings/:id/check-in": "booking:confirmed",
  "GET /api/bookings/:id/qr.svg": "booking:confirmed",
  "GET /api/courses/:id": "course",
  "PATCH /api/courses/:id": "course",
  "POST /api/courses/:id/assignments": "course",
  // Pairing rounds (issue 9): a round of each organization, in the state the route starts from; a
  // proposed pairing with each as the recipient (not active, so it makes nobody partners).
  "GET /api/pairing-rounds/:id": "round:draft",
  "PATCH /api/pairing-rounds/:id": "round:draft",
  "GET /api/pairing-rounds/:id/preview": "round:draft",
  "POST /api/pairing-rounds/:id/copy": "round:draft",
  "POST /api/pairing-rounds/:id/run": "round:draft",
  "GET /api/pairing-rounds/:id/problem": "round:draft",
  "GET /api/pairing-rounds/:id/result": "round:solved",
  "POST /api/pairing-rounds/:id/locks": "round:solved",
  "DELETE /api/pairing-rounds/:id/locks": "round:solved",
  "POST /api/pairing-rounds/:id/forbids": "round:solved",
  "DELETE /api/pairing-rounds/:id/forbids": "round:solved",
  "PUT /api/pairing-rounds/:id/capacities": "round:solved",
  "PUT /api/pairing-rounds/:id/demands": "round:solved",
  "POST /api/pairing-rounds/:id/publish": "round:solved",
  "GET /api/pairings/:id": "pairing",
  "GET /api/pairings/:id/agreement": "pairing",
  "POST /api/pairings/:id/conclude": "pairing",
  "POST /api/pairings/:id/dissolve": "pairing",
  "POST /api/pairings/:id/visits": "pairing",
  "POST /api/pairings/:id/demonstration": "pairing",
  "POST /api/pairings/:id/joint-branch": "pairing",
  "GET /api/pairings/:id/joint-branch": "pairing",
  // Membership transfers (issue 11): a pending transfer of a member of each organization to its helper.
  "GET /api/transfers/:id": "transfer",
  "POST /api/transfers/:id/accept": "transfer",
  "POST /api/transfers/:id/reject": "transfer",
  "POST /api/transfers/:id/cancel": "transfer",
  // Mobile members (issue 11): a registered outflow of a member of each organization to its helper.
  "GET /api/mobile-members/:id": "mobile",
  // In-service registrations (双报到, issue 11): a member of each organization registered with its helper.
  "POST /api/registrations/:id/posts": "registration",
  "GET /api/registrations/:id/hours": "registration",
  "POST /api/registrations/:id/hours": "registration",
  "POST /api/mobile-members/:id/receive": "mobile",
  "POST /api/mobile-members/:id/contact": "mobile",
  "POST /api/mobile-members/:id/close": "mobile",
  "GET /api/mobile-members/:id/activities": "mobile",
  "POST /api/mobile-members/:id/activities": "mobile",
  // Members in difficulty (issue 11): an open case of a member of each organization.
  "GET /api/hardship-cases/:id": "hardship",
  "POST /api/hardship-cases/:id/entries": "hardship",
  "POST /api/hardship-cases/:id/close": "hardship",
  // Volunteers (issue 11): each organization's team; its service requests, open (published to the
  // county), claimed and completed by the helper's team.
  "GET /api/volunteer-teams/:id": "team",
  "GET /api/service-requests/:id": "service:claimed",
  "POST /api/service-requests/:id/claim": "service:open",
  "POST /api/service-requests/:id/complete": "service:claimed",
  "POST /api/service-requests/:id/feedback": "service:completed",
  // Secondments (issue 11): a member of each organization seconded to its helper.
  "GET /api/secondments/:id": "secondment",
  "POST /api/secondments/:id/logs": "secondment",
  "POST /api/secondments/:id/evaluate": "secondment",
};
/** The resources whose routes the matrix places by relationship (beside organizations and members). */
const placedResources = new Set([
  "organization",
  "member",
  "need",
  "resource",
  "claim",
  "project",
  "contribution",
  "pairing_round",
  "pairing",
  "venue",
  "booking",
  "course",
  "transfer",
  "mobile_member",
  "registration",
  "hardship_case",
  "volunteer_team",
  "service_request",
  "secondment",
]);

/** Routes whose record is named in the body (the parent of a new organization, a new member's organization). */
const bodyTargetRoutes: Record<string, { field: string; body: (orgId: number) => Record<string, unknown> }> = {
  "POST /api/orgs": {
    field: "parentId",
    body: (orgId) => ({ parentId: orgId, name: "矩阵测试支部", kind: "branch", category: "village", area: "rural" }),
  },
  "POST /api/members": {
    field: "primaryOrgId",
    body: (orgId) => {
      const p = person("矩阵", "male", "1981-02-03");
      return {
        name: p.name,
        gender: p.gender,
        ethnicity: p.ethnicity,
        birthDate: p.birthDate,
        idNumber: makeIdNumber(p.birthDate, "male", 9_000 + orgId),
        education: p.education,
        joinDate: p.joinDate,
        status: p.status,
        primaryOrgId: orgId,
      };
    },
  },
  "POST /api/needs": {
    field: "orgId",
    body: (orgId) => ({
      orgId,
      category: "training",
      title: "矩阵测试",
      description: "矩阵测试",
      visibility: "partners",
    }),
  },
  "POST /api/resources": {
    field: "orgId",
    body: (orgId) => ({ orgId, category: "venue", title: "矩阵测试", description: "矩阵测试", visibility: "partners" }),
  },
  "POST /api/venues": {
    field: "orgId",
    body: (orgId) => ({ orgId, kind: "activity_room", name: "矩阵测试", openTo: "partners", requiresApproval: false }),
  },
  "POST /api/courses": {
    field: "orgId",
    body: (orgId) => ({ orgId, kind: "experience", title: "矩阵测试", minutes: 10, openTo: "partners" }),
  },
  "POST /api/pairing-rounds": { field: "orgId", body: (orgId) => ({ orgId, name: "矩阵测试" }) },
  // A community's service post (issue 11).
  "POST /api/service-posts": { field: "orgId", body: (orgId) => ({ orgId, title: "矩阵测试" }) },
  // An extension branch (issue 11) under the organization; the registrations are the command's checks.
  "POST /api/mobile-members/extension-branch": {
    field: "parentId",
    body: (orgId) => ({ parentId: orgId, name: "矩阵测试支部", mobileMemberIds: [999999] }),
  },
  "POST /api/contact-points": {
    field: "orgId",
    body: (orgId) => ({ leaderMemberId: 1, orgId, startsOn: "2026-01-01", endsOn: "2028-12-31" }),
  },
  "POST /api/volunteer-teams": { field: "orgId", body: (orgId) => ({ orgId, name: "矩阵测试" }) },
  "POST /api/pairings": {
    field: "helperOrgId",
    body: (orgId) => ({ helperOrgId: orgId, recipientOrgId: orgId, startsOn: "2026-01-01", endsOn: "2028-12-31" }),
  },
};

describe(`the authorization matrix (${testDatabaseKind})`, () => {
  let t: TestContext;
  const county = fixtureCounty();
  // Relationships the fixture lacks: a child under a village, a partner community, members at every level.
  county.orgs.push(
    {
      ...county.orgs[3],
      key: "group:a1",
      parentKey: "village:a1",
      name: "中共三联村第一党小组",
      divisionCode: null,
    } as (typeof county.orgs)[number],
    {
      ...county.orgs[3],
      key: "community:p",
      parentKey: "county",
      name: "中共城关社区委员会",
      category: "urban_community",
      area: "urban",
      divisionCode: null,
    } as (typeof county.orgs)[number],
  );
  for (const [name, orgKey] of [
    ["县一", "county"],
    ["镇一", "town:a"],
    ["镇二", "town:b"],
    ["组一", "group:a1"],
    ["社一", "community:p"],
  ] as const) {
    county.members.push({ ...person(name), orgKey, coOrgKey: null });
  }
  /** The pairing that makes community:p a partner of village:a1 (and so of town:a above it). */
  const pairing = { helper: "community:p", recipient: "village:a1" };

  const orgs = new Map<string, OrgFact>();
  const byId = new Map<number, OrgFact>();
  const sessions = new Map<string, Session>();
  const actors = new Map<string, Actor>();
  const accounts = county.accounts.map((a) => a.username);

  beforeAll(async () => {
    t = await createTestContext({ county });
    const rows = await t.database.db.selectFrom("organizations").select(["id", "path", "parent_id", "name"]).execute();
    for (const o of county.orgs) {
      const row = rows.find((r) => r.name === o.name);
      if (!row) throw new Error(`fixture organization ${o.key} missing`);
      const fact = { key: o.key, id: row.id, path: row.path, parentId: row.parent_id };
      orgs.set(o.key, fact);
      byId.set(row.id, fact);
    }
    await t.database.db
      .insertInto("pairings")
      .values({
        helper_org_id: org(pairing.helper).id,
        recipient_org_id: org(pairing.recipient).id,
        form: "urban_rural",
      })
      .execute();
    await createHelpRecords();
    for (const username of accounts) {
      sessions.set(username, await t.login(username));
      actors.set(username, await actorOf(username));
    }
  }, 120_000);
  afterAll(async () => t?.close());

  /** Record sets by name, each: organization key → record id (see recordSetOf). */
  const recordSets = new Map<string, Map<string, number>>();
  /** The other party of an organization's help records: the organ, which has a secretary account of its own. */
  const helperOf = (key: string) => (key === "unit:organ" ? "community:p" : "unit:organ");

  /** One record per organization per set, written straight to the tables (the matrix writes nothing through the API). */
  async function createHelpRecords() {
    const teamOf = new Map<string, number>();
    const db = t.database.db;
    const creator = (
      await db.selectFrom("users").select("id").where("username", "=", "coordinator").executeTakeFirstOrThrow()
    ).id;
    const put = (set: string, key: string, id: number) => {
      const m = recordSets.get(set) ?? new Map<string, number>();
      m.set(key, id);
      recordSets.set(set, m);
    };
    const project = async (recipient: number, helper: number) => {
      const p = await db
        .insertInto("projects")
        .values({ title: "矩阵测试", need_id: null, resource_id: null, started_on: "2024-01-01" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("project_parties")
        .values([
          { project_id: p.id, org_id: recipient, side: "recipient" },
          { project_id: p.id, org_id: helper, side: "helper" },
        ])
        .execute();
      return p.id;
    };
    for (const o of orgs.values()) {
      const helper = org(helperOf(o.key)).id;
      const need = async (status: string, visibility: string) =>
        (
          await db
            .insertInto("needs")
            .values({
              org_id: o.id,
              category: "training",
              title: `矩阵测试 ${status}`,
              description: "矩阵测试",
              expected_outcome: null,
              budget_fen: null,
              deadline: null,
              urgency: "normal",
              visibility,
              published_org_id: visibility === "region" && status !== "draft" ? org("county").id : null,
              status,
              ...(["confirmed", "closed"].includes(status) ? { rating: 4 } : {}),
              created_by: creator,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      const open = await need("open", "partners");
      put("need:open", o.key, open);
      put("need:draft", o.key, await need("draft", "region"));
      for (const status of ["claimed", "in_progress", "delivered", "confirmed"]) {
        // Claimed ones are published to the county: the region reach decides 403 from 404 there.
        const id = await need(status, status === "claimed" ? "region" : "partners");
        const projectId = await project(o.id, helper);
        await db
          .insertInto("claims")
          .values({
            need_id: id,
            resource_id: null,
            direction: "offer",
            helper_org_id: helper,
            recipient_org_id: o.id,
            message: null,
            status: "accepted",
            project_id: projectId,
            created_by: creator,
          })
          .execute();
        put(`need:${status}`, o.key, id);
      }
      const claim = await db
        .insertInto("claims")
        .values({
          need_id: open,
          resource_id: null,
          direction: "offer",
          helper_org_id: helper,
          recipient_org_id: o.id,
          message: null,
          created_by: creator,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      put("claim", o.key, claim.id);
      const resource = await db
        .insertInto("resources")
        .values({
          org_id: o.id,
          category: "venue",
          title: "矩阵测试",
          description: "矩阵测试",
          capacity: null,
          available_from: null,
          available_to: null,
          conditions: null,
          visibility: "partners",
          published_org_id: null,
          created_by: creator,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      put("resource", o.key, resource.id);
      const projectId = await project(o.id, helper);
      put("project", o.key, projectId);
      const contribution = await db
        .insertInto("contributions")
        .values({
          project_id: projectId,
          giver_org_id: helper,
          receiver_org_id: o.id,
          kind: "money",
          amount_fen: 100,
          value_fen: null,
          hours: null,
          description: null,
          created_by: creator,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      put("contribution", o.key, contribution.id);

      // Shared venues (issue 10): the organization's own venue (open to partners), a requested and
      // a confirmed booking of it by the organization itself, and its course (open to partners).
      const venue = await db
        .insertInto("venues")
        .values({
          org_id: o.id,
          kind: "activity_room",
          name: "矩阵测试",
          description: null,
          address: null,
          capacity: null,
          open_to: "partners",
          published_org_id: null,
          opening_hours: "[]",
          blackout_dates: [],
          requires_approval: true,
          created_by: creator,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      put("venue", o.key, venue.id);
      for (const [status, day] of [
        ["requested", 10],
        ["confirmed", 11],
      ] as const) {
        const start = new Date(Date.now() + day * 86_400_000);
        const booking = await db
          .insertInto("bookings")
          .values({
            venue_id: venue.id,
            owner_org_id: o.id,
            org_id: o.id,
            starts_at: start,
            ends_at: new Date(start.getTime() + 3_600_000),
            purpose: "矩阵测试",
            attendees: null,
            status,
            check_in_token: `matrix-${status}-${o.id}`,
            created_by: creator,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        put(`booking:${status}`, o.key, booking.id);
      }
      const course = await db
        .insertInto("courses")
        .values({
          org_id: o.id,
          kind: "experience",
          title: "矩阵测试",
          summary: null,
          body: null,
          url: null,
          minutes: 10,
          open_to: "partners",
          published_org_id: null,
          created_by: creator,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      put("course", o.key, course.id);
      const round = (status: "draft" | "solved") =>
        db
          .insertInto("pairing_rounds")
          .values({
            org_id: o.id,
            name: `矩阵测试 ${status}`,
            status,
            parameters: JSON.stringify(defaultRoundParameters),
            ...(status === "solved" && {
              problem: JSON.stringify({ format: "huzhu.pairing.v1", recipients: [], helpers: [], candidates: [] }),
              result: JSON.stringify({
                result: { format: "huzhu.pairing-result.v1", covered: 0, assigned: 0, score: 0, pairs: [] },
                explanation: { format: "huzhu.pairing-explanation.v1", pairs: [], uncovered: [] },
              }),
              details: JSON.stringify({ orgs: {}, candidates: {}, defaults: { capacity: {}, demand: {} } }),
              solved_at: "2026-01-01T00:00:00Z",
            }),
            created_by: creator,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
      put("round:draft", o.key, (await round("draft")).id);
      put("round:solved", o.key, (await round("solved")).id);
      const pairing = await db
        .insertInto("pairings")
        .values({ helper_org_id: helper, recipient_org_id: o.id, form: "urban_rural", status: "proposed" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("pairing_agreements")
        .values({ pairing_id: pairing.id, file_name: "矩阵测试.pdf", content: Buffer.from("%PDF-1.4") })
        .execute();
      put("pairing", o.key, pairing.id);
      const member = await db.selectFrom("members").select("id").where("primary_org_id", "=", o.id).executeTakeFirst();
      if (member) {
        const transfer = await db
          .insertInto("membership_transfers")
          .values({
            member_id: member.id,
            from_org_id: o.id,
            to_org_id: helper,
            to_outside: null,
            reason: "矩阵测试",
            requested_by: creator,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        put("transfer", o.key, transfer.id);
        const mobile = await db
          .insertInto("mobile_members")
          .values({
            member_id: member.id,
            origin_org_id: o.id,
            dest_org_id: helper,
            dest_place: null,
            reason: "work",
            contact_enc: t.cipher.encrypt("矩阵测试"),
            contact_masked: "矩阵**试",
            left_on: "2024-01-01",
            expected_return: null,
            last_contact_on: "2024-01-01",
            created_by: creator,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        put("mobile", o.key, mobile.id);
        const registration = await db
          .insertInto("community_registrations")
          .values({
            member_id: member.id,
            origin_org_id: o.id,
            community_org_id: helper,
            registered_on: "2024-01-01",
            created_by: creator,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        put("registration", o.key, registration.id);
      }
      // Members in difficulty (issue 11): an open case of a member of each organization, kept by it.
      const keptMember = await db
        .selectFrom("members")
        .select("id")
        .where("primary_org_id", "=", o.id)
        .executeTakeFirst();
      if (keptMember) {
        const hardship = await db
          .insertInto("hardship_cases")
          .values({
            member_id: keptMember.id,
            org_id: o.id,
            category: "illness",
            details_enc: t.cipher.encrypt("矩阵测试"),
            created_by: creator,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        put("hardship", o.key, hardship.id);
        const secondment = await db
          .insertInto("secondments")
          .values({
            member_id: keptMember.id,
            home_org_id: o.id,
            host_org_id: org(helperOf(o.key)).id,
            kind: "shadow_learning",
            starts_on: "2024-01-01",
            ends_on: "2024-06-30",
            plan: "矩阵测试",
            created_by: creator,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        put("secondment", o.key, secondment.id);
      }
      const team = await db
        .insertInto("volunteer_teams")
        .values({ org_id: o.id, name: "矩阵测试", description: null, created_by: creator })
        .returning("id")
        .executeTakeFirstOrThrow();
      put("team", o.key, team.id);
      teamOf.set(o.key, team.id);
    }
    for (const o of orgs.values()) {
      for (const status of ["open", "claimed", "completed"] as const) {
        const helper = helperOf(o.key);
        const request = await db
          .insertInto("service_requests")
          .values({
            org_id: o.id,
            member_id: null,
            title: "矩阵测试",
            description: "矩阵测试",
            status,
            region_org_id: org("county").id,
            ...(status !== "open" && { team_id: teamOf.get(helper) as number, team_org_id: org(helper).id }),
            ...(status === "completed" && { completed_at: "2024-01-02T00:00:00Z", served_on: "2024-01-02" }),
            created_by: creator,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        put(`service:${status}`, o.key, request.id);
      }
    }
  }

  const org = (key: string): OrgFact => {
    const found = orgs.get(key);
    if (!found) throw new Error(`no organization ${key}`);
    return found;
  };

  /** The actor as the server builds it from the account's roles (the test does not trust the server for this). */
  async function actorOf(username: string): Promise<Actor> {
    const user = await t.database.db
      .selectFrom("users")
      .select(["id", "member_id"])
      .where("username", "=", username)
      .executeTakeFirstOrThrow();
    const roles = await t.database.db
      .selectFrom("role_assignments as r")
      .leftJoin("organizations as o", "o.id", "r.org_id")
      .select(["r.id", "r.role", "r.org_id", "o.name", "o.path"])
      .where("r.user_id", "=", user.id)
      .execute();
    return {
      userId: user.id,
      username,
      displayName: username,
      memberId: user.member_id,
      roles: roles.map((r) => ({
        id: r.id,
        role: r.role as Role,
        orgId: r.org_id,
        orgName: r.name,
        orgPath: r.path,
      })),
      sessionId: "matrix",
      csrfToken: "matrix",
      ip: "127.0.0.1",
      gates: [],
      secondFactor: false,
    };
  }

  /** How a target organization relates to an organization where a role is held (from paths and pairings only). */
  function relationshipOf(held: OrgFact, target: OrgFact): Relationship {
    if (target.id === held.id) return "own";
    if (target.path.startsWith(held.path)) return "child";
    if (held.path.startsWith(target.path)) return "parent";
    if (target.parentId === held.parentId) return "sibling";
    if (partnersOf(held).has(target.id)) return "partner";
    return "unrelated";
  }

  /** Organizations paired with any organization in the subtree of `held`. */
  function partnersOf(held: OrgFact): Set<number> {
    const helper = org(pairing.helper);
    const recipient = org(pairing.recipient);
    const out = new Set<number>();
    if (recipient.path.startsWith(held.path)) out.add(helper.id);
    if (helper.path.startsWith(held.path)) out.add(recipient.id);
    return out;
  }

  const isAdmin = (role: Role) => ["system_admin", "security_admin", "audit_admin"].includes(role);

  /**
   * Whether one relation of a reach holds between the actor and the target, read independently
   * of reachSql: the value of the relation's column for the target (read with plain SQL) against
   * the roles that grant the ability.
   */
  async function relationHolds(actor: Actor, ability: AnyAbility, relation: Relation, targetId: number) {
    const [table, column] = relation.column.split(".") as [string, string];
    const row = await sql<{ value: string | number | null }>`SELECT ${sql.ref(column)} AS value FROM ${sql.table(
      table,
    )} WHERE id = ${targetId}`.execute(t.database.db);
    const value = row.rows[0]?.value ?? null;
    if (value === null) return false;
    if (relation.when) {
      const shared = await sql<{
        ok: boolean;
      }>`SELECT (${relation.when}) AS ok FROM ${sql.table(table)} WHERE id = ${targetId}`.execute(t.database.db);
      if (!shared.rows[0]?.ok) return false;
    }
    const granting = actor.roles.filter((r) =>
      ability.grants.some((g: string) => g !== "authenticated" && rolePermissions[r.role].includes(g as never)),
    );
    // The member role reaches its own record only, wherever the member belongs.
    const heldAt = granting.flatMap((r) =>
      r.orgId === null || r.role === "member" ? [] : [byId.get(r.orgId) as OrgFact],
    );
    switch (relation.kind) {
      case "subtree":
        return heldAt.some((h) => String(value).startsWith(h.path));
      case "party":
        return heldAt.some((h) => (byId.get(Number(value))?.path ?? "").startsWith(h.path));
      case "partner":
        return heldAt.some((h) => partnersOf(h).has(Number(value)));
      case "published":
        return heldAt.some((h) => h.path.startsWith(String(value)));
      case "selfMember":
        return granting.some((r) => r.role === "member") && Number(value) === actor.memberId;
      case "ownerUser":
        return ability.grants.includes("authenticated") && Number(value) === actor.userId;
      case "partyThrough": {
        const { table: listed, key, party, when } = relation.through;
        const parties = await sql<{
          party: number;
        }>`SELECT reach_t.${sql.ref(party)} AS party FROM ${sql.table(listed)} reach_t
          WHERE reach_t.${sql.ref(key)} = ${value}${when ? sql` AND ${when}` : sql``}`.execute(t.database.db);
        return parties.rows.some((p) => heldAt.some((h) => (byId.get(p.party)?.path ?? "").startsWith(h.path)));
      }
    }
  }

  async function reaches(actor: Actor, ability: AnyAbility, targetId: number): Promise<boolean> {
    const granting = actor.roles.filter((r) =>
      ability.grants.some((g: string) => g !== "authenticated" && rolePermissions[r.role].includes(g as never)),
    );
    if (granting.some((r) => isAdmin(r.role))) return true;
    for (const relation of ability.reach) if (await relationHolds(actor, ability, relation, targetId)) return true;
    return false;
  }

  const holds = (actor: Actor, ability: AnyAbility) =>
    ability.grants.includes("authenticated") ||
    ability.grants.some((g: string) => permissionsOf(actor).includes(g as never));

  /** The answer the declarations call for: deny unless a grant, a reach and the rule all allow. */
  async function expected(actor: Actor, ability: AnyAbility, targetId: number): Promise<Verdict> {
    if (!holds(actor, ability)) return 403;
    if (await reaches(actor, ability, targetId)) {
      if (!ability.rule) return "allow";
      const [row] = await ability.resource.load(t.database.db, sql`true`, [targetId]);
      const scope = scopeFor(actor, ability.grants);
      // A rule refuses with 403, or with the status of the refusal it names (409: not in this state).
      const verdict = ability.rule(row, { scope, actor });
      if (verdict === true) return "allow";
      return verdict !== false && verdict.status === 409 ? 409 : 403;
    }
    const seeing = ability.seeing();
    if (seeing && seeing !== ability && holds(actor, seeing) && (await reaches(actor, seeing, targetId))) return 403;
    return 404;
  }

  /** Targets per relationship for an account: an organization, or a member whose primary organization it is. */
  function targetsFor(
    username: string,
    resource: string,
    set?: string,
  ): Array<{ relationship: Relationship; id: number }> {
    const actor = actors.get(username) as Actor;
    const out = new Map<Relationship, number>();
    const membersOf = (o: OrgFact) => county.members.findIndex((m) => m.orgKey === o.key);
    const heldOrgs = actor.roles.flatMap((r) => (r.orgId === null ? [] : [byId.get(r.orgId) as OrgFact]));
    const anchor = heldOrgs[0] ?? org("village:a1");
    for (const o of orgs.values()) {
      const rel = relationshipOf(anchor, o);
      if (out.has(rel)) continue;
      if (resource === "organization") out.set(rel, o.id);
      else if (set) {
        const id = recordSets.get(set)?.get(o.key);
        if (id !== undefined) out.set(rel, id);
      } else if (membersOf(o) >= 0) out.set(rel, memberIds[membersOf(o)] as number);
    }
    if (resource === "member" && actor.memberId !== null) out.set("self", actor.memberId);
    return [...out].map(([relationship, id]) => ({ relationship, id }));
  }
  let memberIds: number[] = [];

  const observed = (status: number): Verdict | number => (status >= 200 && status < 300 ? "allow" : status);

  it("covers every registered /api route with a declaration the matrix understands", () => {
    const api = registeredRoutes.filter((r) => r.url.startsWith("/api") && r.method !== "HEAD");
    for (const route of api) {
      if (route.access === "public") continue;
      const key = `${route.method} ${route.url}`;
      expect(route.ability, `${key} declares an ability`).toBeDefined();
      const resource = route.ability?.resource.name;
      if (resource && placedResources.has(resource)) {
        const placed = key in recordRoutes || key in bodyTargetRoutes || !route.url.includes(":id");
        expect(placed, `${key}: a record route the matrix has no request for`).toBe(true);
      }
    }
  });

  it("answers every route × role × relationship as the declarations say, and nothing more", async () => {
    memberIds = [];
    for (const m of county.members) memberIds.push(await t.memberId(m.name));
    const unexpected: string[] = [];
    let cases = 0;
    const api = registeredRoutes.filter(
      (r) => r.url.startsWith("/api") && r.method !== "HEAD" && r.access !== "public" && r.ability,
    );
    for (const route of api) {
      const key = `${route.method} ${route.url}`;
      const ability = route.ability as AnyAbility;
      const resource = ability.resource.name;
      const write = route.method !== "GET";
      for (const username of accounts) {
        const actor = actors.get(username) as Actor;
        const session = sessions.get(username) as Session;
        const record = key in recordRoutes ? recordRoutes[key] : undefined;
        const bodyTarget = bodyTargetRoutes[key];
        if ((record || bodyTarget) && resource && placedResources.has(resource)) {
          const set = bodyTarget ? undefined : recordSetOf[key];
          for (const { relationship, id } of targetsFor(username, bodyTarget ? "organization" : resource, set)) {
            cases++;
            const want = await expected(actor, ability, id);
            const label = `${key} as ${username} on ${relationship} (${id})`;
            if (want === "allow" && write) {
              // Allowed writes are checked where the route's command checks them, without writing.
              const rows = await authorize(t.database.db, actor, ability, [id]).catch((e: { status?: number }) => e);
              if (!Array.isArray(rows)) unexpected.push(`${label}: expected allow, authorize said ${rows.status}`);
              continue;
            }
            const url = route.url.replace(":id", String(id)) + (recordQueries[key]?.({ org: (k) => org(k).id }) ?? "");
            const payload = bodyTarget ? bodyTarget.body(id) : record?.({ org: (k) => org(k).id });
            const res = await session.request({
              method: route.method as "GET",
              url,
              ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
            });
            // A record named in the body that the caller cannot see is that field's mistake (400 naming it).
            const got = observed(res.statusCode);
            const fieldNamed = bodyTarget && want === 404 && got === 400 && res.json().error.field === bodyTarget.field;
            if (got !== want && !fieldNamed) unexpected.push(`${label}: expected ${want}, got ${res.statusCode}`);
          }
          continue;
        }
        // Routes on one's own things, on no record, or on accounts (administrators only): grants decide.
        cases++;
        const want: Verdict = holds(actor, ability) ? "allow" : 403;
        // A live stream never ends; its access check is the same as its neighbours'.
        const streaming = route.url.endsWith("/stream");
        if ((want === 403 || !write) && !(streaming && want === "allow")) {
          const url = route.url.replace(":id", "999999").replace(":decision", "approve");
          const res = await session.request({ method: route.method as "GET", url, ...(write ? { payload: {} } : {}) });
          const denied = res.statusCode === 403 && res.json().error.code === "forbidden";
          if (want === 403 && !denied) unexpected.push(`${key} as ${username}: expected 403, got ${res.statusCode}`);
          if (want === "allow" && (res.statusCode === 401 || denied)) {
            unexpected.push(`${key} as ${username}: expected to pass the access check, got ${res.statusCode}`);
          }
        }
      }
    }
    expect(unexpected).toEqual([]);
    // Every role met every kind of relationship somewhere, and the matrix is not trivially small.
    console.log(`authorization matrix: ${cases} cases`);
    expect(cases).toBeGreaterThan(400);
  }, 300_000);

  it("lets partners reach each other only where a module shares with partners (nothing yet: deny)", async () => {
    const secretary = sessions.get("secretary") as Session;
    const res = await secretary.request({ method: "GET", url: `/api/orgs/${org("community:p").id}` });
    expect(res.statusCode).toBe(404);
  });
});
