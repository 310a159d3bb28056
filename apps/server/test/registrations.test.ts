import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaDate } from "../src/platform/china-time.ts";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * In-service members registering with their residential community (双报到, issue 11) through the
 * API: the organ's secretary (or the member) registers a member with an urban community, the
 * community publishes posts, the member takes one, the community records hours, which the member's
 * own organization reads; one active registration per member, held by the database.
 */
describe(`in-service registrations (${testDatabaseKind})`, () => {
  let t: TestContext;
  let organ: Session; // unit:organ's secretary: 练七 works there
  let community: Session; // community:p's secretary
  let stranger: Session; // community:q's secretary
  let member: Session; // 刘二 (village:a1)
  const ids: Record<string, number> = {};
  const today = chinaDate(new Date());

  beforeAll(async () => {
    t = await createTestContext({ county: helpCounty() });
    for (const key of ["unit:organ", "community:p", "community:q", "village:a1"]) ids[key] = await t.orgId(key);
    organ = await t.login("organsec");
    community = await t.login("commsec");
    stranger = await t.login("commsecq");
    member = await t.login("member");
  }, 120_000);
  afterAll(async () => t?.close());

  it("registers, takes a post, records hours; each side only its own steps", async () => {
    const 练七 = await t.memberId("练七");
    expectError(
      await organ.request({
        method: "POST",
        url: "/api/registrations",
        payload: { memberId: 练七, communityOrgId: ids["unit:organ"] },
      }),
      400,
      { field: "communityOrgId" },
    );
    const created = await organ.request({
      method: "POST",
      url: "/api/registrations",
      payload: { memberId: 练七, communityOrgId: ids["community:p"] },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ status: "active", community: { id: ids["community:p"] }, totalHours: 0 });
    expectError(
      await organ.request({
        method: "POST",
        url: "/api/registrations",
        payload: { memberId: 练七, communityOrgId: ids["community:q"] },
      }),
      409,
      { code: "registration.active" },
    );

    // The community publishes posts; the organ may not publish the community's.
    expectError(
      await organ.request({
        method: "POST",
        url: "/api/service-posts",
        payload: { orgId: ids["community:p"], title: "文明劝导岗" },
      }),
      400,
      { field: "orgId" },
    );
    const posted = await community.request({
      method: "POST",
      url: "/api/service-posts",
      payload: { orgId: ids["community:p"], title: "文明劝导岗", description: "周末上午路口文明劝导" },
    });
    expect(posted.statusCode).toBe(201);
    const postId = posted.json().items[0].id as number;
    const other = await stranger.request({
      method: "POST",
      url: "/api/service-posts",
      payload: { orgId: ids["community:q"], title: "政策宣讲岗" },
    });
    const otherPost = other.json().items[0].id as number;
    const listed = (
      await member.request({ method: "GET", url: `/api/service-posts?orgId=${ids["community:p"]}` })
    ).json();
    expect(listed.items.map((p: { title: string }) => p.title)).toEqual(["文明劝导岗"]);

    // Hours need a post taken first; a post of another community is not this registration's.
    const hours = (s: Session, body: Record<string, unknown>) =>
      s.request({ method: "POST", url: `/api/registrations/${id}/hours`, payload: body });
    expectError(await hours(community, { postId, servedOn: today, hours: 2 }), 400, { field: "postId" });
    expectError(
      await community.request({
        method: "POST",
        url: `/api/registrations/${id}/posts`,
        payload: { postId: otherPost },
      }),
      400,
      { field: "postId" },
    );
    expect((await stranger.request({ method: "GET", url: `/api/registrations/${id}/hours` })).statusCode).toBe(404);
    const took = await community.request({
      method: "POST",
      url: `/api/registrations/${id}/posts`,
      payload: { postId },
    });
    expect(took.json().posts).toEqual([{ id: postId, title: "文明劝导岗", hours: 0 }]);
    expectError(
      await community.request({ method: "POST", url: `/api/registrations/${id}/posts`, payload: { postId } }),
      409,
      { code: "registration.postTaken" },
    );

    // Only the community records hours, in halves of an hour.
    expectError(await hours(organ, { postId, servedOn: today, hours: 2 }), 403);
    expectError(await hours(community, { postId, servedOn: today, hours: 1.3 }), 400, { field: "hours" });
    expect((await hours(community, { postId, servedOn: today, hours: 2.5 })).statusCode).toBe(201);
    expect((await hours(community, { postId, servedOn: today, hours: 1 })).statusCode).toBe(201);
    const seen = (await organ.request({ method: "GET", url: `/api/registrations?memberId=${练七}` })).json();
    expect(seen.items[0]).toMatchObject({ totalHours: 3.5, posts: [{ id: postId, hours: 3.5 }] });
    const log = (await organ.request({ method: "GET", url: `/api/registrations/${id}/hours` })).json();
    expect(log.items).toHaveLength(2);
    expect(log.items[0]).toMatchObject({ post: { title: "文明劝导岗" }, by: "commsec" });
  });

  it("lets a member register themself and take a post; the database holds one active registration", async () => {
    const 刘二 = await t.memberId("刘二");
    const mine = await member.request({
      method: "POST",
      url: "/api/registrations",
      payload: { memberId: 刘二, communityOrgId: ids["community:p"] },
    });
    expect(mine.statusCode).toBe(201);
    const [post] = (
      await member.request({ method: "GET", url: `/api/service-posts?orgId=${ids["community:p"]}` })
    ).json().items;
    const took = await member.request({
      method: "POST",
      url: `/api/registrations/${mine.json().id}/posts`,
      payload: { postId: post.id },
    });
    expect(took.statusCode).toBe(200);
    expect(took.json().abilities).toEqual({ takePost: true, recordHours: false });
    const user = await t.database.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "member")
      .executeTakeFirstOrThrow();
    await expect(
      t.database.db
        .insertInto("community_registrations")
        .values({
          member_id: 刘二,
          origin_org_id: ids["village:a1"] as number,
          community_org_id: ids["community:q"] as number,
          registered_on: today,
          created_by: user.id,
        })
        .execute(),
    ).rejects.toMatchObject({ code: "23505" });
  });
});
