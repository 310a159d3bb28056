import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Help projects' work (issue 8): who may record what for which party, contributions two-way and
 * confirmed by the receiver, photos on needs, and what the audit log says of it by name.
 */
describe(`help projects: activities, contributions, photos (${testDatabaseKind})`, () => {
  let t: TestContext;
  let village: Session;
  let community: Session;
  let communityQ: Session;
  let auditor: Session;
  const ids: Record<string, number> = {};
  let projectId: number;
  let needId: number;

  beforeAll(async () => {
    t = await createTestContext({ county: helpCounty() });
    for (const key of ["village:a1", "village:a2", "community:p", "community:q"]) ids[key] = await t.orgId(key);
    // community:p is village:a1's partner (结对).
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
    auditor = await t.login("auditor");
    const need = await village.request({
      method: "POST",
      url: "/api/needs",
      payload: {
        orgId: ids["village:a1"],
        category: "training",
        title: "村干部电商培训",
        description: "培训三期",
        visibility: "region",
      },
    });
    needId = need.json().id;
    const claim = await community.request({
      method: "POST",
      url: `/api/needs/${needId}/claims`,
      payload: { orgId: ids["community:p"] },
    });
    projectId = (await village.request({ method: "POST", url: `/api/claims/${claim.json().id}/accept` })).json()
      .projectId;
  }, 120_000);
  afterAll(async () => t?.close());

  const post = (s: Session, url: string, payload: Record<string, unknown> = {}) =>
    s.request({ method: "POST", url, payload });

  it("records contributions only from a party one acts for, to the other side, with the amount its kind needs", async () => {
    const url = `/api/projects/${projectId}/contributions`;
    const money = { giverOrgId: ids["community:p"], receiverOrgId: ids["village:a1"], kind: "money", amountFen: 100 };
    // Not the caller's organization, not a party, the same side, the wrong amount field.
    expectError(await post(community, url, { ...money, giverOrgId: ids["village:a1"] }), 400, { field: "giverOrgId" });
    expectError(await post(community, url, { ...money, receiverOrgId: ids["village:a2"] }), 400, {
      field: "receiverOrgId",
    });
    expectError(await post(community, url, { ...money, receiverOrgId: ids["community:p"] }), 400, {
      field: "receiverOrgId",
    });
    expectError(await post(community, url, { ...money, amountFen: undefined, valueFen: 100 }), 400, {
      field: "amountFen",
    });
    expectError(await post(community, url, { ...money, amountFen: 1.5 }), 400, { field: "amountFen" });
    expectError(await post(community, url, { ...money, kind: "volunteer_hours", hours: 1.234 }), 400, {
      field: "hours",
    });
    // An outsider does not see the project at all.
    expectError(await post(communityQ, url, { ...money, giverOrgId: ids["community:q"] }), 404);
    const goods = await post(community, url, { ...money, kind: "goods", amountFen: undefined, valueFen: 880_000 });
    expect(goods.statusCode, goods.body).toBe(201);
    expect(goods.json()).toMatchObject({ kind: "goods", valueFen: 880_000, amountFen: null, status: "recorded" });
    const detail = (await village.request({ method: "GET", url: `/api/projects/${projectId}` })).json();
    expect(detail.contributions[0].abilities.confirm).toBe(true);
    // The audit log names the receiving organization, not a bare number.
    const log = (await auditor.request({ method: "GET", url: "/api/audit?action=contribution.record" })).json();
    expect(JSON.stringify(log.items[0])).toContain("中共三联村支部委员会");
  });

  it("records activities only for a party, not in the future", async () => {
    const url = `/api/projects/${projectId}/activities`;
    const activity = { occurredOn: "2024-04-01", type: "training", description: "第一期", orgId: ids["community:p"] };
    expectError(await post(community, url, { ...activity, orgId: ids["community:q"] }), 400, { field: "orgId" });
    expectError(await post(community, url, { ...activity, occurredOn: "2999-01-01" }), 400, { field: "occurredOn" });
    expectError(await post(community, url, { ...activity, type: "party" }), 400, { field: "type" });
    const ok = await post(community, url, activity);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().lastActivityOn).toBe("2024-04-01");
  });

  it("links a need's photos, shown to whoever sees the need", async () => {
    const boundary = "----huzhu";
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#a00" } })
      .jpeg()
      .toBuffer();
    const uploaded = await village.request({
      method: "POST",
      url: "/api/attachments",
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="村部.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        photo,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const photoId = uploaded.json().id as string;
    const need = await post(village, "/api/needs", {
      orgId: ids["village:a1"],
      category: "venue",
      title: "村部屋顶",
      description: "漏雨",
      visibility: "partners",
      attachmentIds: [photoId],
    });
    expect(need.statusCode, need.body).toBe(201);
    expect(need.json().attachmentIds).toEqual([photoId]);
    expect((await community.request({ method: "GET", url: `/api/attachments/${photoId}` })).statusCode).toBe(200);
    expect((await communityQ.request({ method: "GET", url: `/api/attachments/${photoId}` })).statusCode).toBe(404);
    // Linked once: another need cannot take it.
    expectError(
      await post(village, "/api/needs", {
        orgId: ids["village:a1"],
        category: "venue",
        title: "另一个",
        description: "重复",
        visibility: "partners",
        attachmentIds: [photoId],
      }),
      400,
      { field: "attachmentIds" },
    );
  });

  it("ends a project early by a party, with the reason, telling the other side; 409 once it ended", async () => {
    // A need's project follows its need: it is not ended on its own (no button, 409).
    const need = await post(village, "/api/needs", {
      orgId: ids["village:a1"],
      category: "economy",
      title: "茶叶销路",
      description: "帮助联系销路",
      visibility: "region",
    });
    const claim = await post(community, `/api/needs/${need.json().id}/claims`, { orgId: ids["community:p"] });
    const needProject = (await post(village, `/api/claims/${claim.json().id}/accept`)).json().projectId as number;
    expect(
      (await community.request({ method: "GET", url: `/api/projects/${needProject}` })).json().abilities.cancel,
    ).toBe(false);
    for (const outcome of ["cancelled", "completed"]) {
      expectError(await post(community, `/api/projects/${needProject}/cancel`, { reason: "不再需要", outcome }), 409, {
        code: "project.endsWithNeed",
      });
    }
    // A resource's project, ended by either side.
    const resource = await post(community, "/api/resources", {
      orgId: ids["community:p"],
      category: "volunteers",
      title: "社区团购渠道",
      description: "帮助村里卖茶",
      visibility: "region",
    });
    expect(resource.statusCode, resource.body).toBe(201);
    const request = await post(village, `/api/resources/${resource.json().id}/requests`, { orgId: ids["village:a1"] });
    expect(request.statusCode, request.body).toBe(201);
    const id = (await post(community, `/api/claims/${request.json().id}/accept`)).json().projectId as number;
    const url = `/api/projects/${id}/cancel`;
    const before = (await community.request({ method: "GET", url: `/api/projects/${id}` })).json();
    expect(before).toMatchObject({ status: "active", endedAt: null, endReason: null });
    expect(before.abilities.cancel).toBe(true);
    expectError(await post(community, url, {}), 400, { field: "reason" });
    expectError(await post(community, url, { reason: "x" }), 400, { field: "reason" });
    expectError(await post(community, url, { reason: "不再需要", outcome: "paused" }), 400, { field: "outcome" });
    // An outsider does not see it.
    expectError(await post(communityQ, url, { reason: "不再需要" }), 404);
    const ended = await post(community, url, { reason: "村里已另找销路" });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: "cancelled", endReason: "村里已另找销路" });
    expect(ended.json().endedAt).toEqual(expect.any(String));
    expect(ended.json().abilities).toEqual({
      update: false,
      recordActivity: false,
      recordContribution: false,
      cancel: false,
    });
    // Once ended: no second end, no more work recorded on it.
    expectError(await post(village, url, { reason: "再次取消" }), 409, { code: "project.notActive" });
    expectError(
      await post(village, `/api/projects/${id}/activities`, {
        occurredOn: "2024-05-01",
        type: "visit",
        description: "走访",
        orgId: ids["village:a1"],
      }),
      409,
      { code: "project.notActive" },
    );
    // The other side is told; the one who ended it is not.
    const told = (await village.request({ method: "GET", url: "/api/notifications" })).json();
    expect(told.items.find((n: { kind: string }) => n.kind === "project.cancelled")).toMatchObject({
      link: `/projects/${id}`,
    });
    const self = (await community.request({ method: "GET", url: "/api/notifications" })).json();
    expect(self.items.some((n: { kind: string }) => n.kind === "project.cancelled")).toBe(false);
    // The log keeps the reason, and the refusals under the same action.
    const log = (await auditor.request({ method: "GET", url: "/api/audit?action=project.cancel" })).json();
    const success = log.items.find((e: { result: string }) => e.result === "success");
    expect(success).toMatchObject({ targetType: "project", targetId: String(id) });
    expect(success.detail).toMatchObject({ toStatus: "cancelled", reason: "村里已另找销路" });
    expect(log.items.some((e: { result: string }) => e.result !== "success")).toBe(true);
  });

  it("concludes a resource's project as done", async () => {
    const resource = await post(community, "/api/resources", {
      orgId: ids["community:p"],
      category: "training",
      title: "电商讲师",
      description: "每月一次",
      visibility: "region",
    });
    expect(resource.statusCode, resource.body).toBe(201);
    const request = await post(village, `/api/resources/${resource.json().id}/requests`, {
      orgId: ids["village:a1"],
    });
    expect(request.statusCode, request.body).toBe(201);
    const accepted = await post(community, `/api/claims/${request.json().id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const id = accepted.json().projectId as number;
    const done = await post(village, `/api/projects/${id}/cancel`, { reason: "三期培训已办完", outcome: "completed" });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: "completed", endReason: "三期培训已办完" });
    const told = (await community.request({ method: "GET", url: "/api/notifications" })).json();
    expect(told.items.some((n: { kind: string }) => n.kind === "project.completed")).toBe(true);
  });

  it("lists claims by need for both sides", async () => {
    for (const s of [village, community]) {
      const claims = (await s.request({ method: "GET", url: `/api/claims?needId=${needId}` })).json();
      expect(claims.items).toHaveLength(1);
      expect(claims.items[0]).toMatchObject({ status: "accepted", projectId });
    }
    expect((await communityQ.request({ method: "GET", url: `/api/claims?needId=${needId}` })).json().total).toBe(0);
  });
});
