import crypto from "node:crypto";
import {
  claimDirections,
  claimStatuses,
  type NeedStatus,
  needCategories,
  needStatuses,
  parsePlanRule,
  resourceCategories,
} from "@huzhu/contracts";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabaseKind } from "../../test/helpers.ts";
import { needTransition, ratedStatuses } from "../modules/needs/needs.lifecycle.ts";
import { useAuditKey } from "../platform/audit.ts";
import { createCipher } from "../platform/crypto.ts";
import { textSearch } from "../platform/text-search.ts";
import { type DemoCounty, generateDemoCounty } from "./generate.ts";
import { type DemoHelp, generateDemoHelp } from "./help.ts";
import { insertDemoCounty } from "./load.ts";

const TODAY = "2025-06-30";
const YESTERDAY = "2025-06-29";
const TWO_YEARS_AGO = "2023-07-01";

let county: DemoCounty;
let help: DemoHelp;

beforeAll(async () => {
  county = await generateDemoCounty({ today: TODAY });
  help = generateDemoHelp(county, { seed: 350824, today: TODAY });
});

const byKey = () => new Map(county.orgs.map((o) => [o.key, o]));
const count = <T>(items: readonly T[], key: (item: T) => string) => {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
};
const within = (day: string, from: string, to: string) => day >= from && day <= to;

describe("generateDemoHelp — amounts and coverage", () => {
  it("is deterministic: the same seed and day give the same data, another seed other data", () => {
    expect(generateDemoHelp(county, { seed: 350824, today: TODAY })).toEqual(help);
    const other = generateDemoHelp(county, { seed: 7, today: TODAY });
    expect(other.needs.map((n) => n.title)).not.toEqual(help.needs.map((n) => n.title));
  });

  it("has at least 200 needs, 80 resources and 60 projects, with claims, activities and contributions", () => {
    expect(help.needs.length).toBeGreaterThanOrEqual(200);
    expect(help.resources.length).toBeGreaterThanOrEqual(80);
    expect(help.projects.length).toBeGreaterThanOrEqual(60);
    expect(help.claims.length).toBeGreaterThan(help.projects.length);
    expect(help.projects.flatMap((p) => p.activities).length).toBeGreaterThan(3 * help.projects.length);
    expect(help.projects.flatMap((p) => p.contributions).length).toBeGreaterThan(help.projects.length);
    expect(help.pairings.length).toBeGreaterThanOrEqual(10);
  });

  it("covers every category and every state of needs, resources and claims", () => {
    const needCategoryCounts = count(help.needs, (n) => n.category);
    for (const c of needCategories) expect(needCategoryCounts.get(c), c).toBeGreaterThan(0);
    const needStatusCounts = count(help.needs, (n) => n.status);
    for (const s of needStatuses) expect(needStatusCounts.get(s), s).toBeGreaterThanOrEqual(5);
    const resourceCategoryCounts = count(help.resources, (r) => r.category);
    for (const c of resourceCategories) expect(resourceCategoryCounts.get(c), c).toBeGreaterThan(0);
    const claimKinds = new Set(help.claims.map((c) => `${c.direction}:${c.status}`));
    for (const d of claimDirections)
      expect(
        [...claimKinds].some((k) => k.startsWith(`${d}:`)),
        d,
      ).toBe(true);
    for (const s of claimStatuses) {
      expect(claimKinds.has(`offer:${s}`), `offer ${s}`).toBe(true);
      expect(claimKinds.has(`request:${s}`), `request ${s}`).toBe(true);
    }
    expect(new Set(help.projects.flatMap((p) => p.activities.map((a) => a.type))).size).toBe(7);
    expect(new Set(help.projects.flatMap((p) => p.contributions.map((c) => c.kind))).size).toBe(4);
  });

  it("has needs posted mostly by villages, the weak ones more, and some by communities and units", () => {
    const orgs = byKey();
    const poster = count(help.needs, (n) => orgs.get(n.orgKey)?.category ?? "?");
    expect((poster.get("village") ?? 0) / help.needs.length).toBeGreaterThan(0.7);
    expect(poster.get("urban_community")).toBeGreaterThanOrEqual(5);
    expect(
      (poster.get("government_organ") ?? 0) + (poster.get("school") ?? 0) + (poster.get("hospital") ?? 0),
    ).toBeGreaterThanOrEqual(3);
    expect(new Set(help.needs.map((n) => n.title)).size).toBe(help.needs.length);
    // Each need names its poster (its short name is in the title).
    for (const n of help.needs) {
      const name = (orgs.get(n.orgKey)?.name ?? "").replace(/^中共/, "").replace(/(总)?支部委员会$/, "");
      expect(n.title.includes(name.replace(/^县/, "武平县")) || n.title.includes(name), n.title).toBe(true);
    }
  });

  it("has resources offered by urban and rural organizations, villages' practice bases and produce included", () => {
    const orgs = byKey();
    const offered = new Set(help.resources.map((r) => `${orgs.get(r.orgKey)?.category}:${r.category}`));
    for (const k of ["village:practice_base", "village:produce", "village:culture"])
      expect(offered.has(k), k).toBe(true);
    for (const r of help.resources) expect(r.updatedAt >= r.createdAt).toBe(true);
    const owners = new Set(help.resources.map((r) => orgs.get(r.orgKey)?.category));
    for (const c of ["urban_community", "government_organ", "private_enterprise", "school", "hospital", "village"]) {
      expect(owners.has(c as never), c).toBe(true);
    }
  });

  it("rates mostly 4 and 5, always with a comment", () => {
    const rated = help.needs.filter((n) => n.rating !== null);
    expect(rated.every((n) => n.ratingComment)).toBe(true);
    expect(rated.filter((n) => (n.rating as number) >= 4).length / rated.length).toBeGreaterThan(0.7);
    expect(new Set(rated.map((n) => n.rating)).size).toBeGreaterThanOrEqual(4);
  });
});

describe("generateDemoHelp — every record is one the services could have written", () => {
  it("replays each need's history through the lifecycle to its status, by yesterday", () => {
    for (const [i, n] of help.needs.entries()) {
      let status: NeedStatus = "draft";
      let previous = n.createdAt.slice(0, 10);
      for (const step of n.steps) {
        expect(step.on >= previous, `need ${i} steps in order`).toBe(true);
        previous = step.on;
        const t = needTransition(status, step.action, step.side);
        expect(t.ok, `need ${i}: ${step.action} by ${step.side} from ${status}`).toBe(true);
        if (t.ok) status = t.next;
      }
      expect(status, `need ${i}`).toBe(n.status);
      expect(within(n.createdAt.slice(0, 10), TWO_YEARS_AGO, YESTERDAY)).toBe(true);
      expect(previous <= YESTERDAY).toBe(true);
      expect(n.rating !== null, `need ${i} rating`).toBe(ratedStatuses.includes(n.status));
      if (n.status === "open" || n.status === "draft") expect(n.deadline === null || n.deadline >= TODAY).toBe(true);
      if (n.status === "expired") expect(n.deadline !== null && n.deadline < TODAY).toBe(true);
      expect(n.updatedAt >= n.createdAt, `need ${i} updated after created`).toBe(true);
      expect(n.title.length).toBeLessThanOrEqual(100);
      expect(n.description.length).toBeLessThanOrEqual(5000);
    }
  });

  it("gives each accepted claim a project, and each project of a need the need's accepted helpers", () => {
    for (const c of help.claims) {
      expect(c.status === "accepted", "accepted ⇔ project").toBe(c.project !== null);
      expect(c.status === "declined", "declined ⇔ reason").toBe(c.declineReason !== null);
      expect((c.need === null) !== (c.resource === null)).toBe(true);
      expect(c.direction === "request").toBe(c.resource !== null);
      expect(c.helperOrgKey).not.toBe(c.recipientOrgKey);
      if (c.decidedAt) expect(c.decidedAt >= c.createdAt, "decided after made").toBe(true);
      if (c.status === "pending") expect(c.decidedAt).toBeNull();
      if (c.need !== null) {
        const need = help.needs[c.need];
        expect(need?.orgKey).toBe(c.recipientOrgKey);
        if (c.status === "pending") expect(["open", "claimed"]).toContain(need?.status);
      } else {
        const resource = help.resources[c.resource as number];
        expect(resource?.orgKey).toBe(c.helperOrgKey);
        if (c.status === "pending") expect(resource?.status).toBe("active");
      }
      if (c.project !== null) {
        const p = help.projects[c.project];
        expect(p?.need).toBe(c.need);
        expect(p?.parties).toContainEqual({ orgKey: c.helperOrgKey, side: "helper" });
        expect(p?.parties).toContainEqual({ orgKey: c.recipientOrgKey, side: "recipient" });
      }
    }
    // One pending claim per need and helper, per resource and recipient (the unique indexes).
    const pending = help.claims.filter((c) => c.status === "pending");
    expect(new Set(pending.map((c) => `${c.need}:${c.resource}:${c.helperOrgKey}:${c.recipientOrgKey}`)).size).toBe(
      pending.length,
    );
    const withProject = new Set(help.projects.map((p) => p.need).filter((n) => n !== null));
    help.needs.forEach((n, i) => {
      const helped = ["claimed", "in_progress", "delivered", "confirmed", "closed"].includes(n.status);
      expect(withProject.has(i), `need ${i} (${n.status}) has a project`).toBe(helped);
    });
    for (const p of help.projects) {
      if (p.need === null) continue;
      const need = help.needs[p.need];
      expect(p.status === "completed").toBe(need?.status === "confirmed" || need?.status === "closed");
      const helpers = help.claims
        .filter((c) => c.need === p.need && c.status === "accepted")
        .map((c) => c.helperOrgKey);
      expect(
        p.parties
          .filter((x) => x.side === "helper")
          .map((x) => x.orgKey)
          .sort(),
      ).toEqual([...helpers].sort());
    }
  });

  it("dates activities within the project's life and not in the future, with a real rhythm", () => {
    let lapsed = 0;
    for (const [i, p] of help.projects.entries()) {
      expect(parsePlanRule(p.planRule ?? "FREQ=MONTHLY"), `project ${i} plan`).not.toBeNull();
      expect(new Set(p.parties.map((x) => x.side))).toEqual(new Set(["helper", "recipient"]));
      const end = p.endedOn ?? YESTERDAY;
      for (const a of p.activities) {
        expect(within(a.occurredOn, p.startedOn, end), `project ${i} activity ${a.occurredOn}`).toBe(true);
        expect(p.parties.map((x) => x.orgKey)).toContain(a.recordedByOrgKey);
      }
      const sides = new Map(p.parties.map((x) => [x.orgKey, x.side]));
      for (const c of p.contributions) {
        expect(sides.get(c.giverOrgKey)).toBeDefined();
        expect(sides.get(c.receiverOrgKey)).toBeDefined();
        expect(sides.get(c.giverOrgKey)).not.toBe(sides.get(c.receiverOrgKey));
        expect(within(c.createdAt.slice(0, 10), p.startedOn, end)).toBe(true);
        expect(c.status === "confirmed").toBe(c.confirmedAt !== null);
        if (c.confirmedAt) expect(c.confirmedAt.slice(0, 10) <= YESTERDAY && c.confirmedAt >= c.createdAt).toBe(true);
        expect([c.amountFen, c.valueFen, c.hours].filter((x) => x !== null)).toHaveLength(1);
      }
      const lastActivity = p.activities.at(-1)?.occurredOn ?? p.startedOn;
      const silent = (Date.parse(TODAY) - Date.parse(lastActivity)) / 86_400_000;
      if (p.status === "active" && p.planPeriodDays !== null && silent > p.planPeriodDays) lapsed++;
    }
    const active = help.projects.filter((p) => p.status === "active").length;
    expect(lapsed).toBeGreaterThanOrEqual(5);
    expect(lapsed).toBeLessThan(active / 3);
    const contributions = help.projects.flatMap((p) => p.contributions);
    expect(contributions.filter((c) => c.status === "confirmed").length / contributions.length).toBeGreaterThan(0.75);
    // Two-way: the recipient side gives too.
    expect(
      help.projects.some((p) =>
        p.contributions.some((c) => p.parties.some((x) => x.orgKey === c.giverOrgKey && x.side === "recipient")),
      ),
    ).toBe(true);
  });

  it("pairs urban organizations with villages, and helpers are mostly near the recipient", () => {
    const orgs = byKey();
    expect(help.pairings.every((p) => p.status === "active" && p.helperOrgKey !== p.recipientOrgKey)).toBe(true);
    expect(help.pairings.filter((p) => p.form === "urban_rural").length).toBeGreaterThanOrEqual(10);
    const accepted = help.claims.filter((c) => c.need !== null && c.status === "accepted");
    const near = accepted.filter((c) => {
      const helper = orgs.get(c.helperOrgKey);
      const recipient = orgs.get(c.recipientOrgKey);
      const paired = help.pairings.some(
        (p) =>
          (p.helperOrgKey === c.helperOrgKey && p.recipientOrgKey === c.recipientOrgKey) ||
          (p.helperOrgKey === c.recipientOrgKey && p.recipientOrgKey === c.helperOrgKey),
      );
      return paired || helper?.parentKey === "county" || helper?.parentKey === recipient?.parentKey;
    });
    expect(near.length / accepted.length).toBeGreaterThan(0.7);
  });

  it("generates nothing for a county without villages (the tests' fixture)", () => {
    const tiny: DemoCounty = { orgs: county.orgs.slice(0, 3), members: [], accounts: county.accounts.slice(0, 1) };
    expect(generateDemoHelp(tiny, { today: TODAY }).needs).toEqual([]);
  });
});

describe(`demo help in the database (${testDatabaseKind})`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  const db = () => (database as NonNullable<typeof database>).database.db;

  beforeAll(async () => {
    database = await openTestDatabase();
    useAuditKey(crypto.randomBytes(32));
    const cipher = createCipher(crypto.randomBytes(32));
    await database.database.db
      .transaction()
      .execute((trx) => insertDemoCounty(trx, county, new Map(), cipher, "demo-help-password", help));
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("inserts every row, satisfying the tables' constraints, with no audit record per row", async () => {
    const n = await sql<Record<string, number>>`
      SELECT (SELECT count(*)::int FROM needs) AS needs, (SELECT count(*)::int FROM resources) AS resources,
             (SELECT count(*)::int FROM claims) AS claims, (SELECT count(*)::int FROM projects) AS projects,
             (SELECT count(*)::int FROM project_activities) AS activities,
             (SELECT count(*)::int FROM contributions) AS contributions,
             (SELECT count(*)::int FROM pairings) AS pairings,
             (SELECT count(*)::int FROM audit_log) AS audit`.execute(db());
    expect(n.rows[0]).toEqual({
      needs: help.needs.length,
      resources: help.resources.length,
      claims: help.claims.length,
      projects: help.projects.length,
      activities: help.projects.reduce((s, p) => s + p.activities.length, 0),
      contributions: help.projects.reduce((s, p) => s + p.contributions.length, 0),
      pairings: help.pairings.length,
      audit: 1,
    });
  });

  it("publishes region-visible records to the county (path filled) and indexes their words", async () => {
    const published = await db()
      .selectFrom("needs")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("published_path", "is not", null)
      .executeTakeFirstOrThrow();
    expect(published.n).toBe(
      help.needs.filter((x) => x.visibility === "region" && !["draft", "withdrawn", "expired"].includes(x.status))
        .length,
    );
    const search = textSearch("党群服务中心") as NonNullable<ReturnType<typeof textSearch>>;
    const found = await db()
      .selectFrom("needs")
      .select(sql<number>`count(*)::int`.as("n"))
      .where(search.matches("needs.search"))
      .executeTakeFirstOrThrow();
    expect(found.n).toBeGreaterThanOrEqual(help.needs.filter((x) => x.title.includes("党群服务中心")).length);
    expect(found.n).toBeGreaterThan(0);
  });
});
