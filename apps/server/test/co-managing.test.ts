import type { Member } from "@huzhu/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Co-managing (党员共管, F5) gives the co-managing organization read access to a member, never the
 * member's identity, primary organization or co-managing organization: those belong to the
 * primary organization's member.write scope and its superiors, and so does reveal.
 *
 * Fixture: 李三 has primary village:a1 (secretary, town and coordinator above it) and is
 * co-managed by unit:organ (organsec).
 */
describe(`co-managing organizations (${testDatabaseKind})`, () => {
  let t: TestContext;
  let organsec: Session;
  let secretary: Session;
  let lisan: number;
  let a1: number;
  let organ: number;

  beforeAll(async () => {
    t = await createTestContext();
    organsec = await t.login("organsec");
    secretary = await t.login("secretary");
    lisan = await t.memberId("李三");
    a1 = await t.orgId("village:a1");
    organ = await t.orgId("unit:organ");
  }, 60_000);
  afterAll(async () => t?.close());

  const stored = () =>
    t.database.db
      .selectFrom("members")
      .select(["name", "primary_org_id", "co_org_id", "id_number_hash", "phone_masked"])
      .where("id", "=", lisan)
      .executeTakeFirstOrThrow();

  it("reads the member, and is told it may neither edit nor reveal", async () => {
    const res = await organsec.request({ method: "GET", url: `/api/members/${lisan}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      primaryOrg: { id: a1 },
      coOrg: { id: organ },
      abilities: { update: false, reveal: false },
    });
    const listed = (await organsec.request({ method: "GET", url: "/api/members" })).json() as { items: Member[] };
    expect(listed.items.find((m) => m.id === lisan)?.abilities).toEqual({ update: false, reveal: false });
    // The organ's own member stays fully the organ's.
    expect(listed.items.find((m) => m.name === "练七")?.abilities).toEqual({ update: true, reveal: true });
    // The primary side keeps both abilities.
    const primary = await secretary.request({ method: "GET", url: `/api/members/${lisan}` });
    expect((primary.json() as Member).abilities).toEqual({ update: true, reveal: true });
  });

  it("cannot take the member away, drop the co-managing link or change any field (403, audited)", async () => {
    const before = await stored();
    const attempts = [
      { primaryOrgId: organ, coOrgId: null },
      { primaryOrgId: organ },
      { coOrgId: null },
      { name: "李三改" },
      { phone: "13912345678" },
    ];
    for (const payload of attempts) {
      const res = await organsec.request({ method: "PATCH", url: `/api/members/${lisan}`, payload });
      expectError(res, 403, { code: "forbidden" });
    }
    expect(await stored()).toEqual(before);
    // The primary branch still has the member.
    expect((await secretary.request({ method: "GET", url: `/api/members/${lisan}` })).statusCode).toBe(200);
    const refused = await t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "result", "target_id"])
      .where("action", "=", "member.update")
      .execute();
    expect(refused).toHaveLength(attempts.length);
    for (const r of refused) expect(r).toMatchObject({ actor_name: "organsec", result: "denied" });
  });

  it("cannot reveal the member's personal data (403, audited as denied)", async () => {
    const res = await organsec.request({
      method: "POST",
      url: `/api/members/${lisan}/reveal`,
      payload: { field: "idNumber", reason: "共管核对" },
    });
    expectError(res, 403, { code: "forbidden" });
    expect(res.body).not.toContain((await t.personal("李三")).idNumber);
    const denied = await t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "result"])
      .where("action", "=", "member.reveal")
      .execute();
    expect(denied).toEqual([{ actor_name: "organsec", result: "denied" }]);
  });

  it("the primary organization's writers and their superiors still edit, move and reveal", async () => {
    const edited = await secretary.request({
      method: "PATCH",
      url: `/api/members/${lisan}`,
      payload: { education: "bachelor" },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const town = await t.login("town");
    const revealed = await town.request({
      method: "POST",
      url: `/api/members/${lisan}/reveal`,
      payload: { field: "phone", reason: "联系本人" },
    });
    expect(revealed.statusCode, revealed.body).toBe(200);
    // The county's coordinator reaches both organizations: ending the co-managing link is theirs to do.
    const coordinator = await t.login("coordinator");
    const unlinked = await coordinator.request({
      method: "PATCH",
      url: `/api/members/${lisan}`,
      payload: { coOrgId: null },
    });
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect((unlinked.json() as Member).coOrg).toBeNull();
    // Now the organ no longer reaches 李三 at all.
    expectError(await organsec.request({ method: "GET", url: `/api/members/${lisan}` }), 404);
  });
});
