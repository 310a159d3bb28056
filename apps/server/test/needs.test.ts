import type { Need } from "@huzhu/contracts";
import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newestMatches } from "../src/db/count.ts";
import { needsService } from "../src/modules/needs/needs.service.ts";
import { textSearch } from "../src/platform/text-search.ts";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Needs, claims and help projects through the API (issue 8): the whole path from a village's need
 * to a rated project, who sees what by relationship, and refusals with their codes.
 */
describe(`needs, claims and help projects (${testDatabaseKind})`, () => {
  let t: TestContext;
  let village: Session; // secretary of village:a1 (the recipient)
  let community: Session; // secretary of community:p (the helper, paired with village:a1)
  let communityQ: Session; // secretary of community:q (unrelated but in the county)
  let secb: Session; // secretary of village:b1 (a village of the other town)
  let town: Session; // coordinator of town:a (village:a1's parent)
  let coordinator: Session; // coordinator of the county
  let leader: Session;
  let auditor: Session;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestContext({ county: helpCounty() });
    for (const key of ["county", "town:a", "village:a1", "village:a2", "village:b1", "community:p", "community:q"]) {
      ids[key] = await t.orgId(key);
    }
    await t.database.db
      .insertInto("pairings")
      .values({
        helper_org_id: ids["community:p"] as number,
        recipient_org_id: ids["village:a1"] as number,
        form: "urban_rural",
      })
      .execute();
    village = await t.login("secretary");
    community = await t.login("commsec");
    communityQ = await t.login("commsecq");
    secb = await t.login("secb");
    town = await t.login("town");
    coordinator = await t.login("coordinator");
    leader = await t.login("leader");
    auditor = await t.login("auditor");
  }, 120_000);
  afterAll(async () => t?.close());

  const post = (s: Session, url: string, payload: Record<string, unknown> = {}) =>
    s.request({ method: "POST", url, payload });
  const get = (s: Session, url: string) => s.request({ method: "GET", url });

  const postNeed = async (s: Session, overrides: Record<string, unknown> = {}) => {
    const res = await post(s, "/api/needs", {
      orgId: ids["village:a1"],
      category: "economy",
      title: "茶叶销路",
      description: "村里的高山茶缺少稳定的销售渠道，希望城市社区开展消费帮扶。",
      visibility: "partners",
      ...overrides,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; status: string; abilities: Record<string, boolean> };
  };

  it("runs the whole path: posted, claimed, accepted into a project, worked, delivered, confirmed with a rating", async () => {
    const need = await postNeed(village, { budgetFen: 1_500_000, deadline: "2099-12-31", urgency: "high" });
    expect(need).toMatchObject({ status: "open", budgetFen: 1_500_000, urgency: "high", projectId: null });
    expect(need.abilities).toMatchObject({ update: true, withdraw: true, claim: false, start: false, assign: false });
    const fromAbove = (await get(coordinator, `/api/needs/${need.id}`)).json();
    expect(fromAbove.abilities).toMatchObject({ assign: true, update: true, claim: false });

    // The partner community sees it and claims it.
    const seen = await get(community, `/api/needs/${need.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toMatchObject({ claim: true, update: false });
    const claimRes = await post(community, `/api/needs/${need.id}/claims`, {
      orgId: ids["community:p"],
      message: "社区可组织居民认购",
    });
    expect(claimRes.statusCode, claimRes.body).toBe(201);
    const claim = claimRes.json();
    expect(claim).toMatchObject({ status: "pending", direction: "offer", needId: need.id });
    expect(claim.helperOrg.id).toBe(ids["community:p"]);

    // The village hears of it and accepts: a project starts with both sides as parties.
    const notes = await get(village, "/api/notifications");
    expect(JSON.stringify(notes.json())).toContain("茶叶销路");
    expect((await get(village, `/api/claims/${claim.id}`)).json().abilities).toMatchObject({ accept: true });
    const accepted = await post(village, `/api/claims/${claim.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { projectId } = accepted.json();
    expect(projectId).toBeTypeOf("number");
    expect((await get(village, `/api/needs/${need.id}`)).json()).toMatchObject({ status: "claimed", projectId });

    const project = (await get(community, `/api/projects/${projectId}`)).json();
    expect(project.helpers.map((o: { id: number }) => o.id)).toEqual([ids["community:p"]]);
    expect(project.recipients.map((o: { id: number }) => o.id)).toEqual([ids["village:a1"]]);
    expect(project).toMatchObject({ status: "active", lastActivityOn: null, planLapsed: false });

    // The helper starts; either side records an activity; the giver records, the receiver confirms.
    expect((await post(community, `/api/needs/${need.id}/start`)).json().status).toBe("in_progress");
    const activity = await post(village, `/api/projects/${projectId}/activities`, {
      occurredOn: "2024-05-01",
      type: "theme_day",
      description: "联合主题党日：茶园采摘与直播带货",
      participants: 30,
      hours: 3.5,
      orgId: ids["village:a1"],
    });
    expect(activity.statusCode, activity.body).toBe(201);
    expect(activity.json().activities[0]).toMatchObject({ type: "theme_day", hours: 3.5, participants: 30 });
    const given = await post(community, `/api/projects/${projectId}/contributions`, {
      giverOrgId: ids["community:p"],
      receiverOrgId: ids["village:a1"],
      kind: "money",
      amountFen: 500_000,
      description: "居民认购茶叶",
    });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ status: "recorded", amountFen: 500_000, abilities: { confirm: false } });
    // Two-way: the village gives back (cadre days of a practice base).
    const back = await post(village, `/api/projects/${projectId}/contributions`, {
      giverOrgId: ids["village:a1"],
      receiverOrgId: ids["community:p"],
      kind: "cadre_days",
      hours: 5,
    });
    expect(back.statusCode, back.body).toBe(201);
    expectError(await post(community, `/api/contributions/${given.json().id}/confirm`), 403);
    const confirmed = await post(village, `/api/contributions/${given.json().id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().status).toBe("confirmed");
    expectError(await post(village, `/api/contributions/${given.json().id}/confirm`), 409, {
      code: "contribution.confirmed",
    });

    expect((await post(community, `/api/needs/${need.id}/deliver`)).json().status).toBe("delivered");
    const rated = await post(village, `/api/needs/${need.id}/confirm`, { rating: 5, comment: "销路打开了" });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: "confirmed", rating: 5, ratingComment: "销路打开了" });
    expect((await get(coordinator, `/api/projects/${projectId}`)).json().status).toBe("completed");
    expect((await post(village, `/api/needs/${need.id}/close`)).json().status).toBe("closed");

    // The county coordinator and the leader see all of it in the county's lists.
    for (const s of [coordinator, leader]) {
      const needs = (await get(s, `/api/needs?orgId=${ids["village:a1"]}`)).json();
      expect(needs.items.map((n: { id: number }) => n.id)).toContain(need.id);
      const projects = (await get(s, "/api/projects")).json();
      expect(projects.items.map((p: { id: number }) => p.id)).toContain(projectId);
    }

    // Every step is in the audit log under its own action.
    const log = (await get(auditor, "/api/audit?pageSize=200")).json();
    const actions = log.items.map((e: { action: string }) => e.action);
    for (const action of [
      "need.create",
      "claim.create",
      "claim.accept",
      "need.start",
      "activity.record",
      "contribution.record",
      "contribution.confirm",
      "need.deliver",
      "need.confirm",
      "need.close",
    ]) {
      expect(actions, action).toContain(action);
    }
  });

  it("shows a need by relationship: own, parent, partner, region, claimant; not sibling or unrelated", async () => {
    const superiorsOnly = await postNeed(village, { visibility: "superiors", title: "村部修缮" });
    const forPartners = await postNeed(village, { visibility: "partners", title: "村干部培训" });
    const region = await postNeed(village, { visibility: "region", title: "道路硬化" });
    const draft = await postNeed(village, { visibility: "region", title: "草稿需求", draft: true });
    expect(draft.status).toBe("draft");
    const sees = async (s: Session, id: number) => (await get(s, `/api/needs/${id}`)).statusCode === 200;
    const table = async (s: Session) => [
      await sees(s, superiorsOnly.id),
      await sees(s, forPartners.id),
      await sees(s, region.id),
      await sees(s, draft.id),
    ];
    expect(await table(village)).toEqual([true, true, true, true]); // own
    expect(await table(town)).toEqual([true, true, true, true]); // parent
    expect(await table(coordinator)).toEqual([true, true, true, true]); // the county
    expect(await table(community)).toEqual([false, true, true, false]); // partner
    expect(await table(communityQ)).toEqual([false, false, true, false]); // unrelated, same county
    expect(await table(secb)).toEqual([false, false, true, false]); // a village of another town
    expect(await table(await t.login("seca2"))).toEqual([false, false, true, false]); // sibling

    // Within a town: its villages' needs, not the rest of the county's; an organization one does not read is 404.
    const inTown = (await get(coordinator, `/api/needs?within=${ids["town:a"]}&pageSize=200`)).json();
    expect(inTown.items.map((n: { id: number }) => n.id)).toContain(superiorsOnly.id);
    const inTownB = (await get(coordinator, `/api/needs?within=${ids["village:b1"]}&pageSize=200`)).json();
    expect(inTownB.items.map((n: { id: number }) => n.id)).not.toContain(superiorsOnly.id);
    expectError(await get(village, `/api/needs?within=${ids["village:b1"]}`), 404);

    // The list says the same as the record.
    const listed = (await get(communityQ, "/api/needs?pageSize=200")).json();
    const titles = listed.items.map((n: { title: string }) => n.title);
    expect(titles).toContain("道路硬化");
    expect(titles).not.toContain("村部修缮");
    expect(listed.total).toBe(listed.items.length);

    // Published, then made visible to superiors only: gone from the region.
    const narrowed = await village.request({
      method: "PATCH",
      url: `/api/needs/${region.id}`,
      payload: { visibility: "superiors" },
    });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    expect(await sees(communityQ, region.id)).toBe(false);

    // A claimant sees the need from then on, whatever its visibility: the region's need, claimed, then narrowed.
    const wide = await postNeed(village, { visibility: "region", title: "饮水工程" });
    expect((await post(communityQ, `/api/needs/${wide.id}/claims`, { orgId: ids["community:q"] })).statusCode).toBe(
      201,
    );
    await village.request({ method: "PATCH", url: `/api/needs/${wide.id}`, payload: { visibility: "superiors" } });
    expect(await sees(communityQ, wide.id)).toBe(true);
    expect(await sees(secb, wide.id)).toBe(false);
  });

  it("finds needs, resources and projects by Chinese keywords (words, not substrings), within what one sees", async () => {
    const repair = await postNeed(village, {
      visibility: "region",
      title: "急需修缮村级党群服务中心",
      description: "屋顶漏雨，活动室无法使用。",
    });
    await postNeed(village, { visibility: "superiors", title: "服务中心设备更新", description: "只给上级看" });
    const search = async (s: Session, q: string) =>
      (await get(s, `/api/needs?q=${encodeURIComponent(q)}&pageSize=100`)).json() as {
        items: Array<{ id: number; title: string }>;
        total: number;
      };
    // A word inside the title, a word of the description, two words ANDed.
    for (const q of ["服务中心", "漏雨", "党群 修缮"]) {
      expect(
        (await search(communityQ, q)).items.map((n) => n.id),
        q,
      ).toContain(repair.id);
    }
    // Only what one may see: the superiors-only need stays hidden from the other community.
    expect((await search(communityQ, "设备更新")).total).toBe(0);
    expect((await search(village, "设备更新")).total).toBe(1);
    // Not a substring search: part of a word finds nothing.
    expect((await search(communityQ, "务中")).total).toBe(0);
    // The hall's order and count: newest first for a keyword too, and a count that stops where
    // asked and says so (a lower bound), while the default count is exact.
    const newer = await postNeed(village, { visibility: "region", title: "服务中心培训", description: "新的需求" });
    const hall = (
      await get(communityQ, `/api/needs?q=${encodeURIComponent("服务中心")}&sort=newest&totalUpTo=1`)
    ).json();
    expect(hall.items[0].id).toBe(newer.id);
    expect(hall.items.map((n: { id: number }) => n.id)).toContain(repair.id);
    expect({ total: hall.total, totalCapped: hall.totalCapped }).toEqual({ total: 1, totalCapped: true });
    const exact = (await get(communityQ, `/api/needs?q=${encodeURIComponent("服务中心")}&totalUpTo=5`)).json();
    expect({ total: exact.total, totalCapped: exact.totalCapped }).toEqual({ total: 2, totalCapped: false });
    expectError(await get(communityQ, "/api/needs?sort=oldest"), 400, { field: "sort" });
    expectError(await get(communityQ, "/api/needs?totalUpTo=0"), 400, { field: "totalUpTo" });
    // An edit re-indexes the words.
    await village.request({ method: "PATCH", url: `/api/needs/${repair.id}`, payload: { title: "村级阵地改造" } });
    expect((await search(communityQ, "阵地")).items.map((n) => n.id)).toContain(repair.id);
    expect((await search(communityQ, "修缮")).items.map((n) => n.id)).not.toContain(repair.id);
    // Resources and projects too.
    await post(community, "/api/resources", {
      orgId: ids["community:p"],
      category: "training",
      title: "电商直播培训课程",
      description: "社区电商讲师授课",
      visibility: "region",
    });
    const resources = (await get(secb, `/api/resources?q=${encodeURIComponent("直播")}`)).json();
    const asked = await post(secb, `/api/resources/${resources.items[0].id}/requests`, { orgId: ids["village:b1"] });
    expect(asked.statusCode, asked.body).toBe(201);
    expectError(
      await post(secb, `/api/resources/${resources.items[0].id}/requests`, { orgId: ids["village:b1"] }),
      409,
      {
        code: "resource.requestPending",
      },
    );
    expect(resources.items.map((r: { title: string }) => r.title)).toContain("电商直播培训课程");
    const projects = (await get(village, `/api/projects?q=${encodeURIComponent("茶叶")}`)).json();
    expect(projects.total).toBeGreaterThan(0);
  });

  it("finds a keyword's newest page among the newest rows exactly as the index does, or says it cannot", async () => {
    // newestMatches (db/count.ts) looks for a page of hits among the newest `window` rows; whatever
    // the window, page and page size, its answer is the general query's or null (then the caller
    // asks the index). Checked against the plain ORDER BY … LIMIT on the needs this file posted.
    for (let i = 0; i < 9; i++) {
      await postNeed(village, { visibility: "region", title: i % 3 === 0 ? `六堡茶销售${i}` : `道路硬化${i}` });
    }
    const db = t.database.db;
    const unfiltered = db.selectFrom("needs").where("needs.status", "=", "open");
    const search = textSearch("六堡茶");
    if (!search) throw new Error("no words");
    const hits = (
      await unfiltered
        .where(search.matches("needs.search"))
        .select("needs.id")
        .orderBy("needs.created_at", "desc")
        .orderBy("needs.id", "desc")
        .execute()
    ).map((r) => r.id);
    const rows = (await unfiltered.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
    expect(hits.length).toBeGreaterThanOrEqual(3);
    let answered = 0;
    let declined = 0;
    for (const window of [1, 2, 3, 5, 8, 13, rows, rows + 1])
      for (const pageSize of [1, 2, 3])
        for (const page of [1, 2, 3, 4]) {
          const found = await newestMatches(db, unfiltered, "needs", search.matches, { page, pageSize }, window);
          const expected = hits.slice((page - 1) * pageSize, page * pageSize);
          const label = `window ${window}, page ${page} of ${pageSize}`;
          if (found === null) {
            declined++;
            // Only when the window was full of rows (there may be more) and short of hits for this
            // page, or the page lies beyond the window.
            expect(window <= rows || page * pageSize > window, label).toBe(true);
            continue;
          }
          answered++;
          expect(found.ids, label).toEqual(expected);
          // The total only when the window held every row.
          expect(found.total, label).toBe(window > rows ? hits.length : null);
        }
    expect(answered).toBeGreaterThan(0);
    expect(declined).toBeGreaterThan(0);
  });

  it("expires open needs past their deadline (the system's step): out of the region, owner told, audited", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const overdue = await postNeed(village, { visibility: "region", title: "逾期需求", deadline: tomorrow });
    const helped = await postNeed(village, { visibility: "region", title: "已有人帮", deadline: tomorrow });
    const claim = (await post(community, `/api/needs/${helped.id}/claims`, { orgId: ids["community:p"] })).json();
    await post(village, `/api/claims/${claim.id}/accept`);
    const later = () => new Date(Date.now() + 3 * 86_400_000);
    expect(await needsService(t.database.db, later).expireOverdue()).toBeGreaterThanOrEqual(1);
    expect((await get(village, `/api/needs/${overdue.id}`)).json().status).toBe("expired");
    expect((await get(village, `/api/needs/${helped.id}`)).json().status).toBe("claimed");
    expectError(await get(communityQ, `/api/needs/${overdue.id}`), 404);
    expect(JSON.stringify((await get(village, "/api/notifications")).json())).toContain("逾期需求");
    const log = (await get(auditor, "/api/audit?action=need.expire")).json();
    expect(log.items.map((e: { targetId: string }) => String(e.targetId))).toContain(String(overdue.id));
    // Nothing left to expire: a second sweep changes nothing.
    expect(await needsService(t.database.db, later).expireOverdue()).toBe(0);
  });

  it("refuses with the right codes: 404 unseen, 403 seen but not allowed, 409 illegal step, 400 naming the field", async () => {
    const need = await postNeed(village, { visibility: "partners", title: "党建阵地" });
    // Unseen: 404 whatever the step.
    expectError(await get(secb, `/api/needs/${need.id}`), 404, { code: "not_found" });
    expectError(await post(secb, `/api/needs/${need.id}/claims`, { orgId: ids["village:b1"] }), 404);
    // Seen, not allowed: the partner may not withdraw, the owner may not claim its own need.
    expectError(await post(community, `/api/needs/${need.id}/withdraw`), 403);
    expectError(await post(village, `/api/needs/${need.id}/claims`, { orgId: ids["village:a1"] }), 403, {
      code: "need.ownNeed",
    });
    // Only a helper may start; before any claim is accepted, nobody is one.
    expectError(await post(community, `/api/needs/${need.id}/start`), 403);
    // Illegal in this state: confirming an open need, publishing it again.
    expectError(await post(village, `/api/needs/${need.id}/confirm`, { rating: 4 }), 409, {
      code: "need.illegalTransition",
    });
    expectError(await post(village, `/api/needs/${need.id}/publish`), 409, { code: "need.illegalTransition" });
    // Validation names the field.
    expectError(await post(village, "/api/needs", { orgId: ids["village:a1"], category: "x" }), 400);
    const bad = await post(village, "/api/needs", {
      orgId: ids["village:a1"],
      category: "economy",
      title: "标题",
      description: "描述",
      visibility: "partners",
      budgetFen: -1,
    });
    expectError(bad, 400, { field: "budgetFen" });
    expectError(
      await post(village, "/api/needs", {
        orgId: ids["community:p"],
        category: "economy",
        title: "标题",
        description: "描述",
        visibility: "partners",
      }),
      400,
      { field: "orgId" },
    );
    expectError(await post(village, `/api/needs/${need.id}/confirm`, { rating: 6 }), 400, { field: "rating" });
    // Claiming for an organization one does not act for names the field.
    expectError(await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:q"] }), 400, {
      field: "orgId",
    });
    // A second pending claim of the same helper is a conflict.
    expect((await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:p"] })).statusCode).toBe(201);
    expectError(await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:p"] }), 409, {
      code: "need.claimPending",
    });
    // The leader reads but does not write.
    expectError(await post(leader, `/api/needs/${need.id}/withdraw`), 403);
  });

  it("declines with a reason, lets the claimant withdraw, and withdrawing a need answers its waiting claims", async () => {
    const need = await postNeed(village, { title: "组织生活指导" });
    const first = (await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:p"] })).json();
    expectError(await post(village, `/api/claims/${first.id}/decline`, {}), 400, { field: "reason" });
    expectError(await post(community, `/api/claims/${first.id}/decline`, { reason: "不合适" }), 403);
    const declined = await post(village, `/api/claims/${first.id}/decline`, { reason: "已有帮扶单位" });
    expect(declined.json()).toMatchObject({ status: "declined", declineReason: "已有帮扶单位" });
    expectError(await post(village, `/api/claims/${first.id}/accept`), 409, { code: "claim.notPending" });

    const second = (await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:p"] })).json();
    expectError(await post(village, `/api/claims/${second.id}/withdraw`), 403);
    expect((await post(community, `/api/claims/${second.id}/withdraw`)).json().status).toBe("withdrawn");

    const third = (await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:p"] })).json();
    expect((await post(village, `/api/needs/${need.id}/withdraw`)).json().status).toBe("withdrawn");
    expect((await get(community, `/api/claims/${third.id}`)).json().status).toBe("withdrawn");
    expectError(await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:p"] }), 409, {
      code: "need.illegalTransition",
    });
  });

  it("lets a recipient ask for a resource, rural ones included, and the owner accept it into a project", async () => {
    const res = await post(village, "/api/resources", {
      orgId: ids["village:a1"],
      category: "practice_base",
      title: "茶园历练基地",
      description: "城市党员干部可来村里蹲点，历练作风。",
      capacity: "每期 10 人",
      availableFrom: "2024-03-01",
      availableTo: "2024-11-30",
      visibility: "region",
    });
    expect(res.statusCode, res.body).toBe(201);
    const resource = res.json();
    expect(resource.abilities).toMatchObject({ update: true, request: false });
    expectError(
      await post(village, "/api/resources", {
        orgId: ids["village:a1"],
        category: "venue",
        title: "礼堂",
        description: "可容纳百人",
        availableFrom: "2024-03-01",
        availableTo: "2024-01-01",
        visibility: "partners",
      }),
      400,
      { field: "availableTo" },
    );
    const list = (await get(communityQ, "/api/resources?category=practice_base")).json();
    expect(list.items.map((r: { id: number }) => r.id)).toContain(resource.id);
    const asked = await post(communityQ, `/api/resources/${resource.id}/requests`, {
      orgId: ids["community:q"],
      message: "社区党员骨干十人",
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ direction: "request", status: "pending", resourceId: resource.id });
    expectError(await post(communityQ, `/api/claims/${asked.json().id}/accept`), 403);
    const accepted = await post(village, `/api/claims/${asked.json().id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const project = (await get(communityQ, `/api/projects/${accepted.json().projectId}`)).json();
    expect(project.helpers[0].id).toBe(ids["village:a1"]);
    expect(project.recipients[0].id).toBe(ids["community:q"]);
  });

  it("lets the coordinator above both assign a helper, and nobody else", async () => {
    const need = await postNeed(village, { title: "集体经济项目谋划", visibility: "superiors" });
    expectError(await post(village, `/api/needs/${need.id}/assign`, { orgId: ids["community:p"] }), 403);
    // The town's coordinator is above the village but not the community.
    expectError(await post(town, `/api/needs/${need.id}/assign`, { orgId: ids["community:p"] }), 400, {
      field: "orgId",
    });
    const assigned = await post(coordinator, `/api/needs/${need.id}/assign`, { orgId: ids["community:p"] });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await get(community, `/api/needs/${need.id}`)).json()).toMatchObject({ status: "claimed" });
    expect((await post(community, `/api/needs/${need.id}/start`)).json().status).toBe("in_progress");
  });

  it("refuses a document as an activity photo and a photo that is not one's own, storing nothing", async () => {
    const need = await postNeed(village, { title: "文化活动" });
    const claim = (await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:p"] })).json();
    const { projectId } = (await post(village, `/api/claims/${claim.id}/accept`)).json();
    const boundary = "----huzhu";
    const upload = async (s: Session, name: string, content: Buffer) => {
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await s.request({
        method: "POST",
        url: "/api/attachments",
        payload,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const pdf = await upload(village, "a.pdf", Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
    const photo = await upload(
      village,
      "p.png",
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0a0" } })
        .png()
        .toBuffer(),
    );
    const activity = (photoIds: string[]) => ({
      occurredOn: "2024-06-01",
      type: "volunteer_service",
      description: "志愿服务",
      orgId: ids["village:a1"],
      photoIds,
    });
    const count = async () =>
      (
        await t.database.db
          .selectFrom("project_activities")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("project_id", "=", projectId)
          .executeTakeFirstOrThrow()
      ).n;
    expectError(await post(village, `/api/projects/${projectId}/activities`, activity([pdf])), 400, {
      field: "photoIds",
    });
    // Someone else's upload is not one's own to link.
    expectError(
      await post(community, `/api/projects/${projectId}/activities`, {
        ...activity([photo]),
        orgId: ids["community:p"],
      }),
      400,
      { field: "photoIds" },
    );
    expect(Number(await count())).toBe(0);
    const ok = await post(village, `/api/projects/${projectId}/activities`, activity([photo]));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().activities[0].photoIds).toEqual([photo]);
    // The partner community sees the photo through the project; an outsider does not.
    expect((await get(community, `/api/attachments/${photo}`)).statusCode).toBe(200);
    expect((await get(secb, `/api/attachments/${photo}`)).statusCode).toBe(404);
    // A need takes the document (the activity did not): listed with its type, so pages show the
    // photo as a picture and the PDF as a link.
    const second = await upload(
      village,
      "q.png",
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#00a" } })
        .png()
        .toBuffer(),
    );
    const withFiles = (await postNeed(village, {
      title: "村史馆布展",
      attachmentIds: [pdf, second],
    })) as unknown as Need;
    expect(withFiles.attachmentIds).toEqual([pdf, second]);
    expect(withFiles.attachments.map((a) => [a.contentType, a.name])).toEqual([
      ["application/pdf", "a.pdf"],
      ["image/png", "q.png"],
    ]);
  });

  it("validates a project's plan as an RRULE and flags a lapsed rhythm", async () => {
    const need = await postNeed(village, { title: "季度主题党日" });
    const claim = (await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:p"] })).json();
    const { projectId } = (await post(village, `/api/claims/${claim.id}/accept`)).json();
    const patch = (planRule: string) =>
      community.request({ method: "PATCH", url: `/api/projects/${projectId}`, payload: { planRule } });
    expectError(await patch("FREQ=SOMETIMES"), 400, { field: "planRule" });
    expectError(await patch("FREQ=MONTHLY;INTERVAL=0"), 400, { field: "planRule" });
    const ok = await patch("FREQ=MONTHLY;INTERVAL=3");
    expect(ok.statusCode, ok.body).toBe(200);
    await post(village, `/api/projects/${projectId}/activities`, {
      occurredOn: "2020-01-01",
      type: "theme_day",
      description: "很久以前的一次活动",
      orgId: ids["village:a1"],
    });
    const project = (await get(village, `/api/projects/${projectId}`)).json();
    expect(project).toMatchObject({
      planRule: "FREQ=MONTHLY;INTERVAL=3",
      lastActivityOn: "2020-01-01",
      planLapsed: true,
    });
    expect(project.daysSinceLastActivity).toBeGreaterThan(93);
  });

  it("puts open needs nearby, claims awaiting an answer and lapsed projects on the home page", async () => {
    const card = async (s: Session) =>
      ((await get(s, "/api/home")).json().cards as Array<{ id: string } & Record<string, unknown>>).find(
        (c) => c.id === "help",
      ) as
        | {
            openNeeds: { total: number; items: Array<{ id: number; org: { id: number } }> };
            awaitingAnswer: { total: number; items: Array<{ id: number; abilities: { accept: boolean } }> };
            lapsedProjects: { total: number; items: Array<{ planLapsed: boolean }> };
          }
        | undefined;
    const need = await postNeed(village, { visibility: "region", title: "首页卡片需求" });
    // Others see it among the open needs nearby; the village's own needs are not "nearby" to it.
    const other = await card(communityQ);
    expect(other?.openNeeds.items.map((n) => n.id)).toContain(need.id);
    const own = await card(village);
    expect(own?.openNeeds.items.every((n) => n.org.id !== ids["village:a1"])).toBe(true);
    // A claim waits for the village's answer, and only the village's (and its superiors').
    const claim = (await post(communityQ, `/api/needs/${need.id}/claims`, { orgId: ids["community:q"] })).json();
    const waiting = (await card(village))?.awaitingAnswer;
    expect(waiting?.items.map((c) => c.id)).toContain(claim.id);
    expect(waiting?.items.every((c) => c.abilities.accept)).toBe(true);
    expect((await card(communityQ))?.awaitingAnswer.items.map((c) => c.id) ?? []).not.toContain(claim.id);
    // The quarterly project with nothing since 2020 (an earlier test) has lapsed, for both sides.
    for (const s of [village, community]) {
      const lapsed = (await card(s))?.lapsedProjects;
      expect(lapsed?.total).toBeGreaterThan(0);
      expect(lapsed?.items.every((p) => p.planLapsed)).toBe(true);
    }
    // The leader reads: no answers wait on a role that cannot give them.
    expect((await card(leader))?.awaitingAnswer.total ?? 0).toBe(0);
  });

  it("serializes an accept and a withdrawal of the same need: one wins, neither fails", async () => {
    for (let i = 0; i < 5; i++) {
      const need = await postNeed(village, { title: `并发 ${i}` });
      const claim = (await post(community, `/api/needs/${need.id}/claims`, { orgId: ids["community:p"] })).json();
      const [accepted, withdrawn] = await Promise.all([
        post(village, `/api/claims/${claim.id}/accept`),
        post(village, `/api/needs/${need.id}/withdraw`),
      ]);
      const codes = [accepted.statusCode, withdrawn.statusCode].sort();
      expect(codes, `${accepted.body} ${withdrawn.body}`).toEqual([200, 409]);
      const status = (await get(village, `/api/needs/${need.id}`)).json().status;
      expect(status).toBe(accepted.statusCode === 200 ? "claimed" : "withdrawn");
    }
  });
});
